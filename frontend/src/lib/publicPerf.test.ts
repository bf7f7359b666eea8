import { describe, expect, it } from 'vitest';
import { anchorFor, latestWords, seriesWords, shown, targetWords } from './publicPerf';

const pct = { unit: 'percent' as const, decimal_places: 1 };

describe('public page words', () => {
  it('rounds figures half-up to the indicator places', () => {
    expect(shown('52.25', pct)).toBe('52.3%');
    expect(shown(null, pct)).toBe('Not available');
  });

  it('says when the latest figure is from, and whether it is a year to date', () => {
    expect(latestWords({ ...pct, value: '52.25', period: '2026-27-Q2', basis: 'ytd' })).toBe('52.3% (year to date at Q2 2026/27)');
    expect(latestWords({ ...pct, value: '40', period: '2025-26', basis: 'annual' })).toBe('40.0% (2025/26)');
    expect(latestWords({ ...pct, value: null, period: null })).toBe('No verified figure yet');
  });

  it('states a target or a target band', () => {
    expect(targetWords({ ...pct, target: '60' })).toBe('60.0%');
    expect(targetWords({ ...pct, target: null, target_low: '10', target_high: '20' })).toBe('Between 10.0% and 20.0%');
    expect(targetWords({ ...pct, target: null })).toBe('No target set');
  });

  it('gives a chart its text alternative, skipping gaps', () => {
    expect(
      seriesWords('Recycling', [
        { period: '2024-25', value: '40' },
        { period: '2025-26', value: null },
        { period: '2026-27', value: '45.06' },
      ], pct),
    ).toBe('Recycling, verified figures from 2024/25 to 2026/27: 2024/25 40.0%; 2026/27 45.1%.');
    expect(seriesWords('Recycling', [], pct)).toBe('Recycling: no verified figures to chart yet.');
  });

  it('makes heading anchors from words', () => {
    expect(anchorFor('Safer, stronger communities')).toBe('priority-safer-stronger-communities');
    expect(anchorFor('!!!')).toBe('priority-other');
  });
});
