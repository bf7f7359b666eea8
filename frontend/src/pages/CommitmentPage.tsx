import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useCommitment } from '../api/planning';
import type { ReviewKind } from '../api/planningTypes';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ConflictNotice } from '../components/ConflictNotice';
import { ErrorSummary } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { Breadcrumbs, SummaryRow, useNames } from '../components/Planning';
import { Loading } from '../components/Status';
import { RecordError } from '../components/RecordError';
import { formatDateTime } from '../lib/format';
import { formatDate, yearSpan } from '../lib/planning';
import { useCommitmentChange } from '../components/commitment/useCommitmentChange';
import { CommitmentItemsTable } from '../components/commitment/CommitmentItemsTable';
import { ProgressEditor } from '../components/commitment/ProgressEditor';
import { AddCommitmentItem } from '../components/commitment/AddCommitmentItem';
import { CommitmentReviewForm } from '../components/commitment/CommitmentReviewForm';
import '../styles/thread.scss';

export default function CommitmentPage() {
  const id = Number(useParams().id);
  const commitment = useCommitment(id);
  const me = useCurrentUser();
  const names = useNames();
  const c = commitment.data;
  const { change, result, conflict, busy, reload } = useCommitmentChange(c);
  usePageTitle(c ? `Commitments of ${c.manager_name}, ${yearSpan(c.year, c.year)}` : 'Commitments', (!!result && !result.ok) || !!conflict);

  if (commitment.isPending) return <Loading what="Loading the commitments" />;
  if (commitment.isError || !c) {
    return (
      <RecordError error={commitment.error} retry={() => commitment.refetch()} what="the commitments" title="Commitments not found">
        <Link className="govuk-link" to="/commitments">
          See the commitments you can see
        </Link>
        .
      </RecordError>
    );
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
          {q.items.length === 0 ? <p className="govuk-body">No commitments in this quadrant yet.</p> : <CommitmentItemsTable label={q.label} items={q.items} />}
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
            <AddCommitmentItem
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
        <CommitmentReviewForm
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
