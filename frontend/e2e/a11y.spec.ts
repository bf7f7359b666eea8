import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn, tokenFor, type DemoUser } from './helpers';

async function firstIndicatorId(page: Page): Promise<string> {
  await page.goto('/indicators');
  const link = page.getByTestId('register-ready').getByRole('table').getByRole('link').first();
  return ((await link.getAttribute('href')) as string).split('/').pop() as string;
}

const ready: Record<string, string> = {
  '/': '[data-testid=dashboard-ready]',
  '/indicators': '[data-testid=register-ready]',
  '/data-entry': '[data-testid=entry-grid]',
  '/admin': 'table',
};

async function visit(page: Page, user: DemoUser, path: string, waitFor?: string) {
  await signIn(page, user, path);
  await expect(page.locator(waitFor ?? ready[path] ?? 'main h1').first()).toBeVisible();
}

test.describe('axe-core finds no serious or critical violations', () => {
  test('sign-in, with and without errors', async ({ page }) => {
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'sign-in with errors');
  });

  test('dashboard', async ({ page }) => {
    await visit(page, 'viewer', '/');
    await expectAccessible(page, 'dashboard');
  });

  test('indicator register, filtered', async ({ page }) => {
    await visit(page, 'viewer', '/indicators?rag=amber&sort=title');
    await expect(page.getByTestId('register-ready')).toBeVisible();
    await expectAccessible(page, 'register');
  });

  test('indicator page with chart', async ({ page }) => {
    await signIn(page, 'viewer', '/');
    const id = await firstIndicatorId(page);
    await page.goto(`/indicators/${id}`);
    await expect(page.getByTestId('indicator-chart')).toBeVisible();
    await expect(page.getByTestId('audit-table')).toBeVisible();
    await expectAccessible(page, 'indicator page');
  });

  test('data entry, with a field error', async ({ page }) => {
    await visit(page, 'owner', '/data-entry');
    await expectAccessible(page, 'data entry');
    const r = page.locator('[data-testid^="entry-row-"]', { has: page.getByLabel(/^Value/) }).first();
    await r.getByLabel(/^Value/).fill('not a number');
    await r.getByRole('button', { name: /^Save/ }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible(page, 'data entry with errors');
  });

  test('data entry for the performance team (all indicators)', async ({ page }) => {
    await visit(page, 'perf', '/data-entry?scope=all', '[data-testid=entry-grid]');
    await expectAccessible(page, 'data entry, all');
  });

  test('register administration: list, create (with errors), edit, targets', async ({ page }) => {
    await visit(page, 'perf', '/admin');
    await expectAccessible(page, 'administration');
    await page.goto('/admin/indicators/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an indicator');
    await expectAccessible(page, 'create indicator');
    await page.getByRole('button', { name: 'Create indicator' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'create indicator with errors');
    const id = await firstIndicatorId(page);
    await page.goto(`/admin/indicators/${id}/edit`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Edit');
    await expectAccessible(page, 'edit indicator');
    await page.goto(`/admin/indicators/${id}/targets`);
    await expect(page.getByTestId('targets-table')).toBeVisible();
    await expectAccessible(page, 'targets');
  });

  test('not found and not allowed', async ({ page }) => {
    await visit(page, 'viewer', '/no-such-page');
    await expectAccessible(page, 'not found');
    await page.goto('/data-entry');
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expectAccessible(page, 'forbidden');
  });
});

test.describe('works at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const [path, user] of [
    ['/', 'viewer'],
    ['/indicators', 'viewer'],
    ['/data-entry', 'owner'],
  ] as const) {
    test(`${path} reflows without sideways scrolling of the page`, async ({ page }) => {
      await visit(page, user, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} at 320 px`);
    });
  }
});

test.describe('axe-core: imports, partner API clients, the annual cycle and data deadlines', () => {
  test('import and export, with a checked file that has a rejected row', async ({ page }) => {
    await visit(page, 'owner', '/imports', '[data-testid=import-form]');
    await expectAccessible(page, 'imports');
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'outturns.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator_code,period,value\nNI 185,2012-13,not a number\n'),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(page.getByTestId('rejected-rows')).toBeVisible();
    await expectAccessible(page, 'imports with rejected rows');
  });

  test('partner API clients, with a secret shown', async ({ page }) => {
    await visit(page, 'perf', '/clients', '[data-testid=client-partner-demo]');
    await expectAccessible(page, 'clients');
    await page.getByRole('button', { name: 'Register the client' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'clients with errors');
    await page.getByLabel('Name', { exact: true }).fill(`Accessibility check ${Date.now()}`);
    await page.getByLabel('Partner organisation').selectOption({ label: 'Wyvern Fire and Rescue Service' });
    await page.getByRole('button', { name: 'Register the client' }).click();
    await expect(page.getByTestId('secret-panel')).toBeVisible();
    await expectAccessible(page, 'clients with a secret shown');
  });

  test('staff accounts (administrators)', async ({ page }) => {
    await visit(page, 'admin', '/admin/users', '[data-testid=users-table]');
    await expectAccessible(page, 'staff accounts');
  });

  test('the calendar: year view, month view and subscription', async ({ page }) => {
    await visit(page, 'perf', '/calendar', '[data-testid=year-view]');
    await expectAccessible(page, 'calendar, year');
    await page.goto('/calendar?view=month');
    await expect(page.getByTestId('month-grid')).toBeVisible();
    await expectAccessible(page, 'calendar, month');
    await page.getByTestId('subscribe').getByRole('button', { name: /Create my subscription address|Reset the address/ }).first().click();
    const confirm = page.getByRole('button', { name: 'Yes, reset the address' });
    if (await confirm.isVisible()) await confirm.click();
    await expect(page.getByTestId('feed-url')).toBeVisible();
    await expectAccessible(page, 'calendar with a subscription address');
  });

  test('my deadlines on the dashboard, and the late-data view with a directorate open', async ({ page }) => {
    await visit(page, 'owner', '/', '[data-testid=my-deadline]');
    await expectAccessible(page, 'dashboard with my deadlines');
    await visit(page, 'perf', '/late-data', '[data-testid=late-by-directorate]');
    await expectAccessible(page, 'late data');
    await page.getByTestId('late-row').getByRole('link').first().click();
    await expect(page.getByTestId('late-drill')).toBeVisible();
    await expectAccessible(page, 'late data, one directorate');
  });
});

/** First item of an API list, read as the performance team (ids differ between demo loads). */
async function firstOf<T>(page: Page, path: string, pick: (items: T[]) => T | undefined = (i) => i[0]): Promise<T> {
  const token = await tokenFor(page.request, 'perf');
  const res = await page.request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok(), path).toBeTruthy();
  const body = (await res.json()) as { items: T[] } | T[];
  const item = pick(Array.isArray(body) ? body : body.items);
  expect(item, `an item of ${path}`).toBeTruthy();
  return item as T;
}

test.describe('axe-core: the golden thread (plans, thread, actions, risks, commitments, appraisals)', () => {
  test('plan browser, filtered, and a service plan', async ({ page }) => {
    await visit(page, 'viewer', '/plans', '[data-testid=plan-tree]');
    await expectAccessible(page, 'plans');
    await page.goto('/plans?level=individual');
    await expect(page.getByTestId('plan-tree')).toBeVisible();
    await expectAccessible(page, 'plans, filtered');
    await page.getByRole('link', { name: /^Orphans/ }).click();
    await expect(page.getByTestId('orphans-ready')).toBeVisible();
    await expectAccessible(page, 'orphan report');
    const plan = await firstOf<{ id: number; level: string }>(page, '/api/v1/plans?level=service_plan&limit=50');
    await visit(page, 'perf', `/plans/${plan.id}`, '[data-testid=plan-checklist] table');
    await expectAccessible(page, 'service plan with its checklist');
  });

  test('an objective’s thread, up and down', async ({ page }) => {
    const plan = await firstOf<{ id: number }>(page, '/api/v1/plans?level=individual&limit=50');
    const objective = await firstOf<{ id: number }>(page, `/api/v1/plans/${plan.id}/objectives`);
    await visit(page, 'viewer', `/objectives/${objective.id}`, '[data-testid=thread-up] .gt-thread');
    await expectAccessible(page, 'thread of an individual objective');
    await page.getByTestId('thread-up').locator('.gt-thread__card').first().getByRole('heading').getByRole('link').click();
    await expect(page.getByTestId('thread-down').locator('.gt-thread')).toBeVisible();
    await expectAccessible(page, 'thread of a community ambition');
  });

  test('action lists and an action with a progress error', async ({ page }) => {
    await visit(page, 'perf', '/actions?view=overdue', 'main h1');
    await expectAccessible(page, 'overdue actions');
    const action = await firstOf<{ id: number; can_report_progress: boolean; status: string }>(page, '/api/v1/actions?limit=200', (items) =>
      items.find((a) => a.can_report_progress && a.status !== 'complete' && a.status !== 'cancelled'),
    );
    await visit(page, 'perf', `/actions/${action.id}`, '[data-testid=progress-form]');
    await expectAccessible(page, 'action');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible(page, 'action with errors');
  });

  test('risk register with its heat map, and a risk', async ({ page }) => {
    await visit(page, 'viewer', '/risks', '[data-testid=heat-grid]');
    await expect(page.getByTestId('risk-table')).toBeVisible();
    await expectAccessible(page, 'risk register');
    const risk = await firstOf<{ id: number }>(page, '/api/v1/risks?limit=5');
    await visit(page, 'perf', `/risks/${risk.id}`, '[data-testid=risk-reviews]');
    await expectAccessible(page, 'risk with reviews');
  });

  test('commitments and appraisals', async ({ page }) => {
    await visit(page, 'perf', '/commitments', '[data-testid=commitments-ready]');
    await expectAccessible(page, 'commitments');
    const commitment = await firstOf<{ id: number }>(page, '/api/v1/commitments?limit=5');
    await visit(page, 'perf', `/commitments/${commitment.id}`, '[data-testid=quadrant-customers]');
    await expectAccessible(page, 'one manager’s commitments');
    await visit(page, 'perf', '/appraisals', '[data-testid=appraisals-ready]');
    await expectAccessible(page, 'appraisals');
    await visit(page, 'perf', '/appraisals/completion', '[data-testid=completion-ready]');
    await expectAccessible(page, 'appraisal completion');
    const appraisal = await firstOf<{ id: number }>(page, '/api/v1/appraisals?limit=5');
    await visit(page, 'perf', `/appraisals/${appraisal.id}`, 'main h1');
    await expectAccessible(page, 'an appraisal');
  });
});

test.describe('golden-thread pages work at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const [path, user, ready] of [
    ['/plans', 'viewer', '[data-testid=plan-tree]'],
    ['/risks', 'viewer', '[data-testid=heat-grid]'],
    ['/actions?view=overdue', 'perf', 'main h1'],
  ] as const) {
    test(`${path} reflows without sideways scrolling of the page`, async ({ page }) => {
      await visit(page, user, path, ready);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} at 320 px`);
    });
  }
});

