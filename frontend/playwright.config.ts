import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

// The config is read by the runner and by each worker: choose the port and database once
// and hand them down through the environment.
const here = import.meta.dirname;
process.env.GT_E2E_PORT ??= execFileSync(process.execPath, [join(here, 'scripts/free-port.mjs')]).toString().trim();
process.env.GT_E2E_DB ??= join(tmpdir(), `goldenthread-e2e-${process.pid}-${Date.now()}.db`);
const port = process.env.GT_E2E_PORT;
// GT_E2E_BASE_URL points the suite at a server that is already running (for front-end work);
// by default it starts its own backend on a fresh demo database.
const external = process.env.GT_E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
const goldenthread = join(here, '../.venv/bin/goldenthread');
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium is not at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium).`);
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: join(tmpdir(), 'goldenthread-e2e-results'),
  globalTeardown: join(here, 'e2e/global-teardown.ts'),
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  webServer: external
    ? undefined
    : {
        // The backend serves the built app (frontend/dist) and the API from one process.
        command: `"${goldenthread}" serve --host 127.0.0.1 --port ${port}`,
        url: `${baseURL}/readyz`,
        timeout: 120_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          GT_DATABASE_URL: `sqlite+aiosqlite:///${process.env.GT_E2E_DB}`,
          GT_DEMO: 'true',
          GT_ENV: 'development',
          GT_SECRET_KEY: 'e2e-only-secret-key-0123456789abcdefghijklmnop',
          // GT_WEB_DIR serves a build from elsewhere (several people building at once).
          GT_WEB_DIR: process.env.GT_WEB_DIR ?? join(here, 'dist'),
          // Every test signs in; the sign-in rate limits are for people, not this suite.
          GT_RATE_LIMIT_SIGN_IN_ADDRESS: '10000/minute',
          GT_RATE_LIMIT_SIGN_IN_ACCOUNT: '10000/minute',
        },
      },
});
