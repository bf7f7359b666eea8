import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MyDeadlines } from './MyDeadlines';
import { RequireAuth, RequireRole } from '../auth/RequireAuth';
import { canEnterData } from '../auth/roles';
import type { Deadline } from '../api/types';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';

function item(over: Partial<Deadline>): Deadline {
  return {
    indicator_id: 31,
    code: 'LPI ENV-07',
    title: 'Missed bins put right',
    frequency: 'quarterly',
    period: '2026-27-Q2',
    period_end: '2026-09-30',
    deadline: '2026-10-14',
    state: 'overdue',
    outturn_status: null,
    received_on: null,
    late: false,
    days_overdue: 42,
    owner_id: 4,
    owner_name: 'Priya Shah',
    deputy_id: null,
    org_unit_id: 16,
    directorate_id: 14,
    directorate: 'Environment and Communities',
    ...over,
  };
}

describe('My deadlines', () => {
  it("asks for the signed-in owner's overdue, due soon and due figures and links each to data entry", async () => {
    signedIn();
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.owner!,
      'GET /api/v1/deadlines': {
        as_of: '2026-11-25',
        rule: { working_days_after: 10, due_soon_days: 7, lookback_days: 400, updated_by_name: '', updated_at: null, version: 1 },
        counts: { overdue: 2, due_soon: 1, due: 0, upcoming: 3, received: 20, late: 0 },
        items: [
          item({ code: 'NI 192', indicator_id: 26, period: '2026-27-M09', state: 'due_soon', days_overdue: null, deadline: '2026-12-01' }),
          item({}),
          item({ code: 'NI 185', indicator_id: 22, frequency: 'annual', period: '2025-26', deadline: '2026-04-16', days_overdue: 223, outturn_status: 'draft' }),
        ],
      },
    });
    renderApp(<RequireAuth><RequireRole allow={canEnterData} what="Deadlines"><MyDeadlines /></RequireRole></RequireAuth>);
    const items = await screen.findAllByTestId('my-deadline');
    const q = calls.find((c) => c.path === '/api/v1/deadlines')!.search;
    expect(q.get('mine')).toBe('true');
    expect(q.getAll('state')).toEqual(['overdue', 'due_soon', 'due']);
    expect(within(screen.getByTestId('deadline-count-overdue')).getByText('2')).toBeInTheDocument();
    expect(within(screen.getByTestId('deadline-count-due_soon')).getByText('1')).toBeInTheDocument();
    // Oldest overdue first; each says its state in words and links to data entry.
    expect(items.map((i) => i.dataset.state)).toEqual(['overdue', 'overdue', 'due_soon']);
    expect(items[0]).toHaveTextContent('Overdue');
    expect(items[0]).toHaveTextContent('223 days overdue');
    expect(items[0]).toHaveTextContent('Only a draft is recorded');
    expect(within(items[0]!).getByRole('link', { name: 'Enter NI 185 for 2025/26' })).toHaveAttribute('href', '/data-entry?period=2025-26');
    expect(within(items[2]!).getByRole('link')).toHaveAttribute('href', '/data-entry?period=2026-27-M09');
  });
});
