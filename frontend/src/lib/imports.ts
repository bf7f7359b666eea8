import type { ImportKind, ImportSummary, RowProblem } from '../api/types';
import { pluralise } from './format';

export const KIND_LABELS: Record<ImportKind, string> = { outturns: 'Outturns (actual figures)', targets: 'Targets' };

export interface SummaryLine {
  key: 'rows_read' | 'created' | 'updated' | 'unchanged' | 'rejected';
  label: string;
  count: number;
}

/**
 * The counts of an import, worded for what happened: a dry run (or a refused import) says
 * what would be written; a written one what was.
 */
export function summaryLines(s: ImportSummary): SummaryLine[] {
  const would = !s.written;
  return [
    { key: 'rows_read', label: 'Rows read', count: s.rows_read },
    { key: 'created', label: would ? 'Would be added' : 'Added', count: s.created },
    { key: 'updated', label: would ? 'Would be changed' : 'Changed', count: s.updated },
    { key: 'unchanged', label: 'Unchanged (already stored)', count: s.unchanged },
    { key: 'rejected', label: 'Rejected', count: s.rejected },
  ];
}

/** One sentence for the summary's heading and for screen readers. */
export function summaryHeadline(s: ImportSummary): string {
  const rows = pluralise(s.rows_read, 'row');
  if (s.rejected > 0) {
    return `${pluralise(s.rejected, 'row')} of ${s.rows_read} ${s.rejected === 1 ? 'has' : 'have'} problems: nothing ${s.dry_run ? 'would be' : 'was'} imported`;
  }
  if (s.rows_read === 0) return 'The file has no rows to import';
  if (s.written) {
    if (s.created + s.updated === 0) return `Imported ${rows}: nothing changed, every row was already stored`;
    return `Imported ${rows}: ${s.created} added, ${s.updated} changed, ${s.unchanged} unchanged`;
  }
  if (s.created + s.updated === 0) return `${rows} checked: every row is already stored, so importing would change nothing`;
  return `${rows} checked with no problems: ${s.created} would be added, ${s.updated} changed, ${s.unchanged} unchanged`;
}

/** Rejected rows sorted by row (file-wide problems first), for the table. */
export function sortedProblems(errors: RowProblem[]): RowProblem[] {
  return [...errors].sort((a, b) => (a.row ?? -1) - (b.row ?? -1) || (a.column ?? '').localeCompare(b.column ?? ''));
}

const ACCEPTED = ['.csv', '.txt', '.tsv', '.xlsx', '.json'];

/** A quick check before sending: the server decides, this only saves a wasted upload. */
export function fileProblem(file: File | null, maxBytes = 200_000_000): string | null {
  if (!file) return 'Select a file to import';
  const name = file.name.toLowerCase();
  if (!ACCEPTED.some((ext) => name.endsWith(ext))) return 'The file must be a CSV, an Excel workbook (.xlsx) or JSON';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > maxBytes) return 'The file is too large: split it into smaller files';
  return null;
}

export function isWorkbook(file: File | null): boolean {
  return !!file && file.name.toLowerCase().endsWith('.xlsx');
}
