import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { planningKeys, usePlan, usePlanChecklist, usePlanObjectives, usePlans } from '../api/planning';
import { ApiError, errorMessage } from '../api/problem';
import type { ChecklistAnswer, ChecklistLine, Plan, PlanStatus } from '../api/planningTypes';
import { useAuth } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ConflictNotice } from '../components/ConflictNotice';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextAreaField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { Breadcrumbs, PlanStatusTag, SummaryRow, useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { type Conflict, currentAs, readConflict } from '../lib/conflict';
import { formatDateTime, formatNumber, pluralise } from '../lib/format';
import { planAncestry } from '../lib/planTree';
import {
  CHECKLIST_ANSWER_LABELS,
  LEVEL_LABELS,
  OBJECTIVE_KIND_LABELS,
  PLAN_STATUS_LABELS,
  PLAN_TRANSITION_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  yearSpan,
} from '../lib/planning';
import '../styles/thread.scss';

const WORKFLOW: PlanStatus[] = ['draft', 'submitted', 'quality_assured', 'approved', 'published', 'archived'];

export default function PlanPage() {
  const id = Number(useParams().id);
  const plan = usePlan(id);
  const plans = usePlans();
  const names = useNames();
  usePageTitle(plan.data ? plan.data.title : 'Plan');

  if (plan.isPending) return <Loading what="Loading the plan" />;
  if (plan.isError) {
    if (plan.error instanceof ApiError && plan.error.status === 404) {
      return (
        <>
          <h1 className="govuk-heading-l">Plan not found</h1>
          <p className="govuk-body">
            There is no plan with this number that you can see. <Link className="govuk-link" to="/plans">Browse the plans</Link>.
          </p>
        </>
      );
    }
    return <QueryError error={plan.error} retry={() => plan.refetch()} what="the plan" />;
  }
  const p = plan.data;
  const ancestry = planAncestry(plans.data ?? [], p.id).slice(0, -1);
  const parent = p.parent_id !== null ? (plans.data ?? []).find((x) => x.id === p.parent_id) : undefined;
  const beneath = (plans.data ?? []).filter((x) => x.parent_id === p.id).sort((a, b) => a.title.localeCompare(b.title));
  const owner = names.person(p.owner_user_id) ?? names.unit(p.owner_org_unit_id);
  const service = p.level === 'service_plan';

  return (
    <>
      <Breadcrumbs items={[{ to: '/plans', text: 'Plans' }, ...ancestry.map((a) => ({ to: `/plans/${a.id}`, text: a.title })), { text: p.title }]} />
      <span className="govuk-caption-l">{LEVEL_LABELS[p.level]}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4" data-testid="plan-title">
        {p.title}
      </h1>
      <p className="govuk-body">
        Status: <PlanStatusTag status={p.status} />
      </p>
      {p.summary ? <p className="govuk-body gt-long-text govuk-!-width-two-thirds">{p.summary}</p> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Level">{LEVEL_LABELS[p.level]}</SummaryRow>
        <SummaryRow label="Years">{yearSpan(p.start_year, p.end_year)}</SummaryRow>
        <SummaryRow label="Owner">{owner ?? '–'}</SummaryRow>
        <SummaryRow label="Serves">
          {parent ? (
            <Link className="govuk-link" to={`/plans/${parent.id}`}>
              {parent.title}
            </Link>
          ) : p.parent_id !== null ? (
            <Link className="govuk-link" to={`/plans/${p.parent_id}`}>
              The plan above
            </Link>
          ) : (
            'Nothing above it: the top of the thread'
          )}
        </SummaryRow>
        <SummaryRow label="Edition">
          {p.edition}
          {p.supersedes_id !== null ? (
            <>
              {' '}
              (replaces{' '}
              <Link className="govuk-link" to={`/plans/${p.supersedes_id}`}>
                the previous edition
              </Link>
              )
            </>
          ) : null}
        </SummaryRow>
        {service ? <SummaryRow label="Quality-assurance score">{p.qa_score !== null ? `${formatNumber(String(p.qa_score))}%` : 'Not scored yet'}</SummaryRow> : null}
        <SummaryRow label="Status last changed">{formatDateTime(p.status_changed_at)}</SummaryRow>
      </dl>

      <StatusWorkflow plan={p} />
      <Objectives plan={p} />

      <section aria-labelledby="beneath-title" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="beneath-title">
          Plans beneath
        </h2>
        {beneath.length === 0 ? (
          <p className="govuk-body">No plans sit beneath this one.</p>
        ) : (
          <ul className="govuk-list govuk-list--bullet" data-testid="plans-beneath">
            {beneath.map((b) => (
              <li key={b.id}>
                <Link className="govuk-link" to={`/plans/${b.id}`}>
                  {b.title}
                </Link>{' '}
                <span className="gt-muted">({LEVEL_LABELS[b.level]}, {PLAN_STATUS_LABELS[b.status].toLowerCase()})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {service ? (
        <>
          <section aria-labelledby="sections-title" className="govuk-!-margin-bottom-8" data-testid="plan-sections">
            <h2 className="govuk-heading-l" id="sections-title">
              The service plan
            </h2>
            {SECTION_KEYS.map((k) => (
              <div key={k}>
                <h3 className="govuk-heading-m">{SECTION_LABELS[k]}</h3>
                <p className="govuk-body gt-long-text">{p.sections?.[k] || <span className="gt-muted">Not written yet.</span>}</p>
              </div>
            ))}
          </section>
          <Checklist plan={p} />
        </>
      ) : null}
    </>
  );
}

function StatusWorkflow({ plan }: { plan: Plan }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<PlanStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [done, setDone] = useState('');

  async function move(to: PlanStatus) {
    setBusy(to);
    setProblem(null);
    setConflict(null);
    setDone('');
    try {
      const saved = unwrap(
        await api.POST('/api/v1/plans/{plan_id}/status', {
          params: { path: { plan_id: plan.id } },
          body: { status: to, note },
          headers: { 'If-Match': versionTag(plan.version) },
        }),
      );
      queryClient.setQueryData(planningKeys.plan(plan.id), saved);
      void queryClient.invalidateQueries({ queryKey: planningKeys.plans, exact: true });
      setNote('');
      setDone(`The plan is now ${PLAN_STATUS_LABELS[saved.status].toLowerCase()}.`);
    } catch (err) {
      const lost = readConflict(err);
      if (lost) setConflict(lost);
      else setProblem(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const position = WORKFLOW.indexOf(plan.status);
  return (
    <section aria-labelledby="workflow-title" className="govuk-!-margin-bottom-8" data-testid="plan-workflow">
      <h2 className="govuk-heading-l" id="workflow-title">
        Status
      </h2>
      <ErrorSummary errors={problem ? [{ text: problem }] : []} title="The status was not changed" />
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          what="this plan"
          id="plan-conflict"
          title="The status was not changed"
          kept="Your note is still in the form. Check their changes, then try again."
          loadLabel="Load the current plan"
          onLoad={() => {
            // The 412 carries the plan as its GET answers it; fetch only if it did not.
            const given = currentAs<Plan>(conflict, plan.id, ['status', 'next_statuses', 'can_edit']);
            if (given) queryClient.setQueryData(planningKeys.plan(plan.id), given);
            else void queryClient.invalidateQueries({ queryKey: planningKeys.plan(plan.id) });
            void queryClient.invalidateQueries({ queryKey: planningKeys.plans, exact: true });
            setConflict(null);
          }}
        />
      ) : null}
      <ol className="govuk-list govuk-list--number govuk-body-s" aria-label="The workflow of a plan">
        {WORKFLOW.map((s, i) => (
          <li key={s}>
            {s === plan.status ? (
              <strong>
                {PLAN_STATUS_LABELS[s]} (now)
              </strong>
            ) : (
              <>
                {PLAN_STATUS_LABELS[s]}
                {i < position ? ' (done)' : ''}
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="govuk-body-s gt-muted">Only the performance team quality-assures a plan.</p>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {done}
      </p>
      {done ? <p className="govuk-body govuk-!-font-weight-bold">{done}</p> : null}
      {plan.next_statuses.length === 0 ? (
        <p className="govuk-body">{plan.can_edit ? 'There is nothing you can move this plan on to now.' : 'You cannot change the status of this plan.'}</p>
      ) : (
        <form
          onSubmit={(e: FormEvent) => e.preventDefault()}
          aria-label="Change the status"
          className="govuk-!-width-two-thirds"
        >
          <TextAreaField
            id="status-note"
            label="Note for the audit trail (optional)"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="govuk-button-group">
            {plan.next_statuses.map((s, i) => (
              <button
                key={s}
                type="button"
                className={`govuk-button${i === 0 && s !== 'archived' && s !== 'draft' ? '' : ' govuk-button--secondary'}`}
                disabled={busy !== null}
                onClick={() => void move(s)}
              >
                {busy === s ? 'Saving…' : PLAN_TRANSITION_LABELS[s]}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}

function Objectives({ plan }: { plan: Plan }) {
  const objectives = usePlanObjectives(plan.id);
  const names = useNames();
  const parentIds = useMemo(
    () => [...new Set((objectives.data ?? []).flatMap((o) => o.contributes_to))].slice(0, 100),
    [objectives.data],
  );
  const parents = useQueries({
    queries: parentIds.map((pid) => ({
      queryKey: planningKeys.objective(pid),
      queryFn: async () => unwrap(await api.GET('/api/v1/objectives/{objective_id}', { params: { path: { objective_id: pid } } })),
      staleTime: 60_000,
    })),
  });
  const parentTitle = new Map(parents.flatMap((q) => (q.data ? [[q.data.id, `${q.data.code ? `${q.data.code} ` : ''}${q.data.title}`] as const] : [])));

  return (
    <section aria-labelledby="objectives-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="objectives-title">
        Objectives
      </h2>
      {objectives.isPending ? <Loading what="Loading the objectives" /> : null}
      {objectives.isError ? <QueryError error={objectives.error} retry={() => objectives.refetch()} what="the objectives" /> : null}
      {objectives.isSuccess && objectives.data.length === 0 ? <Empty>This plan has no objectives yet.</Empty> : null}
      {objectives.isSuccess && objectives.data.length ? (
        <>
          <p className="govuk-body">
            {pluralise(objectives.data.length, 'objective')}. Open one to follow its golden thread up and down.
          </p>
          <div className="gt-table-wrap" role="region" aria-label="Objectives of this plan" tabIndex={0}>
            <table className="govuk-table" data-testid="plan-objectives">
              <caption className="govuk-visually-hidden">Objectives of {plan.title}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Objective</th>
                  <th scope="col" className="govuk-table__header">Kind</th>
                  <th scope="col" className="govuk-table__header">Owner</th>
                  <th scope="col" className="govuk-table__header">Contributes to</th>
                  <th scope="col" className="govuk-table__header">Indicators</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {objectives.data.map((o) => (
                  <tr className="govuk-table__row" key={o.id}>
                    <th scope="row" className="govuk-table__header gt-cell-wide">
                      <Link className="govuk-link" to={`/objectives/${o.id}`}>
                        {o.code ? <span className="gt-code">{o.code} </span> : null}
                        {o.title}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">{OBJECTIVE_KIND_LABELS[o.kind]}</td>
                    <td className="govuk-table__cell">{names.person(o.owner_id) ?? '–'}</td>
                    <td className="govuk-table__cell">
                      {o.contributes_to.length === 0 ? (
                        plan.level === 'community_strategy' ? 'The top of the thread' : <strong>Nothing (an orphan)</strong>
                      ) : (
                        <ul className="govuk-list govuk-!-margin-bottom-0">
                          {o.contributes_to.map((pid) => (
                            <li key={pid}>
                              <Link className="govuk-link" to={`/objectives/${pid}`}>
                                {parentTitle.get(pid) ?? `Objective ${pid}`}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="govuk-table__cell">{o.indicator_ids.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

const ANSWERS: ChecklistAnswer[] = ['met', 'partly', 'not_met', 'not_applicable'];

function Checklist({ plan }: { plan: Plan }) {
  const { me } = useAuth();
  const team = isPerformanceTeam(me);
  const checklist = usePlanChecklist(plan.id, true);
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<number, { answer: ChecklistAnswer | ''; comment: string }>>({});
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const valueOf = (line: ChecklistLine) => drafts[line.item_id] ?? { answer: line.answer ?? '', comment: line.comment };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!checklist.data) return;
    const answers = checklist.data.items
      .map((l) => ({ item_id: l.item_id, ...valueOf(l) }))
      .filter((a): a is { item_id: number; answer: ChecklistAnswer; comment: string } => a.answer !== '');
    setSaving(true);
    setMessage(null);
    try {
      const saved = unwrap(
        await api.PUT('/api/v1/plans/{plan_id}/checklist', { params: { path: { plan_id: plan.id } }, body: { answers } }),
      );
      queryClient.setQueryData(planningKeys.checklist(plan.id), saved);
      void queryClient.invalidateQueries({ queryKey: planningKeys.plan(plan.id) });
      setDrafts({});
      setMessage({ ok: true, text: `Answers saved. The score is now ${saved.score !== null ? `${formatNumber(String(saved.score))}%` : 'not set'}.` });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="checklist-title" className="govuk-!-margin-bottom-8" data-testid="plan-checklist">
      <h2 className="govuk-heading-l" id="checklist-title">
        Quality-assurance checklist
      </h2>
      {checklist.isPending ? <Loading what="Loading the checklist" /> : null}
      {checklist.isError ? <QueryError error={checklist.error} retry={() => checklist.refetch()} what="the checklist" /> : null}
      {checklist.isSuccess ? (
        <>
          <p className="govuk-body" data-testid="checklist-score">
            Score: <strong>{checklist.data.score !== null ? `${formatNumber(String(checklist.data.score))}%` : 'not scored'}</strong>
            {checklist.data.complete ? ' (every question answered).' : ' (some questions are not answered yet; they count as not met).'}
          </p>
          <ErrorSummary errors={message && !message.ok ? [{ text: message.text }] : []} title="The answers were not saved" />
          {message?.ok ? (
            <p className="govuk-body govuk-!-font-weight-bold" role="status">
              {message.text}
            </p>
          ) : null}
          <form onSubmit={save} aria-label="Quality-assurance answers" noValidate>
            <div className="gt-table-wrap" role="region" aria-label="Checklist questions" tabIndex={0}>
              <table className="govuk-table">
                <caption className="govuk-visually-hidden">Checklist questions and answers</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">Question</th>
                    <th scope="col" className="govuk-table__header">Section</th>
                    <th scope="col" className="govuk-table__header">Weight</th>
                    <th scope="col" className="govuk-table__header">Answer</th>
                    <th scope="col" className="govuk-table__header">Comment</th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {checklist.data.items.map((line) => {
                    const v = valueOf(line);
                    const sectionLabel = line.section ? (SECTION_LABELS as Record<string, string>)[line.section] ?? line.section : 'Whole plan';
                    return (
                      <tr className="govuk-table__row" key={line.item_id}>
                        <th scope="row" className="govuk-table__header gt-cell-wide">
                          <span className="gt-code">{line.code}</span> {line.question}
                        </th>
                        <td className="govuk-table__cell">{sectionLabel}</td>
                        <td className="govuk-table__cell">{line.weight}</td>
                        <td className="govuk-table__cell">
                          {team ? (
                            <>
                              <label className="govuk-visually-hidden" htmlFor={`qa-${line.item_id}`}>
                                Answer to {line.code}
                              </label>
                              <select
                                id={`qa-${line.item_id}`}
                                className="govuk-select"
                                value={v.answer}
                                onChange={(e) => setDrafts((d) => ({ ...d, [line.item_id]: { ...v, answer: e.target.value as ChecklistAnswer | '' } }))}
                              >
                                <option value="">Not answered</option>
                                {ANSWERS.map((a) => (
                                  <option key={a} value={a}>
                                    {CHECKLIST_ANSWER_LABELS[a]}
                                  </option>
                                ))}
                              </select>
                            </>
                          ) : line.answer ? (
                            CHECKLIST_ANSWER_LABELS[line.answer]
                          ) : (
                            'Not answered'
                          )}
                        </td>
                        <td className="govuk-table__cell">
                          {team ? (
                            <>
                              <label className="govuk-visually-hidden" htmlFor={`qa-${line.item_id}-comment`}>
                                Comment on {line.code}
                              </label>
                              <textarea
                                id={`qa-${line.item_id}-comment`}
                                className="govuk-textarea govuk-!-margin-bottom-0"
                                rows={2}
                                value={v.comment}
                                onChange={(e) => setDrafts((d) => ({ ...d, [line.item_id]: { ...v, comment: e.target.value } }))}
                              />
                            </>
                          ) : (
                            line.comment || '–'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {team ? (
              <button type="submit" className="govuk-button" disabled={saving}>
                {saving ? 'Saving…' : 'Save answers'}
              </button>
            ) : null}
          </form>
        </>
      ) : null}
    </section>
  );
}
