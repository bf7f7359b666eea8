import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// The owner's annual indicator, in years the demo holds no figures for.
const HEADER = 'indicator_code,period,value,commentary\n';
const FAULTY = `${HEADER}NI 185,2010-11,12.5,Imported by the browser test\nNI 185,2011-12,twelve,Imported by the browser test\n`;
const FIXED = `${HEADER}NI 185,2010-11,12.5,Imported by the browser test\nNI 185,2011-12,13,Imported by the browser test\n`;

async function choose(page: Page, body: string, name = 'outturns.csv', mimeType = 'text/csv') {
  await page.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType, buffer: Buffer.from(body) });
}

async function count(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(`summary-${key}`).locator('dd').innerText()).trim();
}

test('a faulty row is named by row and column and nothing is imported; fixed, the file imports; sent again, nothing changes', async ({ page }) => {
  await signIn(page, 'owner', '/imports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import and export figures');
  await expect(page.getByLabel('Outturns (actual figures)')).toBeChecked();

  // Dry run of the faulty file: the rejected row's row, column, value and message.
  await choose(page, FAULTY);
  await page.getByRole('button', { name: 'Check the file' }).click();
  const rejected = page.getByTestId('rejected-rows');
  await expect(rejected).toBeVisible();
  const row = rejected.locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveText(['3', 'value', 'twelve', 'not a number']);
  await expect(page.getByRole('alert').filter({ hasText: '1 row of 2 has problems' })).toBeVisible();
  expect(await count(page, 'rejected')).toBe('1');
  await expect(page.getByTestId('confirm-import')).toHaveCount(0);
  await expect(page).toHaveTitle(/^Error: Import and export figures/);

  // The fixed file checks clean: nothing is written until it is confirmed.
  await choose(page, FIXED);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('check-headline')).toHaveText('2 rows checked with no problems: 2 would be added, 0 changed, 0 unchanged.');
  await expect(page.getByTestId('rejected-rows')).toHaveCount(0);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/imports/')) sent.push(`${r.url()} ${r.headers()['idempotency-key'] ?? ''}`);
  });
  await page.getByTestId('confirm-import').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect(done).toContainText('Imported 2 rows: 2 added, 0 changed, 0 unchanged');
  expect(await count(page, 'created')).toBe('2');
  // The real import went without dry_run and with an idempotency key.
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatch(/\/imports\/outturns web-[0-9a-f]{32}$/);

  // Sent again: every row is already stored.
  await done.getByRole('button', { name: 'Import another file' }).click();
  await choose(page, FIXED);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('check-headline')).toContainText('every row is already stored');
  await page.getByTestId('confirm-import').click();
  await expect(page.getByTestId('import-done')).toContainText('nothing changed, every row was already stored');
  expect(await count(page, 'unchanged')).toBe('2');
  expect(await count(page, 'created')).toBe('0');
});

test('upload progress is shown while a file is sent', async ({ page }) => {
  await signIn(page, 'owner', '/imports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import and export figures');
  // A slow upload link, and a JSON file padded with whitespace so the upload takes a few seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 60 * 1024 });
  const body = `[${' '.repeat(240_000)}{"indicator_code": "NI 185", "period": "2010-11", "value": "12.5"}]`;
  await choose(page, body, 'outturns.json', 'application/json');
  await page.getByRole('button', { name: 'Check the file' }).click();
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAccessibleName(/Sending the file to be checked|File sent/);
  await expect(page.getByText(/^Uploading: \d+%/)).toBeVisible();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 30_000 });
  await expect(progress).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
});

test('templates and exports download in the import layout', async ({ page }) => {
  await signIn(page, 'owner', '/imports');
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the outturns template (CSV)' }).click(),
  ]);
  expect(template.suggestedFilename()).toBe('outturns-template.csv');
  const header = readFileSync((await template.path()) as string, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  expect(header).toContain('indicator_code');
  expect(header).toContain('period');

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the targets template (Excel)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe('targets-template.xlsx');

  await page.getByLabel('Which figures').selectOption('outturns');
  await page.getByLabel('CSV', { exact: true }).check();
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the export' }).click()]);
  expect(exported.suggestedFilename()).toBe('outturns.csv');
  const text = readFileSync((await exported.path()) as string, 'utf8').replace(/^\uFEFF/, '');
  expect(text.split(/\r?\n/)[0]).toContain('indicator_code');
  expect(text.split(/\r?\n/).length).toBeGreaterThan(2);
});
