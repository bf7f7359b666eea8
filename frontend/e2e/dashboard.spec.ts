import { expect, test } from '@playwright/test';
import { dashboardCounts, signIn, tokenFor } from './helpers';

test('the dashboard opens at the latest period with data and shows each RAG state', async ({ page }) => {
  const token = await tokenFor(page.request, 'viewer');
  const res = await page.request.get('/api/v1/status/latest-period', { headers: { Authorization: `Bearer ${token}` } });
  const latest = (await res.json()) as { period: string };
  const quarter = /^\d{4}-\d{2}-Q(\d)$/.exec(latest.period);
  expect(quarter, 'the demo has a latest quarter').not.toBeNull();
  await signIn(page, 'viewer', '/');
  const counts = await dashboardCounts(page);
  for (const rag of ['red', 'amber', 'green', 'no_data', 'no_target', 'not_applicable']) {
    expect(counts[rag], `${rag} count`).toBeGreaterThan(0);
  }
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`Status at Q${quarter![1]}`) })).toBeVisible();
  // Status is never colour alone: every card has its words and its shape.
  for (const label of ['Red', 'Amber', 'Green', 'No data', 'No target', 'Not applicable']) {
    await expect(page.getByRole('list', { name: 'Indicators by status' }).getByText(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'By directorate' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'By indicator set' })).toBeVisible();
  const attention = page.getByTestId('attention-item');
  expect(await attention.count()).toBe(counts.red! + counts.amber!);
  await expect(attention.first()).toContainText('Red');
});

test('the dashboard prints without the navigation', async ({ page }) => {
  await signIn(page, 'viewer', '/');
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print this dashboard' })).toBeHidden();
  await expect(page.getByTestId('count-red')).toBeVisible();
});

test('a status count drills down to the register and on to an indicator', async ({ page }) => {
  await signIn(page, 'manager', '/');
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  const red = await page.getByTestId('count-red').locator('.gt-rag-card__count').innerText();
  await page.getByTestId('count-red').getByRole('link').click();
  await expect(page.getByTestId('result-count')).toContainText(`of ${red} indicator`);
  await page.getByTestId('register-ready').getByRole('table').getByRole('link').first().click();
  await expect(page.getByTestId('indicator-chart')).toBeVisible();
});
