import { describe, expect, it } from 'vitest';
import { latestEndedQuarter, parsePeriod, periodLabel, periodsOfYear, periodSpan, yearCode } from './periods';

describe('periods', () => {
  it('parses the three kinds of code and refuses calendar months', () => {
    expect(parsePeriod('2026-27')).toMatchObject({ startYear: 2026, kind: 'annual' });
    expect(parsePeriod('2026-27-Q2')).toMatchObject({ kind: 'quarterly', position: 2 });
    expect(parsePeriod('2008-09-M10')).toMatchObject({ kind: 'monthly', position: 10 });
    expect(parsePeriod('1999-00')).toMatchObject({ startYear: 1999 });
    expect(parsePeriod('2008-10')).toBeNull();
    expect(parsePeriod('2008-09-M13')).toBeNull();
  });

  it('labels periods the way staff say them', () => {
    expect(periodLabel('2026-27')).toBe('2026/27');
    expect(periodLabel('2026-27-Q2')).toBe('Q2 2026/27');
    expect(periodLabel('2008-09-M10')).toBe('January 2009');
    expect(periodLabel('2008-09-M01')).toBe('April 2008');
    expect(periodSpan('2026-27-Q4')).toBe('January to March 2027');
  });

  it('finds the latest quarter that has ended', () => {
    expect(latestEndedQuarter(new Date(2026, 10, 25))).toBe('2026-27-Q2');
    expect(latestEndedQuarter(new Date(2026, 3, 1))).toBe('2025-26-Q4');
    expect(latestEndedQuarter(new Date(2027, 1, 10))).toBe('2026-27-Q3');
  });

  it('lists the periods of a year', () => {
    expect(yearCode(2009)).toBe('2009-10');
    expect(periodsOfYear(2026, 'quarterly')).toEqual(['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4']);
    expect(periodsOfYear(2026, 'monthly')).toHaveLength(12);
  });
});
