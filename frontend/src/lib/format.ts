/** Display of exact decimal strings from the API, without passing them through floats. */
import type { Unit } from '../api/types';

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1234567.50" → "1,234,567.50"; keeps the digits the API sent. */
export function formatNumber(value: string): string {
  const trimmed = value.trim();
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(trimmed);
  if (!m) return trimmed;
  return `${m[1] === '-' ? '−' : ''}${groupThousands(m[2] ?? '')}${m[3] ?? ''}`;
}

/** Round a decimal string half-up to `places`, exactly (no floats): "46.79992" → "46.8". */
export function roundDecimal(value: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int = '0', frac = ''] = m;
  if (frac.length <= places) return `${sign}${int}${places ? `.${frac.padEnd(places, '0')}` : ''}`;
  const digits = (int + frac.slice(0, places)).split('').map(Number);
  if (Number(frac[places]) >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] === 9) {
        digits[i] = 0;
        i -= 1;
      } else {
        digits[i] = (digits[i] ?? 0) + 1;
        break;
      }
    }
    if (i < 0) digits.unshift(1);
  }
  const all = digits.join('');
  const intPart = all.slice(0, all.length - places) || '0';
  const fracPart = places ? `.${all.slice(all.length - places)}` : '';
  const out = `${intPart.replace(/^0+(?=\d)/, '')}${fracPart}`;
  return /^[0.]+$/.test(out) ? out : `${sign}${out}`;
}

const UNIT_SUFFIX: Partial<Record<Unit, string>> = { percent: '%', days: ' days' };

export function formatValue(value: string | null | undefined, unit: Unit | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  if (unit === 'yes_no') {
    const n = Number(value);
    return n === 1 ? 'Yes' : n === 0 ? 'No' : value;
  }
  const n = formatNumber(value);
  if (unit === 'currency') return n.startsWith('−') ? `−£${n.slice(1)}` : `£${n}`;
  return `${n}${(unit && UNIT_SUFFIX[unit]) ?? ''}`;
}

export const UNIT_LABELS: Record<Unit, string> = {
  percent: 'Percentage',
  count: 'Count',
  currency: 'Money (£)',
  ratio: 'Rate or ratio',
  days: 'Days',
  score: 'Score',
  yes_no: 'Yes or no',
};

export const POLARITY_LABELS = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  target_band: 'Within a target band',
  none: 'Context only (no judgement)',
} as const;

export const FREQUENCY_LABELS = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' } as const;

export const AGGREGATION_LABELS = {
  sum: 'Sum of the periods',
  ratio: 'Ratio of summed numerators and denominators',
  last: 'Latest period',
  mean: 'Mean of the periods',
} as const;

export const DATA_QUALITY_LABELS = {
  draft: 'Draft',
  submitted: 'Submitted',
  verified: 'Verified',
  qualified: 'Qualified',
} as const;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatPercentScore(score: string | null | undefined): string {
  return score === null || score === undefined ? '–' : `${formatNumber(score)}%`;
}

export function pluralise(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
