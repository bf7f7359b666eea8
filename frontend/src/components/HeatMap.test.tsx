import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { gridFromRisks } from '../lib/heatMap';
import { HeatMap } from './HeatMap';

describe('HeatMap', () => {
  it('writes counts, codes, scores and bands in the cells, with axes in words, and lists the occupied cells as a table', () => {
    const grid = gridFromRisks([
      { code: 'CR 01', likelihood: 4, impact: 5 },
      { code: 'CR 02', likelihood: 4, impact: 5 },
      { code: 'OR 03', likelihood: 2, impact: 2 },
    ]);
    render(
      <MemoryRouter>
        <HeatMap grid={grid} basisLabel="residual" hrefFor={(c) => (c === 'CR 01' ? '/risks/1' : null)} />
      </MemoryRouter>,
    );
    const map = screen.getByTestId('heat-grid');
    expect(within(map).getByRole('rowheader', { name: 'Likelihood: Likely (4)' })).toBeInTheDocument();
    expect(within(map).getByRole('columnheader', { name: 'Impact: Critical (5)' })).toBeInTheDocument();
    const cell = screen.getByTestId('heat-cell-4-5');
    expect(cell).toHaveTextContent('2 risks');
    expect(cell).toHaveTextContent('CR 01, CR 02');
    expect(cell).toHaveTextContent('Score 20, very high');
    expect(within(cell).getByRole('link', { name: 'CR 01' })).toHaveAttribute('href', '/risks/1');
    expect(screen.getByTestId('heat-cell-1-1')).toHaveTextContent('0 risksScore 1, low');
    expect(map.querySelector('caption')).toHaveTextContent('3 risks by residual score');

    const rows = within(screen.getByTestId('heat-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Likely (4)Critical (5)20Very high2CR 01, CR 02');
    expect(rows[1]).toHaveTextContent('Unlikely (2)Minor (2)4Low1OR 03');
    expect(screen.getByRole('list', { name: /Bands of the risk score/ })).toHaveTextContent('Very high score 16 to 25: 2 risks');
  });
});
