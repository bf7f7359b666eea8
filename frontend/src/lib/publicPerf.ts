/** Plain words for the public performance page (pure functions, tested). */
import type { Unit } from '../api/types';
import { formatValue, roundDecimal } from './format';
import { periodLabel } from './periods';

interface Figures {
  unit: Unit;
  decimal_places: number;
}

/** A figure as people read it, rounded to the indicator's places (what is judged). */
export function shown(value: string | null | undefined, f: Figures): string {
  if (value === null || value === undefined || value === '') return 'Not available';
  return formatValue(roundDecimal(value, f.decimal_places), f.unit);
}

/** "52.3% (year to date, April to September 2026)" style label for the latest figure. */
export function latestWords(item: Figures & { value?: string | null; period?: string | null; basis?: string | null }): string {
  if (item.value === null || item.value === undefined || !item.period) return 'No verified figure yet';
  const when = periodLabel(item.period);
  return `${shown(item.value, item)} (${item.basis === 'ytd' ? `year to date at ${when}` : when})`;
}

export function targetWords(item: Figures & { target?: string | null; target_low?: string | null; target_high?: string | null }): string {
  if (item.target_low || item.target_high) return `Between ${shown(item.target_low, item)} and ${shown(item.target_high, item)}`;
  if (item.target === null || item.target === undefined) return 'No target set';
  return shown(item.target, item);
}

/** The chart's text alternative: each period's figure, in order. */
export function seriesWords(title: string, series: { period: string; value?: string | null }[], f: Figures): string {
  const known = series.filter((p) => p.value !== null && p.value !== undefined);
  if (!known.length) return `${title}: no verified figures to chart yet.`;
  const parts = known.map((p) => `${periodLabel(p.period)} ${shown(p.value, f)}`);
  return `${title}, verified figures from ${periodLabel(known[0]!.period)} to ${periodLabel(known[known.length - 1]!.period)}: ${parts.join('; ')}.`;
}

/** An id for a heading from its words: "Healthy lives" → "priority-healthy-lives". */
export function anchorFor(words: string): string {
  const slug = words
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `priority-${slug || 'other'}`;
}
