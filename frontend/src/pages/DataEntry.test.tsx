import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import DataEntryPage from './DataEntry';
import { RequireAuth, RequireRole } from '../auth/RequireAuth';
import { canEnterData } from '../auth/roles';
import type { DataEntrySheet, Outturn } from '../api/types';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';

const outturn = (over: Partial<Outturn> = {}): Outturn => ({
  indicator_id: 27,
  period: '2026-27-Q2',
  value: '163.8',
  numerator: null,
  denominator: null,
  commentary: 'Up on last year.',
  status: 'submitted',
  provenance: 'ui',
  updated_by_name: 'Priya Shah',
  updated_at: '2026-11-20T10:00:00Z',
  verified_by_name: null,
  verified_at: null,
  version: 3,
  ...over,
});

const sheet: DataEntrySheet = {
  period: '2026-27-Q2',
  scope: 'mine',
  rows: [
    {
      indicator: { id: 31, code: 'LPI ENV-07', title: 'Missed bins put right', unit: 'percent', decimal_places: 1, aggregation: 'ratio', frequency: 'quarterly', polarity: 'higher_is_better', owner_id: 4, deputy_id: 7 },
      period: '2026-27-Q2',
      outturn: null,
      target: { period: '2026-27', value: '97.0', low: null, high: null },
    },
    {
      indicator: { id: 27, code: 'NI 191', title: 'Residual household waste per household', unit: 'count', decimal_places: 1, aggregation: 'sum', frequency: 'quarterly', polarity: 'lower_is_better', owner_id: 4, deputy_id: 7 },
      period: '2026-27-Q2',
      outturn: outturn(),
      target: { period: '2026-27-Q2', value: '160.0', low: null, high: null },
    },
  ],
};

function page(user: keyof typeof ME = 'owner') {
  signedIn();
  return {
    render: () =>
      renderApp(
        <RequireAuth>
          <RequireRole allow={canEnterData} what="Data entry">
            <DataEntryPage />
          </RequireRole>
        </RequireAuth>,
        { path: '/data-entry', route: '/data-entry?period=2026-27-Q2' },
      ),
    me: ME[user]!,
  };
}

