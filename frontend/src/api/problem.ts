/**
 * RFC 9457 problem details (application/problem+json, DESIGN.md §3), typed from the OpenAPI
 * contract. A 412 also carries `current` (the record as its GET answers it plus
 * `updated_by_name`); lib/conflict.ts reads it.
 */
import type { components } from './schema';

export type FieldProblem = components['schemas']['FieldProblem'];

export type Problem = Partial<Omit<components['schemas']['Problem'], 'errors'>> & {
  errors?: FieldProblem[];
  /** On 412: the version now stored, so the user can see who changed it. */
  current?: Record<string, unknown> | null;
  current_etag?: string | null;
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `The request failed (${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** The request never got an answer (network down, server stopped). */
export class NetworkError extends Error {
  constructor(message = 'The Golden Thread service could not be reached.') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? b.errors
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? 'is not valid') }))
      : undefined;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : undefined,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : typeof b.detail === 'undefined' ? undefined : String(b.detail),
      errors,
      current: b.current && typeof b.current === 'object' ? (b.current as Record<string, unknown>) : null,
      current_etag: typeof b.current_etag === 'string' ? b.current_etag : null,
    };
  }
  return { status, title: typeof body === 'string' && body ? body : `Error ${status}` };
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
