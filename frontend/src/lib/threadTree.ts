/**
 * Turns the flat thread answer (objectives with the links between them) into two trees for
 * nested lists: the way up, drawn top-down from the community ambitions to the focus, and
 * the way down, from the focus to everything that serves it.
 *
 * The links form a graph, not a tree: an objective may serve two objectives. Going up, every
 * path to the focus is drawn (there are few). Going down, an objective reached a second time
 * is listed again as a reference to where it is already shown, not expanded twice.
 */
import { LEVEL_RANK } from './planTree';
import type { PlanLevel } from '../api/planningTypes';

export interface LinkedObjective {
  id: number;
  code: string;
  title: string;
  plan_level: PlanLevel;
  direction: string;
  contributes_to: number[];
  contributors: number[];
}

export interface ThreadNode<O extends LinkedObjective> {
  objective: O;
  /** How deep in its tree (0 = a root). */
  depth: number;
  children: ThreadNode<O>[];
  /** Already shown in this tree; its children are not repeated. */
  repeat: boolean;
}

/** Nodes drawn in one tree at most: a malformed graph never hangs the page. */
export const MAX_NODES = 5000;

export function compareObjectives(a: LinkedObjective, b: LinkedObjective): number {
  return (
    LEVEL_RANK[a.plan_level] - LEVEL_RANK[b.plan_level] ||
    a.code.localeCompare(b.code, 'en', { numeric: true, sensitivity: 'base' }) ||
    a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) ||
    a.id - b.id
  );
}

function index<O extends LinkedObjective>(objectives: readonly O[]) {
  return new Map(objectives.map((o) => [o.id, o]));
}

/** Every objective from which the focus can be reached going down (the focus's ancestors). */
function ancestorsOf<O extends LinkedObjective>(byId: Map<number, O>, focus: number): Set<number> {
  const found = new Set<number>();
  const stack = [focus];
  while (stack.length) {
    const cur = byId.get(stack.pop() as number);
    for (const p of cur?.contributes_to ?? []) {
      if (!found.has(p) && p !== focus && byId.has(p)) {
        found.add(p);
        stack.push(p);
      }
    }
  }
  return found;
}

/**
 * The way up: roots are the topmost objectives the focus serves; each node's children are
 * the objectives on the way down to the focus, which ends every path. Empty when the focus
 * serves nothing.
 */
export function buildUpTree<O extends LinkedObjective>(objectives: readonly O[], focusId: number): ThreadNode<O>[] {
  const byId = index(objectives);
  const above = ancestorsOf(byId, focusId);
  if (!above.size) return [];
  const onWay = new Set([...above, focusId]);
  const roots = [...above]
    .map((id) => byId.get(id) as O)
    .filter((o) => !o.contributes_to.some((p) => above.has(p)))
    .sort(compareObjectives);
  let budget = MAX_NODES;
  const grow = (o: O, depth: number, path: Set<number>): ThreadNode<O> => {
    budget -= 1;
    const node: ThreadNode<O> = { objective: o, depth, children: [], repeat: false };
    if (o.id === focusId) return node;
    const kids = o.contributors
      .filter((c) => onWay.has(c) && !path.has(c))
      .map((c) => byId.get(c) as O)
      .sort(compareObjectives);
    for (const k of kids) {
      if (budget <= 0) break;
      path.add(k.id);
      node.children.push(grow(k, depth + 1, path));
      path.delete(k.id);
    }
    return node;
  };
  return roots.map((r) => grow(r, 0, new Set([r.id])));
}

/** The way down: the focus at the root, each objective's contributors beneath it. */
export function buildDownTree<O extends LinkedObjective>(objectives: readonly O[], focusId: number): ThreadNode<O> | null {
  const byId = index(objectives);
  const focus = byId.get(focusId);
  if (!focus) return null;
  const shown = new Set<number>([focusId]);
  let budget = MAX_NODES;
  // Breadth first, so an objective reached by two routes is expanded at the shallower one.
  const root: ThreadNode<O> = { objective: focus, depth: 0, children: [], repeat: false };
  const queue: ThreadNode<O>[] = [root];
  while (queue.length) {
    const node = queue.shift() as ThreadNode<O>;
    const kids = node.objective.contributors
      .map((c) => byId.get(c))
      .filter((o): o is O => !!o && o.direction !== 'up')
      .sort(compareObjectives);
    for (const k of kids) {
      if (budget <= 0) break;
      budget -= 1;
      const repeat = shown.has(k.id);
      const child: ThreadNode<O> = { objective: k, depth: node.depth + 1, children: [], repeat };
      node.children.push(child);
      if (!repeat) {
        shown.add(k.id);
        queue.push(child);
      }
    }
  }
  return root;
}

/** How many distinct objectives a tree shows. */
export function countObjectives<O extends LinkedObjective>(roots: readonly ThreadNode<O>[]): number {
  const ids = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop() as ThreadNode<O>;
    ids.add(n.objective.id);
    stack.push(...n.children);
  }
  return ids.size;
}
