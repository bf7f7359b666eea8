import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../../api/client';
import { planningKeys } from '../../api/planning';
import { errorMessage } from '../../api/problem';
import type { Plan, PlanStatus } from '../../api/planningTypes';
import { ConflictNotice } from '../ConflictNotice';
import { ErrorSummary } from '../ErrorSummary';
import { TextAreaField } from '../Fields';
import { type Conflict, currentAs, readConflict } from '../../lib/conflict';
import {
  PLAN_STATUS_LABELS,
  PLAN_TRANSITION_LABELS
} from '../../lib/planning';

const WORKFLOW: PlanStatus[] = ['draft', 'submitted', 'quality_assured', 'approved', 'published', 'archived'];

export function PlanStatusWorkflow({ plan }: { plan: Plan }) {
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
