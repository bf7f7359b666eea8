import { describe, expect, it } from 'vitest';
import { aimWords, metWords, ordinal, quartileWords, rankWords } from './benchmark';

describe('benchmark words', () => {
  it('names quartiles with 1 as the best', () => {
    expect(quartileWords(1)).toMatch(/^Top quartile/);
    expect(quartileWords(4)).toMatch(/^Bottom quartile/);
    expect(quartileWords(null)).toBe('Not ranked');
  });

  it('writes ranks as ordinals of the number ranked', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th',
    ]);
    expect(rankWords(3, 32)).toBe('3rd of 32');
    expect(rankWords(null, 32)).toBe('Not ranked');
  });

  it('states aims and whether they are met', () => {
    expect(aimWords('top_quartile')).toBe('Reach the top quartile');
    expect(aimWords('rank', 10)).toBe('Rank 10th or better');
    expect(metWords(true)).toBe('Met');
    expect(metWords(false)).toBe('Not met');
    expect(metWords(null)).toBe('Not yet known');
  });
});
