import type { FieldProblem } from '../../api/problem';
import type { EntryRow } from '../../api/types';
import type { Draft } from '../../lib/drafts';

/** What the API said when a save failed, kept per row until the next try. */
export interface RowOutcome {
  fieldErrors?: FieldProblem[];
  message?: string;
  conflict?: { current: Record<string, unknown> | null };
  savedAt?: string;
}

export const FIELDS = ['value', 'numerator', 'denominator', 'commentary', 'status'] as const;

export const FIELD_LABELS: Record<string, string> = {
  value: 'Value',
  numerator: 'Numerator',
  denominator: 'Denominator',
  commentary: 'Commentary',
  status: 'Status',
};

export function baseline(row: EntryRow): Draft {
  const o = row.outturn;
  return {
    value: o?.value ?? '',
    numerator: o?.numerator ?? '',
    denominator: o?.denominator ?? '',
    commentary: o?.commentary ?? '',
    status: o?.status ?? 'submitted',
  };
}

export function differs(a: Draft, b: Draft, ratio: boolean): boolean {
  const figures = ratio ? a.numerator !== b.numerator || a.denominator !== b.denominator : a.value !== b.value;
  return figures || a.commentary !== b.commentary || a.status !== b.status;
}

export const fieldId = (row: EntryRow, field: string) => `entry-${row.indicator.id}-${field}`;
