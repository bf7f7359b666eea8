import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import PublicPerformancePage from './PublicPerformance';
import type { PublicPage } from '../api/publicClient';
import { mockApi, renderApp, signedIn } from '../test/utils';

const PAGE: PublicPage = {
  title: 'How we are doing',
  notes: 'Only figures checked and verified by the council are shown.',
  priorities: [
    {
      priority: 'A cleaner, greener county',
      indicators: [
        {
          code: 'NI 192', title: 'Household waste recycled', official_title: 'Percentage of household waste sent for reuse, recycling and composting',
          definition: 'Tonnes recycled over tonnes collected.', unit: 'percent', decimal_places: 1, polarity: 'higher_is_better',
          better: 'Higher is better', frequency: 'quarterly', period: '2026-27-Q2', value: '45.06', basis: 'ytd', target: '50',
          target_low: null, target_high: null, status: 'red', status_words: 'Off target', explanation: 'Below the target.',
          trend: 'improving', trend_words: 'Getting better', previous_year_value: '41',
          series: [
            { period: '2026-27-Q1', value: '44' },
            { period: '2026-27-Q2', value: '45.06' },
          ],
        },
      ],
    },
    { priority: 'Healthy lives', indicators: [] },
  ],
};

describe('Public performance page', () => {
  it('shows each measure in plain words, with status as shape and words, and sends no token even when signed in', async () => {
    signedIn();
    const { calls } = mockApi({ 'GET /api/v1/public/indicators': PAGE });
    renderApp(<PublicPerformancePage />);
    const card = await screen.findByTestId('public-indicator');
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent('Household waste recycled');
    expect(within(card).getByTestId('public-value')).toHaveTextContent('45.1% (year to date at Q2 2026/27)');
    const status = within(card).getByTestId('public-status');
    expect(status).toHaveTextContent('Off target');
    expect(status.querySelector('svg')).not.toBeNull();
    expect(within(card).getByTestId('public-trend')).toHaveTextContent('Getting better (a year earlier: 41.0%)');
    expect(within(card).getByRole('img')).toHaveAccessibleName(/Q1 2026\/27 44\.0%; Q2 2026\/27 45\.1%/);
    expect(screen.getByRole('link', { name: /Download as CSV/ })).toHaveAttribute('href', '/api/v1/public/indicators.csv');
    expect(screen.getByRole('link', { name: /Download as JSON/ })).toHaveAttribute('href', '/api/v1/public/indicators.json');
    expect(screen.getByRole('link', { name: 'Healthy lives' })).toHaveAttribute('href', '#priority-healthy-lives');
    const call = calls.find((c) => c.path === '/api/v1/public/indicators')!;
    expect(call.headers.get('Authorization')).toBeNull();
  });

  it('works signed out', async () => {
    mockApi({ 'GET /api/v1/public/indicators': PAGE });
    renderApp(<PublicPerformancePage />);
    expect(await screen.findByRole('heading', { level: 2, name: 'A cleaner, greener county' })).toBeInTheDocument();
    expect(screen.queryByText('Sign-in page')).toBeNull();
  });
});
