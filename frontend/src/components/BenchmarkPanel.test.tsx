import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BenchmarkPanel } from './BenchmarkPanel';
import type { Benchmark } from '../api/reportTypes';
import { mockApi, renderApp, signedIn } from '../test/utils';

const group = { id: 1, code: 'FAMILY', name: 'Statistical family', kind: 'nearest_neighbours' as const };
const other = { id: 2, code: 'ALL', name: 'All single-tier councils', kind: 'all_councils' as const };

function benchmark(over: Partial<Benchmark> = {}): Benchmark {
  const council = (id: number, name: string, value: string, rank: number, quartile: number, is_us = false) => ({
    council_id: id, code: `C${id}`, name, value, period_label: '', is_us, rank, quartile,
  });
  return {
    indicator_id: 20, code: 'LPI CORP-01', title: 'Staff reviews', unit: 'percent', decimal_places: 0,
    polarity: 'higher_is_better', year: '2025-26', group, ranked: true,
    us: { id: 1, code: 'C1', name: 'Wyvern County Council' },
    own: { value: '83', source: 'outturn', data_quality: 'verified' },
    rank: 3, quartile: 3, number_ranked: 4,
    statistics: {
      count: 4, lower_quartile: '80.75', median: '85', upper_quartile: '89.25', best: '92', worst: '72',
      top_quartile_threshold: '89.25', bottom_quartile_threshold: '80.75',
    },
    comparators: [
      council(2, 'Council Two', '92', 1, 1),
      council(3, 'Council Three', '88', 2, 2),
      council(1, 'Wyvern County Council', '83', 3, 3, true),
      council(4, 'Council Four', '72', 4, 4),
    ],
    aims: [
      {
        id: 1, indicator_id: 20, period: '2026-27', group, aim: 'top_quartile', rank: null, basis_year: null, note: '',
        resolved_value: '89.25', basis_used: '2025-26', number_ranked: 4, own_value: null, met: false,
        explanation: 'Aim to reach the top quartile.', version: 1, updated_by_name: 'Perf', updated_at: '2026-01-01T00:00:00Z',
      },
    ],
    explanation: 'Ranked 3 of 4 in Statistical family in 2025-26.',
    available_groups: [group, other],
    available_years: ['2025-26', '2024-25'],
    ...over,
  } as Benchmark;
}

describe('BenchmarkPanel', () => {
  it('shows rank of N, the quartile in words, the median, the aim and the comparator table', async () => {
    signedIn();
    mockApi({ 'GET /api/v1/indicators/20/benchmark': benchmark() });
    renderApp(<BenchmarkPanel indicatorId={20} />);
    const summary = await screen.findByTestId('benchmark-summary');
    expect(summary).toHaveTextContent('3rd of 4');
    expect(summary).toHaveTextContent('Third quartile (below the median)');
    expect(summary).toHaveTextContent('Median85%');
    // Thresholds keep their precision: 89.25, not a rounded 89.
    expect(summary).toHaveTextContent('Value to reach the top quartile89.25%');
    expect(screen.getByTestId('benchmark-aims')).toHaveTextContent('2026/27: Reach the top quartile of Statistical family (89.25% in 2025/26). Met: Not met.');
    const table = screen.getByTestId('benchmark-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(within(rows[3]!).getByRole('rowheader')).toHaveTextContent('Wyvern County Council (this council)');
  });

  it('asks for another group and year', async () => {
    signedIn();
    const { calls } = mockApi({ 'GET /api/v1/indicators/20/benchmark': benchmark() });
    renderApp(<BenchmarkPanel indicatorId={20} />);
    await screen.findByTestId('benchmark-summary');
    await userEvent.selectOptions(screen.getByLabelText('Compare with'), 'ALL');
    await userEvent.selectOptions(screen.getByLabelText('Year'), '2024-25');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await screen.findByTestId('benchmark-summary');
    const last = calls.filter((c) => c.path.endsWith('/benchmark')).at(-1)!;
    expect(last.search.get('group')).toBe('ALL');
    expect(last.search.get('year')).toBe('2024-25');
  });

  it('says so when there are no comparator figures, and when values are not ranked', async () => {
    signedIn();
    mockApi({
      'GET /api/v1/indicators/20/benchmark': benchmark({ group: null, comparators: [], explanation: 'No comparator values for this indicator.', available_groups: [], available_years: [] }),
    });
    renderApp(<BenchmarkPanel indicatorId={20} />);
    expect(await screen.findByText('No comparator values for this indicator.')).toBeInTheDocument();
  });

  it('does not rank a target-band indicator', async () => {
    signedIn();
    mockApi({ 'GET /api/v1/indicators/20/benchmark': benchmark({ ranked: false, rank: null, quartile: null, polarity: 'target_band' }) });
    renderApp(<BenchmarkPanel indicatorId={20} />);
    const summary = await screen.findByTestId('benchmark-summary');
    expect(summary).toHaveTextContent('Not ranked: no better direction');
  });
});
