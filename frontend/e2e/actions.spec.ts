import { expect, test, type Page } from '@playwright/test';
import { signIn, tokenFor } from './helpers';

interface ActionRow {
  id: number;
  title: string;
  status: string;
  plan_id: number | null;
  percent_complete: number;
  can_report_progress: boolean;
  version: number;
}

async function perfHeaders(page: Page) {
  return { Authorization: `Bearer ${await tokenFor(page.request, 'perf')}` };
}

/** An open action the performance team may report progress on (the demo's action plan has many). */
async function openAction(page: Page, skip = 0): Promise<ActionRow> {
  const res = await page.request.get('/api/v1/actions?limit=200', { headers: await perfHeaders(page) });
  expect(res.ok()).toBeTruthy();
  const items = ((await res.json()) as { items: ActionRow[] }).items.filter(
    (a) => a.can_report_progress && (a.status === 'not_started' || a.status === 'in_progress'),
  );
  expect(items.length, 'open demo actions').toBeGreaterThan(skip);
  return items[skip]!;
}

test('the action lists: mine, overdue and by plan', async ({ page }) => {
  const action = await openAction(page);
  await signIn(page, 'perf', '/actions');
  await expect(page.getByRole('heading', { level: 1, name: 'My actions' })).toBeVisible();
  await page.getByRole('link', { name: 'Overdue actions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overdue actions' })).toBeVisible();
  const overdue = page.getByTestId('action-table');
  if (await overdue.count()) {
    // Every row of the overdue list says so in words.
    const states = await overdue.locator('[data-action-state]').allInnerTexts();
    expect(states.every((s) => s === 'Overdue')).toBeTruthy();
  }
  await page.getByRole('link', { name: 'Actions by plan' }).click();
  await expect(page.getByText('Choose a plan to see the actions on its objectives.')).toBeVisible();
  if (action.plan_id !== null) {
    await page.getByLabel('Plan', { exact: true }).selectOption(String(action.plan_id));
    await page.getByRole('button', { name: 'Show actions' }).click();
    await expect(page.getByTestId(`action-row-${action.id}`)).toBeVisible();
  }
});

test('the owner’s side: updating an action’s progress with a dated note', async ({ page }) => {
  const action = await openAction(page);
  await signIn(page, 'perf', `/actions/${action.id}`);
  await expect(page.getByTestId('action-title')).toContainText(action.title);
  const form = page.getByTestId('progress-form');
  const percent = Math.min(95, action.percent_complete + 10);

  // Bad input is caught at the field and in the summary, and what was typed stays.
  await form.getByLabel('Percent complete').fill('150');
  await form.getByRole('button', { name: 'Save progress' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Your update was not saved' });
  await expect(summary).toBeVisible();
  await expect(form.getByLabel('Percent complete')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Percent complete')).toHaveValue('150');

  await form.getByLabel('Percent complete').fill(String(percent));
  await form.getByLabel('Status').selectOption('in_progress');
  await form.getByLabel('Update', { exact: true }).fill('Browser test: the working group met and agreed the draft.');
  await form.getByRole('button', { name: 'Save progress' }).click();
  await expect(page.getByTestId('progress-saved')).toContainText(`${percent}% complete`);
  await expect(page.getByTestId('action-state')).toContainText(`${percent}%`);
  await expect(page.getByTestId('action-state')).toContainText('In progress');
  const history = page.getByTestId('progress-history');
  await expect(history.locator('li').first()).toContainText('Browser test: the working group met and agreed the draft.');
  await expect(history.locator('li').first()).toContainText(`${percent}% complete`);
  // The form is ready for the next update.
  await expect(form.getByLabel('Update', { exact: true })).toHaveValue('');
});

test('progress reported by someone else meanwhile is caught, and what was typed is kept', async ({ page }) => {
  const action = await openAction(page, 1);
  await signIn(page, 'perf', `/actions/${action.id}`);
  const form = page.getByTestId('progress-form');
  await expect(form).toBeVisible();
  // Someone reports progress through the API after the page was opened.
  const other = await page.request.post(`/api/v1/actions/${action.id}/updates`, {
    headers: await perfHeaders(page),
    data: { note: 'Reported elsewhere meanwhile.', percent_complete: Math.min(90, action.percent_complete + 5), status: 'in_progress' },
  });
  expect(other.ok()).toBeTruthy();

  await form.getByLabel('Update', { exact: true }).fill('My update, typed before I saw theirs.');
  await form.getByRole('button', { name: 'Save progress' }).click();
  const conflict = page.getByTestId('progress-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('reported progress on this action');
  await expect(conflict).toContainText('after you opened it');
  await expect(form.getByLabel('Update', { exact: true })).toHaveValue('My update, typed before I saw theirs.');
  await conflict.getByRole('button', { name: 'Load their progress' }).click();
  await expect(page.getByTestId('progress-history')).toContainText('Reported elsewhere meanwhile.');
  await expect(form.getByLabel('Update', { exact: true })).toHaveValue('My update, typed before I saw theirs.');
  await form.getByRole('button', { name: 'Save progress' }).click();
  await expect(page.getByTestId('progress-saved')).toBeVisible();
  await expect(page.getByTestId('progress-history').locator('li').first()).toContainText('My update, typed before I saw theirs.');
});

test('a councillor reads an action but cannot report progress on it', async ({ page }) => {
  const action = await openAction(page);
  await signIn(page, 'viewer', `/actions/${action.id}`);
  await expect(page.getByTestId('action-title')).toContainText(action.title);
  await expect(page.getByTestId('progress-form')).toHaveCount(0);
  await expect(page.getByTestId('no-progress-rights')).toBeVisible();
});
