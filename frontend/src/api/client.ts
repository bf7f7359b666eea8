import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, NetworkError, toProblem } from './problem';
import { endSession, getToken, hadExpiredSession } from '../auth/session';
import { markReachable, markUnreachable } from '../lib/apiHealth';

/** Every request says it came through the staff web app (the audit trail records "ui"). */
export const CLIENT_HEADER = { 'X-Requested-With': 'goldenthread-web' } as const;

const TOKEN_PATH = '/api/v1/auth/token';

const middleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('X-Requested-With', CLIENT_HEADER['X-Requested-With']);
    const token = getToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status >= 502 && response.status <= 504) markUnreachable();
    else markReachable();
    // Only a request that carried a token can find the session has expired.
    if (response.status === 401 && (request.headers.has('Authorization') || hadExpiredSession()) && !new URL(request.url).pathname.endsWith(TOKEN_PATH)) {
      endSession('expired');
    }
    return response;
  },
  onError({ error }) {
    markUnreachable();
    return new NetworkError(error instanceof Error && error.name === 'AbortError' ? 'The request was cancelled.' : undefined);
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window !== 'undefined' ? window.location.origin : 'http://localhost',
  // Resolve fetch at call time so tests can stub it.
  fetch: (request: Request) => globalThis.fetch(request),
  cache: 'no-cache',
});
api.use(middleware);

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Turn an openapi-fetch result into data, or throw an ApiError carrying the problem+json. */
export function unwrap<T>(result: Result<T>): T {
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(response.status, toProblem(response.status, error));
  return data as T;
}

/** `"v{version}"`, the ETag of versioned resources, for If-Match. */
export const versionTag = (version: number) => `"v${version}"`;
