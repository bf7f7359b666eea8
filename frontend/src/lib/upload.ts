/**
 * Sending an import file with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * Same headers and session handling as the fetch client (src/api/client.ts).
 */
import { CLIENT_HEADER } from '../api/client';
import { ApiError, NetworkError, toProblem } from '../api/problem';
import type { ImportKind, ImportQuery, ImportSummary } from '../api/types';
import { endSession, getToken } from '../auth/session';
import { markReachable, markUnreachable } from './apiHealth';

export interface UploadProgress {
  loaded: number;
  /** null when the browser cannot tell the size */
  total: number | null;
}

export interface ImportAnswer {
  status: number;
  /** The summary: of a 200, or carried by the 422 problem when rows are rejected. */
  summary: ImportSummary | null;
  replayed: boolean;
}

const PATHS: Record<ImportKind, '/api/v1/imports/outturns' | '/api/v1/imports/targets'> = {
  outturns: '/api/v1/imports/outturns',
  targets: '/api/v1/imports/targets',
};

export function importUrl(kind: ImportKind, query: ImportQuery): string {
  const search = new URLSearchParams();
  if (query.dry_run) search.set('dry_run', 'true');
  if (query.sheet) search.set('sheet', query.sheet);
  const qs = search.toString();
  return `${PATHS[kind]}${qs ? `?${qs}` : ''}`;
}

/** A 422 of an import is the summary with problem members: tell it from other problems. */
export function asSummary(body: unknown): ImportSummary | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<ImportSummary>;
  if (typeof b.rows_read !== 'number' || typeof b.rejected !== 'number' || !Array.isArray(b.errors)) return null;
  return body as ImportSummary;
}

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * POST the file as the part named "file" of a form (the server takes its format from the
 * file name). Resolves with the summary for 200 and for 422 with a summary; rejects with
 * ApiError for other problems and NetworkError when no answer came.
 */
export function uploadImport(
  kind: ImportKind,
  file: File,
  query: ImportQuery,
  {
    idempotencyKey,
    onProgress,
    signal,
  }: { idempotencyKey?: string; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl(kind, query));
    xhr.responseType = 'text';
    xhr.setRequestHeader('X-Requested-With', CLIENT_HEADER['X-Requested-With']);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => {
      markUnreachable();
      reject(new NetworkError());
    };
    xhr.onabort = () => reject(new NetworkError('The upload was cancelled.'));
    xhr.onload = () => {
      const status = xhr.status;
      if (status >= 502 && status <= 504) markUnreachable();
      else markReachable();
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (status === 401 && token) {
        endSession('expired');
      }
      const summary = asSummary(body);
      const replayed = xhr.getResponseHeader('Idempotent-Replayed') === 'true';
      if ((status >= 200 && status < 300) || (status === 422 && summary)) {
        resolve({ status, summary, replayed });
        return;
      }
      reject(new ApiError(status, toProblem(status, body)));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** "Uploading: 45% (1.2 MB of 2.6 MB)". */
export function progressText(p: UploadProgress): string {
  if (!p.total) return `Uploading: ${formatBytes(p.loaded)} sent`;
  const pct = Math.min(100, Math.round((100 * p.loaded) / p.total));
  return `Uploading: ${pct}% (${formatBytes(p.loaded)} of ${formatBytes(p.total)})`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
