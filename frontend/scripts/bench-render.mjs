// Render benchmark (not a timed test): how long the dashboard and the indicator register take
// to show 1,000 indicators in headless Chromium (Debian's, through its executable path).
// It builds the app if needed, starts the backend on a free port with a fresh demo database,
// tops the register up to 1,000 indicators through the API (plus targets and outturns by
// JSON import), then loads each page several times and prints the figures.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const TOTAL = Number(process.env.BENCH_INDICATORS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit' });
const port = execFileSync(process.execPath, [join(root, 'scripts/free-port.mjs')]).toString().trim();
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'gt-bench-'));
const server = spawn(join(root, '../.venv/bin/goldenthread'), ['serve', '--host', '127.0.0.1', '--port', port], {
  env: {
    ...process.env,
    GT_DATABASE_URL: `sqlite+aiosqlite:///${join(dir, 'bench.db')}`,
    GT_DEMO: 'true',
    GT_ENV: 'development',
    GT_SECRET_KEY: 'bench-only-secret-key-0123456789abcdefghijklmn',
    GT_WEB_DIR: join(root, 'dist'),
    GT_RATE_LIMIT_SIGN_IN_ADDRESS: '10000/minute',
    GT_RATE_LIMIT_SIGN_IN_ACCOUNT: '10000/minute',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let serverLog = '';
server.stderr.on('data', (d) => {
  serverLog = (serverLog + d).slice(-4000);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

async function waitReady() {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* not yet */
    }
    if (server.exitCode !== null) throw new Error(`the backend stopped:\n${serverLog}`);
    await sleep(500);
  }
  throw new Error('the backend did not become ready');
}

async function api(token, method, path, body, extra = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'goldenthread-bench', ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function pool(items, size, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function seed() {
  const form = new URLSearchParams({ grant_type: 'password', username: 'perf', password: 'goldenthread-demo' });
  const tokenRes = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', body: form });
  const { access_token: token } = await tokenRes.json();
  const latest = (await api(token, 'GET', '/api/v1/status/latest-period')).period;
  const [y1] = latest.split('-');
  const year = `${y1}-${String((Number(y1) + 1) % 100).padStart(2, '0')}`;
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`).slice(0, Number(latest.slice(-1)));
  const units = await api(token, 'GET', '/api/v1/org-units');
  const users = await api(token, 'GET', '/api/v1/users');
  const existing = (await api(token, 'GET', '/api/v1/indicators?limit=500')).items.length;
  const sets = ['LOCAL', 'NI', 'LAA', 'DOT', 'BVPI'];
  const wanted = Math.max(0, TOTAL - existing);
  const started = Date.now();
  const rows = Array.from({ length: wanted }, (_, i) => i);
  const targets = [];
  const outturns = [];
  await pool(rows, 6, async (i) => {
    const code = `BENCH ${String(i + 1).padStart(4, '0')}`;
    await api(token, 'POST', '/api/v1/indicators', {
      code,
      title: `Benchmark indicator ${i + 1}: share of cases completed on time`,
      definition: 'Made by the render benchmark.',
      unit: 'percent',
      decimal_places: 1,
      polarity: i % 7 === 0 ? 'lower_is_better' : 'higher_is_better',
      frequency: 'quarterly',
      aggregation: 'last',
      organisation_id: 1,
      org_unit_id: units[i % units.length].id,
      owner_id: users[i % users.length].id,
      sets: [sets[i % sets.length], ...(i % 3 === 0 ? ['DOT'] : [])].filter((v, k, a) => a.indexOf(v) === k),
    });
    targets.push({ indicator_code: code, period: year, value: '80.0' });
    // A spread of statuses: green, amber, red and some with no figure yet.
    if (i % 10 !== 9) {
      for (const q of quarters) outturns.push({ indicator_code: code, period: q, value: String(70 + ((i * 7) % 20)), status: 'submitted' });
    }
  });
  await api(token, 'POST', '/api/v1/imports/targets', targets);
  await api(token, 'POST', '/api/v1/imports/outturns', outturns);
  const total = (await api(token, 'GET', `/api/v1/status?period=${latest}`)).total;
  console.log(`Seeded ${wanted} indicators (${targets.length} targets, ${outturns.length} outturns) in ${((Date.now() - started) / 1000).toFixed(1)} s; ${total} active indicators at ${latest}.`);
  return { token, latest, total };
}

// The moment the page is ready is taken inside the page (a MutationObserver, then the next
// painted frame), so the figures do not include the test driver's own round trips.
async function measure(page, url, readySelector, apiPattern) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__gtReady !== undefined, null, { timeout: 60_000, polling: 100 });
  return page.evaluate((pattern) => {
    const re = new RegExp(pattern);
    const ready = window.__gtReady;
    const apiEnd = Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .filter((e) => re.test(e.name))
        .map((e) => e.responseEnd),
    );
    const requests = performance
      .getEntriesByType('resource')
      .filter((e) => re.test(e.name))
      .map((e) => `${e.name.replace(location.origin, '').split('?')[0]} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`);
    return { total: ready, afterData: ready - apiEnd, apiEnd, requests };
  }, apiPattern);
}

function watchFor(sel) {
  let seen = false;
  const check = () => {
    if (seen || !document.querySelector(sel)) return;
    seen = true;
    // Ready once the browser has laid out and painted the frame with the content in it.
    requestAnimationFrame(() => setTimeout(() => (window.__gtReady = performance.now()), 0));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

let browser;
try {
  await waitReady();
  const { token, latest, total } = await seed();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript((t) => {
    sessionStorage.setItem('gt.session', JSON.stringify({ token: t, expiresAt: Date.now() + 3_000_000 }));
  }, token);
  const pages = [
    {
      name: 'Dashboard',
      url: `${base}/?period=${latest}`,
      ready: '[data-testid=dashboard-ready] .gt-attention, [data-testid=dashboard-ready] .gt-empty',
      api: '/api/v1/(status|org-units|auth/me)',
    },
    {
      name: 'Register',
      url: `${base}/indicators?period=${latest}`,
      ready: '[data-testid=register-ready]',
      api: '/api/v1/(status|indicators|users|org-units|auth/me)',
    },
  ];
  const rows = [];
  for (const p of pages) {
    const page = await context.newPage();
    await page.addInitScript(watchFor, p.ready);
    await measure(page, p.url, p.ready, p.api); // warm-up: caches, JIT
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await measure(page, p.url, p.ready, p.api));
    await page.close();
    if (process.env.BENCH_DETAIL) console.log(p.name, runs[runs.length - 1].requests.join(', '));
    rows.push({ name: p.name, total: median(runs.map((r) => r.total)), api: median(runs.map((r) => r.apiEnd)), render: median(runs.map((r) => r.afterData)) });
  }
  console.log(`\nRender benchmark: ${total} indicators, headless Chromium, median of ${RUNS} loads (after one warm-up)`);
  console.log('page        load→ready   data arrived   render after data   (aim < 1,000 ms)');
  for (const r of rows) {
    console.log(`${r.name.padEnd(11)} ${ms(r.total).padStart(10)}   ${ms(r.api).padStart(12)}   ${ms(r.render).padStart(17)}   ${r.total < 1000 ? 'within aim' : 'over aim'}`);
  }
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
}
