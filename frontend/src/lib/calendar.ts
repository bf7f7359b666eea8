/**
 * The annual cycle's calendar: months of a financial year, the grid of a month (weeks from
 * Monday), and the words for categories and states. Dates are the API's `YYYY-MM-DD`
 * strings, handled as plain calendar dates (never shifted by a time zone).
 */
import type { CalendarCategory, CalendarEntry, DeadlineState, EventStatus } from '../api/types';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const CATEGORY_LABELS: Record<CalendarCategory, string> = {
  planning: 'Planning',
  budget: 'Budget',
  performance_reporting: 'Performance reporting',
  commitments: 'Commitments',
  appraisal: 'Appraisal',
  risk: 'Risk',
  publication: 'Publication',
  partnership: 'Partnership',
  communications: 'Communications',
  data_collection: 'Data deadline',
};
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as CalendarCategory[];

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = { due: 'To do', done: 'Done', missed: 'Missed' };

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  received: 'All figures in',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  due: 'Due',
  upcoming: 'Upcoming',
};

/** Words for an entry's status, whichever kind it is. */
export function entryStatusLabel(e: Pick<CalendarEntry, 'kind' | 'status'>): string {
  if (e.kind === 'event') return EVENT_STATUS_LABELS[e.status as EventStatus] ?? e.status;
  return DEADLINE_STATE_LABELS[e.status as DeadlineState] ?? e.status;
}

export interface YMD {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export function parseDate(iso: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2008-12" */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function parseMonthKey(key: string | null | undefined): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(key ?? '');
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), month };
}

export function monthLabel(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/** "15 May 2008" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = parseDate(iso);
  if (!d) return iso;
  return `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** "Thursday 15 May 2008" */
export function formatLongDate(iso: string): string {
  const d = parseDate(iso);
  if (!d) return iso;
  return `${WEEKDAYS[weekdayIndex(d.year, d.month, d.day)]} ${formatDate(iso)}`;
}

/** "1 to 30 April 2008", "15 May 2008", "30 April to 15 May 2008". */
export function formatSpan(start: string, end: string): string {
  if (start === end) return formatDate(end);
  const a = parseDate(start);
  const b = parseDate(end);
  if (!a || !b) return `${start} to ${end}`;
  if (a.year === b.year && a.month === b.month) return `${a.day} to ${formatDate(end)}`;
  if (a.year === b.year) return `${a.day} ${MONTH_NAMES[a.month - 1]} to ${formatDate(end)}`;
  return `${formatDate(start)} to ${formatDate(end)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday */
export function weekdayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export interface GridDay {
  iso: string;
  day: number;
}

/** The weeks of a month from Monday to Sunday; days outside the month are null. */
export function monthGrid(year: number, month: number): (GridDay | null)[][] {
  const first = weekdayIndex(year, month, 1);
  const total = daysInMonth(year, month);
  const cells: (GridDay | null)[] = Array.from({ length: first }, () => null);
  for (let d = 1; d <= total; d += 1) cells.push({ iso: isoDate(year, month, d), day: d });
  while (cells.length % 7) cells.push(null);
  const weeks: (GridDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The twelve months of the financial year starting in April of `startYear`. */
export function financialYearMonths(startYear: number): { year: number; month: number; key: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = i < 9 ? startYear : startYear + 1;
    return { year, month, key: monthKey(year, month) };
  });
}

/** The financial year (its start year) a month falls in. */
export function financialYearOfMonth(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** An entry sits in the calendar on the day it is due. */
export function entryDay(e: Pick<CalendarEntry, 'due_on'>): string {
  return e.due_on;
}

function compareEntries(a: CalendarEntry, b: CalendarEntry): number {
  return a.due_on.localeCompare(b.due_on) || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title);
}

/** Entries by the month they are due in ("2008-12"), each month in date order. */
export function groupByMonth(entries: CalendarEntry[]): Map<string, CalendarEntry[]> {
  const out = new Map<string, CalendarEntry[]>();
  for (const e of [...entries].sort(compareEntries)) {
    const key = entryDay(e).slice(0, 7);
    const list = out.get(key) ?? [];
    list.push(e);
    out.set(key, list);
  }
  return out;
}

/** Entries by the day they are due ("2008-12-15"). */
export function groupByDay(entries: CalendarEntry[]): Map<string, CalendarEntry[]> {
  const out = new Map<string, CalendarEntry[]>();
  for (const e of [...entries].sort(compareEntries)) {
    const key = entryDay(e);
    const list = out.get(key) ?? [];
    list.push(e);
    out.set(key, list);
  }
  return out;
}

/** Counts of entries by category, for a month's heading ("3 budget, 1 risk"). */
export function countByCategory(entries: CalendarEntry[]): { category: CalendarCategory; count: number }[] {
  const counts = new Map<CalendarCategory, number>();
  for (const e of entries) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return CATEGORIES.filter((c) => counts.has(c)).map((c) => ({ category: c, count: counts.get(c) ?? 0 }));
}

/** The financial year (start year) of a date, and "2008-09" from 2008: the period rules' own. */
export { startYearOf as financialYearOfDate, yearCode as yearParam } from './periods';

export function parseYearParam(value: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  return Number(m[2]) === (start + 1) % 100 ? start : null;
}
