/**
 * The 5 × 5 risk matrix: likelihood up the side (5 at the top, as it is drawn), impact along
 * the bottom. Every cell is present, with its score, band, count and risk codes, so the grid
 * and its table equivalent always show the same 25 cells.
 */
import type { Band } from '../api/planningTypes';

export const SCALE = [1, 2, 3, 4, 5] as const;

export const LIKELIHOOD_WORDS: Record<number, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
};

export const IMPACT_WORDS: Record<number, string> = {
  1: 'Negligible',
  2: 'Minor',
  3: 'Moderate',
  4: 'Major',
  5: 'Critical',
};

export const BAND_LABELS: Record<Band, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  very_high: 'Very high',
};

export const BAND_ORDER: Band[] = ['very_high', 'high', 'medium', 'low'];

/** The bands of the corporate risk matrix: 1–4 low, 5–9 medium, 10–15 high, 16–25 very high. */
export function bandOfScore(score: number): Band {
  if (score >= 16) return 'very_high';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

export interface GridCell {
  likelihood: number;
  impact: number;
  score: number;
  band: Band;
  count: number;
  codes: string[];
}

export interface Grid {
  /** Likelihood 5 down to 1; in each row, impact 1 to 5. */
  rows: { likelihood: number; label: string; cells: GridCell[] }[];
  impactLabels: Record<number, string>;
  total: number;
  byBand: Record<Band, number>;
}

const cmpCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

function cap(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function assemble(
  cellOf: (likelihood: number, impact: number) => { count: number; codes: string[]; band?: Band } | undefined,
  likelihoodLabels?: Record<string, string>,
  impactLabels?: Record<string, string>,
): Grid {
  const byBand: Record<Band, number> = { low: 0, medium: 0, high: 0, very_high: 0 };
  let total = 0;
  const rows = [...SCALE].reverse().map((likelihood) => ({
    likelihood,
    label: cap(likelihoodLabels?.[String(likelihood)] ?? '') || (LIKELIHOOD_WORDS[likelihood] as string),
    cells: SCALE.map((impact) => {
      const found = cellOf(likelihood, impact);
      const score = likelihood * impact;
      const band = found?.band ?? bandOfScore(score);
      const codes = [...(found?.codes ?? [])].sort(cmpCode);
      const count = found?.count ?? codes.length;
      byBand[band] += count;
      total += count;
      return { likelihood, impact, score, band, count, codes };
    }),
  }));
  const labels: Record<number, string> = {};
  for (const i of SCALE) labels[i] = cap(impactLabels?.[String(i)] ?? '') || (IMPACT_WORDS[i] as string);
  return { rows, impactLabels: labels, total, byBand };
}

/** What the heat-map endpoint answers (the generated HeatMapRead has all of it). */
export interface HeatMapAnswer {
  likelihood_labels: Record<string, string>;
  impact_labels: Record<string, string>;
  rows: { likelihood: number; cells: { likelihood: number; impact: number; band: Band; count: number; codes: string[] }[] }[];
}

/** The API's heat map as a full grid; a cell missing from the answer counts as empty. */
export function gridFromAnswer(answer: HeatMapAnswer): Grid {
  const cells = new Map<string, { count: number; codes: string[]; band: Band }>();
  for (const row of answer.rows) for (const c of row.cells) cells.set(`${c.likelihood}:${c.impact}`, c);
  return assemble((l, i) => cells.get(`${l}:${i}`), answer.likelihood_labels, answer.impact_labels);
}

export interface ScoredRisk {
  code: string;
  likelihood: number;
  impact: number;
}

/** A grid worked out from risks in hand (for example the risks on one thread). */
export function gridFromRisks(risks: readonly ScoredRisk[]): Grid {
  const cells = new Map<string, string[]>();
  for (const r of risks) {
    if (!Number.isInteger(r.likelihood) || !Number.isInteger(r.impact)) continue;
    if (r.likelihood < 1 || r.likelihood > 5 || r.impact < 1 || r.impact > 5) continue;
    const key = `${r.likelihood}:${r.impact}`;
    cells.set(key, [...(cells.get(key) ?? []), r.code]);
  }
  return assemble((l, i) => {
    const codes = cells.get(`${l}:${i}`);
    return codes ? { count: codes.length, codes } : undefined;
  });
}

/** "Likely (4) × Major (4) = 16, very high": the words a cell or a risk's score is read as. */
export function describeScore(likelihood: number, impact: number): string {
  const score = likelihood * impact;
  return `${LIKELIHOOD_WORDS[likelihood] ?? likelihood} (${likelihood}) × ${(IMPACT_WORDS[impact] ?? String(impact)).toLowerCase()} (${impact}) = ${score}, ${BAND_LABELS[bandOfScore(score)].toLowerCase()}`;
}
