import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useActions, usePlans } from '../api/planning';
import type { Action } from '../api/planningTypes';
import { usePageTitle } from '../components/Layout';
import { ActionStateTag, Progress, useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { pluralise } from '../lib/format';
import { formatDate, LEVEL_LABELS } from '../lib/planning';
import { LEVEL_RANK } from '../lib/planTree';
import '../styles/thread.scss';

type View = 'mine' | 'overdue' | 'plan';
const VIEWS: { key: View; label: string }[] = [
  { key: 'mine', label: 'My actions' },
  { key: 'overdue', label: 'Overdue actions' },
  { key: 'plan', label: 'Actions by plan' },
];

export default function ActionsPage() {
  const [params, setParams] = useSearchParams();
  const view: View = (['mine', 'overdue', 'plan'] as const).find((v) => v === params.get('view')) ?? 'mine';
  const planId = Number(params.get('plan') ?? '') || null;
  const plans = usePlans();
  const query = view === 'mine' ? { mine: true } : view === 'overdue' ? { overdue: true } : { plan: planId };
  const actions = useActions(query, view !== 'plan' || planId !== null);
  const names = useNames();
  const current = VIEWS.find((v) => v.key === view) as (typeof VIEWS)[number];
  const plan = planId !== null ? plans.data?.find((p) => p.id === planId) : undefined;
  usePageTitle(view === 'plan' && plan ? `Actions of ${plan.title}` : current.label);

  const planTitle = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p.title])), [plans.data]);

  return (
    <>
      <span className="govuk-caption-l">Actions and milestones</span>
      <h1 className="govuk-heading-xl">{view === 'plan' && plan ? `Actions of ${plan.title}` : current.label}</h1>
      <nav aria-label="Which actions" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list gt-toolbar">
          {VIEWS.map((v) => (
            <li key={v.key} className="govuk-!-margin-bottom-0">
              {v.key === view ? (
                <strong aria-current="page" className="govuk-body govuk-!-font-weight-bold">
                  {v.label}
                </strong>
              ) : (
                <Link className="govuk-link" to={`/actions?view=${v.key}`}>
                  {v.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {view === 'plan' ? (
        <PlanChooser
          key={planId ?? 0}
          value={planId}
          plans={[...(plans.data ?? [])].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.title.localeCompare(b.title))}
          onChoose={(id) => setParams({ view: 'plan', plan: String(id) })}
        />
      ) : null}
      {view === 'plan' && planId === null ? <p className="govuk-body">Choose a plan to see the actions on its objectives.</p> : null}
      {actions.isPending && (view !== 'plan' || planId !== null) ? <Loading what="Loading the actions" /> : null}
      {actions.isError ? <QueryError error={actions.error} retry={() => actions.refetch()} what="the actions" /> : null}
      {actions.isSuccess ? (
        <ActionTable
          actions={actions.data}
          caption={view === 'plan' && plan ? `Actions of ${plan.title}` : current.label}
          empty={
            view === 'mine'
              ? 'You own no actions.'
              : view === 'overdue'
                ? 'No actions are overdue.'
                : 'No actions serve the objectives of this plan.'
          }
          planTitle={(id) => (id === null ? null : (planTitle.get(id) ?? null))}
          person={names.person}
          showPlan={view !== 'plan'}
        />
      ) : null}
    </>
  );
}

function PlanChooser({
  value,
  plans,
  onChoose,
}: {
  value: number | null;
  plans: { id: number; title: string; level: keyof typeof LEVEL_LABELS }[];
  onChoose(id: number): void;
}) {
  const [draft, setDraft] = useState(value ? String(value) : '');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (draft) onChoose(Number(draft));
  }
  return (
    <form className="gt-inline-form govuk-!-margin-bottom-6" onSubmit={submit} aria-label="Choose a plan">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="actions-plan">
          Plan
        </label>
        <select id="actions-plan" className="govuk-select" value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">Choose a plan</option>
          {plans.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {LEVEL_LABELS[p.level]}: {p.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show actions
      </button>
    </form>
  );
}

export function ActionTable({
  actions,
  caption,
  empty,
  planTitle,
  person,
  showPlan = true,
}: {
  actions: Action[];
  caption: string;
  empty: string;
  planTitle(id: number | null): string | null;
  person(id: number | null): string | null;
  showPlan?: boolean;
}) {
  if (actions.length === 0) return <Empty>{empty}</Empty>;
  const overdue = actions.filter((a) => a.state === 'overdue').length;
  return (
    <div data-testid="actions-ready">
      <p className="govuk-body" role="status" aria-live="polite" data-testid="action-count">
        {pluralise(actions.length, 'action')}
        {overdue ? `, ${overdue} overdue` : ''}. Soonest due first.
      </p>
      <div className="gt-table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="govuk-table" data-testid="action-table">
          <caption className="govuk-visually-hidden">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Action</th>
              {showPlan ? <th scope="col" className="govuk-table__header">Plan</th> : null}
              <th scope="col" className="govuk-table__header">Owner</th>
              <th scope="col" className="govuk-table__header">Due</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Complete</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {actions.map((a) => (
              <tr className="govuk-table__row" key={a.id} data-testid={`action-row-${a.id}`}>
                <th scope="row" className="govuk-table__header gt-cell-wide">
                  <Link className="govuk-link" to={`/actions/${a.id}`}>
                    {a.code ? <span className="gt-code">{a.code} </span> : null}
                    {a.title}
                  </Link>
                  {a.is_milestone ? <span className="gt-muted"> (milestone)</span> : null}
                  {a.indicator_id !== null ? <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">Remedial action on an indicator</div> : null}
                </th>
                {showPlan ? <td className="govuk-table__cell">{planTitle(a.plan_id) ?? '–'}</td> : null}
                <td className="govuk-table__cell">{person(a.owner_id) ?? '–'}</td>
                <td className="govuk-table__cell">
                  {a.due_on ? formatDate(a.due_on) : a.timescale || '–'}
                  {a.due_on && a.timescale ? <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">{a.timescale}</div> : null}
                </td>
                <td className="govuk-table__cell">
                  <ActionStateTag state={a.state} />
                </td>
                <td className="govuk-table__cell">
                  <Progress percent={a.percent_complete} label="complete" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
