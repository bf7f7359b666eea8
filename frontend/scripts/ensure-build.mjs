// Builds the app unless dist/ is newer than every source file (e2e and the benchmark
// serve dist/ from the backend).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist/index.html');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale || process.env.GT_FORCE_BUILD) {
  console.log('Building the app for the browser tests…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
} else {
  console.log('dist/ is up to date.');
}
