import { rmSync } from 'node:fs';

export default function teardown() {
  const db = process.env.GT_E2E_DB;
  if (!db) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
}
