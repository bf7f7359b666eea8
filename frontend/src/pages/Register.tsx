import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAllIndicators, useLatestPeriod, useOrgUnits, useStatus, useUsers } from '../api/queries';
import type { Frequency, Indicator, Rag, Status } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { CheckboxField, SelectField, TextField, OrgUnitOptions } from '../components/Fields';
import { FilterForm, readFilters, useFilterFields, withFilters } from '../components/FilterForm';
import { usePageTitle } from '../components/Layout';
import { Pagination } from '../components/Pagination';
import { PeriodPicker } from '../components/PeriodPicker';
import { RagTag } from '../components/RagTag';
import { Empty, Loading, QueryError } from '../components/Status';
import { FREQUENCY_LABELS, pluralise } from '../lib/format';
import { indexOrgUnits } from '../lib/orgTree';
import { latestEndedQuarter, periodLabel } from '../lib/periods';
import { RAG_LABELS, RAG_ORDER } from '../lib/rag';
import { withParams } from '../lib/searchParams';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'set', 'org', 'rag', 'freq', 'owner', 'retired'] as const;
type SortKey = 'code' | 'title' | 'unit' | 'frequency' | 'owner' | 'status';

const RAG_RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2, no_data: 3, no_target: 4, not_applicable: 5 };

interface Row {
  indicator: Indicator;
  status: Status | undefined;
  unitName: string;
  ownerName: string;
}

