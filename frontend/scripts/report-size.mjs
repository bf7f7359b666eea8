// Prints the gzipped size of the JavaScript a first visit loads: the entry script of
// dist/index.html and every module it preloads (lazy pages are not counted).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = new Set();
for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(m[1]);
let raw = 0;
let gz = 0;
for (const f of files) {
  const buf = readFileSync(join(dist, f.replace(/^\//, '')));
  raw += buf.length;
  gz += gzipSync(buf, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`Initial JavaScript: ${files.size} file(s), ${kb(raw)} KB raw, ${kb(gz)} KB gzipped (budget ${LIMIT_KB} KB).`);
if (gz / 1024 > LIMIT_KB) {
  console.error(`The initial JavaScript is over the ${LIMIT_KB} KB budget.`);
  process.exit(1);
}
