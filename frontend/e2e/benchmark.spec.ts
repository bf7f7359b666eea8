import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, tokenFor } from './helpers';

test('the indicator page shows where the council ranks among a comparator group, with an aim', async ({ page }) => {
  const headers = { Authorization: `Bearer ${await tokenFor(page.request, 'perf')}` };
  const list = (await (await page.request.get('/api/v1/indicators?code=LPI%20CORP-01', { headers })).json()) as {
    items: { id: number; code: string }[];
  };
  const ind = list.items.find((i) => i.code === 'LPI CORP-01')!;
  const code = `E2E${Date.now() % 100000}`;
  const members = [
    ['US', 'This council'],
    ['B1', 'Borough One'],
    ['B2', 'Borough Two'],
    ['B3', 'Borough Three'],
  ].map(([c, name]) => ({ code: `${code}-${c}`, name }));
  const group = await page.request.post('/api/v1/benchmarking/groups', {
    headers,
    data: { code, name: 'Nearest neighbours (test)', kind: 'nearest_neighbours', members, us: `${code}-US` },
  });
  expect(group.status()).toBe(201);
  const groupId = ((await group.json()) as { id: number }).id;
  const values = ['10', '99', '98', '97'].map((value, k) => ({
    indicator_code: 'LPI CORP-01', period: '2025-26', council_code: members[k]!.code, value, group: code,
  }));
  const imported = await page.request.post('/api/v1/benchmarking/values', { headers, data: values });
  expect(imported.ok(), await imported.text()).toBeTruthy();
  const aim = await page.request.put(`/api/v1/indicators/${ind.id}/benchmark-aims/2026-27`, {
    headers,
    data: { group_id: groupId, aim: 'top_quartile' },
  });
  expect(aim.ok(), await aim.text()).toBeTruthy();

  const bench = (await (await page.request.get(`/api/v1/indicators/${ind.id}/benchmark?group=${code}&year=2025-26`, { headers })).json()) as {
    rank: number;
    number_ranked: number;
  };

  await signIn(page, 'viewer', `/indicators/${ind.id}`);
  const panel = page.getByTestId('benchmark-panel');
  await expect(panel.getByRole('heading', { name: 'Compared with other councils' })).toBeVisible();
  await expect(panel.getByTestId('benchmark-summary')).toBeVisible();
  // The choice of group and year is offered only when there is more than one.
  if (await panel.getByLabel('Compare with').count()) {
    await panel.getByLabel('Compare with').selectOption(code);
    await panel.getByLabel('Year').selectOption('2025-26');
    await panel.getByRole('button', { name: 'Compare' }).click();
  }
  const summary = panel.getByTestId('benchmark-summary');
  await expect(summary).toContainText('Nearest neighbours (test)');
  await expect(summary).toContainText(new RegExp(`${bench.rank}(st|nd|rd|th) of ${bench.number_ranked}`));
  await expect(summary).toContainText(/quartile/i);
  await expect(panel.getByTestId('benchmark-aims')).toContainText('Reach the top quartile');
  await panel.getByText(/All \d+ councils in the group/).click();
  await expect(panel.getByTestId('benchmark-table').getByRole('row')).toHaveCount(members.length + 1);
  await expect(panel.getByTestId('benchmark-table')).toContainText('(this council)');
  await expectAccessible(page, 'indicator page with a benchmark');
});