export default function RegisterPage() {
  usePageTitle('Indicator register');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const latest = useLatestPeriod(!params.get('period'));
  const period = params.get('period') ?? latest.data?.period ?? (latest.isFetched ? latestEndedQuarter() : null);
  const includeRetired = params.get('retired') === '1';
  const indicators = useAllIndicators(includeRetired ? 'all' : 'active');
  const status = useStatus(period);
  const orgUnits = useOrgUnits();
  const users = useUsers();

  const org = useMemo(() => indexOrgUnits(orgUnits.data ?? []), [orgUnits.data]);
  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.full_name])), [users.data]);
  const statusById = useMemo(() => new Map((status.data?.items ?? []).map((s) => [s.indicator_id, s])), [status.data]);
  const allSets = useMemo(
    () => [...new Set((indicators.data ?? []).flatMap((i) => i.sets))].sort(),
    [indicators.data],
  );

  const q = params.get('q') ?? '';
  const set = params.get('set') ?? '';
  const orgFilter = params.get('org') ?? '';
  const rag = params.get('rag') ?? '';
  const freq = params.get('freq') ?? '';
  const owner = params.get('owner') ?? '';
  const sort = (params.get('sort') as SortKey | null) ?? 'code';
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const rows = useMemo(() => {
    const list: Row[] = (indicators.data ?? []).map((indicator) => ({
      indicator,
      status: statusById.get(indicator.id),
      unitName: indicator.org_unit_id !== null ? (org.byId.get(indicator.org_unit_id)?.name ?? '') : '',
      ownerName: indicator.owner_id !== null ? (userNames.get(indicator.owner_id) ?? '') : '',
    }));
    const needle = q.trim().toLowerCase();
    const orgSet = orgFilter ? org.descendants(Number(orgFilter)) : null;
    const filtered = list.filter(({ indicator: i, status: s }) => {
      if (needle && !i.code.toLowerCase().includes(needle) && !i.title.toLowerCase().includes(needle)) return false;
      if (set && !i.sets.includes(set)) return false;
      if (orgSet && (i.org_unit_id === null || !orgSet.has(i.org_unit_id))) return false;
      if (freq && i.frequency !== freq) return false;
      if (owner && String(i.owner_id) !== owner && String(i.deputy_id) !== owner) return false;
      if (rag && s?.rag !== rag) return false;
      return true;
    });
    const cmpText = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
    const compare: Record<SortKey, (a: Row, b: Row) => number> = {
      code: (a, b) => cmpText(a.indicator.code, b.indicator.code),
      title: (a, b) => cmpText(a.indicator.title, b.indicator.title),
      unit: (a, b) => cmpText(a.unitName, b.unitName),
      frequency: (a, b) => cmpText(a.indicator.frequency, b.indicator.frequency),
      owner: (a, b) => cmpText(a.ownerName, b.ownerName),
      status: (a, b) => (a.status ? RAG_RANK[a.status.rag] : 9) - (b.status ? RAG_RANK[b.status.rag] : 9),
    };
    const c = compare[sort] ?? compare.code;
    filtered.sort((a, b) => (dir === 'desc' ? -1 : 1) * (c(a, b) || cmpText(a.indicator.code, b.indicator.code)));
    return filtered;
  }, [indicators.data, statusById, org, userNames, q, set, orgFilter, freq, owner, rag, sort, dir]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const pageRows = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const hrefFor = (changes: Record<string, string | null>) => `/indicators${withParams(params, changes)}`;

  function setSort(key: SortKey) {
    setParams((prev) => {
      const n = new URLSearchParams(prev);
      const same = (prev.get('sort') ?? 'code') === key;
      n.set('sort', key);
      n.set('dir', same && prev.get('dir') !== 'desc' ? 'desc' : 'asc');
      n.delete('page');
      return n;
    });
  }

  const sortHeader = (key: SortKey, label: string) => {
    const active = sort === key;
    return (
      <th
        scope="col"
        className="govuk-table__header"
        aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="gt-sort-button" onClick={() => setSort(key)}>
          {label}
          <span aria-hidden="true">{active ? (dir === 'asc' ? '▲' : '▼') : '⇅'}</span>
        </button>
      </th>
    );
  };

  const loading = indicators.isPending || (period !== null && status.isPending);
  const error = indicators.error ?? status.error;
  const filtersActive = FILTER_KEYS.some((k) => params.get(k));

  return (
    <>
      <div className="gt-toolbar">
        <h1 className="govuk-heading-xl govuk-!-margin-bottom-0">Indicator register</h1>
        {isPerformanceTeam(me) ? (
          <Link to="/admin/indicators/new" className="govuk-button govuk-!-margin-bottom-0" role="button" draggable={false}>
            Create an indicator
          </Link>
        ) : null}
      </div>
      {period ? (
        <PeriodPicker
          value={period}
          label="Show status at"
          around={latest.data?.period ?? period}
          onChange={(p) => setParams((prev) => {
            const n = new URLSearchParams(prev);
            n.set('period', p);
            return n;
          })}
        />
      ) : null}
      <div className="gt-layout-filters govuk-!-margin-top-6">
        <Filters
          key={FILTER_KEYS.map((k) => params.get(k) ?? '').join('|')}
          params={params}
          sets={allSets}
          orgOptions={org.ordered}
          users={(users.data ?? []).map((u) => ({ id: u.id, name: u.full_name }))}
          onApply={(values) => setParams((prev) => withFilters(prev, FILTER_KEYS, values, ['page']))}
          clearHref={hrefFor(Object.fromEntries([...FILTER_KEYS, 'page'].map((k) => [k, null])))}
          filtersActive={filtersActive}
        />
        <div>
          {error ? <QueryError error={error} retry={() => { indicators.refetch(); status.refetch(); }} what="the register" /> : null}
          {loading && !error ? <Loading what="Loading the register" /> : null}
          {!loading && !error ? (
            <div data-testid="register-ready">
              <p className="govuk-body" role="status" aria-live="polite" data-testid="result-count">
                {rows.length === 0
                  ? 'No indicators match.'
                  : `Showing ${(current - 1) * PAGE_SIZE + 1} to ${Math.min(current * PAGE_SIZE, rows.length)} of ${pluralise(rows.length, 'indicator')}`}
                {period ? `, status at ${periodLabel(period)}` : ''}.
              </p>
              {rows.length === 0 ? (
                <Empty>
                  {indicators.data?.length ? (
                    <>
                      No indicators match these filters.{' '}
                      <Link className="govuk-link" to={hrefFor(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
                        Clear the filters
                      </Link>
                      .
                    </>
                  ) : (
                    'The register has no indicators yet.'
                  )}
                </Empty>
              ) : (
                <div className="gt-table-wrap" role="region" aria-label="Indicators" tabIndex={0}>
                  <table className="govuk-table gt-register-table">
                    <caption className="govuk-visually-hidden">Indicators, sorted by {sort} {dir === 'asc' ? 'ascending' : 'descending'}</caption>
                    <thead className="govuk-table__head">
                      <tr className="govuk-table__row">
                        {sortHeader('code', 'Code')}
                        {sortHeader('title', 'Title')}
                        {sortHeader('unit', 'Service')}
                        {sortHeader('frequency', 'Frequency')}
                        {sortHeader('owner', 'Owner')}
                        {sortHeader('status', 'Status')}
                      </tr>
                    </thead>
                    <tbody className="govuk-table__body">
                      {pageRows.map((r) => (
                        <tr key={r.indicator.id} className="govuk-table__row">
                          <td className="govuk-table__cell gt-code">{r.indicator.code}</td>
                          <td className="govuk-table__cell">
                            <Link className="govuk-link" to={`/indicators/${r.indicator.id}`}>
                              {r.indicator.title}
                            </Link>
                            {r.indicator.lifecycle === 'retired' ? <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Retired</strong> : null}
                          </td>
                          <td className="govuk-table__cell">{r.unitName || '–'}</td>
                          <td className="govuk-table__cell">{FREQUENCY_LABELS[r.indicator.frequency as Frequency]}</td>
                          <td className="govuk-table__cell">{r.ownerName || '–'}</td>
                          <td className="govuk-table__cell">{r.status ? <RagTag rag={r.status.rag} /> : '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pagination page={current} pages={pages} href={(p) => hrefFor({ page: p === 1 ? null : String(p) })} />
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}

type FilterValues = Record<(typeof FILTER_KEYS)[number], string>;

function Filters({
  params,
  sets,
  orgOptions,
  users,
  onApply,
  clearHref,
  filtersActive,
}: {
  params: URLSearchParams;
  sets: string[];
  orgOptions: { unit: { id: number; name: string; level: string }; depth: number }[];
  users: { id: number; name: string }[];
  onApply(values: FilterValues): void;
  clearHref: string;
  filtersActive: boolean;
}) {
  const { values, set, toggle } = useFilterFields<FilterValues>(
    () => readFilters(FILTER_KEYS, params),
  );
  const sortedUsers = [...users].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <FilterForm
      titleId="filters-title"
      onSubmit={() => onApply(values)}
      clearHref={clearHref}
      clearLabel="Clear filters"
      filtersActive={filtersActive}
      inlineActions
    >
      <TextField id="filter-q" name="q" label="Search code or title" type="search" value={values.q} onChange={set('q')} />
      <SelectField id="filter-set" name="set" label="Indicator set" value={values.set} onChange={set('set')}>
        <option value="">All sets</option>
        {sets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-org" name="org" label="Directorate or service" value={values.org} onChange={set('org')}>
        <option value="">All directorates</option>
        <OrgUnitOptions units={orgOptions} />
      </SelectField>
      <SelectField id="filter-rag" name="rag" label="Status" value={values.rag} onChange={set('rag')}>
        <option value="">Any status</option>
        {RAG_ORDER.map((r) => (
          <option key={r} value={r}>
            {RAG_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-freq" name="freq" label="Frequency" value={values.freq} onChange={set('freq')}>
        <option value="">Any frequency</option>
        {(['monthly', 'quarterly', 'annual'] as const).map((f) => (
          <option key={f} value={f}>
            {FREQUENCY_LABELS[f]}
          </option>
        ))}
      </SelectField>
      <SelectField id="filter-owner" name="owner" label="Owner or deputy" value={values.owner} onChange={set('owner')}>
        <option value="">Anyone</option>
        {sortedUsers.map((u) => (
          <option key={u.id} value={String(u.id)}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <CheckboxField
            id="filter-retired"
            name="retired"
            label="Include retired indicators"
            checked={values.retired === '1'}
            onChange={toggle('retired')}
          />
        </div>
      </div>
    </FilterForm>
  );
}

