import type { OrgUnit } from '../api/types';

export interface OrgIndex {
  byId: Map<number, OrgUnit>;
  /** The directorate above (or at) a unit. */
  directorateOf(id: number | null | undefined): OrgUnit | null;
  /** The unit and every unit below it. */
  descendants(id: number): Set<number>;
  /** Units in tree order with their depth, for select lists. */
  ordered: { unit: OrgUnit; depth: number }[];
}

export function indexOrgUnits(units: OrgUnit[]): OrgIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number | null, OrgUnit[]>();
  for (const u of units) {
    const parent = u.parent_id !== null && byId.has(u.parent_id) ? u.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));

  const ordered: { unit: OrgUnit; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      ordered.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);

  const dirCache = new Map<number, OrgUnit | null>();
  const directorateOf = (id: number | null | undefined): OrgUnit | null => {
    if (id === null || id === undefined) return null;
    if (dirCache.has(id)) return dirCache.get(id) ?? null;
    let u = byId.get(id);
    let top: OrgUnit | null = u ?? null;
    const seen = new Set<number>();
    while (u && !seen.has(u.id)) {
      seen.add(u.id);
      top = u;
      if (u.level === 'directorate') break;
      u = u.parent_id !== null ? byId.get(u.parent_id) : undefined;
    }
    dirCache.set(id, top);
    return top;
  };

  const descendants = (id: number): Set<number> => {
    const out = new Set<number>([id]);
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop() as number;
      for (const c of children.get(cur) ?? []) {
        if (!out.has(c.id)) {
          out.add(c.id);
          stack.push(c.id);
        }
      }
    }
    return out;
  };

  return { byId, directorateOf, descendants, ordered };
}
