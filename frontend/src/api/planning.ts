/**
 * Server state of the golden thread (plans, objectives, the thread, actions, risks,
 * commitments, appraisals) through TanStack Query, typed by the OpenAPI schema.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ActionListQuery, RiskFilters } from './planningTypes';

export const planningKeys = {
  plans: ['plans'] as const,
  plan: (id: number) => ['plans', id] as const,
  planObjectives: (id: number) => ['plans', id, 'objectives'] as const,
  checklist: (id: number) => ['plans', id, 'checklist'] as const,
  objective: (id: number) => ['objectives', id] as const,
  thread: (id: number, period: string) => ['objectives', id, 'thread', period] as const,
  orphans: ['objectives', 'orphans'] as const,
  actions: (filters: Record<string, unknown>) => ['actions', 'list', filters] as const,
  action: (id: number) => ['actions', id] as const,
  progress: (id: number) => ['actions', id, 'progress'] as const,
  risks: (filters: RiskFilters) => ['risks', 'list', filters] as const,
  heatMap: (filters: RiskFilters, basis: string) => ['risks', 'heat-map', basis, filters] as const,
  risk: (id: number) => ['risks', id] as const,
  riskReviews: (id: number) => ['risks', id, 'reviews'] as const,
  commitments: (filters: Record<string, unknown>) => ['commitments', 'list', filters] as const,
  commitment: (id: number) => ['commitments', id] as const,
  appraisals: (filters: Record<string, unknown>) => ['appraisals', 'list', filters] as const,
  appraisal: (id: number) => ['appraisals', id] as const,
  completion: (from: string, to: string, unit: number | null) => ['appraisals', 'completion', from, to, unit] as const,
};

/** Follow next_cursor to the end (with a guard), for lists the page filters in the browser. */
async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard += 1) {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return all;
}

const idOk = (id: number) => Number.isFinite(id) && id > 0;

// ---------------------------------------------------------------- plans and objectives

export function usePlans() {
  return useQuery({
    queryKey: planningKeys.plans,
    queryFn: () =>
      allPages(async (cursor) => unwrap(await api.GET('/api/v1/plans', { params: { query: { limit: 500, cursor } } }))),
    staleTime: 60_000,
  });
}

export function usePlan(id: number) {
  return useQuery({
    queryKey: planningKeys.plan(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: id } } })),
    enabled: idOk(id),
  });
}

export function usePlanObjectives(id: number) {
  return useQuery({
    queryKey: planningKeys.planObjectives(id),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(
          await api.GET('/api/v1/plans/{plan_id}/objectives', {
            params: { path: { plan_id: id }, query: { limit: 500, cursor } },
          }),
        ),
      ),
    enabled: idOk(id),
  });
}

export function usePlanChecklist(id: number, enabled: boolean) {
  return useQuery({
    queryKey: planningKeys.checklist(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/{plan_id}/checklist', { params: { path: { plan_id: id } } })),
    enabled: enabled && idOk(id),
  });
}

/** The thread at a period; without one the API judges at the latest quarter with data. */
export function useThread(id: number, period: string | null) {
  return useQuery({
    queryKey: planningKeys.thread(id, period ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/objectives/{objective_id}/thread', {
          params: { path: { objective_id: id }, query: { period: period ?? null } },
        }),
      ),
    enabled: idOk(id),
    // Keep showing the thread while another period loads, but never another objective's.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === id ? previous : undefined),
  });
}

export function useOrphans(enabled = true) {
  return useQuery({
    queryKey: planningKeys.orphans,
    queryFn: async () => unwrap(await api.GET('/api/v1/objectives/orphans')),
    enabled,
  });
}

// ---------------------------------------------------------------- actions

export function useActions(query: Omit<ActionListQuery, 'limit' | 'cursor'>, enabled = true) {
  return useQuery({
    queryKey: planningKeys.actions(query),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(await api.GET('/api/v1/actions', { params: { query: { ...query, limit: 500, cursor } } })),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useAction(id: number) {
  return useQuery({
    queryKey: planningKeys.action(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/actions/{action_id}', { params: { path: { action_id: id } } })),
    enabled: idOk(id),
  });
}

export function useProgress(id: number) {
  return useQuery({
    queryKey: planningKeys.progress(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/actions/{action_id}/updates', { params: { path: { action_id: id } } })),
    enabled: idOk(id),
  });
}

// ---------------------------------------------------------------- risks

export function useRisks(filters: RiskFilters) {
  return useQuery({
    queryKey: planningKeys.risks(filters),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(await api.GET('/api/v1/risks', { params: { query: { ...filters, limit: 500, cursor } } })),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useHeatMap(filters: RiskFilters, basis: 'inherent' | 'residual') {
  const { min_score: _ignored, ...rest } = filters;
  return useQuery({
    queryKey: planningKeys.heatMap(rest, basis),
    queryFn: async () => unwrap(await api.GET('/api/v1/risks/heat-map', { params: { query: { ...rest, basis } } })),
    placeholderData: keepPreviousData,
  });
}

export function useRisk(id: number) {
  return useQuery({
    queryKey: planningKeys.risk(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/risks/{risk_id}', { params: { path: { risk_id: id } } })),
    enabled: idOk(id),
  });
}

export function useRiskReviews(id: number) {
  return useQuery({
    queryKey: planningKeys.riskReviews(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/risks/{risk_id}/reviews', { params: { path: { risk_id: id } } })),
    enabled: idOk(id),
  });
}

// ---------------------------------------------------------------- commitments and appraisals

export function useCommitments(filters: { year?: string; manager?: number; org_unit?: number }) {
  return useQuery({
    queryKey: planningKeys.commitments(filters),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(await api.GET('/api/v1/commitments', { params: { query: { ...filters, limit: 500, cursor } } })),
      ),
  });
}

export function useCommitment(id: number) {
  return useQuery({
    queryKey: planningKeys.commitment(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/commitments/{commitment_id}', { params: { path: { commitment_id: id } } })),
    enabled: idOk(id),
  });
}

export function useAppraisals(filters: { person?: number; year?: string }) {
  return useQuery({
    queryKey: planningKeys.appraisals(filters),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(await api.GET('/api/v1/appraisals', { params: { query: { ...filters, limit: 500, cursor } } })),
      ),
  });
}

export function useAppraisal(id: number) {
  return useQuery({
    queryKey: planningKeys.appraisal(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/appraisals/{appraisal_id}', { params: { path: { appraisal_id: id } } })),
    enabled: idOk(id),
  });
}

export function useCompletion(from: string, to: string, unit: number | null, enabled = true) {
  return useQuery({
    queryKey: planningKeys.completion(from, to, unit),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/appraisals/completion', {
          params: { query: { from, to, org_unit: unit ?? undefined } },
        }),
      ),
    enabled: enabled && !!from && !!to,
    placeholderData: keepPreviousData,
  });
}
