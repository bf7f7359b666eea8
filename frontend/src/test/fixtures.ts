import type { Rag, Status, StatusSummary } from '../api/types';

let nextId = 100;

export function status(over: Partial<Status> & { rag: Rag }): Status {
  const id = over.indicator_id ?? nextId++;
  return {
    indicator_id: id,
    code: `LPI T-${id}`,
    title: `Test indicator ${id}`,
    unit: 'percent',
    decimal_places: 1,
    polarity: 'higher_is_better',
    org_unit_id: 2,
    owner_id: 4,
    sets: ['LOCAL'],
    requested_period: '2026-27-Q2',
    period: '2026-27-Q2',
    basis: 'ytd',
    actual: '50.0',
    target: '60.0',
    low: null,
    high: null,
    stretch_value: null,
    band_width: '3.0',
    band_width_low: null,
    band_width_high: null,
    amber_threshold: '57.0',
    amber_threshold_low: null,
    amber_threshold_high: null,
    target_source: 'annual',
    rule: 'higher_is_better',
    periods_used: ['2026-27-Q1', '2026-27-Q2'],
    missing_periods: [],
    previous_year_actual: '48.0',
    trend: 'improving',
    period_value: '50.0',
    previous_period_value: '49.0',
    short_trend: 'improving',
    explanation: `${over.rag}: test explanation`,
    data_quality: 'submitted',
    commentary: null,
    ...over,
  } as Status;
}

export function summary(items: Status[], period = '2026-27-Q2'): StatusSummary {
  const counts = { green: 0, amber: 0, red: 0, no_target: 0, no_data: 0, not_applicable: 0 };
  for (const s of items) counts[s.rag] += 1;
  return {
    period,
    total: items.length,
    counts,
    direction_of_travel: { improving: items.length, worsening: 0, no_change: 0, not_comparable: 0, not_applicable: 0, score: '100.0' },
    items,
  };
}

export const ORG_UNITS = [
  { id: 1, organisation_id: 1, parent_id: null, name: 'Children and Young People', level: 'directorate' as const },
  { id: 2, organisation_id: 1, parent_id: 1, name: "Children's Social Care", level: 'service' as const },
  { id: 14, organisation_id: 1, parent_id: null, name: 'Place', level: 'directorate' as const },
  { id: 16, organisation_id: 1, parent_id: 14, name: 'Waste Management', level: 'service' as const },
];
