import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn } from './helpers';

async function clientToken(request: APIRequestContext, clientId: string, secret: string): Promise<number> {
  const res = await request.post('/api/v1/auth/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
  return res.status();
}

test('the performance team registers a partner client, sees the secret once, rotates it and revokes the client', async ({ page }) => {
  await signIn(page, 'perf', '/clients');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partner API clients');
  await expect(page.getByTestId('client-partner-demo')).toBeVisible();

  const name = `Constabulary data feed ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Partner organisation').selectOption({ label: 'Wyvern Constabulary' });
  await page.getByLabel('Read shared indicators').check();
  await page.getByRole('button', { name: 'Register the client' }).click();

  const panel = page.getByTestId('secret-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toBeFocused();
  await expect(panel).toContainText('This is the only time the secret is shown');
  const clientId = await panel.getByTestId('revealed-client-id').inputValue();
  const secret = await panel.getByTestId('revealed-secret').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  expect(await clientToken(page.request, clientId, secret)).toBe(200);

  const card = page.getByTestId(`client-${clientId}`);
  await expect(card).toContainText('Wyvern Constabulary');
  await expect(card).toContainText('indicators:read');
  await expect(card.getByTestId('client-state')).toHaveText('Active');

  // Once dismissed (or after a reload) the secret is nowhere on the page.
  await panel.getByRole('button', { name: 'I have copied the secret' }).click();
  await expect(panel).toHaveCount(0);
  await page.reload();
  await expect(card).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await expect(card).toContainText('Last used');

  // Rotate with an hour's grace: both secrets work for now.
  await card.getByLabel('After a new secret, the old one').selectOption({ label: 'for 1 hour' });
  await card.getByRole('button', { name: /Issue a new secret/ }).click();
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('New secret issued');
  await expect(panel.getByTestId('grace')).toContainText('The old secret keeps working until');
  const rotated = await panel.getByTestId('revealed-secret').inputValue();
  expect(rotated).not.toBe(secret);
  await expect(card.getByTestId('grace-until')).toBeVisible();
  expect(await clientToken(page.request, clientId, rotated)).toBe(200);
  expect(await clientToken(page.request, clientId, secret)).toBe(200);
  await panel.getByRole('button', { name: 'I have copied the secret' }).click();

  // Revoke: asked first, then neither secret works.
  await card.getByRole('button', { name: /^Revoke/ }).click();
  await expect(card).toContainText('cannot be undone');
  await card.getByRole('button', { name: `Yes, revoke ${name}` }).click();
  await expect(card.getByTestId('client-state')).toHaveText('Revoked');
  await expect(card.getByRole('button', { name: /Issue a new secret/ })).toHaveCount(0);
  expect(await clientToken(page.request, clientId, rotated)).toBe(401);
  expect(await clientToken(page.request, clientId, secret)).toBe(401);
});

test('API clients are for the performance team only', async ({ page }) => {
  await signIn(page, 'owner', '/clients');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByRole('link', { name: 'API clients' })).toHaveCount(0);
});
