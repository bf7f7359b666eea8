/** Server state of the integrated report and benchmarking (TanStack Query, typed by the schema). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BenchmarkQuery, IprQuery } from './reportTypes';

export const reportKeys = {
  ipr: (q: IprQuery) => ['reports', 'ipr', q.period, q.scope ?? 'council', !!q.include_amber, q.benchmark_group ?? ''] as const,
  groups: () => ['benchmarking', 'groups'] as const,
  benchmark: (id: number, group: string, year: string) => ['indicator', id, 'benchmark', group, year] as const,
};

export function useIpr(query: IprQuery | null) {
  return useQuery({
    queryKey: query ? reportKeys.ipr(query) : ['reports', 'ipr', 'none'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/ipr', { params: { query: query as IprQuery } })),
    enabled: !!query?.period,
    placeholderData: keepPreviousData,
  });
}

export function useBenchmark(id: number, group?: string | null, year?: string | null) {
  return useQuery({
    queryKey: reportKeys.benchmark(id, group ?? '', year ?? ''),
    queryFn: async () => {
      const query: BenchmarkQuery = {};
      if (group) query.group = group;
      if (year) query.year = year;
      return unwrap(
        await api.GET('/api/v1/indicators/{indicator_id}/benchmark', {
          params: { path: { indicator_id: id }, query },
        }),
      );
    },
    enabled: Number.isFinite(id),
    placeholderData: keepPreviousData,
  });
}

/** The comparator groups a report's benchmark column can rank against. */
export function useBenchmarkGroups() {
  return useQuery({
    queryKey: reportKeys.groups(),
    queryFn: async () => unwrap(await api.GET('/api/v1/benchmarking/groups')),
    staleTime: 5 * 60_000,
  });
}
