import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('drill from the dashboard to an indicator and see its chart, period table and audit history', async ({ page }) => {
  await signIn(page, 'viewer', '/');
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  const first = page.getByTestId('attention-item').first();
  const title = (await first.getByRole('link').innerText()).trim();
  await first.getByRole('link').click();

  await expect(page).toHaveURL(/\/indicators\/\d+$/);
  const [code] = title.split(':');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title.slice(code!.length + 2));
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  const chart = page.getByTestId('indicator-chart');
  await expect(chart).toBeVisible();
  await expect(chart.getByRole('img')).toHaveAccessibleName(/actuals against targets/);
  // Each point carries its status as shape, colour and letter.
  const points = chart.locator('.gt-chart-point');
  expect(await points.count()).toBeGreaterThan(0);
  await expect(chart.locator('.gt-chart-point[data-rag="red"]').first()).toBeAttached();
  await expect(chart.locator('.gt-chart-point[data-rag="red"] text').first()).toHaveText('R');

  const table = page.getByTestId('period-table');
  await expect(table.getByRole('columnheader', { name: 'Target' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Data quality' })).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(2);

  await expect(page.getByTestId('definition')).toContainText('Procedure note');
  await expect(page.getByTestId('definition')).toContainText('Owner');
  await expect(page.getByTestId('audit-table')).toBeVisible();
});
