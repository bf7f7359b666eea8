import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'goldenthread-demo';
export type DemoUser = 'admin' | 'perf' | 'manager' | 'owner' | 'viewer';

const tokens = new Map<string, { token: string; expires: number }>();

export async function tokenFor(request: APIRequestContext, user: DemoUser): Promise<string> {
  const cached = tokens.get(user);
  if (cached && cached.expires > Date.now() + 60_000) return cached.token;
  const res = await request.post('/api/v1/auth/token', {
    form: { grant_type: 'password', username: user, password: PASSWORD },
  });
  expect(res.ok(), `sign-in of ${user}`).toBeTruthy();
  const body = (await res.json()) as { access_token: string; expires_in: number };
  tokens.set(user, { token: body.access_token, expires: Date.now() + body.expires_in * 1000 });
  return body.access_token;
}

/** Signs in without the form (the form has its own test): the token goes where the app keeps it. */
export async function signIn(page: Page, user: DemoUser, path = '/') {
  const token = await tokenFor(page.request, user);
  await page.goto('/sign-in');
  await page.evaluate((t) => {
    sessionStorage.setItem('gt.session', JSON.stringify({ token: t, expiresAt: Date.now() + 50 * 60_000 }));
  }, token);
  await page.goto(path);
}

export async function signInWithForm(page: Page, user: DemoUser) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function dashboardCounts(page: Page): Promise<Record<string, number>> {
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  const out: Record<string, number> = {};
  for (const rag of ['red', 'amber', 'green', 'no_data', 'no_target', 'not_applicable']) {
    const text = await page.getByTestId(`count-${rag}`).locator('.gt-rag-card__count').innerText();
    out[rag] = Number(text);
  }
  return out;
}

/** axe-core over the page: no serious or critical violations (WCAG 2.0/2.1 A and AA rules). */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  expect(bad, `${what}: axe found serious or critical violations\n${report}`).toEqual([]);
}
