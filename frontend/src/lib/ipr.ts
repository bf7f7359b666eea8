/** Words and figures of the integrated performance report (pure functions, tested). */
import type { Rag } from '../api/types';
import { formatNumber } from './format';
import { ACTION_STATUS_LABELS } from './planning';
import { periodLabel, periodsOfYear, yearCode } from './periods';
import { RAG_ORDER } from './rag';

/** A change in a count or score, in words as well as figures: "up 2", "down 1", "no change". */
export function changeWords(n: number | null | undefined, unit = ''): string {
  if (n === null || n === undefined || Number.isNaN(n)) return 'not comparable';
  if (n === 0) return 'no change';
  return `${n > 0 ? 'up' : 'down'} ${formatNumber(String(Math.abs(n)))}${unit}`;
}

/** "+2", "−1", "0": the signed figure for a table cell. */
export function signed(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  if (n === 0) return '0';
  return n > 0 ? `+${n}` : `−${Math.abs(n)}`;
}

/** A decimal string's change ("-2.5") as "down 2.5 points". */
export function pointsChange(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'not comparable';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (n === 0) return 'no change';
  const abs = value.trim().replace(/^[-+]/, '');
  return `${n > 0 ? 'up' : 'down'} ${formatNumber(abs)} percentage point${Math.abs(n) === 1 ? '' : 's'}`;
}

export interface HeadlineRow {
  rag: Rag;
  now: number;
  previous: number;
  change: number;
}

type Counts = Partial<Record<Rag, number>>;

/** One row per status, worst first, with the count now, at the previous report and the change. */
export function headlineRows(now: Counts, previous: Counts): HeadlineRow[] {
  return RAG_ORDER.map((rag) => {
    const a = now[rag] ?? 0;
    const b = previous[rag] ?? 0;
    return { rag, now: a, previous: b, change: a - b };
  });
}

export function actionStatusLabel(status: string): string {
  return (ACTION_STATUS_LABELS as Record<string, string>)[status] ?? status.replace(/_/g, ' ');
}

/** "40% complete (60% expected by now)". */
export function progressWords(percent: number, expected: number | null | undefined): string {
  const base = `${percent}% complete`;
  if (expected === null || expected === undefined) return base;
  if (percent >= expected) return `${base} (on schedule: ${expected}% expected by now)`;
  return `${base} (behind: ${expected}% expected by now)`;
}

/** "12 days overdue", "due in 5 days", "due today". */
export function dueWords(item: { overdue: boolean; days_overdue?: number | null; days_left?: number | null }): string {
  if (item.overdue && item.days_overdue !== null && item.days_overdue !== undefined) {
    return `${item.days_overdue} day${item.days_overdue === 1 ? '' : 's'} overdue`;
  }
  if (item.overdue) return 'Overdue';
  if (item.days_left === 0) return 'Due today';
  if (item.days_left !== null && item.days_left !== undefined) {
    return `Due in ${item.days_left} day${item.days_left === 1 ? '' : 's'}`;
  }
  return 'No due date';
}

export const RISK_BAND_LABELS: Record<string, string> = {
  very_high: 'Very high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  very_low: 'Very low',
};

export function riskBandLabel(band: string): string {
  return RISK_BAND_LABELS[band] ?? band.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A risk score's change in words: "up from 12", "down from 20", "new". */
export function riskChangeWords(previous: number | null | undefined, change: number | null | undefined): string {
  if (previous === null || previous === undefined) return 'New since the previous report';
  if (!change) return `No change (was ${previous})`;
  return `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change)} from ${previous}`;
}

/** A budget variance in words: "£1,200 overspend", "£300 underspend", "on budget". */
export function varianceWords(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'No forecast';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (n === 0) return 'On budget';
  const abs = formatNumber(value.trim().replace(/^[-+]/, ''));
  return `£${abs} ${n > 0 ? 'overspend' : 'underspend'}`;
}

export const DATA_ISSUE_LABELS: Record<string, string> = {
  missing: 'Missing',
  late: 'Late',
  unverified: 'Not verified',
  qualified: 'Qualified',
};

export interface PeriodGroup {
  label: string;
  options: { code: string; label: string }[];
}

/**
 * The periods a report can be asked for, newest year first: each year's months, quarters
 * and the whole year.
 */
export function reportPeriodOptions(fromYear: number, toYear: number): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  for (let y = toYear; y >= fromYear; y -= 1) {
    const fy = yearCode(y);
    groups.push({
      label: periodLabel(fy),
      options: [
        { code: fy, label: `${periodLabel(fy)} (whole year)` },
        ...periodsOfYear(y, 'quarterly').reverse().map((q) => ({ code: q, label: periodLabel(q) })),
        ...periodsOfYear(y, 'monthly').reverse().map((m) => ({ code: m, label: periodLabel(m) })),
      ],
    });
  }
  return groups;
}

export interface ScopeOption {
  code: string;
  label: string;
}

/** `council`, `org_unit:3`, `set:LAA` and `plan:2` are the forms the report accepts. */
export function scopeOptions(
  units: { id: number; name: string; level: string; parent_id: number | null }[],
  sets: string[],
  plans: { id: number; title: string }[] = [],
): { label: string; options: ScopeOption[] }[] {
  const groups: { label: string; options: ScopeOption[] }[] = [{ label: 'Council', options: [{ code: 'council', label: 'Whole council' }] }];
  const directorates = units.filter((u) => u.parent_id === null).sort((a, b) => a.name.localeCompare(b.name));
  const children = (id: number) => units.filter((u) => u.parent_id === id).sort((a, b) => a.name.localeCompare(b.name));
  const unitOptions: ScopeOption[] = [];
  for (const d of directorates) {
    unitOptions.push({ code: `org_unit:${d.id}`, label: d.name });
    for (const s of children(d.id)) unitOptions.push({ code: `org_unit:${s.id}`, label: `${d.name}: ${s.name}` });
  }
  if (unitOptions.length) groups.push({ label: 'Directorates and services', options: unitOptions });
  if (plans.length) groups.push({ label: 'Plans', options: plans.map((p) => ({ code: `plan:${p.id}`, label: p.title })) });
  const setList = [...new Set(sets)].sort((a, b) => a.localeCompare(b));
  if (setList.length) groups.push({ label: 'Indicator sets', options: setList.map((s) => ({ code: `set:${s}`, label: `Set: ${s}` })) });
  return groups;
}
