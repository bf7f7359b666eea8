import { expect, test, type Locator, type Page } from '@playwright/test';
import { dashboardCounts, signIn, tokenFor } from './helpers';

async function latestPeriod(page: Page): Promise<string> {
  const token = await tokenFor(page.request, 'viewer');
  const res = await page.request.get('/api/v1/status/latest-period', { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { period: string }).period;
}

function row(page: Page, code: string): Locator {
  return page.getByTestId(`entry-row-${code}`);
}

test('a contributor enters an outturn that turns an indicator from no data to a status, and the dashboard reflects it', async ({ page }) => {
  const period = await latestPeriod(page);
  await signIn(page, 'owner', `/?period=${period}`);
  const before = await dashboardCounts(page);
  expect(before.no_data).toBeGreaterThan(0);

  await page.goto(`/data-entry?period=${period}`);
  const grid = page.getByTestId('entry-grid');
  await expect(grid).toBeVisible();
  // A row with nothing stored yet: its indicator shows "No data" on the dashboard.
  const empty = grid.locator('tbody tr', { hasText: 'Nothing stored yet' }).first();
  await expect(empty).toBeVisible();
  const code = (await empty.locator('th a').innerText()).trim();
  const target = Number((await empty.locator('td').first().innerText()).match(/-?[\d,]+(\.\d+)?/)![0].replace(/,/g, ''));

  // Keyboard only: type the figure, then press Enter to save the row.
  const numerator = empty.getByLabel(/^Numerator/);
  if (await numerator.count()) {
    await numerator.fill(String(Math.round(target * 10)));
    await empty.getByLabel(/^Denominator/).fill('1000');
    await empty.getByLabel(/^Commentary/).fill('Entered by the browser test.');
    await empty.getByLabel(/^Denominator/).press('Enter');
  } else {
    await empty.getByLabel(/^Commentary/).fill('Entered by the browser test.');
    await empty.getByLabel(/^Value/).fill(String(target));
    await empty.getByLabel(/^Value/).press('Enter');
  }
  const saved = row(page, code);
  await expect(saved.getByTestId('saved')).toBeVisible();
  await expect(saved).toContainText('Stored:');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(async () => (await dashboardCounts(page)).no_data).toBe(before.no_data - 1);
  const after = await dashboardCounts(page);
  const judged = (c: Record<string, number>) => c.green! + c.amber! + c.red!;
  expect(judged(after)).toBe(judged(before) + 1);
  expect(after.green).toBe(before.green! + 1);
});

test('field errors from the API are shown at the field, and what was typed is kept', async ({ page }) => {
  const period = await latestPeriod(page);
  await signIn(page, 'owner', `/data-entry?period=${period}`);
  const r = page.locator('[data-testid^="entry-row-"]', { has: page.getByLabel(/^Value/) }).first();
  await expect(r).toBeVisible();
  await r.getByLabel(/^Value/).fill('twelve');
  await r.getByRole('button', { name: /^Save/ }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Some figures were not saved' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  const field = r.getByLabel(/^Value/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(r.locator('.govuk-error-message').first()).toBeVisible();
  await expect(field).toHaveValue('twelve');
  // The summary links to the field.
  await summary.getByRole('link').first().click();
  await expect(field).toBeFocused();
});

test('nothing typed is lost when a save fails, and the banner says the service cannot be reached', async ({ page }) => {
  const period = await latestPeriod(page);
  await signIn(page, 'owner', `/data-entry?period=${period}`);
  const r = page.locator('[data-testid^="entry-row-"]', { has: page.getByLabel(/^Value/), hasText: 'Stored:' }).first();
  await expect(r).toBeVisible();
  await page.route('**/api/v1/indicators/*/outturns/*', (route) => route.abort('connectionrefused'));
  await r.getByLabel(/^Commentary/).fill('Typed while the connection was down.');
  await r.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByTestId('api-banner')).toBeVisible();
  await expect(r).toContainText('could not be reached');
  await expect(r.getByLabel(/^Commentary/)).toHaveValue('Typed while the connection was down.');
  // Still there after a reload of the page.
  await page.reload();
  await expect(r.getByLabel(/^Commentary/)).toHaveValue('Typed while the connection was down.');
  await page.unroute('**/api/v1/indicators/*/outturns/*');
  await r.getByRole('button', { name: /^Save/ }).click();
  await expect(r.getByTestId('saved')).toBeVisible();
  await expect(page.getByTestId('api-banner')).toBeHidden();
});

test('a conflicting edit is caught: it shows who changed the figure and offers to reload', async ({ browser }) => {
  const perfContext = await browser.newContext();
  const ownerContext = await browser.newContext();
  const perf = await perfContext.newPage();
  const owner = await ownerContext.newPage();
  const period = await latestPeriod(owner);
  await signIn(owner, 'owner', `/data-entry?period=${period}`);
  await signIn(perf, 'perf', `/data-entry?period=${period}&scope=all`);

  // The owner's row for an indicator that already has a figure.
  const mine = owner.locator('[data-testid^="entry-row-"]', { hasText: 'Stored:' }).last();
  await expect(mine).toBeVisible();
  const testId = (await mine.getAttribute('data-testid')) as string;
  const theirs = perf.getByTestId(testId);
  await expect(theirs).toBeVisible();

  // The performance team changes it first…
  await theirs.getByLabel(/^Commentary/).fill('Checked against the source system by the performance team.');
  await theirs.getByRole('button', { name: /^Save/ }).click();
  await expect(theirs.getByTestId('saved')).toBeVisible();

  // …then the owner, working from the copy loaded before, saves theirs.
  await mine.getByLabel(/^Commentary/).fill('My own explanation.');
  await mine.getByRole('button', { name: /^Save/ }).click();
  const conflict = mine.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('Helen Marsh changed this figure');
  await expect(conflict).toContainText('Checked against the source system');
  await expect(mine.getByLabel(/^Commentary/)).toHaveValue('My own explanation.');

  await conflict.getByRole('button', { name: /Reload their version/ }).click();
  await expect(mine.getByLabel(/^Commentary/)).toHaveValue('Checked against the source system by the performance team.');
  await expect(mine.getByTestId('conflict')).toHaveCount(0);
  await perfContext.close();
  await ownerContext.close();
});

test('the performance team verifies a submitted figure', async ({ page }) => {
  const period = await latestPeriod(page);
  await signIn(page, 'perf', `/data-entry?period=${period}&scope=all`);
  const candidate = page.locator('[data-testid^="entry-row-"]', { has: page.getByRole('button', { name: /^Verify/ }) }).first();
  await expect(candidate).toBeVisible();
  const r = page.getByTestId((await candidate.getAttribute('data-testid')) as string);
  await r.getByRole('button', { name: /^Verify/ }).click();
  await expect(r.getByTestId('saved')).toBeVisible();
  await expect(r).toContainText('verified by Helen Marsh');
});
