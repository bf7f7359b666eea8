import { describe, expect, it } from 'vitest';
import { barLayout, sparkLayout } from './charts';

describe('barLayout', () => {
  it('starts every bar at zero on the left when all values are positive', () => {
    const rows = barLayout(
      [
        { label: 'Red', value: 2, display: '2' },
        { label: 'Green', value: 8, display: '8' },
      ],
      400,
    );
    expect(rows.map((r) => [r.x0, r.x1])).toEqual([
      [0, 100],
      [0, 400],
    ]);
  });

  it('moves zero right in proportion when some values are negative', () => {
    const rows = barLayout(
      [
        { label: 'Under', value: -100, display: '−£100' },
        { label: 'Over', value: 300, display: '£300' },
      ],
      400,
    );
    expect(rows[0]).toMatchObject({ zero: 100, x0: 100, x1: 0 });
    expect(rows[1]).toMatchObject({ x0: 100, x1: 400 });
  });

  it('copes with nothing but zeros', () => {
    const rows = barLayout([{ label: 'None', value: 0, display: '0' }], 400);
    expect(rows[0]).toMatchObject({ x0: 0, x1: 0 });
  });
});

describe('sparkLayout', () => {
  it('breaks the line at a missing value and scales to include the target', () => {
    const { dots, path, targetY } = sparkLayout(
      [
        { label: 'a', value: 10 },
        { label: 'b', value: null },
        { label: 'c', value: 20 },
        { label: 'd', value: 30 },
      ],
      100,
      50,
      0,
      40,
    );
    expect(dots).toHaveLength(3);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(targetY).toBe(0);
    expect(dots[0]!.y).toBe(50);
  });

  it('draws nothing without values', () => {
    expect(sparkLayout([{ label: 'a', value: null }], 100, 50, 4).dots).toEqual([]);
  });
});
