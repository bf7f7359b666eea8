import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

/** Sets out 2008-09 from the templates when it has no events yet (the demo makes recent years only). */
async function openYear(page: Page) {
  await signIn(page, 'perf', '/calendar?year=2008-09');
  await expect(page.getByTestId('calendar-ready')).toBeVisible();
  const make = page.getByRole('button', { name: 'Set out 2008/09 from the timetable' });
  if (await make.isVisible()) {
    await make.click();
    await expect(page.getByTestId('no-events')).toHaveCount(0);
  }
  await expect(page.getByTestId('month-2008-09').getByTestId('calendar-entry').first()).toBeVisible();
}

function entry(scope: Locator, title: string): Locator {
  return scope.getByTestId('calendar-entry').filter({ has: scope.page().getByRole('heading', { name: title, exact: true }) });
}

test('2008-09 shows the demo templates on the right dates, with categories in words', async ({ page }) => {
  await openYear(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The annual cycle 2008/09');
  // The Corporate Plan is published in September, by its last working day.
  const plan = entry(page.getByTestId('month-2008-09'), 'Publish the Corporate Plan for the following three years');
  await expect(plan).toHaveAttribute('data-due', '2008-09-30');
  await expect(plan).toContainText('1 to 30 September 2008');
  await expect(plan).toContainText('Publication');
  // Commitments are reviewed in September and January.
  await expect(entry(page.getByTestId('month-2008-09'), 'Commitments review for the current year')).toHaveAttribute('data-due', '2008-09-30');
  await expect(entry(page.getByTestId('month-2009-01'), 'Commitments review for the current year')).toHaveAttribute('data-due', '2009-01-30');
  // December's monthly figures are due ten working days on, past Christmas, Boxing Day and New Year's Day.
  const december = entry(page.getByTestId('month-2009-01'), 'Data due: monthly figures for December 2008');
  await expect(december).toHaveAttribute('data-due', '2009-01-15');
  await expect(december).toContainText('Data deadline');

  // The month view puts them on their days.
  await page.getByTestId('month-2008-09').getByRole('link', { name: 'September 2008' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('September 2008');
  const grid = page.getByTestId('month-grid');
  await expect(grid.getByRole('columnheader')).toHaveCount(7);
  await expect(grid.getByRole('columnheader').first()).toContainText('Monday');
  await expect(grid.locator('td[data-date="2008-09-30"]')).toContainText('Publish the Corporate Plan');
  await expect(grid.locator('td[data-date="2008-09-12"]')).toContainText('Data due: monthly figures for August 2008');
  await page.getByRole('link', { name: /Next month/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('October 2008');
  await page.getByRole('link', { name: /Previous month/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('September 2008');

  // Filtering by category leaves only that category.
  await page.getByRole('checkbox', { name: 'Publication', exact: true }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/category=publication/);
  await expect(page.getByTestId('calendar-ready')).not.toHaveAttribute('aria-busy', 'true');
  const cats = page.locator('.gt-entries [data-category]');
  await expect(cats.first()).toBeVisible();
  for (const c of await cats.all()) await expect(c).toHaveAttribute('data-category', 'publication');
});

test('an event is marked done, and a change made meanwhile by someone else is caught', async ({ page }) => {
  await openYear(page);
  await page.goto('/calendar?year=2008-09&view=month&month=2008-09');
  const list = page.getByRole('list', { name: 'September 2008 in detail' });
  const plan = entry(list, 'Publish the Corporate Plan for the following three years');
  await expect(plan).toContainText('Missed');
  await plan.getByRole('button', { name: /^Mark as done/ }).click();
  await expect(plan.getByTestId('event-note')).toHaveText('Marked as done.');
  await expect(plan).toContainText('Done – marked by Helen Marsh');
  await expect(plan.locator('[data-status]')).toHaveAttribute('data-status', 'done');

  // Someone else marks another event done after this page loaded it: the stale change is refused.
  const other = entry(list, 'First four months\' budget and performance monitoring report');
  await expect(other).toContainText('Missed');
  const token = await tokenFor(page.request, 'admin');
  const calendar = await page.request.get('/api/v1/calendar?year=2008-09&category=performance_reporting', { headers: { Authorization: `Bearer ${token}` } });
  const found = ((await calendar.json()) as { items: { title: string; due_on: string; event: { id: number; version: number } | null }[] }).items.find(
    (i) => i.title.startsWith('First four months') && i.due_on === '2008-09-30',
  )!;
  const patched = await page.request.patch(`/api/v1/cycle/events/${found.event!.id}`, {
    headers: { Authorization: `Bearer ${token}`, 'If-Match': `"v${found.event!.version}"` },
    data: { status: 'done' },
  });
  expect(patched.ok()).toBeTruthy();
  await other.getByRole('button', { name: /^Mark as done/ }).click();
  // The refusal names who got there first (the administrator, from the 412's `current`).
  const conflict = other.getByTestId('event-conflict');
  await expect(conflict).toBeFocused();
  await expect(conflict).toContainText('Gareth Pryce changed this event');
  await expect(conflict).toContainText('It is now marked done by Gareth Pryce');
  await conflict.getByRole('button', { name: 'Load the current calendar' }).click();
  await expect(other.getByTestId('event-conflict')).toHaveCount(0);
  await expect(other).toContainText('Done – marked by Gareth Pryce');
});

test('the subscribe link is shown once with a copy button, and resetting it stops the old address', async ({ page }) => {
  await signIn(page, 'owner', '/calendar');
  const section = page.getByTestId('subscribe');
  await expect(section.getByRole('heading', { name: 'Subscribe in your calendar app' })).toBeVisible();
  const create = section.getByRole('button', { name: 'Create my subscription address' });
  await expect(create.or(section.getByTestId('feed-active'))).toBeVisible();
  if (await create.isVisible()) await create.click();
  else {
    await section.getByTestId('feed-reset').click();
    await section.getByRole('button', { name: 'Yes, reset the address' }).click();
  }
  const field = section.getByTestId('feed-url');
  await expect(field).toBeVisible();
  const first = await field.inputValue();
  expect(first).toMatch(/\/api\/v1\/calendar\.ics\?token=/);
  await expect(section).toContainText('This address is shown only now');
  const ics = await page.request.get(first);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain('BEGIN:VCALENDAR');

  // Copy, where the browser allows it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await section.getByRole('button', { name: 'Copy subscription address' }).click();
  await expect(section.getByRole('status').filter({ hasText: /Subscription address (copied|is selected)/ })).toBeVisible();

  // Reset asks first, then gives a new address; the old one answers 404.
  await section.getByTestId('feed-reset').click();
  await expect(section).toContainText('The old address stops working at once');
  await section.getByRole('button', { name: 'Yes, reset the address' }).click();
  await expect(field).not.toHaveValue(first);
  const second = await field.inputValue();
  expect((await page.request.get(first)).status()).toBe(404);
  expect((await page.request.get(second)).status()).toBe(200);

  // After a reload the address is no longer shown, only that there is one.
  await page.reload();
  await expect(section.getByTestId('feed-active')).toBeVisible();
  await expect(section.getByTestId('feed-url')).toHaveCount(0);
});
