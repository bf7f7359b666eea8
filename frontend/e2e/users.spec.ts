import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible, signIn, tokenFor } from './helpers';

/** The status of a password sign-in (the shared demo accounts are never changed here). */
async function passwordSignIn(request: APIRequestContext, username: string, password: string): Promise<number> {
  const res = await request.post('/api/v1/auth/token', { form: { grant_type: 'password', username, password } });
  return res.status();
}

async function tokenOf(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/token', { form: { grant_type: 'password', username, password } });
  expect(res.ok(), `sign-in of ${username}`).toBeTruthy();
  return ((await res.json()) as { access_token: string }).access_token;
}

test('an administrator disables, enables and changes the role of a staff account', async ({ page }) => {
  // A fresh account of its own: the demo accounts are shared by every spec.
  const admin = { Authorization: `Bearer ${await tokenFor(page.request, 'admin')}` };
  const me = (await (await page.request.get('/api/v1/auth/me', { headers: admin })).json()) as { organisation_id: number };
  const stamp = Date.now();
  const username = `e2e-staff-${stamp}`;
  const fullName = `Staff Account ${stamp}`;
  const password = `e2e-password-${stamp}`;
  const created = await page.request.post('/api/v1/users', {
    headers: admin,
    data: { username, full_name: fullName, role: 'viewer', organisation_id: me.organisation_id, password },
  });
  expect(created.status(), await created.text()).toBe(201);
  const held = await tokenOf(page.request, username, password);

  await signIn(page, 'admin', '/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Staff accounts' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Register administration' })).not.toHaveAttribute('aria-current', 'page');

  // The administrator's own row offers nothing to change.
  await page.getByLabel('Name or username').fill('admin');
  const mine = page.getByTestId('user-admin');
  await expect(mine).toContainText('This is your account');
  await expect(mine.getByRole('button')).toHaveCount(0);
  await expect(mine.getByRole('combobox')).toHaveCount(0);

  await page.getByLabel('Name or username').fill(username);
  const row = page.getByTestId(`user-${username}`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('users-table').getByRole('row')).toHaveCount(2); // header and the one account
  await expect(row.getByRole('rowheader')).toHaveText(fullName);
  await expect(row.getByTestId('user-role')).toHaveText('Viewer');
  await expect(row.getByTestId('user-state')).toHaveText('Active');
  await expectAccessible(page, 'staff accounts, filtered');

  // Disable: asked first, then the account and the token it holds stop working.
  await row.getByRole('button', { name: `Disable the account of ${fullName}` }).click();
  await expect(row.getByRole('group', { name: 'Confirm' })).toBeFocused();
  await expect(row).toContainText('stops them signing in');
  await expectAccessible(page, 'staff accounts, asking to disable');
  await row.getByRole('button', { name: `Yes, disable ${fullName}` }).click();
  await expect(row.getByTestId('user-state')).toHaveText('Disabled');
  await expect(page.getByTestId('users-outcome')).toContainText(`${fullName}’s account is disabled`);
  await expect(row.getByRole('button', { name: `Enable the account of ${fullName}` })).toBeFocused();
  expect(await passwordSignIn(page.request, username, password)).toBe(401);
  expect((await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${held}` } })).status()).toBe(401);

  // Enable again: sign-in works.
  await row.getByRole('button', { name: `Enable the account of ${fullName}` }).click();
  await row.getByRole('button', { name: `Yes, enable ${fullName}` }).click();
  await expect(row.getByTestId('user-state')).toHaveText('Active');
  await expect(page.getByTestId('users-outcome')).toContainText(`${fullName}’s account is enabled`);
  expect(await passwordSignIn(page.request, username, password)).toBe(200);

  // Change the role: the list (page and API) shows it, and a token issued before carries it.
  const before = await tokenOf(page.request, username, password);
  await row.getByLabel(`New role for ${fullName}`).selectOption({ label: 'Manager' });
  await row.getByRole('button', { name: `Change role of ${fullName}` }).click();
  await expect(row.getByTestId('user-role')).toHaveText('Manager');
  await expect(page.getByTestId('users-outcome')).toContainText(`${fullName} is now Manager (was Viewer)`);
  const listed = (await (await page.request.get('/api/v1/users', { headers: admin })).json()) as { username: string; role: string; active: boolean }[];
  expect(listed.find((u) => u.username === username)).toMatchObject({ role: 'manager', active: true });
  const meAfter = await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${before}` } });
  expect(((await meAfter.json()) as { role: string }).role).toBe('manager');
  await expectAccessible(page, 'staff accounts after changes');
});

test('staff accounts are for administrators only', async ({ page }) => {
  await signIn(page, 'perf', '/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot use this page');
  await expect(page.getByTestId('forbidden')).toContainText('Staff accounts is for administrators');
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
  await expectAccessible(page, 'staff accounts, forbidden');
});
