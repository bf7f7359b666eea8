import { expect, test } from '@playwright/test';
import { signIn, signInWithForm } from './helpers';

test('a demo user signs in and sees the dashboard, then signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Golden Thread');
  await signInWithForm(page, 'perf');
  await expect(page.getByRole('heading', { level: 1, name: 'Performance dashboard' })).toBeVisible();
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => sessionStorage.getItem('gt.session'))).toContain('token');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/indicators');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a wrong password is refused with an error summary', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill('viewer');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right');
});

test('an expired session returns to sign-in and then back where the user was', async ({ page }) => {
  await signIn(page, 'viewer', '/indicators?rag=red');
  await expect(page.getByTestId('register-ready')).toBeVisible();
  // The server no longer accepts the token (as when it expires): the next request gets a 401.
  await page.evaluate(() => {
    const s = JSON.parse(sessionStorage.getItem('gt.session') as string);
    sessionStorage.setItem('gt.session', JSON.stringify({ ...s, token: `${s.token}x` }));
  });
  const link = page.getByTestId('register-ready').getByRole('table').getByRole('link').first();
  const href = (await link.getAttribute('href')) as string;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(href)}&expired=1`));
  await expect(page.getByTestId('session-expired')).toBeVisible();
  await signInWithForm(page, 'viewer');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId('indicator-chart')).toBeVisible();
});
