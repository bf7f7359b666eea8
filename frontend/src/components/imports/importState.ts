import type { ImportKind, ImportSummary } from '../../api/types';

export interface Checked {
  kind: ImportKind;
  file: File;
  sheet: string;
  summary: ImportSummary;
  /** Sent with the real import: a retry after a lost answer replays instead of importing twice. */
  key: string;
}

export type Phase = 'idle' | 'checking' | 'importing';

export const KINDS: ImportKind[] = ['outturns', 'targets'];
