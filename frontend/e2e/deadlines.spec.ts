import { expect, test } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

interface DeadlineItem {
  code: string;
  period: string;
  directorate_id: number | null;
  directorate: string | null;
  owner_name: string | null;
}

async function ownersOverdue(request: import('@playwright/test').APIRequestContext): Promise<DeadlineItem[]> {
  const token = await tokenFor(request, 'owner');
  const res = await request.get('/api/v1/deadlines?mine=true&state=overdue', { headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { items: DeadlineItem[] }).items;
}

test("a contributor's overdue data is on their dashboard, with a link to enter it", async ({ page }) => {
  const overdue = await ownersOverdue(page.request);
  expect(overdue.length, 'the demo owner has overdue figures').toBeGreaterThan(0);
  await signIn(page, 'owner', '/');
  const mine = page.getByTestId('my-deadlines');
  await expect(mine.getByRole('heading', { name: 'My deadlines' })).toBeVisible();
  await expect(mine.getByTestId('deadline-count-overdue')).toContainText(`${overdue.length} Overdue`);
  const first = mine.getByTestId('my-deadline').first();
  await expect(first).toHaveAttribute('data-state', 'overdue');
  await expect(first).toContainText('Overdue');
  await expect(first).toContainText('overdue');
  const codes = overdue.map((o) => o.code);
  const link = first.getByRole('link');
  const text = await link.innerText();
  expect(codes.some((c) => text.includes(c))).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(/\/data-entry\?period=/);
  await expect(page.getByTestId('entry-grid')).toBeVisible();
  const code = codes.find((c) => text.includes(c))!;
  await expect(page.getByTestId(`entry-row-${code}`)).toBeVisible();
});

test("the performance team's late-data view shows the same overdue data by directorate", async ({ page }) => {
  const overdue = await ownersOverdue(page.request);
  const item = overdue[0]!;
  await signIn(page, 'perf', '/late-data');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Late data by directorate');
  const table = page.getByTestId('late-by-directorate');
  await expect(table).toBeVisible();
  const row = table.getByTestId('late-row').filter({ hasText: item.directorate! });
  await expect(row).toBeVisible();
  const missing = Number(await row.locator('td').nth(1).innerText());
  const draft = Number(await row.locator('td').nth(2).innerText());
  expect(missing + draft).toBeGreaterThan(0);

  await row.getByRole('link', { name: item.directorate! }).click();
  await expect(page).toHaveURL(new RegExp(`directorate=${item.directorate_id}`));
  const drill = page.getByTestId('late-drill');
  await expect(drill.getByRole('heading', { name: `Overdue figures: ${item.directorate}` })).toBeVisible();
  const line = drill.getByTestId('late-item').filter({ hasText: item.code });
  await expect(line.first()).toBeVisible();
  await expect(line.first()).toContainText(item.owner_name!);
  await expect(line.first()).toContainText('Overdue');

  // Figures handed in late are a click away.
  await drill.getByRole('link', { name: 'Handed in late' }).click();
  await expect(drill.getByRole('heading', { name: `Handed in late: ${item.directorate}` })).toBeVisible();
});

test('the late-data view is for the performance team', async ({ page }) => {
  await signIn(page, 'owner', '/late-data');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});
