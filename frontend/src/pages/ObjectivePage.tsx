import { useMemo, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useThread } from '../api/planning';
import type { Thread, ThreadObjective } from '../api/planningTypes';
import { usePageTitle } from '../components/Layout';
import { PeriodPicker } from '../components/PeriodPicker';
import { ActionStateTag, BandTag, Breadcrumbs, PlanStatusTag, Progress, RollUpSummary, useNames } from '../components/Planning';
import { RagTag } from '../components/RagTag';
import { Loading, QueryError } from '../components/Status';
import { formatNumber, pluralise } from '../lib/format';
import { formatDate, LEVEL_LABELS, OBJECTIVE_KIND_LABELS } from '../lib/planning';
import { periodLabel } from '../lib/periods';
import { buildDownTree, buildUpTree, countObjectives, type ThreadNode } from '../lib/threadTree';
import { NotFoundPage } from './NotFound';
import { ApiError } from '../api/problem';
import '../styles/thread.scss';

type Node = ThreadNode<ThreadObjective>;

/** Lookups over one thread answer, shared by every node. */
function useThreadIndex(thread: Thread | undefined) {
  const names = useNames();
  return useMemo(() => {
    const plans = new Map((thread?.plans ?? []).map((p) => [p.id, p]));
    const indicators = new Map((thread?.indicators ?? []).map((i) => [i.id, i]));
    const actions = new Map((thread?.actions ?? []).map((a) => [a.id, a]));
    const risks = new Map((thread?.risks ?? []).map((r) => [r.id, r]));
    const people = new Map((thread?.people ?? []).map((p) => [p.id, p]));
    const person = (id: number | null | undefined) =>
      id === null || id === undefined ? null : (people.get(id)?.full_name ?? names.person(id));
    return { plans, indicators, actions, risks, people, person, unit: names.unit };
  }, [thread, names]);
}

type Index = ReturnType<typeof useThreadIndex>;

