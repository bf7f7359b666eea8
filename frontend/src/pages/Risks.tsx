import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useHeatMap, useRisks } from '../api/planning';
import type { Category, Risk, RiskBasis, RiskFilters } from '../api/planningTypes';
import { SelectField, OrgUnitOptions } from '../components/Fields';
import { FilterForm, readFilters, useFilterFields, withFilters } from '../components/FilterForm';
import { HeatMap } from '../components/HeatMap';
import { usePageTitle } from '../components/Layout';
import { BandTag, useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { pluralise } from '../lib/format';
import { gridFromAnswer } from '../lib/heatMap';
import { indexOrgUnits } from '../lib/orgTree';
import { CATEGORY_LABELS, CONTROL_LABELS, formatDate } from '../lib/planning';
import { periodLabel } from '../lib/periods';
import '../styles/thread.scss';

const FILTER_KEYS = ['category', 'org', 'owner', 'status', 'basis'] as const;
type FilterValues = Record<(typeof FILTER_KEYS)[number], string>;
const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];

export default function RisksPage() {
  usePageTitle('Risk register');
  const [params, setParams] = useSearchParams();
  const names = useNames();
  const org = useMemo(() => indexOrgUnits(names.units), [names.units]);
  const values = readFilters(FILTER_KEYS, params);
  const basis: RiskBasis = values.basis === 'inherent' ? 'inherent' : 'residual';
  const status = (['open', 'closed', 'all'] as const).find((s) => s === values.status) ?? 'open';
  const filters: RiskFilters = {
    category: (values.category || undefined) as Category | undefined,
    org_unit: values.org ? Number(values.org) : undefined,
    owner: values.owner ? Number(values.owner) : undefined,
    status,
  };
  const risks = useRisks(filters);
  const heat = useHeatMap(filters, basis);
  const grid = useMemo(() => (heat.data ? gridFromAnswer(heat.data) : null), [heat.data]);
  const idByCode = useMemo(() => new Map((risks.data ?? []).map((r) => [r.code.toLowerCase(), r.id])), [risks.data]);
  const hrefFor = (code: string) => {
    const id = idByCode.get(code.toLowerCase());
    return id ? `/risks/${id}` : null;
  };
  const owners = useMemo(() => {
    const ids = new Set((risks.data ?? []).map((r) => r.owner_id).filter((x): x is number => x !== null));
    return names.users.filter((u) => ids.has(u.id) || String(u.id) === values.owner).sort((a, b) => a.full_name.localeCompare(b.full_name));
  }, [risks.data, names.users, values.owner]);
  const filtersActive = FILTER_KEYS.some((k) => params.get(k));
  const basisLabel = basis === 'inherent' ? 'inherent (before controls)' : 'residual (after controls)';

  return (
    <>
      <span className="govuk-caption-l">Risk management</span>
      <h1 className="govuk-heading-xl">Risk register</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Each risk is scored for likelihood and impact from 1 to 5; its score is likelihood × impact. Inherent scores are
        before controls, residual scores after them, as set by the latest quarterly review.
      </p>
      <div className="gt-layout-filters">
        <RiskFiltersForm
          key={FILTER_KEYS.map((k) => values[k]).join('|')}
          initial={values}
          orgOptions={org.ordered}
          owners={owners}
          filtersActive={filtersActive}
          onApply={(v) => setParams((prev) => withFilters(prev, FILTER_KEYS, v))}
        />
        <div>
          <section aria-labelledby="heat-title" className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-l" id="heat-title">
              Heat map
            </h2>
            {heat.isPending ? <Loading what="Loading the heat map" /> : null}
            {heat.isError ? <QueryError error={heat.error} retry={() => heat.refetch()} what="the heat map" /> : null}
            {grid ? <HeatMap grid={grid} basisLabel={basisLabel} hrefFor={hrefFor} /> : null}
          </section>
          <section aria-labelledby="register-title">
            <h2 className="govuk-heading-l" id="register-title">
              The register
            </h2>
            {risks.isPending ? <Loading what="Loading the risks" /> : null}
            {risks.isError ? <QueryError error={risks.error} retry={() => risks.refetch()} what="the risks" /> : null}
            {risks.isSuccess ? <RiskTable risks={risks.data} person={names.person} filtered={filtersActive} /> : null}
          </section>
        </div>
      </div>
    </>
  );
}

