import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DashboardPage } from './Dashboard';
import { RequireAuth } from '../auth/RequireAuth';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';
import { ORG_UNITS, status, summary } from '../test/fixtures';

describe('Dashboard', () => {
  it('opens at the latest period with data and shows every status with counts, breakdowns and the red and amber list', async () => {
    signedIn();
    const items = [
      status({ rag: 'red', code: 'NI 62', commentary: 'Placements fell through', org_unit_id: 2, sets: ['NI', 'DOT'] }),
      status({ rag: 'amber', code: 'NI 191', org_unit_id: 16 }),
      status({ rag: 'green', code: 'NI 192', org_unit_id: 16 }),
      status({ rag: 'no_data', code: 'LPI ENV-07', org_unit_id: 16 }),
      status({ rag: 'no_target', code: 'NI 8', org_unit_id: null }),
      status({ rag: 'not_applicable', code: 'LPI CYP-04', org_unit_id: 2 }),
    ];
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.viewer!,
      'GET /api/v1/status/latest-period': { period: '2026-27-Q2' },
      'GET /api/v1/status': summary(items),
      'GET /api/v1/org-units': ORG_UNITS,
    });
    renderApp(
      <RequireAuth>
        <DashboardPage />
      </RequireAuth>,
    );
    await screen.findByTestId('dashboard-ready');
    expect(calls.find((c) => c.path === '/api/v1/status')!.search.get('period')).toBe('2026-27-Q2');
    for (const rag of ['red', 'amber', 'green', 'no_data', 'no_target', 'not_applicable']) {
      expect(within(screen.getByTestId(`count-${rag}`)).getByText('1')).toBeInTheDocument();
    }
    const byDirectorate = screen.getByRole('table', { name: 'By directorate' });
    expect(within(byDirectorate).getByRole('rowheader', { name: 'Place' })).toBeInTheDocument();
    expect(within(byDirectorate).getByRole('rowheader', { name: 'No directorate (partners)' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'By indicator set' })).toHaveTextContent('DOT');
    const attention = screen.getAllByTestId('attention-item');
    expect(attention).toHaveLength(2);
    expect(attention[0]).toHaveTextContent('NI 62');
    expect(attention[0]).toHaveTextContent('Placements fell through');
    expect(attention[0]).toHaveTextContent('red: test explanation');
    expect(within(attention[0]!).getByRole('link')).toHaveAttribute('href', expect.stringMatching(/^\/indicators\/\d+$/));
  });

  it('shows an empty state when the register is empty', async () => {
    signedIn();
    mockApi({
      'GET /api/v1/auth/me': ME.viewer!,
      'GET /api/v1/status/latest-period': { period: null },
      'GET /api/v1/status': summary([]),
      'GET /api/v1/org-units': [],
    });
    renderApp(
      <RequireAuth>
        <DashboardPage />
      </RequireAuth>,
    );
    expect(await screen.findByText(/no active indicators/i)).toBeInTheDocument();
  });

  it('sends an expired session to sign-in with the way back', async () => {
    signedIn();
    mockApi({
      'GET /api/v1/auth/me': () => ({ status: 401, body: { title: 'Not signed in', status: 401, detail: 'expired' } }),
    });
    renderApp(
      <RequireAuth>
        <DashboardPage />
      </RequireAuth>,
      { path: '/', route: '/?period=2025-26' },
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sign-in?next=%2F%3Fperiod%3D2025-26&expired=1'));
    expect(sessionStorage.getItem('gt.session')).toBeNull();
  });
});
