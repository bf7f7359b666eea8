import { expect, test } from '@playwright/test';
import { expectAccessible, tokenFor } from './helpers';

interface PublicItem {
  code: string;
  title: string;
  period: string | null;
  value: string | null;
  status: string;
  status_words: string;
}
interface PublicPage {
  priorities: { priority: string; indicators: PublicItem[] }[];
}
interface Indicator {
  id: number;
  code: string;
  public: boolean;
}

test('signed out, the public page shows only public, verified figures, and sends no token', async ({ page }) => {
  const withToken: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/') && r.headers()['authorization']) withToken.push(r.url());
  });
  await page.goto('/public');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How we are doing');
  await expect(page.getByTestId('public-ready')).toBeVisible();
  // Signed out: no staff menu, and no bounce to sign-in.
  await expect(page).toHaveURL(/\/public$/);
  await expect(page.getByRole('navigation', { name: 'Menu' })).toHaveCount(0);

  const data = (await (await page.request.get('/api/v1/public/indicators')).json()) as PublicPage;
  const shown = data.priorities.flatMap((p) => p.indicators);
  expect(shown.length).toBeGreaterThan(0);
  await expect(page.getByTestId('public-priority')).toHaveCount(data.priorities.length);
  await expect(page.getByTestId('public-indicator')).toHaveCount(shown.length);

  // Every measure shown is marked public in the register, and no other is.
  const headers = { Authorization: `Bearer ${await tokenFor(page.request, 'perf')}` };
  const register = ((await (await page.request.get('/api/v1/indicators?limit=500', { headers })).json()) as { items: Indicator[] }).items;
  const publicCodes = new Set(register.filter((i) => i.public).map((i) => i.code));
  for (const item of shown) expect(publicCodes.has(item.code), `${item.code} is public`).toBeTruthy();
  const pageCodes = await page.getByTestId('public-indicator').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code));
  expect(pageCodes.sort()).toEqual(shown.map((i) => i.code).sort());
  for (const hidden of register.filter((i) => !i.public).slice(0, 10)) {
    await expect(page.locator(`[data-testid=public-indicator][data-code="${hidden.code}"]`)).toHaveCount(0);
  }

  // Each figure shown is a verified one: the register's status at that period says so.
  for (const item of shown.filter((i) => i.value !== null).slice(0, 8)) {
    const id = register.find((i) => i.code === item.code)!.id;
    const status = (await (await page.request.get(`/api/v1/indicators/${id}/status?period=${item.period}`, { headers })).json()) as {
      data_quality: string | null;
    };
    expect(status.data_quality, `${item.code} at ${item.period}`).toBe('verified');
  }

  // Status as shape and words, trend in words, a chart with a text alternative.
  const first = page.getByTestId('public-indicator').first();
  await expect(first.getByTestId('public-status').locator('svg')).toBeAttached();
  await expect(first.getByTestId('public-status')).toHaveText(/\w/);
  await expect(first.getByTestId('public-trend')).toHaveText(/\w/);
  const charts = page.getByTestId('public-chart');
  if ((await charts.count()) > 0) await expect(charts.first()).toHaveAccessibleName(/verified figures from/);

  expect(withToken).toEqual([]);
});

test('the CSV and JSON downloads need no sign-in and carry the definitions', async ({ page }) => {
  await page.goto('/public');
  await expect(page.getByTestId('public-ready')).toBeVisible();
  const downloads = page.getByTestId('public-downloads');
  const csvLink = downloads.getByRole('link', { name: /Download as CSV/ });
  const jsonLink = downloads.getByRole('link', { name: /Download as JSON/ });
  await expect(downloads.getByTestId('public-definitions')).toContainText('definition');

  const csv = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['cache-control']).toContain('public');
  const header = (await csv.text()).split(/\r?\n/)[0]!;
  expect(header).toContain('definition');
  expect(header).toContain('status_words');

  const json = await page.request.get((await jsonLink.getAttribute('href'))!);
  expect(json.status()).toBe(200);
  expect(json.headers()['content-type']).toContain('application/json');
  expect(((await json.json()) as PublicPage).priorities.length).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
});

test('axe-core finds no serious or critical violations on the public page, wide and at 320 px', async ({ page }) => {
  await page.goto('/public');
  await expect(page.getByTestId('public-ready')).toBeVisible();
  await expectAccessible(page, 'public page');
  // With a "figures and definition" section open.
  await page.getByTestId('public-indicator').first().locator('summary').click();
  await expectAccessible(page, 'public page with figures open');
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'public page at 320 px');
});
