import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a viewer cannot reach data entry', async ({ page }) => {
  await signIn(page, 'viewer', '/');
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  const menu = page.getByRole('navigation', { name: 'Menu' });
  await expect(menu.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Data entry' })).toHaveCount(0);
  await expect(menu.getByRole('link', { name: 'Register administration' })).toHaveCount(0);

  await page.goto('/data-entry');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('entry-grid')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);

  await page.goto('/admin/indicators/new');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});