describe('Data entry grid', () => {
  it('saves a new ratio figure after checking nobody has entered one since, and shows it as saved', async () => {
    const p = page();
    const { calls } = mockApi({
      'GET /api/v1/auth/me': p.me,
      'GET /api/v1/data-entry': sheet,
      'GET /api/v1/indicators/31/outturns/2026-27-Q2': () => ({ status: 404, body: { title: 'Not found', status: 404 } }),
      'PUT /api/v1/indicators/31/outturns/2026-27-Q2': (c) => ({
        status: 201,
        body: outturn({ indicator_id: 31, value: '97.0', numerator: String((c.body as { numerator: string }).numerator), denominator: '1000', version: 1 }),
      }),
    });
    p.render();
    const row = await screen.findByTestId('entry-row-LPI ENV-07');
    await userEvent.type(within(row).getByLabelText(/^Numerator/), '970');
    await userEvent.type(within(row).getByLabelText(/^Denominator/), '1000');
    // (Enter submits the row in a browser; the browser tests press it. jsdom's implicit
    // submission ignores buttons joined to a form by the form attribute.)
    await userEvent.click(within(row).getByRole('button', { name: /^Save/ }));
    await within(row).findByTestId('saved');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ numerator: '970', denominator: '1000', commentary: '', status: 'submitted' });
    expect(put.headers.get('if-match')).toBeNull();
    expect(put.headers.get('x-requested-with')).toBe('goldenthread-web');
  });

  it('shows problem+json field errors at the field and in the summary, keeping what was typed', async () => {
    const p = page();
    mockApi({
      'GET /api/v1/auth/me': p.me,
      'GET /api/v1/data-entry': sheet,
      'PUT /api/v1/indicators/27/outturns/2026-27-Q2': () => ({
        status: 422,
        body: { title: 'Invalid data', status: 422, detail: 'The request has invalid fields; see errors.', errors: [{ field: 'value', message: 'Input should be a valid decimal' }] },
      }),
    });
    p.render();
    const row = await screen.findByTestId('entry-row-NI 191');
    const value = within(row).getByLabelText(/^Value/);
    await userEvent.clear(value);
    await userEvent.type(value, 'lots');
    await userEvent.click(within(row).getByRole('button', { name: /^Save/ }));
    await waitFor(() => expect(value).toHaveAttribute('aria-invalid', 'true'));
    expect(within(row).getByText('Input should be a valid decimal')).toBeInTheDocument();
    const summary = screen.getByRole('alert', { name: 'Some figures were not saved' });
    expect(within(summary).getByRole('link')).toHaveAttribute('href', '#entry-27-value');
    expect(value).toHaveValue('lots');
    expect(sessionStorage.getItem('gt.entry.4.2026-27-Q2.mine')).toContain('lots');
  });

  it('catches a stale edit (412): says who changed it, keeps mine, and reloads only when asked', async () => {
    const p = page();
    let sheetVersion = 0;
    const { calls } = mockApi({
      'GET /api/v1/auth/me': p.me,
      'GET /api/v1/data-entry': () => {
        sheetVersion += 1;
        if (sheetVersion === 1) return { body: sheet };
        return { body: { ...sheet, rows: [sheet.rows[0], { ...sheet.rows[1], outturn: outturn({ value: '170.2', commentary: 'Corrected by the team.', updated_by_name: 'Helen Marsh', version: 4 }) }] } };
      },
      'PUT /api/v1/indicators/27/outturns/2026-27-Q2': () => ({
        status: 412,
        body: {
          title: 'Changed by someone else',
          status: 412,
          detail: 'The 2026-27-Q2 outturn of NI 191 has changed since you loaded it; reload to see the current version.',
          current: { version: 4, updated_by_name: 'Helen Marsh', updated_at: '2026-11-25T09:00:00Z', value: '170.2', status: 'verified', commentary: 'Corrected by the team.' },
        },
      }),
    });
    p.render();
    const row = await screen.findByTestId('entry-row-NI 191');
    const value = within(row).getByLabelText(/^Value/);
    await userEvent.clear(value);
    await userEvent.type(value, '165.0');
    await userEvent.click(within(row).getByRole('button', { name: /^Save/ }));
    const conflict = await within(row).findByTestId('conflict');
    expect(conflict).toHaveTextContent('Helen Marsh changed this figure');
    expect(conflict).toHaveTextContent('170.2');
    expect(value).toHaveValue('165.0');
    expect(calls.find((c) => c.method === 'PUT')!.headers.get('if-match')).toBe('"v3"');

    await userEvent.click(within(conflict).getByRole('button', { name: /Reload their version/ }));
    await waitFor(() => expect(within(screen.getByTestId('entry-row-NI 191')).getByLabelText(/^Value/)).toHaveValue('170.2'));
  });

  it('keeps the figures when the service cannot be reached', async () => {
    const p = page();
    mockApi({
      'GET /api/v1/auth/me': p.me,
      'GET /api/v1/data-entry': sheet,
      'PUT /api/v1/indicators/27/outturns/2026-27-Q2': () => undefined, // network failure
    });
    p.render();
    const row = await screen.findByTestId('entry-row-NI 191');
    const commentary = within(row).getByLabelText(/^Commentary/);
    await userEvent.clear(commentary);
    await userEvent.type(commentary, 'Typed offline');
    await userEvent.click(within(row).getByRole('button', { name: /^Save/ }));
    expect(await within(row).findByText(/could not be reached/)).toBeInTheDocument();
    expect(commentary).toHaveValue('Typed offline');
  });

  it('lets the performance team verify a submitted figure', async () => {
    const p = page('perf');
    const { calls } = mockApi({
      'GET /api/v1/auth/me': p.me,
      'GET /api/v1/data-entry': sheet,
      'PUT /api/v1/indicators/27/outturns/2026-27-Q2': () => ({ body: outturn({ status: 'verified', verified_by_name: 'Pat Performance', version: 4 }) }),
    });
    p.render();
    const row = await screen.findByTestId('entry-row-NI 191');
    await userEvent.click(within(row).getByRole('button', { name: /^Verify/ }));
    await within(row).findByTestId('saved');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({ value: '163.8', status: 'verified' });
    expect(put.headers.get('if-match')).toBe('"v3"');
    expect(row).toHaveTextContent('verified by Pat Performance');
  });

  it('is not for viewers', async () => {
    const p = page('viewer');
    mockApi({ 'GET /api/v1/auth/me': p.me });
    p.render();
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
    expect(screen.queryByTestId('entry-grid')).toBeNull();
  });
});
