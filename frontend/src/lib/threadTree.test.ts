import { describe, expect, it } from 'vitest';
import { buildDownTree, buildUpTree, countObjectives, type LinkedObjective, type ThreadNode } from './threadTree';

/** A thread from the focus's point of view: links are child → parents. */
function thread(focus: number, levels: Record<number, LinkedObjective['plan_level']>, links: [number, number][], up: number[]): LinkedObjective[] {
  return Object.entries(levels).map(([k, level]) => {
    const id = Number(k);
    return {
      id,
      code: `O${id}`,
      title: `Objective ${id}`,
      plan_level: level,
      direction: id === focus ? 'focus' : up.includes(id) ? 'up' : 'down',
      contributes_to: links.filter(([c]) => c === id).map(([, p]) => p),
      contributors: links.filter(([, p]) => p === id).map(([c]) => c),
    };
  });
}

const ids = (nodes: ThreadNode<LinkedObjective>[]): unknown =>
  nodes.map((n) => (n.children.length ? { [`${n.objective.id}${n.repeat ? '*' : ''}`]: ids(n.children) } : `${n.objective.id}${n.repeat ? '*' : ''}`));

describe('the thread as trees', () => {
  // 1 ambition ← 2 LAA ← 3 corporate ← 4 service (focus) ← 5, 6 team ← 7 individual (serves 5 and 6)
  // 4 also serves 9 (another corporate objective, under ambition 1 through 8 LAA).
  const levels = {
    1: 'community_strategy',
    2: 'local_area_agreement',
    8: 'local_area_agreement',
    3: 'corporate_plan',
    9: 'corporate_plan',
    4: 'service_plan',
    5: 'team_plan',
    6: 'team_plan',
    7: 'individual',
  } as const;
  const links: [number, number][] = [
    [2, 1], [8, 1], [3, 2], [9, 8], [4, 3], [4, 9], [5, 4], [6, 4], [7, 5], [7, 6],
  ];
  const objectives = thread(4, levels, links, [1, 2, 3, 8, 9]);

  it('draws the way up top-down, every path ending at the focus', () => {
    const up = buildUpTree(objectives, 4);
    expect(ids(up)).toEqual([{ 1: [{ 2: [{ 3: ['4'] }] }, { 8: [{ 9: ['4'] }] }] }]);
    expect(up[0]!.children[0]!.children[0]!.depth).toBe(2);
  });

  it('draws the way down once per objective, marking a second route as a repeat', () => {
    const down = buildDownTree(objectives, 4)!;
    expect(ids([down])).toEqual([{ 4: [{ 5: ['7'] }, { 6: ['7*'] }] }]);
    expect(countObjectives([down])).toBe(4);
  });

  it('walks from a person’s objective all the way up to the ambition', () => {
    const fromPerson = thread(7, levels, links, [1, 2, 3, 4, 5, 6, 8, 9]);
    const up = buildUpTree(fromPerson, 7);
    expect(up.map((n) => n.objective.id)).toEqual([1]);
    // Four routes up: through 3 or 9, then 5 or 6.
    const leaves: number[][] = [];
    const walk = (n: ThreadNode<LinkedObjective>, path: number[]): void => {
      if (n.children.length) n.children.forEach((c) => walk(c, [...path, n.objective.id]));
      else leaves.push([...path, n.objective.id]);
    };
    walk(up[0]!, []);
    expect(leaves).toEqual([
      [1, 2, 3, 4, 5, 7],
      [1, 2, 3, 4, 6, 7],
      [1, 8, 9, 4, 5, 7],
      [1, 8, 9, 4, 6, 7],
    ]);
    expect(buildDownTree(fromPerson, 7)!.children).toEqual([]);
  });

  it('has nothing above a community ambition, and survives a loop', () => {
    expect(buildUpTree(thread(1, levels, links, []), 1)).toEqual([]);
    const loop = thread(1, { 1: 'service_plan', 2: 'team_plan', 3: 'individual' }, [[2, 1], [3, 2], [1, 3]], []);
    const down = buildDownTree(loop, 1)!;
    expect(countObjectives([down])).toBe(3);
    expect(buildUpTree(loop, 1)).toBeDefined();
    expect(buildDownTree(loop, 99)).toBeNull();
  });
});
