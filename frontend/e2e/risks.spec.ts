import { expect, test, type Page } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

interface Score {
  likelihood: number;
  impact: number;
  score: number;
  band: string;
}
interface RiskRow {
  id: number;
  code: string;
  title: string;
  category: string;
  inherent: Score;
  residual: Score;
}

async function register(page: Page, query = ''): Promise<RiskRow[]> {
  const token = await tokenFor(page.request, 'viewer');
  const res = await page.request.get(`/api/v1/risks?limit=500${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { items: RiskRow[] }).items;
}

const BANDS: Record<string, string> = { low: 'low', medium: 'medium', high: 'high', very_high: 'very high' };

test('the risk register and its 5 × 5 heat map, with a table equivalent, never colour alone', async ({ page }) => {
  const risks = await register(page);
  expect(risks.length, 'demo risks').toBeGreaterThan(3);

  await signIn(page, 'viewer', '/risks');
  await expect(page.getByRole('heading', { level: 1, name: 'Risk register' })).toBeVisible();
  const grid = page.getByTestId('heat-grid');
  await expect(grid).toBeVisible();
  // A real table: likelihood and impact in words on both axes.
  await expect(grid.getByRole('rowheader', { name: 'Likelihood: Almost certain (5)' })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: 'Likelihood: Rare (1)' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Impact: Negligible (1)' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Impact: Critical (5)' })).toBeVisible();
  await expect(grid.locator('td[data-testid^="heat-cell-"]')).toHaveCount(25);
  // The rows run from the most likely at the top.
  await expect(grid.locator('tbody tr').first().locator('th')).toContainText('Almost certain');

  // Every risk is counted once, in the cell of its residual scores, with its code written there.
  const counts = await grid.locator('td[data-testid^="heat-cell-"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(risks.length);
  await expect(grid.locator('caption')).toContainText(`${risks.length} risks by residual`);
  for (const r of risks.slice(0, 5)) {
    const cell = page.getByTestId(`heat-cell-${r.residual.likelihood}-${r.residual.impact}`);
    await expect(cell).toContainText(r.code);
    // The band is in words, not only in the colour.
    await expect(cell).toContainText(`Score ${r.residual.score}, ${BANDS[r.residual.band]}`);
  }
  const busiest = Math.max(...counts);
  await expect(grid.locator(`td[data-count="${busiest}"] .gt-heat__count`).first()).toContainText(String(busiest));

  // The table equivalent: one row per occupied cell, the same counts and codes.
  const table = page.getByTestId('heat-table');
  await expect(page.getByRole('heading', { name: 'The heat map as a table' })).toBeVisible();
  const occupied = counts.filter((c) => c > 0).length;
  await expect(table.locator('tbody tr')).toHaveCount(occupied);
  await expect(table.getByRole('columnheader', { name: 'Likelihood' })).toBeVisible();
  const top = [...risks].sort((a, b) => b.residual.score - a.residual.score)[0]!;
  const firstRow = table.locator('tbody tr').first();
  await expect(firstRow.locator('td').nth(2)).toHaveText(String(top.residual.score));
  await expect(table.getByRole('link', { name: top.code, exact: true })).toHaveCount(1);

  // A code in the map opens that risk.
  await grid.getByRole('link', { name: top.code, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/risks/${top.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(top.title);
  await expect(page.locator('.govuk-summary-list')).toContainText(`${top.residual.score}`);
  await page.goBack();

  // Inherent scores: before controls.
  await page.getByLabel('Inherent (before controls)').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/basis=inherent/);
  await expect(page.getByTestId('heat-grid').locator('caption')).toContainText('by inherent');
  const r0 = risks[0]!;
  await expect(page.getByTestId(`heat-cell-${r0.inherent.likelihood}-${r0.inherent.impact}`)).toContainText(r0.code);

  // The register table lists each risk with both scores in words.
  const row = page.getByTestId(`risk-row-${r0.code}`);
  await expect(row).toContainText(r0.title);
  await expect(row).toContainText(`${r0.inherent.likelihood} × ${r0.inherent.impact}`);
});

test('filtering the register by category filters the heat map too', async ({ page }) => {
  const all = await register(page);
  const category = all[0]!.category;
  const some = await register(page, `&category=${category}`);
  await signIn(page, 'viewer', `/risks`);
  await page.getByLabel('Category').selectOption(category);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`category=${category}`));
  await expect(page.getByTestId('heat-grid').locator('caption')).toContainText(`${some.length} risk`);
  await expect(page.getByTestId('risk-table').locator('tbody tr')).toHaveCount(some.length);
});

test('a review is recorded against the scores shown, and a change made meanwhile is caught', async ({ page }) => {
  const risks = await register(page, '&category=operational');
  const risk = risks[0];
  expect(risk, 'an open operational demo risk').toBeTruthy();
  await signIn(page, 'perf', `/risks/${risk.id}`);
  const form = page.locator('form[aria-labelledby="review-form-title"]');
  await form.getByLabel('Comment').fill('Reviewed at the quarterly meeting.');
  await form.getByRole('button', { name: 'Record the review' }).click();
  await expect(form.getByRole('status')).toContainText('recorded: score');
  // The page now holds the risk as that review left it: a second review goes through too.
  await form.getByLabel('Comment').fill('Looked at again the same week.');
  await form.getByRole('button', { name: 'Record the review' }).click();
  await expect(page.getByTestId('risk-reviews')).toContainText('Looked at again the same week.');
  await expect(form.locator('.govuk-error-summary')).toHaveCount(0);

  // Someone else changes the risk while the page is open.
  const admin = await tokenFor(page.request, 'admin');
  const changed = await page.request.patch(`/api/v1/risks/${risk.id}`, {
    headers: { Authorization: `Bearer ${admin}` },
    data: { title: `${risk.title} (reworded)` },
  });
  expect(changed.ok()).toBeTruthy();
  await form.getByLabel('Comment').fill('A second look.');
  await form.getByRole('button', { name: 'Record the review' }).click();
  await expect(form.locator('.govuk-error-summary')).toContainText('changed this risk');
  await expect(form.getByLabel('Comment')).toHaveValue('A second look.');
});
