import { expect, test, type Page } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

/** The API, as the performance team, for finding demo records without depending on their ids. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const token = await tokenFor(page.request, 'perf');
  const res = await page.request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok(), `GET ${path}`).toBeTruthy();
  return (await res.json()) as T;
}

interface PlanRow {
  id: number;
  level: string;
  title: string;
  status: string;
  parent_id: number | null;
}

async function plans(page: Page): Promise<PlanRow[]> {
  return (await apiGet<{ items: PlanRow[] }>(page, '/api/v1/plans?limit=500')).items;
}

test.describe('the plan browser', () => {
  test('shows the plans as a tree by level with their status in words, and filters keep the plans above as context', async ({ page }) => {
    const all = await plans(page);
    expect(all.some((p) => p.level === 'community_strategy')).toBeTruthy();
    expect(all.some((p) => p.level === 'individual')).toBeTruthy();

    await signIn(page, 'viewer', '/plans');
    await expect(page.getByRole('heading', { level: 1, name: 'Plans' })).toBeVisible();
    const tree = page.getByTestId('plan-tree');
    await expect(tree).toBeVisible();
    // The top of the tree is the partnership's community strategy.
    const top = tree.locator(':scope > li').first();
    await expect(top).toHaveAttribute('data-level', 'community_strategy');
    await expect(top.locator('.gt-plan-tree__level').first()).toHaveText('Community strategy');
    // Status is written in words.
    await expect(top.locator('[data-plan-status]').first()).toHaveText(/Draft|Submitted|Quality assured|Approved|Published|Archived/);
    // Nested lists: an individual's plan sits several levels down.
    await expect(tree.locator('li[data-level="individual"]').first()).toBeAttached();
    expect(await tree.locator('li li li li').count()).toBeGreaterThan(0);

    // Filter to individual objectives: the matches, with their chain of plans above them.
    await page.getByLabel('Level', { exact: true }).selectOption('individual');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/level=individual/);
    const individuals = all.filter((p) => p.level === 'individual' && p.status !== 'archived').length;
    await expect(page.getByTestId('plan-count')).toContainText(`${individuals} plan`);
    await expect(tree.locator(':scope > li').first()).toHaveAttribute('data-level', 'community_strategy');
    await expect(tree.locator('.gt-plan-tree__row--context').first()).toBeVisible();
    await expect(tree.locator('li[data-level="service_plan"]')).not.toHaveCount(0);

    // Words in the title narrow it further; nothing matching says so.
    await page.getByLabel('Words in the title').fill('no plan is called this');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByTestId('plan-count')).toHaveText('No plans match.');
    await page.getByRole('link', { name: 'Clear the filters' }).first().click();
    await expect(page).toHaveURL(/\/plans$/);

    // The orphan report: what serves nothing above it.
    const orphans = await apiGet<{ objectives: unknown[]; indicators: { code: string }[] }>(page, '/api/v1/objectives/orphans');
    await page.getByRole('link', { name: /^Orphans/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Orphans of the golden thread' })).toBeVisible();
    const ready = page.getByTestId('orphans-ready');
    await expect(ready.getByRole('heading', { name: 'Indicators that measure no objective' })).toBeVisible();
    if (orphans.indicators.length) await expect(ready).toContainText(orphans.indicators[0]!.code);
  });

  test('a plan page shows its objectives, the plans beneath, and a service plan its five sections and QA score', async ({ page }) => {
    const all = await plans(page);
    const service = all.find((p) => p.level === 'service_plan' && all.some((c) => c.parent_id === p.id));
    expect(service, 'a demo service plan with plans beneath it').toBeTruthy();

    await signIn(page, 'viewer', '/plans');
    await page.getByTestId('plan-tree').getByRole('link', { name: service!.title }).first().click();
    await expect(page).toHaveURL(new RegExp(`/plans/${service!.id}$`));
    await expect(page.getByTestId('plan-title')).toHaveText(service!.title);
    await expect(page.locator('.govuk-caption-l')).toHaveText('Service plan');
    await expect(page.getByTestId('plan-objectives')).toBeVisible();
    await expect(page.getByTestId('plans-beneath').getByRole('link')).not.toHaveCount(0);
    const sections = page.getByTestId('plan-sections');
    for (const h of ['What we do', 'How well we’re doing', 'What is changing', 'What we will do', 'Capacity to deliver']) {
      await expect(sections.getByRole('heading', { name: h, level: 3 })).toBeVisible();
    }
    await expect(page.getByTestId('plan-checklist').getByTestId('checklist-score')).toContainText('Score:');
    // A councillor reads but does not move plans along.
    await expect(page.getByTestId('plan-workflow')).toContainText('You cannot change the status of this plan.');
  });

  test('the status workflow offers only the moves the user may make', async ({ page }) => {
    const all = await apiGet<{ items: (PlanRow & { next_statuses: string[] })[] }>(page, '/api/v1/plans?limit=500');
    // A draft to submit, or else an approved plan to publish. Once submitted, a plan can always
    // go back to draft; quality assurance is offered only when its checklist is complete.
    const plan = all.items.find((p) => p.status === 'draft') ?? all.items.find((p) => p.status === 'approved');
    expect(plan, 'the demo has a draft or an approved plan').toBeTruthy();
    const [button, next, after, nowWords] =
      plan!.status === 'draft'
        ? ['Submit for quality assurance', 'Publish', 'Return to draft', 'Submitted']
        : ['Publish', 'Submit for quality assurance', 'Archive', 'Published'];
    await signIn(page, 'perf', `/plans/${plan!.id}`);
    const workflow = page.getByTestId('plan-workflow');
    await expect(workflow.getByRole('button', { name: button })).toBeVisible();
    await expect(workflow.getByRole('button', { name: next })).toHaveCount(0);
    await workflow.getByLabel('Note for the audit trail (optional)').fill('Moved on by the browser test.');
    await workflow.getByRole('button', { name: button }).click();
    await expect(workflow).toContainText(`The plan is now ${nowWords.toLowerCase()}.`);
    await expect(page.locator('[data-plan-status]').first()).toHaveText(nowWords);
    await expect(workflow.getByRole('button', { name: after })).toBeVisible();

    // A councillor sees the new status, and no buttons.
    await signIn(page, 'viewer', `/plans/${plan!.id}`);
    await expect(page.getByTestId('plan-workflow')).toContainText('You cannot change the status of this plan.');
  });
});

test.describe('the thread', () => {
  test('walks from a person’s objective up to the community ambition and back down', async ({ page }) => {
    const all = await plans(page);
    const individual = all.find((p) => p.level === 'individual' && p.status !== 'archived');
    expect(individual, 'a demo individual plan').toBeTruthy();

    await signIn(page, 'viewer', `/plans/${individual!.id}`);
    const objectives = page.getByTestId('plan-objectives');
    await expect(objectives).toBeVisible();
    const first = objectives.locator('tbody tr').first().locator('th a');
    const personal = (await first.innerText()).trim();
    await first.click();
    await expect(page).toHaveURL(/\/objectives\/\d+/);
    await expect(page.getByTestId('objective-title')).toHaveText(personal);
    await expect(page.getByRole('heading', { level: 2, name: 'Up the thread' })).toBeVisible();

    // Up: a nested list from the community ambition down to this objective.
    const up = page.getByTestId('thread-up');
    const topCard = up.locator('.gt-thread > li').first().locator('.gt-thread__card').first();
    await expect(topCard.locator('.gt-thread__plan')).toContainText('Community strategy');
    await expect(up.getByText('This objective', { exact: true }).first()).toBeVisible();
    for (const level of ['Corporate plan', 'Service plan']) {
      await expect(up.locator('.gt-thread__plan', { hasText: level }).first()).toBeVisible();
    }
    // The headings of the nodes nest with the lists.
    await expect(up.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await expect(up.getByRole('heading', { level: 4 }).first()).toBeVisible();

    // Its own roll-up: indicators by status, actions complete / on track / overdue.
    const focus = page.getByTestId('thread-focus');
    await expect(focus.locator('.gt-rollup')).toContainText('Indicators:');
    await expect(focus.locator('.gt-rollup')).toContainText('Actions:');

    // Up to the ambition…
    const ambition = topCard.getByRole('heading').getByRole('link');
    const ambitionTitle = (await ambition.innerText()).trim();
    await ambition.click();
    await expect(page.getByTestId('objective-title')).toHaveText(ambitionTitle);
    await expect(page.getByTestId('thread-up')).toContainText('This is a community ambition: the top of the golden thread.');

    // …and back down to the person’s objective, with roll-ups at every node on the way.
    const down = page.getByTestId('thread-down');
    await expect(down.getByRole('link', { name: personal, exact: true }).first()).toBeVisible();
    const rollups = down.locator('.gt-rollup');
    expect(await rollups.count()).toBeGreaterThan(3);
    await expect(page.getByTestId('thread-focus').locator('.gt-rollup')).toContainText(/Objectives beneath:\s*\d+/);
    await expect(page.getByTestId('thread-people').getByRole('table')).toBeVisible();
    // Indicators on the way carry their status as shape and words.
    await expect(down.locator('[data-testid^="thread-indicator-"] .gt-rag').first()).toHaveText(/Green|Amber|Red|No data|No target|Not applicable/);

    // The period picker re-judges the indicators.
    await page.getByLabel('Judge indicators at').selectOption({ index: 3 });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/period=/);
    await expect(page.getByTestId('thread-period')).toContainText('Indicators judged at');

    await down.getByRole('link', { name: personal, exact: true }).first().click();
    await expect(page.getByTestId('objective-title')).toHaveText(personal);
  });
});
