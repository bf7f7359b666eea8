import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { planningKeys, usePlanChecklist } from '../../api/planning';
import { errorMessage } from '../../api/problem';
import type { ChecklistAnswer, ChecklistLine, Plan } from '../../api/planningTypes';
import { useAuth } from '../../auth/AuthContext';
import { isPerformanceTeam } from '../../auth/roles';
import { ErrorSummary } from '../ErrorSummary';
import { Loading, QueryError } from '../Status';
import { formatNumber } from '../../lib/format';
import {
  CHECKLIST_ANSWER_LABELS, SECTION_LABELS
} from '../../lib/planning';

const ANSWERS: ChecklistAnswer[] = ['met', 'partly', 'not_met', 'not_applicable'];

export function PlanChecklist({ plan }: { plan: Plan }) {
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
