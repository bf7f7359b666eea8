/** Words for ranks, quartiles and benchmark aims (DESIGN.md §2.4: quartile 1 is the best). */

const QUARTILE_WORDS: Record<number, string> = {
  1: 'Top quartile (among the best 25%)',
  2: 'Second quartile (better than the median)',
  3: 'Third quartile (below the median)',
  4: 'Bottom quartile (among the worst 25%)',
};

export function quartileWords(q: number | null | undefined): string {
  if (q === null || q === undefined) return 'Not ranked';
  return QUARTILE_WORDS[q] ?? `Quartile ${q}`;
}

/** "3rd of 32". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

export function rankWords(rank: number | null | undefined, of: number): string {
  if (rank === null || rank === undefined || !of) return 'Not ranked';
  return `${ordinal(rank)} of ${of}`;
}

const AIM_WORDS: Record<string, string> = {
  top_quartile: 'Reach the top quartile',
  median: 'Be at least as good as the median',
  out_of_bottom_quartile: 'Move out of the bottom quartile',
};

export function aimWords(aim: string, rank?: number | null): string {
  if (aim === 'rank') return rank ? `Rank ${ordinal(rank)} or better` : 'Reach a rank';
  return AIM_WORDS[aim] ?? aim.replace(/_/g, ' ');
}

export function metWords(met: boolean | null | undefined): string {
  if (met === null || met === undefined) return 'Not yet known';
  return met ? 'Met' : 'Not met';
}

const GROUP_KIND_WORDS: Record<string, string> = {
  all_councils: 'All comparable councils',
  nearest_neighbours: 'Nearest neighbours',
  family: 'Family group',
  other: 'Comparator group',
};

export function groupKindWords(kind: string): string {
  return GROUP_KIND_WORDS[kind] ?? kind;
}
