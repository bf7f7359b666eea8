/**
 * The public performance data needs no sign-in: this client sends no token and no cookies
 * (even when a member of staff is signed in), and lets the browser cache the answers as the
 * API allows (it sends Cache-Control and an ETag).
 */
import createClient from 'openapi-fetch';
import { useQuery } from '@tanstack/react-query';
import type { components, paths } from './schema';
import { unwrap } from './client';

export type PublicPage = components['schemas']['PublicPage'];
export type PublicPriority = components['schemas']['PublicPriority'];
export type PublicIndicator = components['schemas']['PublicIndicator'];

export const publicApi = createClient<paths>({
  baseUrl: typeof window !== 'undefined' ? window.location.origin : 'http://localhost',
  fetch: (request: Request) => globalThis.fetch(request),
  credentials: 'omit',
});

/** Where the downloads are: plain links, since they need no token. */
export const PUBLIC_DOWNLOADS = {
  csv: '/api/v1/public/indicators.csv',
  json: '/api/v1/public/indicators.json',
} as const;

export function usePublicPerformance() {
  return useQuery({
    queryKey: ['public', 'indicators'],
    // The operation also offers text/csv, which blurs openapi-fetch's inferred body type: the
    // JSON answer (the default format) is the schema's PublicPage.
    queryFn: async () => unwrap(await publicApi.GET('/api/v1/public/indicators')) as PublicPage,
    staleTime: 5 * 60_000,
  });
}
