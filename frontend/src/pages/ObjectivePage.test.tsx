import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ObjectivePage from './ObjectivePage';
import { RequireAuth } from '../auth/RequireAuth';
import type { Thread, ThreadObjective } from '../api/planningTypes';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';
import { ORG_UNITS } from '../test/fixtures';

const ROLLUP = {
  objectives: 0,
  indicators: { green: 0, amber: 0, red: 0, no_target: 0, no_data: 0, not_applicable: 0 },
  actions: { total: 0, complete: 0, on_track: 0, overdue: 0, cancelled: 0 },
  risks: 0,
  highest_risk_score: null,
};

function objective(id: number, planId: number, level: ThreadObjective['plan_level'], direction: string, up: number[], down: number[], over: Partial<ThreadObjective> = {}): ThreadObjective {
  return {
    id, plan_id: planId, plan_level: level, code: `O${id}`, title: `Objective ${id}`, kind: 'objective', owner_id: null,
    direction, contributes_to: up, contributors: down, indicator_ids: [], action_ids: [], risk_ids: [], rollup: ROLLUP, ...over,
  };
}

const THREAD: Thread = {
  objective_id: 3,
  period: '2026-27-Q2',
  today: '2026-11-25',
  objectives: [
    objective(1, 10, 'community_strategy', 'up', [], [2], { kind: 'ambition', title: 'A greener county' }),
    objective(2, 11, 'corporate_plan', 'up', [1], [3]),
    objective(3, 12, 'service_plan', 'focus', [2], [4], {
      title: 'Recycle more',
      indicator_ids: [7],
      action_ids: [8],
      risk_ids: [9],
      rollup: {
        objectives: 1,
        indicators: { green: 1, amber: 0, red: 1, no_target: 0, no_data: 0, not_applicable: 0 },
        actions: { total: 2, complete: 1, on_track: 0, overdue: 1, cancelled: 0 },
        risks: 1,
        highest_risk_score: 16,
      },
    }),
    objective(4, 13, 'individual', 'down', [3], [], { owner_id: 40, title: 'Run the food-waste trial', indicator_ids: [6] }),
  ],
  plans: [
    { id: 10, level: 'community_strategy', title: 'Community Strategy', status: 'published', owner_org_unit_id: null, owner_user_id: null, start_year: '2008-09', end_year: '2020-21' },
    { id: 11, level: 'corporate_plan', title: 'Corporate Plan', status: 'published', owner_org_unit_id: null, owner_user_id: null, start_year: '2008-09', end_year: '2010-11' },
    { id: 12, level: 'service_plan', title: 'Waste Services Plan', status: 'approved', owner_org_unit_id: 16, owner_user_id: null, start_year: '2009-10', end_year: '2009-10' },
    { id: 13, level: 'individual', title: 'Kate’s objectives', status: 'draft', owner_org_unit_id: null, owner_user_id: 40, start_year: '2009-10', end_year: '2009-10' },
  ],
  indicators: [
    { id: 7, code: 'NI 192', title: 'Household waste recycled', owner_id: 40, rag: 'red', period: '2026-27-Q2', actual: '38.1', target: '40.0', has_remedial_action: true, objective_ids: [3] },
    { id: 6, code: 'LPI W1', title: 'Food waste', owner_id: 40, rag: 'green', period: '2026-27-Q2', actual: '5', target: '4', has_remedial_action: false, objective_ids: [4] },
  ],
  actions: [
    { id: 8, title: 'Roll out food waste', objective_id: 3, indicator_id: null, parent_id: null, owner_id: 40, due_on: '2026-09-30', status: 'in_progress', percent_complete: 60, state: 'overdue' },
  ],
  risks: [{ id: 9, code: 'OR 01', title: 'Market collapse', owner_id: 40, residual_score: 16, objective_ids: [3] }],
  people: [{ id: 40, full_name: 'Kate Armitage', job_title: 'Waste Education Officer', org_unit_id: 16 }],
};

describe('Objective page: the thread both ways', () => {
  it('draws the way up from the ambition and the way down as nested lists with headings, roll-ups and items', async () => {
    signedIn();
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.viewer!,
      'GET /api/v1/objectives/3/thread': THREAD,
      'GET /api/v1/org-units': ORG_UNITS,
      'GET /api/v1/users': [],
    });
    renderApp(<RequireAuth><ObjectivePage /></RequireAuth>, { path: '/objectives/:id', route: '/objectives/3' });
    expect(await screen.findByTestId('objective-title')).toHaveTextContent('O3 Recycle more');
    expect(calls.find((c) => c.path === '/api/v1/objectives/3/thread')!.search.get('period')).toBeNull();

    const up = screen.getByTestId('thread-up');
    const top = within(up).getAllByRole('listitem')[0]!;
    expect(within(top).getByRole('heading', { level: 3 })).toHaveTextContent('O1 A greener county');
    expect(within(top).getByRole('heading', { level: 4 })).toHaveTextContent('O2 Objective 2');
    expect(within(top).getByRole('heading', { level: 5 })).toHaveTextContent('O3 Recycle more This objective');
    expect(top).toHaveTextContent('Community strategy: Community Strategy');

    const focus = screen.getByTestId('thread-focus');
    const rollup = within(focus).getByTestId('rollup-3');
    expect(rollup).toHaveTextContent('1 red');
    expect(rollup).toHaveTextContent('1 green');
    expect(rollup).toHaveTextContent('Actions:1 complete, 0 on track, 1 overdue');
    expect(rollup).toHaveTextContent('highest score 16 (very high)');
    expect(within(focus).getByTestId('thread-indicator-7')).toHaveTextContent('RedNI 192 Household waste recycled');
    expect(within(focus).getByTestId('thread-indicator-7')).toHaveTextContent('Remedial action in place');
    expect(within(focus).getByTestId('thread-action-8')).toHaveTextContent('Overdue');
    expect(within(focus).getByTestId('thread-action-8')).toHaveTextContent('60%');
    expect(within(focus).getByTestId('thread-risk-9')).toHaveTextContent('OR 01');

    const down = screen.getByTestId('thread-down');
    const person = within(down).getByRole('heading', { level: 3 });
    expect(within(person).getByRole('link')).toHaveAttribute('href', '/objectives/4');
    expect(within(down).getByTestId('thread-node-4')).toHaveTextContent('owned by Kate Armitage');
    expect(within(down).getByTestId('thread-indicator-6')).toHaveTextContent('Green');
    expect(screen.getByTestId('thread-people')).toHaveTextContent('Kate Armitage');
    expect(screen.getByTestId('thread-period')).toHaveTextContent('Indicators judged at Q2 2026/27');
  });
});
