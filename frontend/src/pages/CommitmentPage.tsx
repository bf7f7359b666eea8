import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { planningKeys, useCommitment } from '../api/planning';
import { keys } from '../api/queries';
import { ApiError, errorMessage } from '../api/problem';
import type { Commitment, CommitmentItem, CommitmentItemCreate, Quadrant, ReviewKind } from '../api/planningTypes';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ConflictNotice } from '../components/ConflictNotice';
import { ErrorSummary } from '../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { BandTag, Breadcrumbs, SummaryRow, useNames } from '../components/Planning';
import { Loading, QueryError } from '../components/Status';
import { type Conflict, currentAs, readConflict } from '../lib/conflict';
import { formatDateTime } from '../lib/format';
import { IMPACT_WORDS, LIKELIHOOD_WORDS } from '../lib/heatMap';
import { formatDate, todayIso, yearSpan } from '../lib/planning';
import '../styles/thread.scss';

type Result = { ok: true; text: string } | { ok: false; text: string };

/** Every change answers the whole commitments; each sends If-Match with the version shown. */
function useChange(commitment: Commitment | undefined) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Result | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  async function change(
    run: (headers: { 'If-Match': string }) => Promise<{ data?: Commitment; error?: unknown; response: Response }>,
    done: string,
  ): Promise<boolean> {
    if (!commitment) return false;
    setBusy(true);
    setResult(null);
    setConflict(null);
    try {
      const saved = unwrap(await run({ 'If-Match': versionTag(commitment.version) }));
      queryClient.setQueryData(planningKeys.commitment(commitment.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['commitments', 'list'] });
      setResult({ ok: true, text: done });
      return true;
    } catch (err) {
      const lost = readConflict(err);
      if (lost) {
        setConflict(lost);
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        setResult({ ok: false, text: err.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ') });
      } else {
        setResult({ ok: false, text: errorMessage(err) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  }
  const reload = () => {
    setResult(null);
    if (commitment) {
      // The 412 carries the commitments as their GET answers them; fetch only if it did not.
      const given = currentAs<Commitment>(conflict, commitment.id, ['quadrants', 'reviews', 'signed_off']);
      if (given) queryClient.setQueryData(planningKeys.commitment(commitment.id), given);
      else void queryClient.invalidateQueries({ queryKey: planningKeys.commitment(commitment.id) });
    }
    setConflict(null);
  };
  return { change, result, conflict, busy, reload };
}

export default function CommitmentPage() {
  const id = Number(useParams().id);
  const commitment = useCommitment(id);
  const me = useCurrentUser();
  const names = useNames();
  const c = commitment.data;
  const { change, result, conflict, busy, reload } = useChange(c);
  usePageTitle(c ? `Commitments of ${c.manager_name}, ${yearSpan(c.year, c.year)}` : 'Commitments', (!!result && !result.ok) || !!conflict);

  if (commitment.isPending) return <Loading what="Loading the commitments" />;
  if (commitment.isError || !c) {
    if (commitment.error instanceof ApiError && commitment.error.status === 404) {
      return (
        <>
          <h1 className="govuk-heading-l">Commitments not found</h1>
          <p className="govuk-body">
            <Link className="govuk-link" to="/commitments">
              See the commitments you can see
            </Link>
            .
          </p>
        </>
      );
    }
    return <QueryError error={commitment.error} retry={() => commitment.refetch()} what="the commitments" />;
  }

  const team = isPerformanceTeam(me);
  const mayEdit = me.id === c.manager_id || team || me.role === 'manager';
  const mayReview = me.id === c.line_manager_id || team;
  const maySignOff = me.id === c.line_manager_id && !c.signed_off;
  const kinds: ReviewKind[] = ['september', 'january'];

  return (
    <>
      <Breadcrumbs items={[{ to: '/commitments', text: 'Commitments' }, { text: `${c.manager_name}, ${yearSpan(c.year, c.year)}` }]} />
      <span className="govuk-caption-l">Commitments for {yearSpan(c.year, c.year)}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4">{c.manager_name}</h1>
      <ErrorSummary errors={result && !result.ok ? [{ text: result.text }] : []} title="The change was not saved" />
      {conflict ? (
        <ConflictNotice conflict={conflict} what="these commitments" id="commitment-conflict" title="The change was not saved" loadLabel="Load the current commitments" onLoad={reload} />
      ) : null}
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {result?.ok ? result.text : ''}
      </p>
      {result?.ok ? <p className="govuk-body govuk-!-font-weight-bold" data-testid="commitment-saved">{result.text}</p> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Service">{names.unit(c.org_unit_id) ?? '–'}</SummaryRow>
        <SummaryRow label="Signed off by">{names.person(c.line_manager_id) ?? 'No line manager recorded'}</SummaryRow>
        <SummaryRow label="Sign-off">
          {c.signed_off ? (
            <>
              <strong className="govuk-tag govuk-tag--green gt-tag-words">Signed off</strong> by {c.signed_off_by_name ?? 'their line manager'}
              {c.signed_off_at ? `, ${formatDateTime(c.signed_off_at)}` : ''}. Only progress comments can change now.
            </>
          ) : (
            <strong className="govuk-tag govuk-tag--grey gt-tag-words">Not signed off</strong>
          )}
        </SummaryRow>
        {kinds.map((k) => {
          const r = c.reviews.find((x) => x.kind === k);
          return (
            <SummaryRow key={k} label={k === 'september' ? 'September review' : 'January review'}>
              {r ? (
                <>
                  Held {formatDate(r.held_on)} by {r.reviewer_name}
                  {r.comments ? <div className="govuk-body-s gt-long-text govuk-!-margin-bottom-0">{r.comments}</div> : null}
                </>
              ) : (
                'Not held yet'
              )}
            </SummaryRow>
          );
        })}
      </dl>
      {maySignOff ? (
        <div className="govuk-!-margin-bottom-8">
          <button
            type="button"
            className="govuk-button"
            disabled={busy}
            onClick={() =>
              void change(
                (headers) => api.POST('/api/v1/commitments/{commitment_id}/sign-off', { params: { path: { commitment_id: c.id } }, headers }),
                'The commitments are signed off.',
              )
            }
          >
            Sign off these commitments
          </button>
        </div>
      ) : null}

      {c.quadrants.map((q) => (
        <section className="gt-quadrant" aria-labelledby={`q-${q.quadrant}`} key={q.quadrant} data-testid={`quadrant-${q.quadrant}`}>
          <h2 className="govuk-heading-l" id={`q-${q.quadrant}`}>
            {q.label}
          </h2>
          {q.items.length === 0 ? <p className="govuk-body">No commitments in this quadrant yet.</p> : <ItemsTable label={q.label} items={q.items} />}
          {q.items.map((item) => (
            <ProgressEditor
              key={item.id}
              item={item}
              quadrantLabel={q.label}
              mayEdit={mayEdit}
              busy={busy}
              onSave={(progress) =>
                change(
                  (headers) =>
                    api.PATCH('/api/v1/commitments/{commitment_id}/items/{item_id}', {
                      params: { path: { commitment_id: c.id, item_id: item.id } },
                      body: { progress },
                      headers,
                    }),
                  'Progress saved.',
                )
              }
            />
          ))}
          {mayEdit && !c.signed_off ? (
            <AddItem
              quadrant={q.quadrant}
              position={q.items.reduce((n, i) => Math.max(n, i.position + 1), 0)}
              label={q.label}
              busy={busy}
              onAdd={(body) =>
                change(
                  (headers) => api.POST('/api/v1/commitments/{commitment_id}/items', { params: { path: { commitment_id: c.id } }, body, headers }),
                  `Row added to ${q.label}.`,
                )
              }
            />
          ) : null}
        </section>
      ))}

      {mayReview ? (
        <ReviewForm
          done={c.reviews.map((r) => r.kind)}
          busy={busy}
          onRecord={(body) =>
            change(
              (headers) => api.POST('/api/v1/commitments/{commitment_id}/reviews', { params: { path: { commitment_id: c.id } }, body, headers }),
              `The ${body.kind === 'september' ? 'September' : 'January'} review is recorded.`,
            )
          }
        />
      ) : null}
    </>
  );
}

/** Codes and titles of the indicators the rows name (the same cache as the indicator page). */
function useIndicatorNames(ids: number[]) {
  const results = useQueries({
    queries: [...new Set(ids)].slice(0, 100).map((id) => ({
      queryKey: keys.indicator(id),
      queryFn: async () => unwrap(await api.GET('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: id } } })),
      staleTime: 60_000,
    })),
  });
  return new Map(results.flatMap((r) => (r.data ? [[r.data.id, `${r.data.code}: ${r.data.title}`] as const] : [])));
}

function ItemsTable({ label, items }: { label: string; items: CommitmentItem[] }) {
  const names = useIndicatorNames(items.flatMap((i) => (i.indicator_id === null ? [] : [i.indicator_id])));
  return (
    <div className="gt-table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">{label}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Indicator</th>
            <th scope="col" className="govuk-table__header">Outcome or issue</th>
            <th scope="col" className="govuk-table__header">Source or evidence</th>
            <th scope="col" className="govuk-table__header">Action or improvement plan</th>
            <th scope="col" className="govuk-table__header">Risk</th>
            <th scope="col" className="govuk-table__header">Progress</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((i) => (
            <tr className="govuk-table__row" key={i.id}>
              <th scope="row" className="govuk-table__header">
                {i.indicator_id !== null ? (
                  <Link className="govuk-link" to={`/indicators/${i.indicator_id}`}>
                    {i.indicator_text || names.get(i.indicator_id) || `Indicator ${i.indicator_id}`}
                  </Link>
                ) : (
                  i.indicator_text || '–'
                )}
                {i.objective_id !== null ? (
                  <div className="govuk-body-s govuk-!-margin-bottom-0">
                    <Link className="govuk-link" to={`/objectives/${i.objective_id}`}>
                      The objective it delivers
                    </Link>
                  </div>
                ) : null}
              </th>
              <td className="govuk-table__cell gt-long-text">{i.outcome || '–'}</td>
              <td className="govuk-table__cell gt-long-text">{i.evidence || '–'}</td>
              <td className="govuk-table__cell gt-long-text">{i.action_plan || '–'}</td>
              <td className="govuk-table__cell">
                {i.risk_score !== null && i.risk_impact !== null && i.risk_likelihood !== null ? (
                  <>
                    <BandTag score={i.risk_score} />
                    <div className="govuk-body-s govuk-!-margin-bottom-0">
                      impact {IMPACT_WORDS[i.risk_impact]?.toLowerCase()} ({i.risk_impact}), likelihood {LIKELIHOOD_WORDS[i.risk_likelihood]?.toLowerCase()} ({i.risk_likelihood})
                    </div>
                  </>
                ) : (
                  '–'
                )}
              </td>
              <td className="govuk-table__cell gt-long-text">{i.progress || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProgressEditor({
  item,
  quadrantLabel,
  mayEdit,
  busy,
  onSave,
}: {
  item: CommitmentItem;
  quadrantLabel: string;
  mayEdit: boolean;
  busy: boolean;
  onSave(progress: string): Promise<boolean>;
}) {
  const [text, setText] = useState(item.progress);
  // Follow a newly loaded version only while the user has not typed over the old one.
  const [base, setBase] = useState(item.progress);
  if (item.progress !== base) {
    setBase(item.progress);
    if (text === base) setText(item.progress);
  }
  if (!mayEdit) return null;
  const name = item.indicator_text || item.outcome.slice(0, 60) || `row ${item.id}`;
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Update progress: {name}
          <span className="govuk-visually-hidden"> ({quadrantLabel})</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onSave(text);
          }}
          noValidate
        >
          <TextAreaField id={`progress-${item.id}`} label={`Progress on ${name}`} rows={3} maxLength={8000} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            Save progress
          </button>
        </form>
      </div>
    </details>
  );
}

const EMPTY_ITEM = { indicator_text: '', outcome: '', evidence: '', action_plan: '', risk_impact: '', risk_likelihood: '', progress: '' };

function AddItem({
  quadrant,
  position,
  label,
  busy,
  onAdd,
}: {
  quadrant: Quadrant;
  position: number;
  label: string;
  busy: boolean;
  onAdd(body: CommitmentItemCreate): Promise<boolean>;
}) {
  const [v, setV] = useState(EMPTY_ITEM);
  const set = (k: keyof typeof EMPTY_ITEM) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));
  const id = (k: string) => `add-${quadrant}-${k}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await onAdd({
      quadrant,
      position,
      indicator_text: v.indicator_text,
      outcome: v.outcome,
      evidence: v.evidence,
      action_plan: v.action_plan,
      progress: v.progress,
      risk_impact: v.risk_impact ? Number(v.risk_impact) : null,
      risk_likelihood: v.risk_likelihood ? Number(v.risk_likelihood) : null,
    });
    if (ok) setV(EMPTY_ITEM);
  }
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a row to {label}</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate aria-label={`Add a row to ${label}`}>
          <TextField id={id('indicator')} label="Indicator" value={v.indicator_text} maxLength={300} onChange={set('indicator_text')} />
          <TextAreaField id={id('outcome')} label="Outcome or issue" rows={2} value={v.outcome} onChange={set('outcome')} />
          <TextAreaField id={id('evidence')} label="Source or evidence" rows={2} value={v.evidence} onChange={set('evidence')} />
          <TextAreaField id={id('plan')} label="Action or improvement plan" rows={2} value={v.action_plan} onChange={set('action_plan')} />
          <SelectField id={id('impact')} label="Risk impact" value={v.risk_impact} onChange={set('risk_impact')}>
            <option value="">Not scored</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}: {IMPACT_WORDS[n]}
              </option>
            ))}
          </SelectField>
          <SelectField id={id('likelihood')} label="Risk likelihood" value={v.risk_likelihood} onChange={set('risk_likelihood')}>
            <option value="">Not scored</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}: {LIKELIHOOD_WORDS[n]}
              </option>
            ))}
          </SelectField>
          <TextAreaField id={id('progress')} label="Progress comments" rows={2} value={v.progress} onChange={set('progress')} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            Add the row
          </button>
        </form>
      </div>
    </details>
  );
}

function ReviewForm({
  done,
  busy,
  onRecord,
}: {
  done: ReviewKind[];
  busy: boolean;
  onRecord(body: { kind: ReviewKind; held_on: string; comments: string }): Promise<boolean>;
}) {
  const open = (['september', 'january'] as ReviewKind[]).filter((k) => !done.includes(k));
  const [kind, setKind] = useState<ReviewKind | ''>(open[0] ?? '');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [comments, setComments] = useState('');
  if (!open.length) return null;
  return (
    <section aria-labelledby="review-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="review-title">
        Record a review
      </h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!kind) return;
          if (await onRecord({ kind, held_on: heldOn, comments })) setComments('');
        }}
        noValidate
        className="govuk-!-width-two-thirds"
      >
        <SelectField id="review-kind" label="Review" value={kind} onChange={(e) => setKind(e.target.value as ReviewKind)}>
          {open.map((k) => (
            <option key={k} value={k}>
              {k === 'september' ? 'September review' : 'January review'}
            </option>
          ))}
        </SelectField>
        <TextField id="review-held" type="date" label="Date held" width="govuk-input--width-10" max={todayIso()} value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        <TextAreaField id="review-comments" label="Comments" rows={3} maxLength={8000} value={comments} onChange={(e) => setComments(e.target.value)} />
        <button type="submit" className="govuk-button" disabled={busy}>
          Record the review
        </button>
      </form>
    </section>
  );
}
