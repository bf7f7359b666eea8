import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn, type DemoUser } from './helpers';

async function firstIndicatorId(page: Page): Promise<string> {
  await page.goto('/indicators');
  const link = page.getByTestId('register-ready').getByRole('table').getByRole('link').first();
  return ((await link.getAttribute('href')) as string).split('/').pop() as string;
}

const ready: Record<string, string> = {
  '/': '[data-testid=dashboard-ready]',
  '/indicators': '[data-testid=register-ready]',
  '/data-entry': '[data-testid=entry-grid]',
  '/admin': 'table',
};

async function visit(page: Page, user: DemoUser, path: string, waitFor?: string) {
  await signIn(page, user, path);
  await expect(page.locator(waitFor ?? ready[path] ?? 'main h1').first()).toBeVisible();
}

test.describe('axe-core finds no serious or critical violations', () => {
  test('sign-in, with and without errors', async ({ page }) => {
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'sign-in with errors');
  });

  test('dashboard', async ({ page }) => {
    await visit(page, 'viewer', '/');
    await expectAccessible(page, 'dashboard');
  });

  test('indicator register, filtered', async ({ page }) => {
    await visit(page, 'viewer', '/indicators?rag=amber&sort=title');
    await expect(page.getByTestId('register-ready')).toBeVisible();
    await expectAccessible(page, 'register');
  });

  test('indicator page with chart', async ({ page }) => {
    await signIn(page, 'viewer', '/');
    const id = await firstIndicatorId(page);
    await page.goto(`/indicators/${id}`);
    await expect(page.getByTestId('indicator-chart')).toBeVisible();
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expectAccessible(page, 'indicator page');
  });

  test('data entry, with a field error', async ({ page }) => {
    await visit(page, 'owner', '/data-entry');
    await expectAccessible(page, 'data entry');
    const r = page.locator('[data-testid^="entry-row-"]', { has: page.getByLabel(/^Value/) }).first();
    await r.getByLabel(/^Value/).fill('not a number');
    await r.getByRole('button', { name: /^Save/ }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible(page, 'data entry with errors');
  });

  test('data entry for the performance team (all indicators)', async ({ page }) => {
    await visit(page, 'perf', '/data-entry?scope=all', '[data-testid=entry-grid]');
    await expectAccessible(page, 'data entry, all');
  });

  test('register administration: list, create (with errors), edit, targets', async ({ page }) => {
    await visit(page, 'perf', '/admin');
    await expectAccessible(page, 'administration');
    await page.goto('/admin/indicators/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an indicator');
    await expectAccessible(page, 'create indicator');
    await page.getByRole('button', { name: 'Create indicator' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'create indicator with errors');
    const id = await firstIndicatorId(page);
    await page.goto(`/admin/indicators/${id}/edit`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Edit');
    await expectAccessible(page, 'edit indicator');
    await page.goto(`/admin/indicators/${id}/targets`);
    await expect(page.getByTestId('targets-table')).toBeVisible();
    await expectAccessible(page, 'targets');
  });

  test('not found and not allowed', async ({ page }) => {
    await visit(page, 'viewer', '/no-such-page');
    await expectAccessible(page, 'not found');
    await page.goto('/data-entry');
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expectAccessible(page, 'forbidden');
  });
});

test.describe('works at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const [path, user] of [
    ['/', 'viewer'],
    ['/indicators', 'viewer'],
    ['/data-entry', 'owner'],
  ] as const) {
    test(`${path} reflows without sideways scrolling of the page`, async ({ page }) => {
      await visit(page, user, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} at 320 px`);
    });
  }
});
