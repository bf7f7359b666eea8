/** Server state through TanStack Query: one hook per resource, typed by the OpenAPI schema. */
import { QueryClient, keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ApiError, NetworkError } from './problem';
import type { DataEntryScope, Indicator } from './types';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only when the API could not be reached or failed on its side.
        retry: (count, error) =>
          count < 2 && (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)),
        retryDelay: (n) => Math.min(1000 * 2 ** n, 8000),
      },
      mutations: { retry: false },
    },
  });
}

const LONG = 5 * 60_000;

export const keys = {
  me: ['me'] as const,
  orgUnits: ['org-units'] as const,
  organisations: ['organisations'] as const,
  users: ['users'] as const,
  latestPeriod: ['status', 'latest-period'] as const,
  status: (period: string) => ['status', period] as const,
  indicators: (lifecycle: string) => ['indicators', 'all', lifecycle] as const,
  indicator: (id: number) => ['indicator', id] as const,
  history: (id: number, from?: string, to?: string) => ['indicator', id, 'history', from ?? '', to ?? ''] as const,
  audit: (id: number) => ['indicator', id, 'audit'] as const,
  targets: (id: number, year: string) => ['indicator', id, 'targets', year] as const,
  dataEntry: (period: string, scope: DataEntryScope) => ['data-entry', period, scope] as const,
};

export function useMe(enabled: boolean) {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
    enabled,
    staleTime: LONG,
    retry: (count, error) => count < 2 && error instanceof NetworkError,
  });
}

export function useOrgUnits() {
  return useQuery({
    queryKey: keys.orgUnits,
    queryFn: async () => unwrap(await api.GET('/api/v1/org-units')),
    staleTime: LONG,
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations')),
    staleTime: LONG,
    enabled,
  });
}

export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: async () => unwrap(await api.GET('/api/v1/users')),
    staleTime: LONG,
  });
}

export function useLatestPeriod(enabled = true) {
  return useQuery({
    queryKey: keys.latestPeriod,
    queryFn: async () => unwrap(await api.GET('/api/v1/status/latest-period')),
    staleTime: 60_000,
    enabled,
  });
}

export function useStatus(period: string | null | undefined) {
  return useQuery({
    queryKey: keys.status(period ?? ''),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/status', { params: { query: { period: period as string } } })),
    enabled: !!period,
    placeholderData: keepPreviousData,
  });
}

/** The whole register (every page of 500), for client-side filtering and sorting. */
export function useAllIndicators(lifecycle: 'active' | 'retired' | 'all' = 'active') {
  return useQuery({
    queryKey: keys.indicators(lifecycle),
    queryFn: async () => {
      const all: Indicator[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 200; guard += 1) {
        const page = unwrap(
          await api.GET('/api/v1/indicators', { params: { query: { limit: 500, lifecycle, cursor } } }),
        );
        all.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return all;
    },
  });
}

export function useIndicator(id: number) {
  return useQuery({
    queryKey: keys.indicator(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: id } } })),
    enabled: Number.isFinite(id),
  });
}

export function useHistory(id: number, from?: string, to?: string) {
  return useQuery({
    queryKey: keys.history(id, from, to),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/indicators/{indicator_id}/history', {
          params: { path: { indicator_id: id }, query: { from: from ?? null, to: to ?? null } },
        }),
      ),
    enabled: Number.isFinite(id),
    placeholderData: keepPreviousData,
  });
}

export function useAudit(id: number) {
  return useInfiniteQuery({
    queryKey: keys.audit(id),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/indicators/{indicator_id}/audit', {
          params: { path: { indicator_id: id }, query: { limit: 25, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: Number.isFinite(id),
  });
}

export function useTargets(id: number, year: string) {
  return useQuery({
    queryKey: keys.targets(id, year),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/indicators/{indicator_id}/targets', {
          params: { path: { indicator_id: id }, query: { year, limit: 100 } },
        }),
      ),
    enabled: Number.isFinite(id) && !!year,
  });
}

export function useDataEntry(period: string, scope: DataEntryScope, enabled = true) {
  return useQuery({
    queryKey: keys.dataEntry(period, scope),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/data-entry', { params: { query: { period, scope } } })),
    enabled: enabled && !!period,
    // The grid keeps what is typed; a background refetch must not disturb it.
    refetchOnWindowFocus: false,
    staleTime: 0,
  });
}
