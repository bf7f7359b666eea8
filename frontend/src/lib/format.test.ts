import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, roundDecimal } from './format';

describe('formatValue', () => {
  it('keeps the exact digits and groups thousands', () => {
    expect(formatNumber('1234567.50')).toBe('1,234,567.50');
    expect(formatValue('7702300', 'currency')).toBe('£7,702,300');
    expect(formatValue('96.0', 'percent')).toBe('96.0%');
    expect(formatValue('-1.0', 'percent')).toBe('−1.0%');
    expect(formatValue('7.1', 'days')).toBe('7.1 days');
    expect(formatValue('1', 'yes_no')).toBe('Yes');
    expect(formatValue(null, 'count')).toBe('–');
  });
});

describe('roundDecimal', () => {
  it('rounds half up on the digits, as the API judges', () => {
    expect(roundDecimal('46.7999213836', 1)).toBe('46.8');
    expect(roundDecimal('98.674145844', 1)).toBe('98.7');
    expect(roundDecimal('2.25', 1)).toBe('2.3');
    expect(roundDecimal('9.96', 1)).toBe('10.0');
    expect(roundDecimal('99.5', 0)).toBe('100');
    expect(roundDecimal('-1.25', 1)).toBe('-1.3');
    expect(roundDecimal('7', 2)).toBe('7.00');
  });
});
