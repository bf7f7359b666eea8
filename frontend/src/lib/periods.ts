/**
 * Financial-year period codes (DESIGN.md §2.1): `2026-27`, `2026-27-Q2`, `2026-27-M06`.
 * Only what the screens need: parsing, labels, lists. The API judges the periods.
 */
export type PeriodKind = 'annual' | 'quarterly' | 'monthly';

export interface Period {
  code: string;
  startYear: number; // 2026 for 2026-27
  kind: PeriodKind;
  position: number; // 1-based within the year; 1 for annual
}

const RE = /^(\d{4})-(\d{2})(?:-(Q[1-4]|M(?:0[1-9]|1[0-2])))?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

export function parsePeriod(code: string): Period | null {
  const m = RE.exec(code);
  if (!m) return null;
  const startYear = Number(m[1]);
  if (Number(m[2]) !== (startYear + 1) % 100) return null;
  const part = m[3];
  if (!part) return { code, startYear, kind: 'annual', position: 1 };
  if (part.startsWith('Q')) return { code, startYear, kind: 'quarterly', position: Number(part.slice(1)) };
  return { code, startYear, kind: 'monthly', position: Number(part.slice(1)) };
}

export function yearCode(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function quarterCode(startYear: number, q: number): string {
  return `${yearCode(startYear)}-Q${q}`;
}

export function financialYearOf(code: string): string {
  const p = parsePeriod(code);
  return p ? yearCode(p.startYear) : code;
}

/** Calendar month (0-11) and year in which a month period falls. */
function monthOf(startYear: number, position: number): { month: number; year: number } {
  const month = (position + 2) % 12; // M01 = April (3)
  return { month, year: position >= 10 ? startYear + 1 : startYear };
}

/** "2026/27", "Q2 2026/27", "September 2026". */
export function periodLabel(code: string): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const fy = `${p.startYear}/${String((p.startYear + 1) % 100).padStart(2, '0')}`;
  if (p.kind === 'annual') return fy;
  if (p.kind === 'quarterly') return `Q${p.position} ${fy}`;
  const { month, year } = monthOf(p.startYear, p.position);
  return `${MONTHS[month]} ${year}`;
}

/** A short label for chart axes: "Q2", "Sep". */
export function periodShortLabel(code: string): string {
  const p = parsePeriod(code);
  if (!p) return code;
  if (p.kind === 'annual') return `${p.startYear}/${String((p.startYear + 1) % 100).padStart(2, '0')}`;
  if (p.kind === 'quarterly') return `Q${p.position}`;
  return SHORT_MONTHS[monthOf(p.startYear, p.position).month] ?? code;
}

/** "April to June 2026" for quarters; the plain label otherwise. */
export function periodSpan(code: string): string {
  const p = parsePeriod(code);
  if (!p || p.kind !== 'quarterly') return periodLabel(code);
  const first = monthOf(p.startYear, (p.position - 1) * 3 + 1);
  const last = monthOf(p.startYear, p.position * 3);
  return `${MONTHS[first.month]} to ${MONTHS[last.month]} ${last.year}`;
}

export function periodEnd(code: string): Date | null {
  const p = parsePeriod(code);
  if (!p) return null;
  if (p.kind === 'annual') return new Date(p.startYear + 1, 2, 31);
  const lastMonthPos = p.kind === 'quarterly' ? p.position * 3 : p.position;
  const { month, year } = monthOf(p.startYear, lastMonthPos);
  return new Date(year, month + 1, 0);
}

/** The financial year (start year) that a date falls in. */
export function startYearOf(date: Date): number {
  return date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1;
}

/** The latest quarter that has ended on or before `today`. */
export function latestEndedQuarter(today = new Date()): string {
  let y = startYearOf(today);
  let q = Math.floor(((today.getMonth() + 9) % 12) / 3) + 1; // the current quarter
  q -= 1;
  if (q === 0) {
    q = 4;
    y -= 1;
  }
  return quarterCode(y, q);
}

/** Quarters (newest first) of the financial years from `fromYear` to `toYear`. */
export function quartersBetween(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let y = toYear; y >= fromYear; y -= 1) for (let q = 4; q >= 1; q -= 1) out.push(quarterCode(y, q));
  return out;
}

/** The periods of one financial year at a frequency, in order. */
export function periodsOfYear(startYear: number, kind: PeriodKind): string[] {
  const y = yearCode(startYear);
  if (kind === 'annual') return [y];
  if (kind === 'quarterly') return [1, 2, 3, 4].map((q) => `${y}-Q${q}`);
  return Array.from({ length: 12 }, (_, i) => `${y}-M${String(i + 1).padStart(2, '0')}`);
}
