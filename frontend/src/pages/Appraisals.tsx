import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { planningKeys, useAppraisal, useAppraisals, useCompletion } from '../api/planning';
import { ApiError, errorMessage } from '../api/problem';
import type { Appraisal, AppraisalSummary } from '../api/planningTypes';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ConflictNotice } from '../components/ConflictNotice';
import { ErrorSummary } from '../components/ErrorSummary';
import { SelectField, TextAreaField, TextField, OrgUnitOptions } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { Breadcrumbs, SummaryRow, useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { RecordError } from '../components/RecordError';
import { type Conflict, currentAs, readConflict } from '../lib/conflict';
import { formatNumber, pluralise } from '../lib/format';
import { indexOrgUnits } from '../lib/orgTree';
import { formatDate, LEVEL_LABELS, todayIso, yearSpan } from '../lib/planning';
import '../styles/thread.scss';

// ---------------------------------------------------------------- the list

export default function AppraisalsPage() {
  usePageTitle('Appraisals');
  const me = useCurrentUser();
  const list = useAppraisals({});
  const names = useNames();
  const rows = useMemo(() => [...(list.data ?? [])].sort((a, b) => b.year.localeCompare(a.year) || a.person_name.localeCompare(b.person_name)), [list.data]);
  const own = rows.filter((a) => a.person_id === me.id);
  const reviewing = rows.filter((a) => a.person_id !== me.id && a.reviewer_id === me.id);
  const others = rows.filter((a) => a.person_id !== me.id && a.reviewer_id !== me.id);

  return (
    <>
      <span className="govuk-caption-l">Staff review and development</span>
      <h1 className="govuk-heading-xl">Appraisals</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Each person’s yearly appraisal: when it was held, who reviewed it, their objectives for the year and the
        service-plan objectives those serve, and their training needs.
      </p>
      {isPerformanceTeam(me) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/appraisals/completion">
            Completion rates by directorate and service
          </Link>
        </p>
      ) : null}
      {list.isPending ? <Loading what="Loading the appraisals" /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => list.refetch()} what="the appraisals" /> : null}
      {list.isSuccess ? (
        <div data-testid="appraisals-ready">
          <h2 className="govuk-heading-l">Your appraisals</h2>
          {own.length ? <AppraisalList items={own} caption="Your appraisals" person={names.person} /> : <p className="govuk-body">No appraisal of yours is recorded yet.</p>}
          <h2 className="govuk-heading-l">Appraisals you review</h2>
          {reviewing.length ? (
            <AppraisalList items={reviewing} caption="Appraisals you review" person={names.person} />
          ) : (
            <p className="govuk-body">You are not the reviewer of any appraisal.</p>
          )}
          {others.length ? (
            <>
              <h2 className="govuk-heading-l">Other appraisals you can see</h2>
              <AppraisalList items={others} caption="Other appraisals you can see" person={names.person} />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function AppraisalList({ items, caption, person }: { items: AppraisalSummary[]; caption: string; person(id: number | null): string | null }) {
  return (
    <div className="gt-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Person</th>
            <th scope="col" className="govuk-table__header">Year</th>
            <th scope="col" className="govuk-table__header">Reviewer</th>
            <th scope="col" className="govuk-table__header">Held</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/appraisals/${a.id}`}>
                  {a.person_name}
                  <span className="govuk-visually-hidden">, {yearSpan(a.year, a.year)}</span>
                </Link>
              </th>
              <td className="govuk-table__cell">{yearSpan(a.year, a.year)}</td>
              <td className="govuk-table__cell">{person(a.reviewer_id) ?? '–'}</td>
              <td className="govuk-table__cell">{a.held_on ? formatDate(a.held_on) : 'Not held yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------- one appraisal

export function AppraisalPage() {
  const id = Number(useParams().id);
  const appraisal = useAppraisal(id);
  const me = useCurrentUser();
  usePageTitle(appraisal.data ? `Appraisal of ${appraisal.data.person_name}` : 'Appraisal');
  if (appraisal.isPending) return <Loading what="Loading the appraisal" />;
  if (appraisal.isError) {
    return (
      <RecordError error={appraisal.error} retry={() => appraisal.refetch()} what="the appraisal" title="Appraisal not found">
        <Link className="govuk-link" to="/appraisals">
          See the appraisals you can see
        </Link>
        .
      </RecordError>
    );
  }
  const a = appraisal.data;
  const orphans = a.objectives.filter((o) => !o.serves_service_plan).length;
  const mayEdit = me.id === a.reviewer_id || isPerformanceTeam(me);
  return (
    <>
      <Breadcrumbs items={[{ to: '/appraisals', text: 'Appraisals' }, { text: `${a.person_name}, ${yearSpan(a.year, a.year)}` }]} />
      <span className="govuk-caption-l">Appraisal for {yearSpan(a.year, a.year)}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4">{a.person_name}</h1>
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Reviewer">{a.reviewer_name ?? '–'}</SummaryRow>
        <SummaryRow label="Held">{a.held_on ? formatDate(a.held_on) : 'Not held yet'}</SummaryRow>
        <SummaryRow label="Individual plan">
          {a.plan_id !== null ? (
            <Link className="govuk-link" to={`/plans/${a.plan_id}`}>
              Their objectives for the year
            </Link>
          ) : (
            'None linked'
          )}
        </SummaryRow>
      </dl>
      <section aria-labelledby="appraisal-objectives" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="appraisal-objectives">
          Objectives
        </h2>
        {orphans ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {pluralise(orphans, 'objective')} {orphans === 1 ? 'does' : 'do'} not lead to any service-plan objective.
            </strong>
          </div>
        ) : null}
        {a.objectives.length === 0 ? (
          <p className="govuk-body">No objectives are recorded for this year.</p>
        ) : (
          <ul className="govuk-list">
            {a.objectives.map((o) => (
              <li key={o.id} className="govuk-!-margin-bottom-4">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/objectives/${o.id}`}>
                    {o.code ? `${o.code} ` : ''}
                    {o.title}
                  </Link>
                </h3>
                {o.serves.length ? (
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    Serves:{' '}
                    {o.serves.map((s, i) => (
                      <span key={s.id}>
                        {i > 0 ? '; ' : ''}
                        <Link className="govuk-link" to={`/objectives/${s.id}`}>
                          {s.title}
                        </Link>{' '}
                        ({LEVEL_LABELS[s.plan_level].toLowerCase()})
                      </span>
                    ))}
                  </p>
                ) : null}
                <p className="govuk-body-s govuk-!-font-weight-bold">
                  {o.serves_service_plan ? 'Leads to a service-plan objective' : 'Does not lead to any service-plan objective'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {mayEdit ? <AppraisalEditor appraisal={a} /> : (
        <>
          <h2 className="govuk-heading-l">Performance review</h2>
          <p className="govuk-body gt-long-text">{a.performance_review || 'Not written yet.'}</p>
          <h2 className="govuk-heading-l">Training needs</h2>
          <p className="govuk-body gt-long-text">{a.training_needs || 'None recorded.'}</p>
        </>
      )}
    </>
  );
}

function AppraisalEditor({ appraisal: a }: { appraisal: Appraisal }) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({ held_on: a.held_on ?? '', performance_review: a.performance_review, training_needs: a.training_needs });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setResult(null);
    setConflict(null);
    try {
      const saved = unwrap(
        await api.PATCH('/api/v1/appraisals/{appraisal_id}', {
          params: { path: { appraisal_id: a.id } },
          body: { held_on: v.held_on || null, performance_review: v.performance_review, training_needs: v.training_needs },
          headers: { 'If-Match': versionTag(a.version) },
        }),
      );
      queryClient.setQueryData(planningKeys.appraisal(a.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['appraisals', 'list'] });
      setResult({ ok: true, text: 'The appraisal is saved.' });
    } catch (err) {
      const lost = readConflict(err);
      if (lost) setConflict(lost);
      else if (err instanceof ApiError && err.fieldErrors.length) setResult({ ok: false, text: err.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ') });
      else setResult({ ok: false, text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }
  return (
    <section aria-labelledby="appraisal-edit" className="govuk-!-width-two-thirds">
      <h2 className="govuk-heading-l" id="appraisal-edit">
        The review
      </h2>
      <ErrorSummary errors={result && !result.ok ? [{ text: result.text }] : []} title="The appraisal was not saved" />
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          what="this appraisal"
          id="appraisal-conflict"
          title="The appraisal was not saved"
          kept="What you typed is still in the form and has not been saved. Load their version to see it, then save yours over it if you still mean to."
          onLoad={() => {
            // The 412 carries the appraisal as its GET answers it; the form keeps what was typed.
            const given = currentAs<Appraisal>(conflict, a.id, ['objectives', 'performance_review', 'training_needs']);
            if (given) queryClient.setQueryData(planningKeys.appraisal(a.id), given);
            else void queryClient.invalidateQueries({ queryKey: planningKeys.appraisal(a.id) });
            setConflict(null);
          }}
        />
      ) : null}
      {result?.ok ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {result.text}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField id="appraisal-held" type="date" label="Date held" width="govuk-input--width-10" max={todayIso()} value={v.held_on} onChange={(e) => setV((x) => ({ ...x, held_on: e.target.value }))} />
        <TextAreaField id="appraisal-review" label="Performance review" rows={5} maxLength={8000} value={v.performance_review} onChange={(e) => setV((x) => ({ ...x, performance_review: e.target.value }))} />
        <TextAreaField id="appraisal-training" label="Training needs" rows={4} maxLength={8000} value={v.training_needs} onChange={(e) => setV((x) => ({ ...x, training_needs: e.target.value }))} />
        <button type="submit" className="govuk-button" disabled={saving}>
          {saving ? 'Saving…' : 'Save the appraisal'}
        </button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------- completion by org unit

/** February to June of the appraisal round: this year's once it has started, else last year's. */
function defaultRange(today = new Date()): { from: string; to: string } {
  const y = today.getMonth() >= 1 ? today.getFullYear() : today.getFullYear() - 1;
  return { from: `${y}-02-01`, to: `${y}-06-30` };
}

export function CompletionPage() {
  usePageTitle('Appraisal completion');
  const [params, setParams] = useSearchParams();
  const names = useNames();
  const org = useMemo(() => indexOrgUnits(names.units), [names.units]);
  const def = defaultRange();
  const from = params.get('from') ?? def.from;
  const to = params.get('to') ?? def.to;
  const unit = params.get('org') ? Number(params.get('org')) : null;
  const completion = useCompletion(from, to, unit);
  const [draft, setDraft] = useState({ from, to, org: unit ? String(unit) : '' });
  const depth = useMemo(() => new Map(org.ordered.map((o) => [o.unit.id, o.depth])), [org.ordered]);

  return (
    <>
      <Breadcrumbs items={[{ to: '/appraisals', text: 'Appraisals' }, { text: 'Completion' }]} />
      <h1 className="govuk-heading-xl">Appraisal completion</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        The share of active staff in each directorate and service (with the units beneath it) who had an appraisal held
        between two dates.
      </p>
      <form
        className="gt-toolbar govuk-!-margin-bottom-6"
        onSubmit={(e) => {
          e.preventDefault();
          const n: Record<string, string> = { from: draft.from, to: draft.to };
          if (draft.org) n.org = draft.org;
          setParams(n);
        }}
        aria-label="Choose the dates and service"
      >
        <TextField id="completion-from" type="date" label="From" labelClass="govuk-label--s" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        <TextField id="completion-to" type="date" label="To" labelClass="govuk-label--s" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        <SelectField id="completion-org" label="Directorate or service" labelClass="govuk-label--s" value={draft.org} onChange={(e) => setDraft((d) => ({ ...d, org: e.target.value }))}>
          <option value="">The whole council</option>
          <OrgUnitOptions units={org.ordered} />
        </SelectField>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </form>
      {completion.isPending ? <Loading what="Working out the completion rates" /> : null}
      {completion.isError ? <QueryError error={completion.error} retry={() => completion.refetch()} what="the completion rates" /> : null}
      {completion.isSuccess ? (
        <div data-testid="completion-ready">
          <p className="govuk-body-l" role="status" aria-live="polite">
            {completion.data.rate !== null ? `${formatNumber(String(completion.data.rate))}%` : 'No staff'}: {completion.data.appraised} of{' '}
            {pluralise(completion.data.staff, 'member of staff', 'staff')} appraised between {formatDate(completion.data.start)} and{' '}
            {formatDate(completion.data.end)}.
          </p>
          {completion.data.units.length === 0 ? (
            <Empty>No org units in scope.</Empty>
          ) : (
            <div className="gt-table-wrap" role="region" aria-label="Completion by unit" tabIndex={0}>
              <table className="govuk-table">
                <caption className="govuk-visually-hidden">Appraisal completion by directorate and service</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">Directorate or service</th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">Staff</th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">Appraised</th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">Completion</th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {completion.data.units.map((u) => (
                    <tr className="govuk-table__row" key={u.org_unit_id}>
                      <th scope="row" className="govuk-table__header" style={{ paddingLeft: `${(depth.get(u.org_unit_id) ?? 0) * 15}px` }}>
                        {u.name}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{u.staff}</td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{u.appraised}</td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{u.rate !== null ? `${formatNumber(String(u.rate))}%` : '–'}</td>
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
