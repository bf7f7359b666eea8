import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import IprPage from './IprPage';
import type { Ipr } from '../api/reportTypes';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';
import { ORG_UNITS, summary } from '../test/fixtures';

const counts = (red: number, amber: number, green: number) => ({ red, amber, green, no_target: 0, no_data: 0, not_applicable: 0 });
const dot = { improving: 2, worsening: 1, no_change: 0, not_comparable: 0, not_applicable: 0, score: '66.7' };
const action = {
  id: 7, code: 'REM 1', title: 'Recovery plan for NI 193', is_milestone: false, parent_id: null, indicator_id: 1, objective_id: null,
  owner_id: 4, owner_name: 'Priya Shah', org_unit_id: 16, start_on: '2026-07-01', due_on: '2027-01-24', status: 'in_progress',
  percent_complete: 20, expected_percent: 40, overdue: false, at_risk: true, days_overdue: null, days_left: 101,
  latest_update: null,
  updates_since_previous: [{ reported_on: '2026-09-30', note: 'Contractor appointed', status: 'in_progress', percent_complete: 20, author_name: 'Priya Shah' }],
};

const REPORT = {
  title: 'Integrated performance report', period: '2026-27-Q2', period_start: '2026-07-01', period_end: '2026-09-30',
  previous_period: '2026-27-Q1', previous_basis: 'cycle', as_of: '2026-10-15', previous_as_of: '2026-07-15',
  scope: { kind: 'council', code: 'council', id: null, name: 'Whole council' }, include_amber: false,
  generated_at: '2026-10-15T09:00:00Z',
  headline: {
    total: 3, counts: counts(1, 0, 2), direction_of_travel: dot, previous_total: 3, previous_counts: counts(0, 1, 2),
    previous_direction_of_travel: { ...dot, score: '50.0' }, change: counts(1, -1, 0), direction_of_travel_change: '16.7',
  },
  exceptions: [
    {
      indicator_id: 1, code: 'NI 193', title: 'Municipal waste land filled', unit: 'percent', decimal_places: 1, polarity: 'lower_is_better',
      period: '2026-27-Q2', rag: 'red', rag_words: 'Red', previous_rag: 'amber', actual: '33.44', target: '30.0', low: null, high: null,
      trend: 'improving', explanation: 'Red: 33.4% against a target of 30.0%.', commentary: 'The plant was offline.', data_quality: 'verified',
      owner_id: 4, owner_name: 'Priya Shah', org_unit_id: 16, org_unit: 'Waste Management', remedial_actions: [action],
    },
  ],
  highlights: [],
  actions: { at_risk_days: 30, overdue: [], at_risk: [action], open_total: 4 },
  risks: { open_total: 0, highest: [], changed: [] },
  finance: { year: '2026-27', rows: [], budget: '0', forecast: null, variance: null, variance_percent: null },
  data_quality: { due: 3, missing: 0, late: 0, unverified: 0, qualified: 0, not_yet_due: 0, items: [] },
} as unknown as Ipr;

describe('Integrated performance report page', () => {
  it('shows the headline against the previous report and each red indicator with its remedial actions', async () => {
    signedIn();
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.perf!,
      'GET /api/v1/status/latest-period': { period: '2026-27-Q2' },
      'GET /api/v1/status': summary([]),
      'GET /api/v1/org-units': ORG_UNITS,
      'GET /api/v1/reports/ipr': REPORT,
    });
    renderApp(<IprPage />, { path: '/reports/ipr', route: '/reports/ipr' });
    const ex = await screen.findByTestId('ipr-exception');
    expect(within(ex).getByRole('heading', { level: 3 })).toHaveTextContent('NI 193: Municipal waste land filled');
    expect(ex).toHaveTextContent('Actual 33.4%');
    expect(ex).toHaveTextContent('Previous report Amber');
    const remedial = within(ex).getByTestId('ipr-action');
    expect(remedial).toHaveTextContent('REM 1 Recovery plan for NI 193');
    expect(remedial).toHaveTextContent('20% complete (behind: 40% expected by now)');
    expect(remedial).toHaveTextContent('Contractor appointed');
    const red = screen.getByTestId('headline-red');
    expect(red).toHaveTextContent('Red10+1up 1');
    expect(within(red).getByText('up 1')).toBeInTheDocument();
    expect(screen.getByTestId('headline-dot')).toHaveTextContent('up 16.7 percentage points');
    const ipr = calls.find((c) => c.path === '/api/v1/reports/ipr')!;
    expect(ipr.search.get('period')).toBe('2026-27-Q2');
    expect(ipr.search.get('scope')).toBe('council');
  });

  it('downloads the PDF with the session token and hands the browser the file', async () => {
    signedIn();
    const { calls, fetchMock } = mockApi({
      'GET /api/v1/auth/me': ME.perf!,
      'GET /api/v1/status': summary([]),
      'GET /api/v1/org-units': ORG_UNITS,
      'GET /api/v1/reports/ipr': REPORT,
    });
    const created = vi.fn(() => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const json = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (req: Request) => {
      if (new URL(req.url).pathname === '/api/v1/reports/ipr.pdf') {
        calls.push({ method: 'GET', path: '/api/v1/reports/ipr.pdf', search: new URL(req.url).searchParams, headers: req.headers, body: undefined });
        return new Response(new Blob(['%PDF-1.7']), {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="ipr-2026-27-Q2-council.pdf"' },
        });
      }
      return json(req);
    });
    renderApp(<IprPage />, { path: '/reports/ipr', route: '/reports/ipr?period=2026-27-Q2' });
    await screen.findByTestId('ipr-ready');
    await userEvent.click(screen.getByRole('button', { name: 'Download as PDF' }));
    await vi.waitFor(() => expect(clicked).toHaveBeenCalled());
    const pdf = calls.find((c) => c.path === '/api/v1/reports/ipr.pdf')!;
    expect(pdf.headers.get('Authorization')).toBe('Bearer test-token');
    expect(pdf.search.get('period')).toBe('2026-27-Q2');
    expect(created).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Print this report' })).toBeInTheDocument();
  });
});