export default function ObjectivePage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const [params, setParams] = useSearchParams();
  const chosen = params.get('period');
  const thread = useThread(id, chosen);
  const idx = useThreadIndex(thread.data);

  const focus = thread.data?.objectives.find((o) => o.id === id);
  const focusPlan = focus ? idx.plans.get(focus.plan_id) : undefined;
  usePageTitle(focus ? `${focus.code ? `${focus.code} ` : ''}${focus.title}` : 'Objective');

  const up = useMemo(() => (thread.data ? buildUpTree(thread.data.objectives, id) : []), [thread.data, id]);
  const down = useMemo(() => (thread.data ? buildDownTree(thread.data.objectives, id) : null), [thread.data, id]);

  if (!Number.isFinite(id) || (thread.error instanceof ApiError && thread.error.status === 404)) return <NotFoundPage />;
  if (thread.isPending) return <Loading what="Loading the thread" />;
  if (thread.isError) return <QueryError error={thread.error} retry={() => thread.refetch()} what="this objective’s thread" />;
  if (!focus) return <NotFoundPage />;

  const data = thread.data;
  const period = data.period;
  const belowCount = down ? countObjectives([down]) - 1 : 0;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/plans', text: 'Plans' },
          ...(focusPlan ? [{ to: `/plans/${focusPlan.id}`, text: focusPlan.title }] : []),
          { text: focus.code || focus.title },
        ]}
      />
      <span className="govuk-caption-l">
        {OBJECTIVE_KIND_LABELS[focus.kind]} of the {focusPlan ? LEVEL_LABELS[focusPlan.level].toLowerCase() : 'plan'}
        {focusPlan ? `: ${focusPlan.title}` : ''}
      </span>
      <h1 className="govuk-heading-xl" data-testid="objective-title">
        {focus.code ? <span className="gt-code">{focus.code} </span> : null}
        {focus.title}
      </h1>
      <div className="gt-toolbar">
        <p className="govuk-body govuk-!-margin-bottom-0" role="status" aria-live="polite" data-testid="thread-period">
          Indicators judged at {periodLabel(period)}; actions judged overdue against {formatDate(data.today)}.
          {thread.isFetching && !thread.isPending ? ' Updating…' : ''}
        </p>
        <PeriodPicker
          value={period}
          label="Judge indicators at"
          onChange={(p) =>
            setParams((prev) => {
              const n = new URLSearchParams(prev);
              n.set('period', p);
              return n;
            })
          }
        />
      </div>

      <nav className="govuk-!-margin-bottom-6" aria-label="On this page">
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href="#thread-up-title">
              Up the thread: what this objective serves
            </a>
          </li>
          <li>
            <a className="govuk-link" href="#thread-focus-title">
              This objective
            </a>
          </li>
          <li>
            <a className="govuk-link" href="#thread-down-title">
              Down the thread: what serves it ({pluralise(belowCount, 'objective')})
            </a>
          </li>
          <li>
            <a className="govuk-link" href="#thread-people-title">
              People on this thread ({data.people.length})
            </a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="thread-up-title" data-testid="thread-up" className="govuk-!-margin-bottom-9">
        <h2 className="govuk-heading-l" id="thread-up-title">
          Up the thread
        </h2>
        {up.length === 0 ? (
          <p className="govuk-body">
            {focusPlan?.level === 'community_strategy'
              ? 'This is a community ambition: the top of the golden thread.'
              : 'This objective does not contribute to any objective of a higher plan yet, so it is an orphan of the golden thread.'}
          </p>
        ) : (
          <>
            <p className="govuk-body">From the community ambition at the top down to this objective.</p>
            <ul className="gt-thread">
              {up.map((n) => (
                <ThreadItem key={`up-${n.objective.id}`} node={n} idx={idx} focusId={id} headingBase={3} />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="thread-focus-title" data-testid="thread-focus" className="govuk-!-margin-bottom-9">
        <h2 className="govuk-heading-l" id="thread-focus-title">
          This objective
        </h2>
        <ObjectiveCard objective={focus} idx={idx} focusId={id} level={3} showItems />
      </section>

      <section aria-labelledby="thread-down-title" data-testid="thread-down" className="govuk-!-margin-bottom-9">
        <h2 className="govuk-heading-l" id="thread-down-title">
          Down the thread
        </h2>
        {!down || down.children.length === 0 ? (
          <p className="govuk-body">No objective of a lower plan contributes to this one yet.</p>
        ) : (
          <>
            <p className="govuk-body">
              Everything that serves this objective, plan by plan, down to people’s own objectives. The totals at each
              objective include everything beneath it.
            </p>
            {/* The focus is the root (depth 0): its contributors, at depth 1, are the h3s. */}
            <ul className="gt-thread">
              {down.children.map((n) => (
                <ThreadItem key={`down-${n.objective.id}`} node={n} idx={idx} focusId={id} headingBase={2} showItems />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="thread-people-title" data-testid="thread-people">
        <h2 className="govuk-heading-l" id="thread-people-title">
          People on this thread
        </h2>
        {data.people.length === 0 ? (
          <p className="govuk-body">No people are named on this thread.</p>
        ) : (
          <div className="gt-table-wrap" role="region" aria-label="People on this thread" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-visually-hidden">People who own objectives, indicators, actions or risks on this thread</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Name</th>
                  <th scope="col" className="govuk-table__header">Job title</th>
                  <th scope="col" className="govuk-table__header">Service</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {[...data.people]
                  .sort((a, b) => a.full_name.localeCompare(b.full_name))
                  .map((p) => (
                    <tr className="govuk-table__row" key={p.id}>
                      <th scope="row" className="govuk-table__header">{p.full_name}</th>
                      <td className="govuk-table__cell">{p.job_title ?? '–'}</td>
                      <td className="govuk-table__cell">{idx.unit(p.org_unit_id) ?? '–'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function ThreadItem({
  node,
  idx,
  focusId,
  headingBase,
  showItems = false,
}: {
  node: Node;
  idx: Index;
  focusId: number;
  headingBase: number;
  showItems?: boolean;
}) {
  const level = Math.min(headingBase + node.depth, 6);
  const isFocus = node.objective.id === focusId;
  return (
    <li className="gt-thread__node" data-testid={`thread-node-${node.objective.id}`}>
      <ObjectiveCard objective={node.objective} idx={idx} focusId={focusId} level={level} repeat={node.repeat} showItems={showItems && !node.repeat && !isFocus} compact={isFocus} />
      {node.children.length ? (
        <ul className="gt-thread__children" aria-label={`Beneath ${node.objective.code || node.objective.title}`}>
          {node.children.map((c) => (
            <ThreadItem key={c.objective.id} node={c} idx={idx} focusId={focusId} headingBase={headingBase} showItems={showItems} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Heading({ level, className, children }: { level: number; className: string; children: ReactNode }) {
  const Tag = `h${Math.max(2, Math.min(level, 6))}` as 'h3';
  return <Tag className={className}>{children}</Tag>;
}

function ObjectiveCard({
  objective: o,
  idx,
  focusId,
  level,
  repeat = false,
  showItems = false,
  compact = false,
}: {
  objective: ThreadObjective;
  idx: Index;
  focusId: number;
  level: number;
  repeat?: boolean;
  showItems?: boolean;
  compact?: boolean;
}) {
  const plan = idx.plans.get(o.plan_id);
  const isFocus = o.id === focusId;
  const owner = idx.person(o.owner_id) ?? (plan?.level === 'individual' ? idx.person(plan.owner_user_id) : null);
  const label = `${o.code ? `${o.code} ` : ''}${o.title}`;
  return (
    <div className={`gt-thread__card${isFocus ? ' gt-thread__card--focus' : ''}${repeat ? ' gt-thread__card--repeat' : ''}`}>
      <p className="gt-thread__plan">
        {LEVEL_LABELS[o.plan_level]}
        {plan ? (
          <>
            {': '}
            <Link className="govuk-link" to={`/plans/${plan.id}`}>
              {plan.title}
            </Link>{' '}
            <PlanStatusTag status={plan.status} />
          </>
        ) : null}
      </p>
      <Heading level={level} className="govuk-heading-s gt-thread__heading">
        {isFocus ? (
          <>
            {label} <span className="govuk-tag govuk-tag--yellow gt-tag-words">This objective</span>
          </>
        ) : (
          <Link className="govuk-link" to={`/objectives/${o.id}`}>
            {label}
          </Link>
        )}
      </Heading>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {OBJECTIVE_KIND_LABELS[o.kind]}
        {owner ? ` · owned by ${owner}` : ''}
        {repeat ? ' · also serves another objective above; its detail is shown there' : ''}
      </p>
      {repeat || compact ? null : <RollUpSummary rollup={o.rollup} testId={`rollup-${o.id}`} />}
      {showItems ? <OwnItems objective={o} idx={idx} /> : null}
    </div>
  );
}

/** The indicators, actions and risks attached to this objective itself. */
function OwnItems({ objective: o, idx }: { objective: ThreadObjective; idx: Index }) {
  const pick = <T,>(ids: number[], from: Map<number, T>): T[] => ids.flatMap((i) => {
    const x = from.get(i);
    return x === undefined ? [] : [x];
  });
  const indicators = pick(o.indicator_ids, idx.indicators);
  const actions = pick(o.action_ids, idx.actions);
  const risks = pick(o.risk_ids, idx.risks);
  if (!indicators.length && !actions.length && !risks.length) return null;
  const base = `items-${o.id}`;
  return (
    <div className="gt-thread__items">
      {indicators.length ? (
        <>
          <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1" id={`${base}-ind`}>
            Indicators
          </p>
          <ul aria-labelledby={`${base}-ind`}>
            {indicators.map((i) => (
              <li key={i.id} data-testid={`thread-indicator-${i.id}`}>
                <RagTag rag={i.rag} />
                <Link className="govuk-link" to={`/indicators/${i.id}`}>
                  <span className="gt-code">{i.code}</span> {i.title}
                </Link>
                <span className="gt-muted">
                  {i.actual !== null ? `actual ${formatNumber(String(i.actual))}` : 'no figure'}
                  {i.target !== null ? ` against target ${formatNumber(String(i.target))}` : ''} ({periodLabel(i.period)})
                </span>
                {i.rag === 'red' ? (
                  <span className="govuk-!-font-weight-bold">{i.has_remedial_action ? 'Remedial action in place' : 'No remedial action yet'}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {actions.length ? (
        <>
          <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1" id={`${base}-act`}>
            Actions
          </p>
          <ul aria-labelledby={`${base}-act`}>
            {actions.map((a) => (
              <li key={a.id} data-testid={`thread-action-${a.id}`}>
                <ActionStateTag state={a.state} />
                <Link className="govuk-link" to={`/actions/${a.id}`}>
                  {a.title}
                </Link>
                <Progress percent={a.percent_complete} label="complete" />
                <span className="gt-muted">
                  {a.due_on ? `due ${formatDate(a.due_on)}` : 'no due date'}
                  {idx.person(a.owner_id) ? ` · ${idx.person(a.owner_id)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {risks.length ? (
        <>
          <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1" id={`${base}-risk`}>
            Risks
          </p>
          <ul aria-labelledby={`${base}-risk`}>
            {risks.map((r) => (
              <li key={r.id} data-testid={`thread-risk-${r.id}`}>
                <Link className="govuk-link" to={`/risks/${r.id}`}>
                  <span className="gt-code">{r.code}</span> {r.title}
                </Link>
                {r.residual_score !== null ? (
                  <span>
                    residual score <BandTag score={r.residual_score} />
                  </span>
                ) : null}
                {idx.person(r.owner_id) ? <span className="gt-muted">{idx.person(r.owner_id)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
