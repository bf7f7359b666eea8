import type { Rag, Status } from '../api/types';

export interface GroupSummary {
  key: string;
  label: string;
  total: number;
  counts: Record<Rag, number>;
  improving: number;
  worsening: number;
  noChange: number;
  /** Share of comparable indicators that are improving, in percent; null if none comparable. */
  dotScore: number | null;
}

export function emptyCounts(): Record<Rag, number> {
  return { green: 0, amber: 0, red: 0, no_target: 0, no_data: 0, not_applicable: 0 };
}

function finish(g: Omit<GroupSummary, 'dotScore'>): GroupSummary {
  const comparable = g.improving + g.worsening + g.noChange;
  return { ...g, dotScore: comparable ? Math.round((1000 * g.improving) / comparable) / 10 : null };
}

/** Counts by RAG and direction of travel for each group an item falls in (an item may be in several). */
export function summarise(
  items: Status[],
  groupsOf: (s: Status) => { key: string; label: string }[],
): GroupSummary[] {
  const groups = new Map<string, Omit<GroupSummary, 'dotScore'>>();
  for (const s of items) {
    for (const { key, label } of groupsOf(s)) {
      let g = groups.get(key);
      if (!g) {
        g = { key, label, total: 0, counts: emptyCounts(), improving: 0, worsening: 0, noChange: 0 };
        groups.set(key, g);
      }
      g.total += 1;
      g.counts[s.rag] += 1;
      if (s.trend === 'improving') g.improving += 1;
      else if (s.trend === 'worsening') g.worsening += 1;
      else if (s.trend === 'no_change') g.noChange += 1;
    }
  }
  return [...groups.values()].map(finish).sort((a, b) => a.label.localeCompare(b.label));
}
