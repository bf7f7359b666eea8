import { ApiError } from '../api/problem';

/** Problem+json field errors keyed by top-level field name ("sets.0" → "sets"). */
export function fieldErrorMap(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const fe of err.fieldErrors) {
    const key = (fe.field || 'body').split('.')[0] as string;
    out[key] = out[key] ? `${out[key]}; ${fe.message}` : fe.message;
  }
  return out;
}
