import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOrphans, usePlans } from '../api/planning';
import type { OrphanReport, Plan, PlanLevel, PlanStatus } from '../api/planningTypes';
import { CheckboxField, SelectField, TextField, OrgUnitOptions } from '../components/Fields';
import { FilterForm, readFilters, useFilterFields, withFilters } from '../components/FilterForm';
import { usePageTitle } from '../components/Layout';
import { PlanStatusTag, useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { indexOrgUnits } from '../lib/orgTree';
import { buildPlanTree, countMatches, PLAN_LEVELS, type PlanNode } from '../lib/planTree';
import { LEVEL_LABELS, PLAN_STATUS_LABELS, yearSpan } from '../lib/planning';
import { pluralise } from '../lib/format';
import { yearCode } from '../lib/periods';
import '../styles/thread.scss';

const FILTER_KEYS = ['q', 'level', 'status', 'year', 'org', 'archived'] as const;
type FilterValues = Record<(typeof FILTER_KEYS)[number], string>;
const STATUSES = Object.keys(PLAN_STATUS_LABELS) as PlanStatus[];

export default function PlansPage() {
  usePageTitle('Plans');
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const names = useNames();
  const org = useMemo(() => indexOrgUnits(names.units), [names.units]);

  const values = readFilters(FILTER_KEYS, params);
  const tree = useMemo(
    () =>
      buildPlanTree(plans.data ?? [], {
        q: values.q,
        level: values.level as PlanLevel | '',
        status: values.status as PlanStatus | '',
        year: values.year,
        orgUnits: values.org ? org.descendants(Number(values.org)) : null,
        hideArchived: values.archived !== '1',
      }),
    // The filter values come from the address: they change when it does.
    [plans.data, org, params],
  );
  const years = useMemo(() => {
    const set = new Set<string>();
    for (const p of plans.data ?? []) {
      for (let y = Number(p.start_year.slice(0, 4)); y <= Number(p.end_year.slice(0, 4)); y += 1) {
        set.add(yearCode(y));
      }
    }
    return [...set].sort().reverse();
  }, [plans.data]);
  const matched = countMatches(tree);
  const filtersActive = FILTER_KEYS.some((k) => k !== 'archived' && params.get(k));

  return (
    <>
      <span className="govuk-caption-l">The golden thread</span>
      <h1 className="govuk-heading-xl">Plans</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Every plan from the partnership’s community strategy down to people’s own objectives, each under the plan it
        serves. Open a plan to see its objectives, and an objective to follow its thread up to the community ambition and
        down to the people delivering it.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/plans/orphans">
          Orphans: objectives and indicators that serve nothing above them
        </Link>
      </p>
      <div className="gt-layout-filters">
        <PlanFilters
          key={FILTER_KEYS.map((k) => values[k]).join('|')}
          initial={values}
          years={years}
          orgOptions={org.ordered}
          filtersActive={filtersActive}
          onApply={(v) => setParams((prev) => withFilters(prev, FILTER_KEYS, v))}
        />
        <div>
          {plans.isPending ? <Loading what="Loading the plans" /> : null}
          {plans.isError ? <QueryError error={plans.error} retry={() => plans.refetch()} what="the plans" /> : null}
          {plans.isSuccess ? (
            <section aria-labelledby="plan-tree-title" data-testid="plans-ready">
              <h2 className="govuk-heading-m" id="plan-tree-title">
                Plans by level
              </h2>
              <p className="govuk-body" role="status" aria-live="polite" data-testid="plan-count">
                {matched === 0
                  ? 'No plans match.'
                  : filtersActive
                    ? `${pluralise(matched, 'plan')} ${matched === 1 ? 'matches' : 'match'} the filters (the plans above them are shown for context).`
                    : `${pluralise(matched, 'plan')}.`}
              </p>
              {tree.length === 0 ? (
                <Empty>
                  {plans.data.length ? (
                    <>
                      No plans match these filters.{' '}
                      <Link className="govuk-link" to="/plans">
                        Clear the filters
                      </Link>
                      .
                    </>
                  ) : (
                    'There are no plans yet.'
                  )}
                </Empty>
              ) : (
                <ul className="gt-plan-tree" data-testid="plan-tree">
                  {tree.map((n) => (
                    <PlanTreeItem key={n.plan.id} node={n} names={names} />
                  ))}
                </ul>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

function owner(plan: Plan, names: ReturnType<typeof useNames>): string | null {
  return names.person(plan.owner_user_id) ?? names.unit(plan.owner_org_unit_id);
}

function PlanTreeItem({ node, names }: { node: PlanNode<Plan>; names: ReturnType<typeof useNames> }) {
  const { plan } = node;
  const who = owner(plan, names);
  return (
    <li className="gt-plan-tree__item" data-testid={`plan-${plan.id}`} data-level={plan.level}>
      <div className={`gt-plan-tree__row${node.matches ? '' : ' gt-plan-tree__row--context'}`}>
        <span className="gt-plan-tree__level">{LEVEL_LABELS[plan.level]}</span>
        <p className="gt-plan-tree__title">
          <Link className="govuk-link" to={`/plans/${plan.id}`}>
            {plan.title}
            {who ? <span className="govuk-visually-hidden"> ({who})</span> : null}
          </Link>
          {node.matches ? null : <span className="govuk-visually-hidden"> (shown for context: it does not match the filters)</span>}
        </p>
        <PlanStatusTag status={plan.status} />
        <span className="gt-plan-tree__meta">
          {yearSpan(plan.start_year, plan.end_year)}
          {who ? ` · ${who}` : ''}
          {node.children.length ? ` · ${pluralise(node.children.length, 'plan')} beneath` : ''}
        </span>
      </div>
      {node.children.length ? (
        <ul aria-label={`Plans under ${plan.title}`}>
          {node.children.map((c) => (
            <PlanTreeItem key={c.plan.id} node={c} names={names} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function PlanFilters({
  initial,
  years,
  orgOptions,
  filtersActive,
  onApply,
}: {
  initial: FilterValues;
  years: string[];
  orgOptions: { unit: { id: number; name: string }; depth: number }[];
  filtersActive: boolean;
  onApply(values: FilterValues): void;
}) {
  const { values, set, toggle } = useFilterFields<FilterValues>(initial);
  return (
    <FilterForm titleId="plan-filters-title" onSubmit={() => onApply(values)} clearHref="/plans" filtersActive={filtersActive}>
      <TextField id="plan-filter-q" name="q" label="Words in the title" type="search" value={values.q} onChange={set('q')} />
      <SelectField id="plan-filter-level" name="level" label="Level" value={values.level} onChange={set('level')}>
        <option value="">Every level</option>
        {PLAN_LEVELS.map((l) => (
          <option key={l} value={l}>
            {LEVEL_LABELS[l]}
          </option>
        ))}
      </SelectField>
      <SelectField id="plan-filter-status" name="status" label="Status" value={values.status} onChange={set('status')}>
        <option value="">Any status</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {PLAN_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField id="plan-filter-year" name="year" label="Covering the year" value={values.year} onChange={set('year')}>
        <option value="">Any year</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {yearSpan(y, y)}
          </option>
        ))}
      </SelectField>
      <SelectField id="plan-filter-org" name="org" label="Owned by" value={values.org} onChange={set('org')}>
        <option value="">Any directorate or service</option>
        <OrgUnitOptions units={orgOptions} />
      </SelectField>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <CheckboxField
            id="plan-filter-archived"
            name="archived"
            label="Include archived plans"
            checked={values.archived === '1'}
            onChange={toggle('archived')}
          />
        </div>
      </div>
    </FilterForm>
  );
}

// ---------------------------------------------------------------- the orphan report

/** What serves nothing above it: the audit's finding that some objectives link to nothing. */
export function OrphansPage() {
  usePageTitle('Orphans of the golden thread');
  const report = useOrphans();
  const names = useNames();
  return (
    <>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/plans">
              Plans
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item" aria-current="page">
            Orphans
          </li>
        </ol>
      </nav>
      <h1 className="govuk-heading-xl">Orphans of the golden thread</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Objectives that contribute to nothing above them, indicators that measure no objective, and people’s own
        objectives that do not lead to any service-plan objective. Archived plans are left out.
      </p>
      {report.isPending ? <Loading what="Loading the orphan report" /> : null}
      {report.isError ? <QueryError error={report.error} retry={() => report.refetch()} what="the orphan report" /> : null}
      {report.isSuccess ? (
        <div data-testid="orphans-ready">
          <OrphanObjectives
            title="Objectives that serve nothing above them"
            items={report.data.objectives}
            empty="Every objective below the community strategy contributes to one above it."
            person={names.person}
          />
          <OrphanObjectives
            title="People’s objectives with no service-plan objective above them"
            items={report.data.individual_without_service_link}
            empty="Every individual objective leads to a service-plan objective."
            person={names.person}
          />
          <h2 className="govuk-heading-l">Indicators that measure no objective</h2>
          {report.data.indicators.length === 0 ? (
            <p className="govuk-body">Every indicator measures an objective.</p>
          ) : (
            <div className="gt-table-wrap" role="region" aria-label="Indicators that measure no objective" tabIndex={0}>
              <table className="govuk-table">
                <caption className="govuk-visually-hidden">Indicators that measure no objective</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">Indicator</th>
                    <th scope="col" className="govuk-table__header">Owner</th>
                    <th scope="col" className="govuk-table__header">Service</th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {report.data.indicators.map((i) => (
                    <tr className="govuk-table__row" key={i.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link className="govuk-link" to={`/indicators/${i.id}`}>
                          <span className="gt-code">{i.code}</span> {i.title}
                        </Link>
                      </th>
                      <td className="govuk-table__cell">{names.person(i.owner_id) ?? '–'}</td>
                      <td className="govuk-table__cell">{names.unit(i.org_unit_id) ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}

function OrphanObjectives({
  title,
  items,
  empty,
  person,
}: {
  title: string;
  items: OrphanReport['objectives'];
  empty: string;
  person(id: number | null): string | null;
}) {
  return (
    <>
      <h2 className="govuk-heading-l">{title}</h2>
      {items.length === 0 ? (
        <p className="govuk-body">{empty}</p>
      ) : (
        <div className="gt-table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">{title}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Objective</th>
                <th scope="col" className="govuk-table__header">Plan</th>
                <th scope="col" className="govuk-table__header">Owner</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((o) => (
                <tr className="govuk-table__row" key={o.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/objectives/${o.id}`}>
                      {o.code ? <span className="gt-code">{o.code} </span> : null}
                      {o.title}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">
                    {LEVEL_LABELS[o.plan_level]}:{' '}
                    <Link className="govuk-link" to={`/plans/${o.plan_id}`}>
                      {o.plan_title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{person(o.owner_id) ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
