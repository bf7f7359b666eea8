import type { Deadline, DeadlineCounts, DeadlineState } from '../api/types';
import { DEADLINE_STATE_LABELS, formatDate } from './calendar';
import { pluralise } from './format';

/** The states "my deadlines" lists, most urgent first. */
export const ATTENTION_STATES: DeadlineState[] = ['overdue', 'due_soon', 'due'];

const STATE_ORDER: Record<DeadlineState, number> = { overdue: 0, due_soon: 1, due: 2, upcoming: 3, received: 4 };

export function sortDeadlines(items: Deadline[]): Deadline[] {
  return [...items].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.deadline.localeCompare(b.deadline) ||
      a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
}

/** "2 overdue, 1 due soon and 3 due" (only the states that have any). */
export function countsSentence(counts: DeadlineCounts, states: DeadlineState[] = ATTENTION_STATES): string {
  const parts = states
    .map((s) => ({ s, n: counts[s] ?? 0 }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => `${n} ${DEADLINE_STATE_LABELS[s].toLowerCase()}`);
  if (!parts.length) return 'Nothing is overdue or due';
  if (parts.length === 1) return parts[0] as string;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** What the row says about when: "Due 14 November 2025: 12 days overdue". */
export function deadlineWhen(d: Deadline): string {
  const due = `Due ${formatDate(d.deadline)}`;
  if (d.state === 'overdue' && d.days_overdue) return `${due}: ${pluralise(d.days_overdue, 'day')} overdue`;
  return due;
}

/** Where to enter the figure: the data-entry grid at that period. */
export function dataEntryLink(d: Pick<Deadline, 'period'>): string {
  return `/data-entry?period=${encodeURIComponent(d.period)}`;
}

export const OUTTURN_STATE_WORDS = {
  draft: 'Only a draft recorded',
  submitted: 'Submitted',
  verified: 'Verified',
  qualified: 'Qualified',
} as const;
