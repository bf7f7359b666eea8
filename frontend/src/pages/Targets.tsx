import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { keys, useIndicator, useTargets } from '../api/queries';
import { ApiError, errorMessage } from '../api/problem';
import type { Indicator, Target, TargetWrite } from '../api/types';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { Loading, QueryError } from '../components/Status';
import { fieldErrorMap } from '../lib/fieldErrors';
import { formatDateTime, formatValue } from '../lib/format';
import { parsePeriod, periodLabel, periodsOfYear, startYearOf, yearCode } from '../lib/periods';

interface RowDraft {
  value: string;
  low: string;
  high: string;
  stretch_value: string;
  note: string;
}

interface RowResult {
  errors?: Record<string, string>;
  message?: string;
  conflict?: string;
  saved?: boolean;
}

const toDraft = (t: Target | undefined): RowDraft => ({
  value: t?.value ?? '',
  low: t?.low ?? '',
  high: t?.high ?? '',
  stretch_value: t?.stretch_value ?? '',
  note: t?.note ?? '',
});

export default function TargetsPage() {
  const id = Number(useParams().id);
  const indicator = useIndicator(id);
  if (indicator.isPending) return <Loading what="Loading the indicator" />;
  if (indicator.isError) return <QueryError error={indicator.error} retry={() => indicator.refetch()} what="the indicator" />;
  return <TargetsEditor indicator={indicator.data} />;
}

