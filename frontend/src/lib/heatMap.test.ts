import { describe, expect, it } from 'vitest';
import { bandOfScore, describeScore, gridFromAnswer, gridFromRisks } from './heatMap';

describe('the heat-map grid', () => {
  it('bands scores as the corporate risk matrix does', () => {
    expect([1, 4, 5, 9, 10, 15, 16, 25].map(bandOfScore)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'very_high', 'very_high']);
  });

  it('builds all 25 cells from risks, likelihood 5 at the top and impact 1 on the left', () => {
    const grid = gridFromRisks([
      { code: 'CR 10', likelihood: 4, impact: 4 },
      { code: 'CR 2', likelihood: 4, impact: 4 },
      { code: 'OR 7', likelihood: 1, impact: 5 },
      { code: 'BAD', likelihood: 6, impact: 1 },
    ]);
    expect(grid.rows.map((r) => r.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(grid.rows.every((r) => r.cells.map((c) => c.impact).join() === '1,2,3,4,5')).toBe(true);
    const cell = grid.rows[1]!.cells[3]!;
    expect(cell).toMatchObject({ likelihood: 4, impact: 4, score: 16, band: 'very_high', count: 2, codes: ['CR 2', 'CR 10'] });
    expect(grid.rows[4]!.cells[4]).toMatchObject({ score: 5, band: 'medium', count: 1, codes: ['OR 7'] });
    expect(grid.total).toBe(3);
    expect(grid.byBand).toEqual({ low: 0, medium: 1, high: 0, very_high: 2 });
    expect(grid.rows[0]!.label).toBe('Almost certain');
    expect(grid.impactLabels[5]).toBe('Critical');
  });

  it('fills the cells the API leaves out, and takes its words for the axes', () => {
    const grid = gridFromAnswer({
      likelihood_labels: { '5': 'almost certain', '4': 'likely', '3': 'possible', '2': 'unlikely', '1': 'rare' },
      impact_labels: { '1': 'negligible', '5': 'critical' },
      rows: [{ likelihood: 3, cells: [{ likelihood: 3, impact: 4, band: 'high', count: 2, codes: ['SR 3', 'SR 1'] }] }],
    });
    expect(grid.rows.flatMap((r) => r.cells)).toHaveLength(25);
    expect(grid.rows[2]!.cells[3]).toMatchObject({ score: 12, band: 'high', count: 2, codes: ['SR 1', 'SR 3'] });
    expect(grid.rows[0]!.cells[0]).toMatchObject({ score: 5, band: 'medium', count: 0, codes: [] });
    expect(grid.rows[2]!.label).toBe('Possible');
    expect(grid.impactLabels[1]).toBe('Negligible');
    expect(grid.impactLabels[3]).toBe('Moderate');
    expect(grid.total).toBe(2);
  });

  it('reads a score in words', () => {
    expect(describeScore(4, 4)).toBe('Likely (4) × major (4) = 16, very high');
  });
});
