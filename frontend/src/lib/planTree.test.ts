import { describe, expect, it } from 'vitest';
import { buildPlanTree, countMatches, planAncestry, planMatches, type PlanNode, type TreePlan } from './planTree';

function plan(id: number, level: TreePlan['level'], parent: number | null, over: Partial<TreePlan> = {}): TreePlan {
  return {
    id,
    level,
    title: `Plan ${id}`,
    status: 'published',
    parent_id: parent,
    start_year: '2008-09',
    end_year: '2010-11',
    owner_org_unit_id: null,
    owner_user_id: null,
    ...over,
  };
}

const shape = (nodes: PlanNode<TreePlan>[]): unknown[] =>
  nodes.map((n) => (n.children.length ? { [`${n.plan.id}${n.matches ? '' : '?'}`]: shape(n.children) } : `${n.plan.id}${n.matches ? '' : '?'}`));

const PLANS = [
  plan(8, 'individual', 6, { title: 'Alex Carter', owner_user_id: 40 }),
  plan(1, 'community_strategy', null, { title: 'Sustainable Community Strategy' }),
  plan(3, 'corporate_plan', 2, { title: 'Corporate Plan' }),
  plan(2, 'local_area_agreement', 1, { title: 'Local Area Agreement' }),
  plan(5, 'service_plan', 4, { title: 'Waste Services', owner_org_unit_id: 16, start_year: '2009-10', end_year: '2009-10' }),
  plan(4, 'directorate_plan', 3, { title: 'Environment directorate', owner_org_unit_id: 2 }),
  plan(6, 'team_plan', 5, { title: 'Collections team', owner_org_unit_id: 16, status: 'draft' }),
  plan(7, 'service_plan', 4, { title: 'Parks and Open Spaces', owner_org_unit_id: 17, status: 'archived' }),
];

describe('buildPlanTree', () => {
  it('nests every plan under its parent, top level first, children by level then title', () => {
    const tree = buildPlanTree(PLANS);
    expect(shape(tree)).toEqual([{ 1: [{ 2: [{ 3: [{ 4: ['7', { 5: [{ 6: ['8'] }] }] }] }] }] }]);
    expect(countMatches(tree)).toBe(8);
  });

  it('keeps the plans above a match as context and leaves out the rest', () => {
    const tree = buildPlanTree(PLANS, { q: 'collections' });
    expect(shape(tree)).toEqual([{ '1?': [{ '2?': [{ '3?': [{ '4?': [{ '5?': ['6'] }] }] }] }] }]);
    expect(countMatches(tree)).toBe(1);
  });

  it('filters by level, status, year and owning units, and hides archived plans when asked', () => {
    expect(countMatches(buildPlanTree(PLANS, { level: 'service_plan' }))).toBe(2);
    expect(countMatches(buildPlanTree(PLANS, { level: 'service_plan', hideArchived: true }))).toBe(1);
    expect(countMatches(buildPlanTree(PLANS, { status: 'archived', hideArchived: true }))).toBe(1);
    expect(countMatches(buildPlanTree(PLANS, { status: 'draft' }))).toBe(1);
    // Plan 5 covers only 2009-10; the others span 2008-09 to 2010-11.
    expect(countMatches(buildPlanTree(PLANS, { year: '2010-11' }))).toBe(7);
    expect(countMatches(buildPlanTree(PLANS, { orgUnits: new Set([16]) }))).toBe(2);
    expect(planMatches(PLANS[0]!, { q: 'alex  CARTER' })).toBe(true);
    expect(planMatches(PLANS[0]!, { q: 'alex smith' })).toBe(false);
  });

  it('makes a plan whose parent is not visible a root, and survives a loop in the data', () => {
    const orphanParent = [plan(10, 'service_plan', 99), plan(11, 'team_plan', 10)];
    expect(shape(buildPlanTree(orphanParent))).toEqual([{ 10: ['11'] }]);
    const loop = [plan(20, 'corporate_plan', 21), plan(21, 'directorate_plan', 20), plan(22, 'service_plan', 21)];
    const tree = buildPlanTree(loop);
    const ids: number[] = [];
    const walk = (ns: PlanNode<TreePlan>[]): void => {
      for (const n of ns) {
        ids.push(n.plan.id);
        walk(n.children);
      }
    };
    walk(tree);
    expect(ids.sort()).toEqual([20, 21, 22]);
  });

  it('gives the chain of plans from the top down to one plan', () => {
    expect(planAncestry(PLANS, 8).map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(planAncestry(PLANS, 99)).toEqual([]);
  });
});
