import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../api/types';
import { fileProblem, sortedProblems, summaryHeadline, summaryLines } from './imports';
import { asSummary, formatBytes, importUrl, newIdempotencyKey, progressText } from './upload';

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return {
    kind: 'outturns',
    format: 'csv',
    dry_run: true,
    written: false,
    rows_read: 3,
    created: 2,
    updated: 1,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errors_truncated: false,
    warnings: [],
    ...over,
  };
}

describe('import summary', () => {
  it('says what a dry run would do, and what an import did', () => {
    const dry = summaryLines(summary());
    expect(dry.map((l) => [l.label, l.count])).toEqual([
      ['Rows read', 3],
      ['Would be added', 2],
      ['Would be changed', 1],
      ['Unchanged (already stored)', 0],
      ['Rejected', 0],
    ]);
    const done = summaryLines(summary({ dry_run: false, written: true }));
    expect(done[1]!.label).toBe('Added');
    expect(done[2]!.label).toBe('Changed');
  });

  it('heads each outcome in one plain sentence', () => {
    expect(summaryHeadline(summary())).toBe('3 rows checked with no problems: 2 would be added, 1 changed, 0 unchanged');
    expect(summaryHeadline(summary({ rejected: 1, created: 1, updated: 1 }))).toBe('1 row of 3 has problems: nothing would be imported');
    expect(summaryHeadline(summary({ rejected: 2, dry_run: false }))).toBe('2 rows of 3 have problems: nothing was imported');
    expect(summaryHeadline(summary({ dry_run: false, written: true }))).toBe('Imported 3 rows: 2 added, 1 changed, 0 unchanged');
    expect(summaryHeadline(summary({ dry_run: false, written: true, created: 0, updated: 0, unchanged: 3 }))).toBe(
      'Imported 3 rows: nothing changed, every row was already stored',
    );
    expect(summaryHeadline(summary({ created: 0, updated: 0, unchanged: 3 }))).toBe(
      '3 rows checked: every row is already stored, so importing would change nothing',
    );
    expect(summaryHeadline(summary({ rows_read: 0, created: 0, updated: 0 }))).toBe('The file has no rows to import');
  });

  it('lists rejected rows in file order, whole-file problems first', () => {
    const sorted = sortedProblems([
      { field: 'row 9: value', row: 9, column: 'value', value: 'x', message: 'not a number' },
      { field: 'file', row: null, column: null, value: null, message: 'unknown column' },
      { field: 'row 3: period', row: 3, column: 'period', value: '2008', message: 'malformed' },
      { field: 'row 3: indicator_code', row: 3, column: 'indicator_code', value: 'NI 0', message: 'unknown' },
    ]);
    expect(sorted.map((p) => `${p.row}:${p.column}`)).toEqual(['null:null', '3:indicator_code', '3:period', '9:value']);
  });

  it('tells an import summary in a 422 from another problem', () => {
    expect(asSummary({ ...summary({ rejected: 1 }), type: 'x', title: 'Invalid data', status: 422 })).not.toBeNull();
    expect(asSummary({ type: 'x', title: 'Invalid data', status: 422, errors: [] })).toBeNull();
    expect(asSummary('nope')).toBeNull();
  });
});

describe('before sending a file', () => {
  it('refuses a missing, empty or unknown kind of file', () => {
    expect(fileProblem(null)).toBe('Select a file to import');
    expect(fileProblem(new File([''], 'figures.csv'))).toBe('The selected file is empty');
    expect(fileProblem(new File(['x'], 'figures.pdf'))).toMatch(/CSV, an Excel workbook/);
    expect(fileProblem(new File(['a,b'], 'Figures.CSV'))).toBeNull();
    expect(fileProblem(new File(['a,b'], 'big.csv'), 2)).toMatch(/too large/);
  });

  it('builds the import address and a fresh key each time', () => {
    expect(importUrl('outturns', { dry_run: true })).toBe('/api/v1/imports/outturns?dry_run=true');
    expect(importUrl('targets', { dry_run: false, sheet: 'Q2 figures' })).toBe('/api/v1/imports/targets?sheet=Q2+figures');
    const a = newIdempotencyKey();
    expect(a).toMatch(/^web-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('words upload progress', () => {
    expect(progressText({ loaded: 512, total: 2048 })).toBe('Uploading: 25% (512 bytes of 2.0 KB)');
    expect(progressText({ loaded: 3 * 1024 * 1024, total: null })).toBe('Uploading: 3.0 MB sent');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