function TargetsEditor({ indicator }: { indicator: Indicator }) {
  const [params, setParams] = useSearchParams();
  const thisYear = startYearOf(new Date());
  const year = params.get('year') ?? yearCode(thisYear);
  const startYear = parsePeriod(year)?.startYear ?? thisYear;
  const targets = useTargets(indicator.id, year);
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>({});
  const [results, setResults] = useState<Record<string, RowResult>>({});
  const [draftYear, setDraftYear] = useState(year);
  const band = indicator.polarity === 'target_band';
  usePageTitle(`Targets for ${indicator.code}`);

  const periods = useMemo(
    () => [yearCode(startYear), ...(indicator.frequency === 'annual' ? [] : periodsOfYear(startYear, indicator.frequency))],
    [startYear, indicator.frequency],
  );
  const stored = useMemo(() => new Map((targets.data?.items ?? []).map((t) => [t.period, t])), [targets.data]);
  const valueOf = (p: string) => drafts[p] ?? toDraft(stored.get(p));

  const edit = (p: string, k: keyof RowDraft, v: string) =>
    setDrafts((d) => ({ ...d, [p]: { ...(d[p] ?? toDraft(stored.get(p))), [k]: v } }));

  async function save(p: string) {
    const d = valueOf(p);
    const existing = stored.get(p);
    const blank = (s: string) => (s.trim() === '' ? null : s.trim());
    const body: TargetWrite = band
      ? { low: blank(d.low), high: blank(d.high), stretch_value: blank(d.stretch_value), note: d.note }
      : { value: blank(d.value), stretch_value: blank(d.stretch_value), note: d.note };
    setResults((r) => ({ ...r, [p]: {} }));
    try {
      unwrap(
        await api.PUT('/api/v1/indicators/{indicator_id}/targets/{period}', {
          params: { path: { indicator_id: indicator.id, period: p } },
          body,
          headers: existing ? { 'If-Match': versionTag(existing.version) } : {},
        }),
      );
      setDrafts((ds) => {
        const n = { ...ds };
        delete n[p];
        return n;
      });
      setResults((r) => ({ ...r, [p]: { saved: true } }));
      await queryClient.invalidateQueries({ queryKey: keys.targets(indicator.id, year) });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      void queryClient.invalidateQueries({ queryKey: ['indicator', indicator.id] });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        const who = (err.problem.current?.updated_by_name as string | undefined) ?? 'someone else';
        setResults((r) => ({ ...r, [p]: { conflict: `${who} changed this target after you opened the page. Your figures are kept; reload to see theirs.` } }));
      } else {
        setResults((r) => ({ ...r, [p]: { errors: fieldErrorMap(err), message: errorMessage(err) } }));
      }
    }
  }

  async function remove(p: string) {
    const existing = stored.get(p);
    if (!existing) return;
    try {
      const res = await api.DELETE('/api/v1/indicators/{indicator_id}/targets/{period}', {
        params: { path: { indicator_id: indicator.id, period: p } },
        headers: { 'If-Match': versionTag(existing.version) },
      });
      if (!res.response.ok) unwrap(res);
      setDrafts((ds) => {
        const n = { ...ds };
        delete n[p];
        return n;
      });
      setResults((r) => ({ ...r, [p]: {} }));
      await queryClient.invalidateQueries({ queryKey: keys.targets(indicator.id, year) });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    } catch (err) {
      setResults((r) => ({ ...r, [p]: { message: errorMessage(err) } }));
    }
  }

  const summary: SummaryError[] = [];
  for (const p of periods) {
    const r = results[p];
    if (!r) continue;
    if (r.conflict) summary.push({ target: `t-${p}-${band ? 'low' : 'value'}`, text: `${periodLabel(p)}: ${r.conflict}` });
    const errs = Object.entries(r.errors ?? {});
    for (const [k, v] of errs) summary.push({ target: `t-${p}-${['value', 'low', 'high', 'stretch_value', 'note'].includes(k) ? k : band ? 'low' : 'value'}`, text: `${periodLabel(p)}: ${k.replace('_', ' ')} ${v}` });
    if (!errs.length && r.message && !r.conflict) summary.push({ target: `t-${p}-${band ? 'low' : 'value'}`, text: `${periodLabel(p)}: ${r.message}` });
  }

  const cell = (p: string, k: keyof RowDraft, label: string, wide = false) => {
    const id = `t-${p}-${k}`;
    const err = results[p]?.errors?.[k];
    return (
      <div className={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
          {label} for {periodLabel(p)}
        </label>
        {err ? (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {err}
          </p>
        ) : null}
        <input
          id={id}
          form={`t-form-${p}`}
          className={`govuk-input ${wide ? '' : 'govuk-input--width-5'}${err ? ' govuk-input--error' : ''}`}
          inputMode={wide ? undefined : 'decimal'}
          value={valueOf(p)[k]}
          onChange={(e) => edit(p, k, e.target.value)}
          aria-describedby={err ? `${id}-error` : undefined}
        />
      </div>
    );
  };

  return (
    <>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/admin">
              Register administration
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to={`/indicators/${indicator.id}`}>
              {indicator.code}
            </Link>
          </li>
        </ol>
      </nav>
      {params.get('created') ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="created-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="created-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{indicator.code} has been added to the register. Now set its targets.</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary errors={summary} title="Some targets were not saved" />
      <span className="govuk-caption-l">
        {indicator.code}: {indicator.title}
      </span>
      <h1 className="govuk-heading-xl">Targets</h1>
      <form
        className="gt-inline-form govuk-!-margin-bottom-6"
        onSubmit={(e) => {
          e.preventDefault();
          setDrafts({});
          setResults({});
          setParams((prev) => {
            const n = new URLSearchParams(prev);
            n.set('year', draftYear);
            n.delete('created');
            return n;
          });
        }}
      >
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="target-year">
            Financial year
          </label>
          <select id="target-year" className="govuk-select" value={draftYear} onChange={(e) => setDraftYear(e.target.value)}>
            {[-2, -1, 0, 1, 2, 3].map((o) => (
              <option key={o} value={yearCode(thisYear + o)}>
                {periodLabel(yearCode(thisYear + o))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </form>
      <p className="govuk-body">
        The annual target is required for a status. {indicator.frequency !== 'annual' ? 'A target for every period of the year makes a profile; without one the year-to-date target comes from the annual target.' : ''}
      </p>
      {targets.isPending ? <Loading what="Loading the targets" /> : null}
      {targets.isError ? <QueryError error={targets.error} retry={() => targets.refetch()} what="the targets" /> : null}
      {targets.isSuccess ? (
        <>
          {periods.map((p) => (
            <form
              key={p}
              id={`t-form-${p}`}
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void save(p);
              }}
              noValidate
            />
          ))}
          <div className="gt-table-wrap" role="region" aria-label="Targets" tabIndex={0}>
            <table className="govuk-table gt-entry-table" data-testid="targets-table">
              <caption className="govuk-visually-hidden">Targets for {periodLabel(year)}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Period</th>
                  {band ? (
                    <>
                      <th scope="col" className="govuk-table__header">Band low</th>
                      <th scope="col" className="govuk-table__header">Band high</th>
                    </>
                  ) : (
                    <th scope="col" className="govuk-table__header">Target</th>
                  )}
                  <th scope="col" className="govuk-table__header">Stretch target</th>
                  <th scope="col" className="govuk-table__header">Note</th>
                  <th scope="col" className="govuk-table__header">Last changed</th>
                  <th scope="col" className="govuk-table__header">Actions</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {periods.map((p, i) => {
                  const t = stored.get(p);
                  const r = results[p] ?? {};
                  return (
                    <tr key={p} className={`govuk-table__row${drafts[p] ? ' gt-entry-row--dirty' : ''}`}>
                      <th scope="row" className="govuk-table__header">
                        {i === 0 ? `${periodLabel(p)} (annual)` : periodLabel(p)}
                      </th>
                      {band ? (
                        <>
                          <td className="govuk-table__cell">{cell(p, 'low', 'Band low')}</td>
                          <td className="govuk-table__cell">{cell(p, 'high', 'Band high')}</td>
                        </>
                      ) : (
                        <td className="govuk-table__cell">{cell(p, 'value', 'Target')}</td>
                      )}
                      <td className="govuk-table__cell">{cell(p, 'stretch_value', 'Stretch target')}</td>
                      <td className="govuk-table__cell">{cell(p, 'note', 'Note', true)}</td>
                      <td className="govuk-table__cell">
                        {t ? (
                          <>
                            {formatValue(t.value ?? t.low, indicator.unit)} by {t.updated_by_name}, {formatDateTime(t.updated_at)}
                          </>
                        ) : (
                          'Not set'
                        )}
                      </td>
                      <td className="govuk-table__cell">
                        <div className="gt-entry-actions">
                          <button type="submit" form={`t-form-${p}`} className="govuk-button">
                            Save<span className="govuk-visually-hidden"> target for {periodLabel(p)}</span>
                          </button>
                          {t ? (
                            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void remove(p)}>
                              Remove<span className="govuk-visually-hidden"> target for {periodLabel(p)}</span>
                            </button>
                          ) : null}
                        </div>
                        {r.saved ? <p className="govuk-body-s gt-saved">Saved</p> : null}
                        {r.conflict ? <p className="govuk-error-message">{r.conflict}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/indicators/${indicator.id}`}>
          Back to {indicator.code}
        </Link>
      </p>
    </>
  );
}
