/**
 * Edit conflicts (HTTP 412): another person changed a record after this page loaded it. The
 * answer's `current` is the record as its GET answers it plus `updated_by_name`, so a page can
 * say who got there first and offer their version without losing what the user typed.
 */
import { ApiError } from '../api/problem';
import { formatDateTime } from './format';

export interface Conflict {
  /** Who last changed the record, when the server knows. */
  who: string | null;
  /** When it was last changed (ISO), when the server says. */
  at: string | null;
  /** The stored version number, for "save mine anyway". */
  version: number | null;
  /** The record as its GET answers it, or null if the answer did not carry it. */
  current: Record<string, unknown> | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The conflict a failed write reports, or null if the error is anything else. */
export function readConflict(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const current = error.problem.current ?? null;
  return {
    who: text(current?.updated_by_name),
    at: text(current?.updated_at),
    version: typeof current?.version === 'number' ? current.version : null,
    current,
  };
}

/** "Sam Jones changed this plan at 3 Mar 2027, 10:15 after you opened it." */
export function conflictHeadline(conflict: Conflict, what: string, verb = 'changed'): string {
  const when = conflict.at ? ` at ${formatDateTime(conflict.at)}` : '';
  return `${conflict.who ?? 'Someone else'} ${verb} ${what}${when} after you opened it.`;
}

/**
 * `current` as the page's own type, when it has the page's shape (the keys given are present
 * and the id matches); otherwise null, and the page should fetch the record again.
 */
export function currentAs<T>(conflict: Conflict | null, id: number, keys: readonly string[] = []): T | null {
  const c = conflict?.current;
  if (!c || c.id !== id || typeof c.version !== 'number') return null;
  return keys.every((k) => k in c) ? (c as T) : null;
}
