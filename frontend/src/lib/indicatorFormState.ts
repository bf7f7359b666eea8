import type { Aggregation, Frequency, Indicator, IndicatorCreate, IndicatorUpdate, Polarity, Unit } from '../api/types';

export interface FormState {
  code: string;
  title: string;
  plain_title: string;
  definition: string;
  procedure_note: string;
  unit: Unit;
  decimal_places: string;
  polarity: Polarity;
  frequency: Frequency;
  aggregation: Aggregation;
  multiplier: string;
  tolerance_percent: string;
  tolerance_absolute: string;
  sets: string;
  owner_id: string;
  deputy_id: string;
  organisation_id: string;
  org_unit_id: string;
  lead_organisation_id: string;
  shared_with_partners: boolean;
  public: boolean;
}

export const LABELS: Record<keyof FormState, string> = {
  code: 'Code',
  title: 'Title',
  plain_title: 'Plain-language title',
  definition: 'Definition',
  procedure_note: 'Procedure note',
  unit: 'Unit',
  decimal_places: 'Decimal places',
  polarity: 'Polarity',
  frequency: 'Frequency',
  aggregation: 'Year to date',
  multiplier: 'Multiplier',
  tolerance_percent: 'Amber tolerance (percent)',
  tolerance_absolute: 'Amber tolerance (absolute)',
  sets: 'Sets',
  owner_id: 'Owner',
  deputy_id: 'Deputy',
  organisation_id: 'Organisation',
  org_unit_id: 'Service',
  lead_organisation_id: 'Lead partner',
  shared_with_partners: 'Shared with partners',
  public: 'Published',
};

export function fromIndicator(i: Indicator): FormState {
  return {
    code: i.code,
    title: i.title,
    plain_title: i.plain_title,
    definition: i.definition,
    procedure_note: i.procedure_note,
    unit: i.unit,
    decimal_places: String(i.decimal_places),
    polarity: i.polarity,
    frequency: i.frequency,
    aggregation: i.aggregation,
    multiplier: i.multiplier ?? '',
    tolerance_percent: i.tolerance_percent ?? '',
    tolerance_absolute: i.tolerance_absolute ?? '',
    sets: i.sets.join(', '),
    owner_id: i.owner_id === null ? '' : String(i.owner_id),
    deputy_id: i.deputy_id === null ? '' : String(i.deputy_id),
    organisation_id: String(i.organisation_id),
    org_unit_id: i.org_unit_id === null ? '' : String(i.org_unit_id),
    lead_organisation_id: i.lead_organisation_id === null ? '' : String(i.lead_organisation_id),
    shared_with_partners: i.shared_with_partners,
    public: i.public,
  };
}

export function blank(organisationId: number | null): FormState {
  return {
    code: '',
    title: '',
    plain_title: '',
    definition: '',
    procedure_note: '',
    unit: 'percent',
    decimal_places: '1',
    polarity: 'higher_is_better',
    frequency: 'quarterly',
    aggregation: 'last',
    multiplier: '',
    tolerance_percent: '',
    tolerance_absolute: '',
    sets: 'LOCAL',
    owner_id: '',
    deputy_id: '',
    organisation_id: organisationId === null ? '' : String(organisationId),
    org_unit_id: '',
    lead_organisation_id: '',
    shared_with_partners: false,
    public: false,
  };
}

const int = (s: string) => (s.trim() === '' ? null : Number(s));

const dec = (s: string) => (s.trim() === '' ? null : s.trim());

export const sets = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function toCreate(f: FormState): IndicatorCreate {
  return {
    code: f.code.trim(),
    title: f.title.trim(),
    plain_title: f.plain_title.trim(),
    definition: f.definition,
    procedure_note: f.procedure_note,
    unit: f.unit,
    decimal_places: Number(f.decimal_places || '0'),
    polarity: f.polarity,
    frequency: f.frequency,
    aggregation: f.aggregation,
    multiplier: dec(f.multiplier),
    tolerance_percent: dec(f.tolerance_percent),
    tolerance_absolute: dec(f.tolerance_absolute),
    sets: sets(f.sets),
    owner_id: int(f.owner_id),
    deputy_id: int(f.deputy_id),
    organisation_id: Number(f.organisation_id),
    org_unit_id: int(f.org_unit_id),
    lead_organisation_id: int(f.lead_organisation_id),
    shared_with_partners: f.shared_with_partners,
    public: f.public,
  };
}

/** Only the fields that changed, so a PATCH never rewrites what it did not mean to. */
export function toUpdate(f: FormState, original: FormState): IndicatorUpdate {
  const full = toCreate(f) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(f) as (keyof FormState)[]) {
    if (f[k] !== original[k]) out[k] = full[k];
  }
  return out as IndicatorUpdate;
}