test.describe('new pages work at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const [path, user, ready] of [
    ['/imports', 'owner', '[data-testid=import-form]'],
    ['/calendar?category=budget&category=risk', 'viewer', '[data-testid=year-view]'],
    ['/calendar?view=month', 'viewer', '[data-testid=month-grid]'],
    ['/late-data', 'perf', '[data-testid=late-by-directorate]'],
    ['/clients', 'perf', '[data-testid=clients-list]'],
  ] as const) {
    test(`${path} reflows without sideways scrolling of the page`, async ({ page }) => {
      await visit(page, user, path, ready);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} at 320 px`);
    });
  }
});

test.describe('axe-core: the integrated performance report', () => {
  test('whole council, then a directorate with amber exceptions, and on paper', async ({ page }) => {
    await visit(page, 'perf', '/reports/ipr', '[data-testid=ipr-ready]');
    await expectAccessible(page, 'integrated performance report');
    const scope = page.getByLabel('Scope');
    const label = (await scope.locator('optgroup[label="Directorates and services"] option').first().innerText()).trim();
    await scope.selectOption({ label });
    await page.getByLabel('Amber exceptions too').check();
    await page.getByRole('button', { name: 'Show report' }).click();
    await expect(page.locator('.govuk-caption-l')).toContainText(label);
    await expectAccessible(page, 'integrated performance report, directorate with amber');
    await page.emulateMedia({ media: 'print' });
    await expectAccessible(page, 'integrated performance report, print');
  });

  test('at 320 px the report reflows (wide tables scroll in their own region)', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await visit(page, 'viewer', '/reports/ipr', '[data-testid=ipr-ready]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'integrated performance report at 320 px');
  });
});
