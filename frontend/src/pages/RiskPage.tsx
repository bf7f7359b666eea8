import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { planningKeys, useRisk, useRiskReviews } from '../api/planning';
import { ApiError, errorMessage } from '../api/problem';
import type { Risk, RiskReviewCreate } from '../api/planningTypes';
import { useAuth } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { BandTag, Breadcrumbs, SummaryRow, useNames } from '../components/Planning';
import { Loading, QueryError } from '../components/Status';
import { RecordError } from '../components/RecordError';
import { conflictHeadline, readConflict } from '../lib/conflict';
import { IMPACT_WORDS, LIKELIHOOD_WORDS } from '../lib/heatMap';
import { CATEGORY_LABELS, CONTROL_LABELS, formatDate, todayIso } from '../lib/planning';
import { latestEndedQuarter, periodLabel, quartersBetween, startYearOf } from '../lib/periods';
import '../styles/thread.scss';

export default function RiskPage() {
  const id = Number(useParams().id);
  const risk = useRisk(id);
  const names = useNames();
  usePageTitle(risk.data ? `${risk.data.code}: ${risk.data.title}` : 'Risk');

  if (risk.isPending) return <Loading what="Loading the risk" />;
  if (risk.isError) {
    return (
      <RecordError error={risk.error} retry={() => risk.refetch()} what="the risk" title="Risk not found">
        There is no risk with this number that you can see. <Link className="govuk-link" to="/risks">See the register</Link>.
      </RecordError>
    );
  }
  const r = risk.data;
  return (
    <>
      <Breadcrumbs items={[{ to: '/risks', text: 'Risk register' }, { text: r.code }]} />
      <span className="govuk-caption-l">{r.code}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4">{r.title}</h1>
      {r.status === 'closed' ? <p className="govuk-body"><strong className="govuk-tag govuk-tag--grey">Closed</strong> This risk is closed; its history is kept.</p> : null}
      {r.description ? <p className="govuk-body gt-long-text govuk-!-width-two-thirds">{r.description}</p> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Category">{CATEGORY_LABELS[r.category]}</SummaryRow>
        <SummaryRow label="Owner">{r.owner_name ?? names.person(r.owner_id) ?? '–'}</SummaryRow>
        <SummaryRow label="Service">{names.unit(r.org_unit_id) ?? 'Corporate risk'}</SummaryRow>
        <SummaryRow label="Inherent score (before controls)">
          <BandTag score={r.inherent.score} band={r.inherent.band} />
          <div className="govuk-body-s govuk-!-margin-bottom-0">{r.inherent.explanation}</div>
        </SummaryRow>
        <SummaryRow label="Residual score (after controls)">
          <BandTag score={r.residual.score} band={r.residual.band} />
          <div className="govuk-body-s govuk-!-margin-bottom-0">{r.residual.explanation}</div>
        </SummaryRow>
        <SummaryRow label="Control">{CONTROL_LABELS[r.control]}</SummaryRow>
        <SummaryRow label="Controls and mitigations">
          <span className="gt-long-text">{r.controls || '–'}</span>
        </SummaryRow>
        <SummaryRow label="Last review">
          {r.last_review_period ? `${periodLabel(r.last_review_period)}, held ${formatDate(r.last_reviewed_on)}` : 'Not reviewed yet'}
        </SummaryRow>
      </dl>
      <LinkedObjectives ids={r.objective_ids} />
      <Reviews risk={r} />
    </>
  );
}

function LinkedObjectives({ ids }: { ids: number[] }) {
  const objectives = useQueries({
    queries: ids.slice(0, 50).map((oid) => ({
      queryKey: planningKeys.objective(oid),
      queryFn: async () => unwrap(await api.GET('/api/v1/objectives/{objective_id}', { params: { path: { objective_id: oid } } })),
      staleTime: 60_000,
    })),
  });
  return (
    <section aria-labelledby="risk-objectives-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="risk-objectives-title">
        Objectives it threatens
      </h2>
      {ids.length === 0 ? (
        <p className="govuk-body">This risk is not linked to any objective.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {ids.map((oid, i) => {
            const o = objectives[i]?.data;
            return (
              <li key={oid}>
                <Link className="govuk-link" to={`/objectives/${oid}`}>
                  {o ? `${o.code ? `${o.code} ` : ''}${o.title}` : `Objective ${oid}`}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Reviews({ risk }: { risk: Risk }) {
  const reviews = useRiskReviews(risk.id);
  const { me } = useAuth();
  const mayReview = isPerformanceTeam(me) || me?.role === 'manager';
  return (
    <section aria-labelledby="reviews-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="reviews-title">
        Quarterly reviews
      </h2>
      {reviews.isPending ? <Loading what="Loading the reviews" /> : null}
      {reviews.isError ? <QueryError error={reviews.error} retry={() => reviews.refetch()} what="the reviews" /> : null}
      {reviews.isSuccess && reviews.data.length === 0 ? <p className="govuk-body">No reviews have been recorded.</p> : null}
      {reviews.isSuccess && reviews.data.length ? (
        <div className="gt-table-wrap" role="region" aria-label="Reviews of this risk" tabIndex={0}>
          <table className="govuk-table" data-testid="risk-reviews">
            <caption className="govuk-visually-hidden">Reviews, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Quarter</th>
                <th scope="col" className="govuk-table__header">Held</th>
                <th scope="col" className="govuk-table__header">Likelihood × impact</th>
                <th scope="col" className="govuk-table__header">Score</th>
                <th scope="col" className="govuk-table__header">Reviewer</th>
                <th scope="col" className="govuk-table__header">Comment</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {reviews.data.map((v) => (
                <tr className="govuk-table__row" key={v.id}>
                  <td className="govuk-table__cell">
                    {periodLabel(v.period)}
                    {v.current ? <div className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-0">Sets the current scores</div> : null}
                  </td>
                  <td className="govuk-table__cell">{formatDate(v.reviewed_on)}</td>
                  <td className="govuk-table__cell">
                    {LIKELIHOOD_WORDS[v.likelihood]} ({v.likelihood}) × {IMPACT_WORDS[v.impact]?.toLowerCase()} ({v.impact})
                  </td>
                  <td className="govuk-table__cell">
                    <BandTag score={v.score} band={v.band} />
                  </td>
                  <td className="govuk-table__cell">{v.reviewer_name || '–'}</td>
                  <td className="govuk-table__cell gt-long-text">{v.comment || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {mayReview && risk.status === 'open' ? <ReviewForm risk={risk} /> : null}
    </section>
  );
}

function ReviewForm({ risk }: { risk: Risk }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    period: latestEndedQuarter(),
    likelihood: String(risk.residual_likelihood),
    impact: String(risk.residual_impact),
    comment: '',
    reviewed_on: todayIso(),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState('');
  const thisYear = startYearOf(new Date());
  const quarters = quartersBetween(thisYear - 2, thisYear);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    setGeneral(null);
    setDone('');
    const body: RiskReviewCreate = {
      period: values.period,
      likelihood: Number(values.likelihood),
      impact: Number(values.impact),
      comment: values.comment,
      reviewed_on: values.reviewed_on || null,
    };
    try {
      // Against the scores shown: if someone changed the risk since, the review is refused.
      const saved = unwrap(
        await api.POST('/api/v1/risks/{risk_id}/reviews', {
          params: { path: { risk_id: risk.id } },
          body,
          headers: { 'If-Match': versionTag(risk.version) },
        }),
      );
      // Wait for the risk as this review left it (its new version), so the next review is
      // made against it rather than refused as stale.
      await queryClient.invalidateQueries({ queryKey: ['risks'] });
      setValues((v) => ({ ...v, comment: '' }));
      setDone(`Review of ${periodLabel(saved.period)} recorded: score ${saved.score}.`);
    } catch (err) {
      const conflict = readConflict(err);
      if (conflict) {
        // Show the risk as it now stands; what was typed stays in the form.
        void queryClient.invalidateQueries({ queryKey: ['risks'] });
        setGeneral(`${conflictHeadline(conflict, 'this risk')} Its scores are now shown above; check them and record your review again.`);
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        const out: Record<string, string> = {};
        for (const fe of err.fieldErrors) {
          const k = fe.field.split('.').pop() ?? 'comment';
          out[k] = out[k] ? `${out[k]}; ${fe.message}` : fe.message;
        }
        setErrors(out);
      } else {
        setGeneral(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  }
  const ids: Record<string, string> = { period: 'review-period', likelihood: 'review-likelihood', impact: 'review-impact', comment: 'review-comment', reviewed_on: 'review-date' };
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([k, v]) => ({ target: ids[k], text: v })),
    ...(general ? [{ text: general }] : []),
  ];
  return (
    <form onSubmit={submit} noValidate aria-labelledby="review-form-title" className="govuk-!-width-two-thirds govuk-!-margin-top-6">
      <h3 className="govuk-heading-m" id="review-form-title">
        Record a review
      </h3>
      <ErrorSummary errors={summary} title="The review was not recorded" />
      {done ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {done}
        </p>
      ) : null}
      <SelectField id="review-period" label="Quarter reviewed" value={values.period} onChange={set('period')} error={errors.period}>
        {quarters.map((q) => (
          <option key={q} value={q}>
            {periodLabel(q)}
          </option>
        ))}
      </SelectField>
      <SelectField id="review-likelihood" label="Residual likelihood" value={values.likelihood} onChange={set('likelihood')} error={errors.likelihood}>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={String(n)}>
            {n}: {LIKELIHOOD_WORDS[n]}
          </option>
        ))}
      </SelectField>
      <SelectField id="review-impact" label="Residual impact" value={values.impact} onChange={set('impact')} error={errors.impact}>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={String(n)}>
            {n}: {IMPACT_WORDS[n]}
          </option>
        ))}
      </SelectField>
      <TextField id="review-date" type="date" label="Date held" width="govuk-input--width-10" max={todayIso()} value={values.reviewed_on} onChange={set('reviewed_on')} error={errors.reviewed_on} />
      <TextAreaField id="review-comment" label="Comment" rows={3} maxLength={8000} value={values.comment} onChange={set('comment')} error={errors.comment} />
      <button type="submit" className="govuk-button" disabled={saving}>
        {saving ? 'Saving…' : 'Record the review'}
      </button>
    </form>
  );
}
