/**
 * Server state for the annual cycle, data deadlines and partner API clients (TanStack Query),
 * typed by the OpenAPI schema.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { CalendarQuery, DeadlinesQuery } from './types';
import { ATTENTION_STATES } from '../lib/deadlines';

export const opsKeys = {
  calendar: (q: CalendarQuery) => ['calendar', q] as const,
  calendarAll: ['calendar'] as const,
  feed: ['calendar-feed'] as const,
  myDeadlines: ['deadlines', 'mine'] as const,
  deadlines: (q: DeadlinesQuery) => ['deadlines', 'list', q] as const,
  deadlinesAll: ['deadlines'] as const,
  lateData: (year: string | null) => ['deadlines', 'by-directorate', year ?? ''] as const,
  clients: ['clients'] as const,
  webhooks: (clientPk: number) => ['webhooks', clientPk] as const,
};

export function useCalendar(query: CalendarQuery) {
  return useQuery({
    queryKey: opsKeys.calendar(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/calendar', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: opsKeys.feed,
    queryFn: async () => unwrap(await api.GET('/api/v1/calendar/feed')),
  });
}

/** The signed-in person's figures that are overdue, due soon or due (counts cover all states). */
export function useMyDeadlines(enabled = true) {
  return useQuery({
    queryKey: opsKeys.myDeadlines,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/deadlines', { params: { query: { mine: true, state: ATTENTION_STATES, limit: 100 } } })),
    enabled,
    staleTime: 60_000,
  });
}

export function useDeadlines(query: DeadlinesQuery, enabled = true) {
  return useQuery({
    queryKey: opsKeys.deadlines(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/deadlines', { params: { query } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useLateData(year: string | null) {
  return useQuery({
    queryKey: opsKeys.lateData(year),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/deadlines/by-directorate', { params: { query: year ? { year } : {} } })),
    placeholderData: keepPreviousData,
  });
}

export function useClients() {
  return useQuery({
    queryKey: opsKeys.clients,
    queryFn: async () => unwrap(await api.GET('/api/v1/clients')),
  });
}

export function useWebhooks(clientPk: number, enabled: boolean) {
  return useQuery({
    queryKey: opsKeys.webhooks(clientPk),
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks', { params: { query: { client_pk: clientPk } } })),
    enabled,
  });
}
