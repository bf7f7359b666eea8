import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { planningKeys, useAction, useActions, usePlans, useProgress } from '../api/planning';
import { ApiError, NetworkError, errorMessage } from '../api/problem';
import type { Action, ActionStatus, ProgressCreate } from '../api/planningTypes';
import { useCurrentUser } from '../auth/AuthContext';
import { ConflictNotice } from '../components/ConflictNotice';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { ActionStateTag, Breadcrumbs, Progress, SummaryRow, useNames } from '../components/Planning';
import { Loading, QueryError } from '../components/Status';
import { RecordError } from '../components/RecordError';
import { type Conflict, currentAs, readConflict } from '../lib/conflict';
import { ACTION_STATUS_LABELS, formatDate, todayIso } from '../lib/planning';
import { ActionTable } from './Actions';
import '../styles/thread.scss';

const STATUSES: ActionStatus[] = ['not_started', 'in_progress', 'complete', 'cancelled'];

interface Draft {
  percent: string;
  status: ActionStatus;
  reported_on: string;
  note: string;
}

const draftKey = (userId: number, actionId: number) => `gt.action.${userId}.${actionId}`;

function loadDraft(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export default function ActionPage() {
  const id = Number(useParams().id);
  const action = useAction(id);
  const plans = usePlans();
  const names = useNames();
  const milestones = useActions({ parent: id }, Number.isFinite(id) && action.isSuccess && !action.data.is_milestone);
  usePageTitle(action.data ? action.data.title : 'Action');

  if (action.isPending) return <Loading what="Loading the action" />;
  if (action.isError) {
    return (
      <RecordError error={action.error} retry={() => action.refetch()} what="the action" title="Action not found">
        There is no action with this number that you can see. <Link className="govuk-link" to="/actions">See your actions</Link>.
      </RecordError>
    );
  }
  const a = action.data;
  const plan = a.plan_id !== null ? plans.data?.find((p) => p.id === a.plan_id) : undefined;

  return (
    <>
      <Breadcrumbs items={[{ to: '/actions', text: 'Actions' }, ...(plan ? [{ to: `/actions?view=plan&plan=${plan.id}`, text: plan.title }] : []), { text: a.code || a.title }]} />
      <span className="govuk-caption-l">{a.is_milestone ? 'Milestone' : a.indicator_id !== null ? 'Remedial action' : 'Action'}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4" data-testid="action-title">
        {a.code ? <span className="gt-code">{a.code} </span> : null}
        {a.title}
      </h1>
      <div className="govuk-body gt-action-state" data-testid="action-state">
        <ActionStateTag state={a.state} />
        <Progress percent={a.percent_complete} label="complete" />
        <span>{ACTION_STATUS_LABELS[a.status]}</span>
      </div>
      {a.description ? <p className="govuk-body gt-long-text govuk-!-width-two-thirds">{a.description}</p> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Owner">{names.person(a.owner_id) ?? '–'}</SummaryRow>
        <SummaryRow label="Service">{names.unit(a.org_unit_id) ?? '–'}</SummaryRow>
        <SummaryRow label="Timescale">{a.timescale || '–'}</SummaryRow>
        <SummaryRow label="Start">{formatDate(a.start_on)}</SummaryRow>
        <SummaryRow label="Due">{formatDate(a.due_on)}{a.overdue ? ' (overdue)' : ''}</SummaryRow>
        {a.completed_on ? <SummaryRow label="Completed">{formatDate(a.completed_on)}</SummaryRow> : null}
        <SummaryRow label="Serves">
          {a.objective_id !== null ? (
            <Link className="govuk-link" to={`/objectives/${a.objective_id}`}>
              Its objective{plan ? ` in ${plan.title}` : ''}
            </Link>
          ) : null}
          {a.indicator_id !== null ? (
            <>
              {a.objective_id !== null ? ' and ' : ''}
              <Link className="govuk-link" to={`/indicators/${a.indicator_id}`}>
                the indicator it is remedial action for
              </Link>
            </>
          ) : null}
          {a.parent_id !== null ? (
            <>
              {a.objective_id !== null || a.indicator_id !== null ? '; ' : ''}
              <Link className="govuk-link" to={`/actions/${a.parent_id}`}>
                the action it is a milestone of
              </Link>
            </>
          ) : null}
          {a.objective_id === null && a.indicator_id === null && a.parent_id === null ? '–' : null}
        </SummaryRow>
      </dl>

      {a.can_report_progress ? <ProgressForm action={a} /> : (
        <p className="govuk-body" data-testid="no-progress-rights">
          Only the action’s owner and its managers can report progress on it.
        </p>
      )}
      <ProgressHistory actionId={a.id} />

      {!a.is_milestone && milestones.isSuccess && milestones.data.length ? (
        <section aria-labelledby="milestones-title">
          <h2 className="govuk-heading-l" id="milestones-title">
            Milestones
          </h2>
          <ActionTable
            actions={milestones.data}
            caption="Milestones of this action"
            empty="No milestones."
            planTitle={() => null}
            person={names.person}
            showPlan={false}
          />
        </section>
      ) : null}
    </>
  );
}

function ProgressForm({ action }: { action: Action }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const key = draftKey(me.id, action.id);
  const initial = (): Draft => loadDraft(key) ?? { percent: String(action.percent_complete), status: action.status, reported_on: todayIso(), note: '' };
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState('');
  const [baseVersion, setBaseVersion] = useState(action.version);

  // Keep what is typed in this tab until it is saved.
  useEffect(() => {
    const dirty = draft.note.trim() !== '' || draft.percent !== String(action.percent_complete) || draft.status !== action.status;
    try {
      if (dirty) sessionStorage.setItem(key, JSON.stringify(draft));
      else sessionStorage.removeItem(key);
    } catch {
      // Storage blocked: the draft still lives in memory.
    }
  }, [key, draft, action.percent_complete, action.status]);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [k]: e.target.value }));
    setSaved('');
  };

  function check(): Record<string, string> {
    const out: Record<string, string> = {};
    const pct = draft.percent.trim();
    if (!/^\d{1,3}$/.test(pct) || Number(pct) > 100) out.percent_complete = 'Enter a whole number from 0 to 100';
    if (!draft.note.trim()) out.note = 'Enter what has happened since the last update';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.reported_on)) out.reported_on = 'Enter the date of the update as a date';
    else if (draft.reported_on > todayIso()) out.reported_on = 'The date of the update cannot be in the future';
    return out;
  }

  async function submit(e: FormEvent, overrideVersion?: number) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    setSaving(true);
    const version = overrideVersion ?? baseVersion;
    try {
      if (overrideVersion === undefined) {
        // Someone may have reported progress since this page was opened: look before writing.
        const latest = await api.GET('/api/v1/actions/{action_id}', { params: { path: { action_id: action.id } } });
        if (latest.response.ok && latest.data && latest.data.version !== version) {
          const updates = await api.GET('/api/v1/actions/{action_id}/updates', { params: { path: { action_id: action.id } } });
          const last = updates.data?.[0];
          setConflict({
            who: last?.author_name ?? null,
            at: last?.created_at ?? latest.data.updated_at,
            version: latest.data.version,
            current: latest.data as unknown as Record<string, unknown>,
          });
          return;
        }
      }
      const body: ProgressCreate = {
        note: draft.note.trim(),
        reported_on: draft.reported_on,
        percent_complete: Number(draft.percent),
        status: draft.status,
      };
      unwrap(
        await api.POST('/api/v1/actions/{action_id}/updates', {
          params: { path: { action_id: action.id } },
          body,
          headers: { 'If-Match': versionTag(version) },
        }),
      );
      const fresh = unwrap(await api.GET('/api/v1/actions/{action_id}', { params: { path: { action_id: action.id } } }));
      queryClient.setQueryData(planningKeys.action(action.id), fresh);
      void queryClient.invalidateQueries({ queryKey: planningKeys.progress(action.id) });
      void queryClient.invalidateQueries({ queryKey: ['actions', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['objectives'] });
      setBaseVersion(fresh.version);
      setConflict(null);
      setDraft({ percent: String(fresh.percent_complete), status: fresh.status, reported_on: todayIso(), note: '' });
      setSaved(`Progress saved: ${fresh.percent_complete}% complete, ${ACTION_STATUS_LABELS[fresh.status].toLowerCase()}.`);
    } catch (err) {
      const lost = readConflict(err);
      if (lost) {
        setConflict(lost);
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        const out: Record<string, string> = {};
        for (const fe of err.fieldErrors) {
          const k = fe.field.split('.').pop() ?? 'note';
          const target = ['percent_complete', 'status', 'reported_on', 'note'].includes(k) ? k : 'note';
          out[target] = out[target] ? `${out[target]}; ${fe.message}` : fe.message;
        }
        setErrors(out);
      } else if (err instanceof NetworkError) {
        setGeneral('Not saved: the service could not be reached. What you typed is kept; try again.');
      } else {
        setGeneral(`Not saved: ${errorMessage(err)} What you typed is kept.`);
      }
    } finally {
      setSaving(false);
    }
  }

  async function reloadTheirs() {
    // The 412 carries the action as its GET answers it; fetch only if it did not.
    const given = currentAs<Action>(conflict, action.id, ['percent_complete', 'status']);
    let fresh: Action;
    if (given) {
      fresh = given;
      queryClient.setQueryData(planningKeys.action(action.id), given);
    } else {
      fresh = await queryClient.fetchQuery({
        queryKey: planningKeys.action(action.id),
        queryFn: async () => unwrap(await api.GET('/api/v1/actions/{action_id}', { params: { path: { action_id: action.id } } })),
        staleTime: 0,
      });
    }
    void queryClient.invalidateQueries({ queryKey: planningKeys.progress(action.id) });
    setBaseVersion(fresh.version);
    setDraft((d) => ({ ...d, percent: String(fresh.percent_complete), status: fresh.status }));
    setConflict(null);
  }

  const FIELD_IDS: Record<string, string> = {
    percent_complete: 'progress-percent',
    status: 'progress-status',
    reported_on: 'progress-date',
    note: 'progress-note',
  };
  const LABELS: Record<string, string> = { percent_complete: 'Percent complete', status: 'Status', reported_on: 'Date', note: 'Update' };
  const summary: SummaryError[] = [
    ...Object.entries(errors).map(([k, v]) => ({ target: FIELD_IDS[k], text: `${LABELS[k] ?? k}: ${v}` })),
    ...(general ? [{ text: general }] : []),
  ];

  return (
    <section aria-labelledby="progress-title" className="govuk-!-margin-bottom-8" id="progress">
      <h2 className="govuk-heading-l" id="progress-title">
        Report progress
      </h2>
      <ErrorSummary errors={summary} title="Your update was not saved" />
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {saved}
      </p>
      {saved ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="progress-saved-title" data-testid="progress-saved">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="progress-saved-title">
              Saved
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{saved}</p>
          </div>
        </div>
      ) : null}
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          what="progress on this action"
          verb="reported"
          id="progress-conflict"
          testId="progress-conflict"
          kept="Your update is still in the form and has not been saved."
          loadLabel="Load their progress"
          onLoad={() => void reloadTheirs()}
        >
          {conflict.version !== null ? (
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              onClick={(e) => void submit(e as unknown as FormEvent, conflict.version as number)}
            >
              Save mine as well
            </button>
          ) : null}
        </ConflictNotice>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Progress update" className="govuk-!-width-two-thirds" data-testid="progress-form">
        <TextField
          id="progress-percent"
          name="percent_complete"
          label="Percent complete"
          hint="A whole number from 0 to 100. 100 marks the action complete."
          inputMode="numeric"
          width="govuk-input--width-3"
          value={draft.percent}
          onChange={set('percent')}
          error={errors.percent_complete}
        />
        <SelectField id="progress-status" name="status" label="Status" value={draft.status} onChange={set('status')} error={errors.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <TextField
          id="progress-date"
          name="reported_on"
          type="date"
          label="Date of the update"
          hint="Today, or the day the progress was made. Not in the future."
          width="govuk-input--width-10"
          max={todayIso()}
          value={draft.reported_on}
          onChange={set('reported_on')}
          error={errors.reported_on}
        />
        <TextAreaField
          id="progress-note"
          name="note"
          label="Update"
          hint="What has happened since the last update, and anything holding it up."
          rows={4}
          maxLength={8000}
          value={draft.note}
          onChange={set('note')}
          error={errors.note}
        />
        <button type="submit" className="govuk-button" disabled={saving}>
          {saving ? 'Saving…' : 'Save progress'}
        </button>
      </form>
    </section>
  );
}

function ProgressHistory({ actionId }: { actionId: number }) {
  const updates = useProgress(actionId);
  return (
    <section aria-labelledby="history-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="history-title">
        Progress so far
      </h2>
      {updates.isPending ? <Loading what="Loading the progress updates" /> : null}
      {updates.isError ? <QueryError error={updates.error} retry={() => updates.refetch()} what="the progress updates" /> : null}
      {updates.isSuccess && updates.data.length === 0 ? <p className="govuk-body">No progress has been reported yet.</p> : null}
      {updates.isSuccess && updates.data.length ? (
        <ol className="gt-timeline" reversed data-testid="progress-history" aria-label="Progress updates, newest first">
          {updates.data.map((u) => (
            <li key={u.id}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{formatDate(u.reported_on)}</h3>
              <p className="govuk-body-s gt-muted govuk-!-margin-bottom-1">
                {u.author_name || 'Someone'}
                {u.percent_complete !== null ? ` · ${u.percent_complete}% complete` : ''}
                {u.status ? ` · ${ACTION_STATUS_LABELS[u.status]}` : ''}
              </p>
              <p className="govuk-body gt-long-text">{u.note}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