function RiskTable({ risks, person, filtered }: { risks: Risk[]; person(id: number | null): string | null; filtered: boolean }) {
  if (!risks.length) {
    return (
      <Empty>
        {filtered ? (
          <>
            No risks match these filters.{' '}
            <Link className="govuk-link" to="/risks">
              Clear the filters
            </Link>
            .
          </>
        ) : (
          'The register has no open risks.'
        )}
      </Empty>
    );
  }
  return (
    <div data-testid="risks-ready">
      <p className="govuk-body" role="status" aria-live="polite">
        {pluralise(risks.length, 'risk')}, by code.
      </p>
      <div className="gt-table-wrap" role="region" aria-label="Risks" tabIndex={0}>
        <table className="govuk-table" data-testid="risk-table">
          <caption className="govuk-visually-hidden">Risks, by code</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Code</th>
              <th scope="col" className="govuk-table__header">Risk</th>
              <th scope="col" className="govuk-table__header">Category</th>
              <th scope="col" className="govuk-table__header">Owner</th>
              <th scope="col" className="govuk-table__header">Inherent score</th>
              <th scope="col" className="govuk-table__header">Residual score</th>
              <th scope="col" className="govuk-table__header">Control</th>
              <th scope="col" className="govuk-table__header">Last review</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {risks.map((r) => (
              <tr className="govuk-table__row" key={r.id} data-testid={`risk-row-${r.code}`}>
                <td className="govuk-table__cell gt-code">{r.code}</td>
                <td className="govuk-table__cell gt-cell-wide">
                  <Link className="govuk-link" to={`/risks/${r.id}`}>
                    {r.title}
                  </Link>
                  {r.status === 'closed' ? <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Closed</strong> : null}
                </td>
                <td className="govuk-table__cell">{CATEGORY_LABELS[r.category]}</td>
                <td className="govuk-table__cell">{r.owner_name ?? person(r.owner_id) ?? '–'}</td>
                <td className="govuk-table__cell">
                  <BandTag score={r.inherent.score} band={r.inherent.band} />
                  <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">
                    {r.inherent.likelihood} × {r.inherent.impact}
                  </div>
                </td>
                <td className="govuk-table__cell">
                  <BandTag score={r.residual.score} band={r.residual.band} />
                  <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">
                    {r.residual.likelihood} × {r.residual.impact}
                  </div>
                </td>
                <td className="govuk-table__cell">{CONTROL_LABELS[r.control]}</td>
                <td className="govuk-table__cell">
                  {r.last_review_period ? periodLabel(r.last_review_period) : 'Not reviewed'}
                  {r.last_reviewed_on ? <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">{formatDate(r.last_reviewed_on)}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RiskFiltersForm({
  initial,
  orgOptions,
  owners,
  filtersActive,
  onApply,
}: {
  initial: FilterValues;
  orgOptions: { unit: { id: number; name: string }; depth: number }[];
  owners: { id: number; full_name: string }[];
  filtersActive: boolean;
  onApply(values: FilterValues): void;
}) {
  const { values, setValues, set } = useFilterFields<FilterValues>(initial);
  return (
    <FilterForm titleId="risk-filters-title" onSubmit={() => onApply(values)} clearHref="/risks" filtersActive={filtersActive}>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Heat map scores</legend>
          <div className="govuk-radios govuk-radios--small">
            {(['residual', 'inherent'] as const).map((b) => (
              <div className="govuk-radios__item" key={b}>
                <input
                  className="govuk-radios__input"
                  id={`risk-basis-${b}`}
                  type="radio"
                  name="basis"
                  value={b}
                  checked={(values.basis || 'residual') === b}
                  onChange={() => setValues((v) => ({ ...v, basis: b === 'residual' ? '' : b }))}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`risk-basis-${b}`}>
                  {b === 'residual' ? 'Residual (after controls)' : 'Inherent (before controls)'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <SelectField id="risk-filter-category" name="category" label="Category" value={values.category} onChange={set('category')}>
        <option value="">Every category</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <SelectField id="risk-filter-org" name="org" label="Directorate or service" value={values.org} onChange={set('org')}>
        <option value="">The whole council</option>
        <OrgUnitOptions units={orgOptions} />
      </SelectField>
      <SelectField id="risk-filter-owner" name="owner" label="Owner" value={values.owner} onChange={set('owner')}>
        <option value="">Anyone</option>
        {owners.map((u) => (
          <option key={u.id} value={String(u.id)}>
            {u.full_name}
          </option>
        ))}
      </SelectField>
      <SelectField id="risk-filter-status" name="status" label="Open or closed" value={values.status} onChange={set('status')}>
        <option value="">Open risks</option>
        <option value="closed">Closed risks</option>
        <option value="all">All risks</option>
      </SelectField>
    </FilterForm>
  );
}
