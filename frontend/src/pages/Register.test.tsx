import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import RegisterPage from './Register';
import { RequireAuth } from '../auth/RequireAuth';
import type { Indicator } from '../api/types';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';
import { ORG_UNITS, status, summary } from '../test/fixtures';

function indicator(id: number, code: string, over: Partial<Indicator> = {}): Indicator {
  return {
    id, code, title: `Title of ${code}`, plain_title: '', definition: '', procedure_note: '', unit: 'percent', decimal_places: 1,
    polarity: 'higher_is_better', frequency: 'quarterly', aggregation: 'last', multiplier: '1', tolerance_percent: '5',
    tolerance_absolute: null, sets: ['LOCAL'], owner_id: 4, deputy_id: null, organisation_id: 1, org_unit_id: 16,
    lead_organisation_id: null, shared_with_partners: false, public: false, lifecycle: 'active', version: 1,
    created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...over,
  };
}

describe('Indicator register', () => {
  it('joins statuses, filters by status and set, sorts and paginates through every page of the API', async () => {
    signedIn();
    const many = Array.from({ length: 120 }, (_, i) => indicator(i + 1, `LPI X-${String(i + 1).padStart(3, '0')}`, { frequency: i % 2 ? 'monthly' : 'quarterly', sets: i % 3 ? ['LOCAL'] : ['NI'], org_unit_id: i % 4 ? 16 : 2 }));
    const statuses = many.map((i, k) => status({ indicator_id: i.id, code: i.code, rag: k % 5 === 0 ? 'red' : 'green' }));
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.viewer!,
      'GET /api/v1/status/latest-period': { period: '2026-27-Q2' },
      'GET /api/v1/indicators': (c) =>
        c.search.get('cursor') ? { body: { items: many.slice(100), next_cursor: null } } : { body: { items: many.slice(0, 100), next_cursor: 'page2' } },
      'GET /api/v1/status': summary(statuses),
      'GET /api/v1/org-units': ORG_UNITS,
      'GET /api/v1/users': [{ id: 4, username: 'owner', full_name: 'Priya Shah', email: null, job_title: null, role: 'contributor', organisation_id: 1, org_unit_id: 16, active: true }],
    });
    renderApp(<RequireAuth><RegisterPage /></RequireAuth>, { path: '/indicators', route: '/indicators' });
    expect(await screen.findByTestId('result-count')).toHaveTextContent('Showing 1 to 50 of 120 indicators');
    expect(calls.filter((c) => c.path === '/api/v1/indicators')).toHaveLength(2);
    expect(screen.getByRole('navigation', { name: 'Pages of results' })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'red');
    await userEvent.selectOptions(screen.getByLabelText('Indicator set'), 'NI');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    // red: every 5th; NI: every 3rd → every 15th of 120 = 8
    expect(screen.getByTestId('result-count')).toHaveTextContent('Showing 1 to 8 of 8 indicators');
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('Red')).toHaveLength(8);

    await userEvent.click(within(table).getByRole('button', { name: /Code/ }));
    expect(within(table).getByRole('columnheader', { name: /Code/ })).toHaveAttribute('aria-sort', 'descending');
    const firstCode = within(table).getAllByRole('row')[1]!;
    expect(firstCode).toHaveTextContent('LPI X-106');
  });

  it('filters a directorate to every service under it', async () => {
    signedIn();
    const list = [indicator(1, 'A 1', { org_unit_id: 2 }), indicator(2, 'A 2', { org_unit_id: 16 })];
    mockApi({
      'GET /api/v1/auth/me': ME.viewer!,
      'GET /api/v1/status/latest-period': { period: '2026-27-Q2' },
      'GET /api/v1/indicators': { items: list, next_cursor: null },
      'GET /api/v1/status': summary(list.map((i) => status({ indicator_id: i.id, rag: 'green' }))),
      'GET /api/v1/org-units': ORG_UNITS,
      'GET /api/v1/users': [],
    });
    renderApp(<RequireAuth><RegisterPage /></RequireAuth>, { path: '/indicators', route: '/indicators?org=14' });
    expect(await screen.findByTestId('result-count')).toHaveTextContent('of 1 indicator');
    expect(screen.getByRole('table')).toHaveTextContent('A 2');
  });
});
