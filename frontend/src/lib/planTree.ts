/**
 * The plan browser's tree: plans nested under their parent plans, top level first, with
 * filters that keep the plans above a match as context (a matching service plan still shows
 * which directorate and corporate plan it sits under).
 */
import type { PlanLevel, PlanStatus } from '../api/planningTypes';

export const PLAN_LEVELS: PlanLevel[] = [
  'community_strategy',
  'local_area_agreement',
  'corporate_plan',
  'annual_operating_plan',
  'directorate_plan',
  'service_plan',
  'team_plan',
  'individual',
];

export const LEVEL_RANK: Record<PlanLevel, number> = Object.fromEntries(PLAN_LEVELS.map((l, i) => [l, i])) as Record<
  PlanLevel,
  number
>;

/** What the tree needs of a plan (the generated PlanRead has all of it). */
export interface TreePlan {
  id: number;
  level: PlanLevel;
  title: string;
  status: PlanStatus;
  parent_id: number | null;
  start_year: string;
  end_year: string;
  owner_org_unit_id: number | null;
  owner_user_id: number | null;
}

export interface PlanNode<P extends TreePlan> {
  plan: P;
  /** False when the plan is shown only because something beneath it matches the filters. */
  matches: boolean;
  children: PlanNode<P>[];
}

export interface PlanFilters {
  level?: PlanLevel | '';
  status?: PlanStatus | '';
  /** A financial-year code: plans whose span includes it. */
  year?: string;
  /** Org unit ids (a unit and those beneath it): plans owned by one of them. */
  orgUnits?: Set<number> | null;
  /** Words in the title (every word, any case). */
  q?: string;
  /** Leave archived plans out unless the status filter asks for them. */
  hideArchived?: boolean;
}

export function planMatches(plan: TreePlan, f: PlanFilters): boolean {
  if (f.level && plan.level !== f.level) return false;
  if (f.status && plan.status !== f.status) return false;
  if (!f.status && f.hideArchived && plan.status === 'archived') return false;
  // Year codes such as 2008-09 order as text.
  if (f.year && (plan.start_year > f.year || plan.end_year < f.year)) return false;
  if (f.orgUnits && (plan.owner_org_unit_id === null || !f.orgUnits.has(plan.owner_org_unit_id))) return false;
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    const title = plan.title.toLowerCase();
    if (!words.every((w) => title.includes(w))) return false;
  }
  return true;
}

const byLevelThenTitle = (a: TreePlan, b: TreePlan) =>
  LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
  a.title.localeCompare(b.title, 'en', { numeric: true, sensitivity: 'base' }) ||
  a.id - b.id;

/**
 * Nest the plans. A plan whose parent is not in the list (not visible to the caller, or on
 * another page) becomes a root. A loop in the data (it should never happen) is cut where it
 * closes, so every plan appears exactly once.
 */
export function buildPlanTree<P extends TreePlan>(plans: readonly P[], filters: PlanFilters = {}): PlanNode<P>[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const children = new Map<number | null, P[]>();
  const parentOf = (p: P): number | null => (p.parent_id !== null && byId.has(p.parent_id) && p.parent_id !== p.id ? p.parent_id : null);

  // Cut loops: walk up from each plan; a plan that reaches itself is made a root.
  const rootOverride = new Set<number>();
  for (const p of plans) {
    const seen = new Set<number>([p.id]);
    let up = parentOf(p);
    while (up !== null) {
      if (seen.has(up)) {
        rootOverride.add(p.id);
        break;
      }
      seen.add(up);
      const next = byId.get(up);
      up = next && !rootOverride.has(next.id) ? parentOf(next) : null;
    }
  }

  for (const p of plans) {
    const parent = rootOverride.has(p.id) ? null : parentOf(p);
    const list = children.get(parent) ?? [];
    list.push(p);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byLevelThenTitle);

  const active = Object.values(filters).some((v) => v !== undefined && v !== '' && v !== null && v !== false);

  const build = (parent: number | null, path: Set<number>): PlanNode<P>[] => {
    const out: PlanNode<P>[] = [];
    for (const plan of children.get(parent) ?? []) {
      if (path.has(plan.id)) continue;
      path.add(plan.id);
      const kids = build(plan.id, path);
      path.delete(plan.id);
      const matches = !active || planMatches(plan, filters);
      // A plan that does not match stays as context for the matches beneath it.
      if (matches || kids.length) {
        out.push({ plan, matches, children: kids });
      }
    }
    return out;
  };
  return build(null, new Set());
}

/** Count the plans that match (not the context around them). */
export function countMatches<P extends TreePlan>(nodes: readonly PlanNode<P>[]): number {
  let n = 0;
  const stack = [...nodes];
  while (stack.length) {
    const node = stack.pop() as PlanNode<P>;
    if (node.matches) n += 1;
    stack.push(...node.children);
  }
  return n;
}

/** The chain of plans from the top down to (and including) `id`. */
export function planAncestry<P extends TreePlan>(plans: readonly P[], id: number): P[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const out: P[] = [];
  const seen = new Set<number>();
  let cur = byId.get(id);
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    out.unshift(cur);
    cur = cur.parent_id !== null ? byId.get(cur.parent_id) : undefined;
  }
  return out;
}
