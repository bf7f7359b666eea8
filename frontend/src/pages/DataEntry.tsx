import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { keys, useDataEntry } from '../api/queries';
import { ApiError, NetworkError, errorMessage } from '../api/problem';
import type { DataEntryScope, DataEntrySheet, EntryRow, Outturn, OutturnStatus, OutturnWrite } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { PeriodPicker } from '../components/PeriodPicker';
import { Empty, Loading, QueryError } from '../components/Status';
import { draftKey, loadDrafts, saveDrafts, type Draft, type Drafts } from '../lib/drafts';
import { latestEndedQuarter, periodLabel } from '../lib/periods';
import { type RowOutcome, FIELDS, FIELD_LABELS, baseline, differs, fieldId } from '../components/dataEntry/entryDraft';
import { EntryGridRow } from '../components/dataEntry/EntryGridRow';

export default function DataEntryPage() {
  const me = useCurrentUser();
  const team = isPerformanceTeam(me);
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? latestEndedQuarter();
  const scope: DataEntryScope = team && params.get('scope') === 'all' ? 'all' : 'mine';
  const sheet = useDataEntry(period, scope);
  const queryClient = useQueryClient();

  const storeKey = draftKey(me.id, period, scope);
  const [drafts, setDrafts] = useState<Drafts>(() => loadDrafts(storeKey));
  const [loadedKey, setLoadedKey] = useState(storeKey);
  if (loadedKey !== storeKey) {
    setLoadedKey(storeKey);
    setDrafts(loadDrafts(storeKey));
  }
  useEffect(() => saveDrafts(storeKey, drafts), [storeKey, drafts]);

  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const [announcement, setAnnouncement] = useState('');

  const rows = useMemo(() => sheet.data?.rows ?? [], [sheet.data]);

  const valuesOf = useCallback((row: EntryRow): Draft => drafts[String(row.indicator.id)] ?? baseline(row), [drafts]);
  const isDirty = useCallback(
    (row: EntryRow) => {
      const d = drafts[String(row.indicator.id)];
      return !!d && differs(d, baseline(row), row.indicator.aggregation === 'ratio');
    },
    [drafts],
  );

  const summaryErrors: SummaryError[] = [];
  for (const row of rows) {
    const o = outcomes[String(row.indicator.id)];
    if (!o) continue;
    if (o.conflict) {
      const who = (o.conflict.current?.updated_by_name as string | undefined) ?? 'someone else';
      summaryErrors.push({ target: `entry-${row.indicator.id}-conflict`, text: `${row.indicator.code}: ${who} changed this figure after you opened the page` });
    }
    const main = row.indicator.aggregation === 'ratio' ? 'numerator' : 'value';
    for (const fe of o.fieldErrors ?? []) {
      const f = (FIELDS as readonly string[]).includes(fe.field) ? fe.field : main;
      summaryErrors.push({ target: fieldId(row, f), text: `${row.indicator.code}: ${FIELD_LABELS[f] ?? f} – ${fe.message}` });
    }
    if (o.message && !o.fieldErrors?.length && !o.conflict) summaryErrors.push({ target: fieldId(row, main), text: `${row.indicator.code}: ${o.message}` });
  }
  usePageTitle('Enter figures', summaryErrors.length > 0);

  function edit(row: EntryRow, field: keyof Draft, value: string) {
    const id = String(row.indicator.id);
    setDrafts((prev) => ({ ...prev, [id]: { ...(prev[id] ?? baseline(row)), [field]: value } }));
    setOutcomes((prev) => (prev[id]?.savedAt ? { ...prev, [id]: {} } : prev));
  }

  function discard(row: EntryRow) {
    const id = String(row.indicator.id);
    setDrafts((prev) => {
      const n = { ...prev };
      delete n[id];
      return n;
    });
    setOutcomes((prev) => ({ ...prev, [id]: {} }));
  }

  /** Put the saved outturn into the cached sheet, so the row's baseline is what is stored. */
  function storeOutturn(row: EntryRow, outturn: Outturn) {
    queryClient.setQueryData<DataEntrySheet>(keys.dataEntry(period, scope), (old) =>
      old ? { ...old, rows: old.rows.map((r) => (r.indicator.id === row.indicator.id ? { ...r, outturn } : r)) } : old,
    );
  }

  async function save(row: EntryRow, opts: { overrideVersion?: number; status?: OutturnStatus } = {}): Promise<boolean> {
    const id = String(row.indicator.id);
    const v = valuesOf(row);
    const ratio = row.indicator.aggregation === 'ratio';
    const blank = (s: string) => (s.trim() === '' ? null : s.trim());
    // Verifying is for the performance team: others leave a verified figure's status to the
    // API (kept, or back to submitted when the figure changes).
    let status = (opts.status ?? v.status) as OutturnStatus | null;
    if (!team && (status === 'verified' || status === 'qualified')) status = null;
    const body: OutturnWrite = ratio
      ? { numerator: blank(v.numerator), denominator: blank(v.denominator), commentary: v.commentary, status }
      : { value: blank(v.value), commentary: v.commentary, status };
    const path = { indicator_id: row.indicator.id, period: row.period };
    setSaving((s) => ({ ...s, [id]: true }));
    setOutcomes((prev) => ({ ...prev, [id]: {} }));
    try {
      const version = opts.overrideVersion ?? row.outturn?.version;
      if (version === undefined) {
        // Nothing was stored when the page loaded: make sure nobody has entered it since.
        const existing = await api.GET('/api/v1/indicators/{indicator_id}/outturns/{period}', { params: { path } });
        if (existing.response.ok && existing.data) {
          const o = existing.data;
          setOutcomes((prev) => ({
            ...prev,
            [id]: {
              conflict: {
                current: { version: o.version, updated_by_name: o.updated_by_name, updated_at: o.updated_at, value: o.value, status: o.status, commentary: o.commentary },
              },
            },
          }));
          return false;
        }
      }
      const result = await api.PUT('/api/v1/indicators/{indicator_id}/outturns/{period}', {
        params: { path },
        body,
        headers: version !== undefined ? { 'If-Match': versionTag(version) } : {},
      });
      const saved = unwrap(result);
      storeOutturn(row, saved);
      setDrafts((prev) => {
        const n = { ...prev };
        delete n[id];
        return n;
      });
      setOutcomes((prev) => ({ ...prev, [id]: { savedAt: saved.updated_at } }));
      setAnnouncement(`${row.indicator.code} saved.`);
      // Status, dashboards and the indicator's history now read differently.
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      void queryClient.invalidateQueries({ queryKey: ['indicator', row.indicator.id] });
      return true;
    } catch (err) {
      let outcome: RowOutcome;
      if (err instanceof ApiError && err.status === 412) {
        outcome = { conflict: { current: err.problem.current ?? null } };
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        outcome = { fieldErrors: err.fieldErrors, message: err.message };
      } else if (err instanceof NetworkError) {
        outcome = { message: 'Not saved: the service could not be reached. What you typed is kept; try again.' };
      } else {
        outcome = { message: `Not saved: ${errorMessage(err)} What you typed is kept.` };
      }
      // Keep what was typed, even if it matched the stored figure.
      setDrafts((prev) => (prev[id] ? prev : { ...prev, [id]: v }));
      setOutcomes((prev) => ({ ...prev, [id]: outcome }));
      return false;
    } finally {
      setSaving((s) => ({ ...s, [id]: false }));
    }
  }

  async function saveAll() {
    const dirty = rows.filter(isDirty);
    let ok = 0;
    for (const row of dirty) if (await save(row)) ok += 1;
    setAnnouncement(dirty.length ? `${ok} of ${dirty.length} saved.` : 'Nothing to save.');
  }

  async function reloadTheirs(row: EntryRow) {
    discard(row);
    await queryClient.invalidateQueries({ queryKey: keys.dataEntry(period, scope) });
  }

  const dirtyCount = rows.filter(isDirty).length;
  const setParam = (k: string, v: string | null) =>
    setParams((prev) => {
      const n = new URLSearchParams(prev);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });

  // Warn before leaving with unsaved figures (they are kept in this tab either way).
  const dirtyRef = useRef(0);
  dirtyRef.current = dirtyCount;
  useEffect(() => {
    const handler = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, []);

  return (
    <>
      <ErrorSummary errors={summaryErrors} title="Some figures were not saved" />
      <span className="govuk-caption-l">Data entry</span>
      <h1 className="govuk-heading-xl">Enter figures</h1>
      <p className="govuk-body">
        {scope === 'all'
          ? 'Every active indicator, each with the period its figure is due for.'
          : 'The indicators you own or deputise for, each with the period its figure is due for.'}{' '}
        Type the figure and commentary, then press Enter or the row’s Save button. Anything you type is kept until it is
        saved.
      </p>
      <div className="gt-toolbar">
        <PeriodPicker value={period} years={false} label="Figures due by the end of" onChange={(p) => setParam('period', p)} />
        {team ? (
          <form className="gt-inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Whose indicators">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show</legend>
              <div className="govuk-radios govuk-radios--small govuk-radios--inline">
                {(['mine', 'all'] as const).map((s) => (
                  <div className="govuk-radios__item" key={s}>
                    <input
                      className="govuk-radios__input"
                      id={`scope-${s}`}
                      type="radio"
                      name="scope"
                      value={s}
                      checked={scope === s}
                      onChange={() => setParam('scope', s === 'all' ? 'all' : null)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`scope-${s}`}>
                      {s === 'mine' ? 'My indicators' : 'All indicators'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </form>
        ) : null}
      </div>
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      {sheet.isPending ? <Loading what="Loading your indicators" /> : null}
      {sheet.isError ? <QueryError error={sheet.error} retry={() => sheet.refetch()} what="your indicators" /> : null}
      {sheet.isSuccess && rows.length === 0 ? (
        <Empty>
          {scope === 'mine'
            ? `You have no indicators with figures due by the end of ${periodLabel(period)}.`
            : `No indicators have figures due by the end of ${periodLabel(period)}.`}{' '}
          <Link className="govuk-link" to="/indicators">
            Browse the register
          </Link>
          .
        </Empty>
      ) : null}
      {rows.length ? (
        <>
          {/* One form per row, outside the table; the row's fields join it with the form attribute. */}
          {rows.map((row) => (
            <form
              key={row.indicator.id}
              id={`entry-form-${row.indicator.id}`}
              aria-label={`${row.indicator.code} figures`}
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void save(row);
              }}
              noValidate
            />
          ))}
          <div className="gt-table-wrap" role="region" aria-label="Figures to enter" tabIndex={0}>
            <table className="govuk-table gt-entry-table" data-testid="entry-grid">
              <caption className="govuk-visually-hidden">Figures due by the end of {periodLabel(period)}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Indicator</th>
                  <th scope="col" className="govuk-table__header">Target</th>
                  <th scope="col" className="govuk-table__header">Figure</th>
                  <th scope="col" className="govuk-table__header">Commentary</th>
                  <th scope="col" className="govuk-table__header">Data status</th>
                  <th scope="col" className="govuk-table__header">Save</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {rows.map((row) => (
                  <EntryGridRow
                    key={row.indicator.id}
                    row={row}
                    values={valuesOf(row)}
                    dirty={isDirty(row)}
                    saving={!!saving[String(row.indicator.id)]}
                    outcome={outcomes[String(row.indicator.id)] ?? {}}
                    team={team}
                    onEdit={(f, v) => edit(row, f, v)}
                    onVerify={() => void save(row, { status: 'verified' })}
                    onOverwrite={(version) => void save(row, { overrideVersion: version })}
                    onReload={() => void reloadTheirs(row)}
                    onDiscard={() => discard(row)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="gt-entry-actions">
            <button type="button" className="govuk-button" onClick={() => void saveAll()} disabled={dirtyCount === 0}>
              Save all changes{dirtyCount ? ` (${dirtyCount})` : ''}
            </button>
          </div>
        </>
      ) : null}
    </>
  );
}
