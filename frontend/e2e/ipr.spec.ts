import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

interface Action {
  code: string;
  title: string;
}
interface Exception {
  code: string;
  rag: string;
  remedial_actions: Action[];
}
interface Report {
  period: string;
  exceptions: Exception[];
  highlights: { code: string }[];
  actions: { overdue: Action[]; at_risk: Action[] };
  risks: { highest: { code: string }[] };
  scope: { name: string };
}

async function authed(request: APIRequestContext) {
  return { Authorization: `Bearer ${await tokenFor(request, 'perf')}` };
}

async function demoPeriod(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/v1/status/latest-period', { headers: await authed(request) });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { period: string }).period;
}

test('the report lists exactly the red indicators of the demo period, with their remedial actions', async ({ page }) => {
  const headers = await authed(page.request);
  const period = await demoPeriod(page.request);
  const status = (await (await page.request.get(`/api/v1/status?period=${period}`, { headers })).json()) as {
    items: { code: string; rag: string }[];
  };
  const reds = status.items.filter((s) => s.rag === 'red').map((s) => s.code).sort();
  expect(reds.length).toBeGreaterThan(0);
  const report = (await (await page.request.get(`/api/v1/reports/ipr?period=${period}`, { headers })).json()) as Report;

  await signIn(page, 'perf', '/reports/ipr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrated performance report');
  await expect(page.getByTestId('ipr-ready')).toBeVisible();

  // The page's exceptions are the period's red indicators, no more and no fewer.
  const items = page.getByTestId('ipr-exception');
  await expect(items).toHaveCount(reds.length);
  const shown = (await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code ?? ''))).sort();
  expect(shown).toEqual(reds);
  for (const e of await items.all()) await expect(e.locator('.gt-rag--red')).toHaveText(/Red/);

  // Each with its status explanation, and its remedial actions (or a plain "none recorded").
  for (const ex of report.exceptions) {
    const item = page.locator(`[data-testid=ipr-exception][data-code="${ex.code}"]`);
    await expect(item).toContainText('Why:');
    if (ex.remedial_actions.length === 0) {
      await expect(item.getByTestId('no-remedial')).toBeVisible();
    }
    for (const a of ex.remedial_actions) {
      await expect(item.getByTestId('ipr-action').filter({ hasText: a.title }).first()).toBeVisible();
    }
  }

  // Highlights, overdue actions and top risks: as many as the API reports.
  await expect(page.getByTestId('ipr-highlight')).toHaveCount(report.highlights.length);
  await expect(page.getByTestId('ipr-actions').getByTestId('ipr-action')).toHaveCount(
    report.actions.overdue.length + report.actions.at_risk.length,
  );
  await expect(page.getByTestId('ipr-risks').getByTestId('ipr-risk').first().or(page.getByTestId('ipr-risks').getByText('No open risks.'))).toBeVisible();
  await expect(page.getByTestId('ipr-headline').getByTestId('headline-red')).toContainText(String(reds.length));
  // The charts carry their figures as text.
  await expect(page.getByTestId('headline-chart').getByRole('list')).toContainText(`Red: ${reds.length}`);
});

test('print and downloads: the print button, and Excel and PDF files of the same report', async ({ page }) => {
  await signIn(page, 'perf', '/reports/ipr');
  await expect(page.getByTestId('ipr-ready')).toBeVisible();
  const downloads = page.getByTestId('ipr-downloads');
  await expect(downloads.getByRole('button', { name: 'Print this report' })).toBeVisible();

  for (const [name, ext, magic] of [
    [/Excel/, 'xlsx', 'PK'],
    [/PDF/, 'pdf', '%PDF'],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^ipr-.+\\.${ext}$`));
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, magic.length).toString('latin1')).toBe(magic);
  }

  // The same addresses answer 200 with the right content type.
  const headers = await authed(page.request);
  const period = await demoPeriod(page.request);
  const xlsx = await page.request.get(`/api/v1/reports/ipr.xlsx?period=${period}`, { headers });
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const pdf = await page.request.get(`/api/v1/reports/ipr.pdf?period=${period}`, { headers });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  // On paper: no navigation or buttons, and exceptions are not split across pages.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.gt-service-nav')).toBeHidden();
  await expect(downloads).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const breakInside = await page.getByTestId('ipr-exception').first().evaluate((e) => getComputedStyle(e).breakInside);
  expect(breakInside).toBe('avoid');
  const breakBefore = await page.getByTestId('ipr-exceptions').evaluate((e) => getComputedStyle(e).breakBefore);
  expect(breakBefore).toBe('page');
});

test('a councillor chooses a directorate and sees only its report', async ({ page }) => {
  await signIn(page, 'viewer', '/reports/ipr');
  await expect(page.getByTestId('ipr-ready')).toBeVisible();
  const all = await page.getByTestId('ipr-exception').count();
  const scope = page.getByLabel('Scope');
  const option = scope.locator('optgroup[label="Directorates and services"] option').first();
  const label = (await option.innerText()).trim();
  await scope.selectOption({ label });
  await page.getByLabel('Amber exceptions too').check();
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page).toHaveURL(/scope=org_unit%3A\d+|scope=org_unit:\d+/);
  await expect(page).toHaveURL(/amber=1/);
  await expect(page.locator('.govuk-caption-l')).toContainText(label);
  const scoped = page.getByTestId('ipr-exception');
  // Red and amber of one directorate: every one red or amber.
  for (const e of await scoped.all()) await expect(e.locator('.gt-rag--red, .gt-rag--amber')).toBeVisible();
  expect(all).toBeGreaterThan(0);
});

test('choosing a comparator group shows each exception’s quartile, kept in the address', async ({ page }) => {
  const headers = await authed(page.request);
  const period = await demoPeriod(page.request);
  const groups = (await (await page.request.get('/api/v1/benchmarking/groups', { headers })).json()) as { code: string; name: string }[];
  const family = groups.find((g) => g.code === 'DEMO-NN');
  expect(family).toBeTruthy();
  type Cell = { benchmark: { words: string } | null; code: string };
  const report = (await (
    await page.request.get(`/api/v1/reports/ipr?period=${period}&include_amber=true&benchmark_group=DEMO-NN`, { headers })
  ).json()) as { exceptions: Cell[]; highlights: Cell[] };
  const ranked = [...report.exceptions, ...report.highlights].filter((e) => e.benchmark);
  expect(ranked.length).toBeGreaterThan(0);

  await signIn(page, 'perf', `/reports/ipr?period=${period}&amber=1`);
  await expect(page.getByTestId('ipr-ready')).toBeVisible();
  await expect(page.getByTestId('ipr-quartile')).toHaveCount(0);
  await page.getByLabel('Benchmark against').selectOption({ label: family!.name });
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page).toHaveURL(/benchmark=DEMO-NN/);
  await expect(page.getByTestId('ipr-benchmark-group')).toContainText(family!.name);
  const first = ranked[0];
  const item = page.locator(`[data-code="${first.code}"]`).or(page.getByTestId('ipr-highlight').filter({ hasText: first.code })).first();
  await expect(item.getByTestId('ipr-quartile')).toHaveText(first.benchmark!.words);
  await expect(item.getByTestId('ipr-quartile')).toHaveText(/^[1-4](st|nd|rd|th) of 4 \(rank \d+ of \d+\)$/);
});
