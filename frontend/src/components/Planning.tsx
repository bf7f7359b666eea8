/** Small pieces shared by the golden-thread pages: status tags in words, progress, roll-ups. */
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useOrgUnits, useUsers } from '../api/queries';
import type { ActionState, Band, PlanStatus, RollUp } from '../api/planningTypes';
import type { Rag } from '../api/types';
import { BAND_LABELS, bandOfScore } from '../lib/heatMap';
import { ACTION_STATE_LABELS, ACTION_STATE_TAG, PLAN_STATUS_LABELS, PLAN_STATUS_TAG } from '../lib/planning';
import { RAG_LABELS } from '../lib/rag';
import { RagIcon } from './RagTag';

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  return (
    <strong className={`govuk-tag gt-tag-words ${PLAN_STATUS_TAG[status]}`} data-plan-status={status}>
      {PLAN_STATUS_LABELS[status]}
    </strong>
  );
}

export function ActionStateTag({ state }: { state: ActionState }) {
  return (
    <strong className={`govuk-tag gt-tag-words ${ACTION_STATE_TAG[state]}`} data-action-state={state}>
      {ACTION_STATE_LABELS[state]}
    </strong>
  );
}

export function BandTag({ score, band }: { score: number; band?: Band }) {
  const b = band ?? bandOfScore(score);
  return (
    <span className={`gt-band gt-band--${b}`} data-band={b}>
      {score} <span className="govuk-!-font-weight-regular">({BAND_LABELS[b].toLowerCase()})</span>
    </span>
  );
}

export function Progress({ percent, label }: { percent: number; label?: string }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <span className="gt-progress">
      <span className="gt-progress__bar" aria-hidden="true">
        <span style={{ width: `${p}%` }} />
      </span>
      <span className="gt-progress__text">
        {p}%{label ? <span className="govuk-visually-hidden"> {label}</span> : null}
      </span>
    </span>
  );
}

const ROLLUP_RAGS: Rag[] = ['red', 'amber', 'green', 'no_data', 'no_target'];

/** Counts of a status, with its shape and name: "2 Red". */
function RagCount({ rag, n }: { rag: Rag; n: number }) {
  return (
    <span className={`gt-rag gt-rag--${rag}`} data-rag-count={rag}>
      <RagIcon rag={rag} size={10} />
      {n} {RAG_LABELS[rag].toLowerCase()}
    </span>
  );
}

/** The roll-up of a node of the thread: everything at and beneath it. */
export function RollUpSummary({ rollup, testId }: { rollup: RollUp; testId?: string }) {
  const ind = rollup.indicators;
  const indicatorTotal = ind.green + ind.amber + ind.red + ind.no_data + ind.no_target + ind.not_applicable;
  const a = rollup.actions;
  return (
    <dl className="gt-rollup" data-testid={testId}>
      <div>
        <dt>Indicators:</dt>
        <dd>
          {indicatorTotal === 0 ? (
            'none'
          ) : (
            <span className="gt-rollup__counts">
              {ROLLUP_RAGS.filter((r) => ind[r] > 0).map((r) => (
                <RagCount key={r} rag={r} n={ind[r]} />
              ))}
              {ind.not_applicable ? <RagCount rag="not_applicable" n={ind.not_applicable} /> : null}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Actions:</dt>
        <dd data-testid={testId ? `${testId}-actions` : undefined}>
          {a.total === 0
            ? 'none'
            : `${a.complete} complete, ${a.on_track} on track, ${a.overdue} overdue${a.cancelled ? `, ${a.cancelled} cancelled` : ''}`}
        </dd>
      </div>
      <div>
        <dt>Risks:</dt>
        <dd>
          {rollup.risks === 0 || rollup.highest_risk_score === null ? (
            rollup.risks === 0 ? 'none' : String(rollup.risks)
          ) : (
            <>
              {rollup.risks}, highest score <BandTag score={rollup.highest_risk_score} />
            </>
          )}
        </dd>
      </div>
      {rollup.objectives > 0 ? (
        <div>
          <dt>Objectives beneath:</dt>
          <dd>{rollup.objectives}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Names of people and org units by id, from lists every staff user may read. */
export function useNames() {
  const users = useUsers();
  const units = useOrgUnits();
  return useMemo(() => {
    const people = new Map((users.data ?? []).map((u) => [u.id, u]));
    const orgs = new Map((units.data ?? []).map((u) => [u.id, u]));
    return {
      person: (id: number | null | undefined) => (id === null || id === undefined ? null : (people.get(id)?.full_name ?? null)),
      unit: (id: number | null | undefined) => (id === null || id === undefined ? null : (orgs.get(id)?.name ?? null)),
      users: users.data ?? [],
      units: units.data ?? [],
    };
  }, [users.data, units.data]);
}

export interface Crumb {
  to?: string;
  text: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((c, i) => (
          <li className="govuk-breadcrumbs__list-item" key={`${c.text}-${i}`}>
            {c.to ? (
              <Link className="govuk-breadcrumbs__link" to={c.to}>
                {c.text}
              </Link>
            ) : (
              <span aria-current="page">{c.text}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}
