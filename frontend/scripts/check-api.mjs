// Fails when src/api/schema.d.ts differs from what `npm run gen:api` would write from
// ../openapi/openapi.json (regenerate with `npm run gen:api` and commit the result).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gt-api-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), ['../openapi/openapi.json', '-o', fresh], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const committed = readFileSync(join(root, 'src/api/schema.d.ts'), 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error('frontend/src/api/schema.d.ts is stale: run `npm run gen:api` in frontend/ and commit it.');
    process.exit(1);
  }
  console.log('API types are up to date with openapi/openapi.json.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
