/**
 * What is typed into the data-entry grid is kept in sessionStorage until it is saved, so a
 * failed save, a lost connection or an expired session never loses it.
 */
export interface Draft {
  value: string;
  numerator: string;
  denominator: string;
  commentary: string;
  status: string;
}

export type Drafts = Record<string, Draft>;

export function draftKey(userId: number, period: string, scope: string): string {
  return `gt.entry.${userId}.${period}.${scope}`;
}

export function loadDrafts(key: string): Drafts {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

export function saveDrafts(key: string, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(drafts));
  } catch {
    // Storage full or blocked: the drafts still live in memory.
  }
}
