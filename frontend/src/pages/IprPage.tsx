import { useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, errorMessage, toProblem } from '../api/problem';
import { useBenchmarkGroups, useIpr } from '../api/reportQueries';
import type { Ipr, IprQuery } from '../api/reportTypes';
import { useLatestPeriod, useOrgUnits, useStatus } from '../api/queries';
import { usePageTitle } from '../components/Layout';
import { Loading, QueryError } from '../components/Status';
import { filenameFrom, saveBlob } from '../lib/download';
import { formatDateTime } from '../lib/format';
import { reportPeriodOptions, scopeOptions } from '../lib/ipr';
import { latestEndedQuarter, parsePeriod, periodLabel, periodSpan, startYearOf } from '../lib/periods';
import { DataQuality, Finance } from './IprFinance';
import { formatDate } from './IprParts';
import { Actions, Exceptions, Headline, Highlights, Risks } from './IprSections';
import '../styles/reports.scss';

export default function IprPage() {
  usePageTitle('Integrated performance report');
  const [params, setParams] = useSearchParams();
  const chosen = params.get('period');
  const latest = useLatestPeriod(!chosen);
  const period = chosen ?? (latest.isSuccess ? (latest.data.period ?? latestEndedQuarter()) : latest.isError ? latestEndedQuarter() : null);
  const scope = params.get('scope') || 'council';
  const includeAmber = params.get('amber') === '1';
  const benchmark = params.get('benchmark') || '';
  const query: IprQuery | null = period ? { period, scope, include_amber: includeAmber, ...(benchmark ? { benchmark_group: benchmark } : {}) } : null;
  const report = useIpr(query);

  function choose(next: Choice) {
    setParams(() => {
      const n = new URLSearchParams();
      n.set('period', next.period);
      if (next.scope !== 'council') n.set('scope', next.scope);
      if (next.amber) n.set('amber', '1');
      if (next.benchmark) n.set('benchmark', next.benchmark);
      return n;
    });
  }

  return (
    <div className="gt-ipr">
      <span className="govuk-caption-l">
        {report.data ? `${report.data.scope.name}, ${periodSpan(report.data.period)}` : period ? periodSpan(period) : 'Performance, finance and risk'}
      </span>
      <h1 className="govuk-heading-xl">Integrated performance report</h1>
      {period ? (
        <ReportControls period={period} scope={scope} includeAmber={includeAmber} benchmark={benchmark} onChoose={choose} />
      ) : (
        <Loading what="Finding the latest period" />
      )}
      {report.isError ? <QueryError error={report.error} retry={() => report.refetch()} what="the report" /> : null}
      {report.isPending && period ? <Loading what="Building the report" /> : null}
      {report.data && query ? <Report report={report.data} query={query} busy={report.isFetching && report.isPlaceholderData} /> : null}
    </div>
  );
}

type Choice = { period: string; scope: string; amber: boolean; benchmark: string };

function ReportControls({
  period,
  scope,
  includeAmber,
  benchmark,
  onChoose,
}: {
  period: string;
  scope: string;
  includeAmber: boolean;
  benchmark: string;
  onChoose(next: Choice): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Choice>({ period, scope, amber: includeAmber, benchmark });
  const [seen, setSeen] = useState({ period, scope, includeAmber, benchmark });
  if (seen.period !== period || seen.scope !== scope || seen.includeAmber !== includeAmber || seen.benchmark !== benchmark) {
    setSeen({ period, scope, includeAmber, benchmark });
    setDraft({ period, scope, amber: includeAmber, benchmark });
  }
  const groups = useBenchmarkGroups();
  const groupKnown = !draft.benchmark || (groups.data ?? []).some((g) => g.code === draft.benchmark);
  const units = useOrgUnits();
  const status = useStatus(period);
  const periods = useMemo(() => {
    const anchor = parsePeriod(period)?.startYear ?? startYearOf(new Date());
    return reportPeriodOptions(anchor - 3, Math.max(anchor + 1, startYearOf(new Date())));
  }, [period]);
  const scopes = useMemo(
    () => scopeOptions(units.data ?? [], (status.data?.items ?? []).flatMap((s) => s.sets)),
    [units.data, status.data],
  );
  const scopeKnown = scopes.some((g) => g.options.some((o) => o.code === draft.scope));

  function submit(e: FormEvent) {
    e.preventDefault();
    onChoose(draft);
  }

  return (
    <form className="gt-inline-form gt-report-controls gt-no-print govuk-!-margin-bottom-6" onSubmit={submit} aria-label="Choose the report">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-period`}>
          Period
        </label>
        <select id={`${id}-period`} className="govuk-select" value={draft.period} onChange={(e) => setDraft({ ...draft, period: e.target.value })}>
          {periods.some((g) => g.options.some((o) => o.code === draft.period)) ? null : <option value={draft.period}>{periodLabel(draft.period)}</option>}
          {periods.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-scope`}>
          Scope
        </label>
        <select id={`${id}-scope`} className="govuk-select" value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value })}>
          {scopeKnown ? null : <option value={draft.scope}>{draft.scope}</option>}
          {scopes.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-benchmark`}>
          Benchmark against
        </label>
        <select
          id={`${id}-benchmark`}
          className="govuk-select"
          value={draft.benchmark}
          onChange={(e) => setDraft({ ...draft, benchmark: e.target.value })}
          aria-describedby={groups.isError ? `${id}-benchmark-error` : undefined}
        >
          <option value="">No benchmark</option>
          {groupKnown ? null : <option value={draft.benchmark}>{draft.benchmark}</option>}
          {(groups.data ?? []).map((g) => (
            <option key={g.id} value={g.code}>
              {g.name}
            </option>
          ))}
        </select>
        {groups.isError ? (
          <p className="govuk-error-message" id={`${id}-benchmark-error`}>
            The comparator groups could not be loaded.
          </p>
        ) : null}
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id={`${id}-amber`}
              type="checkbox"
              checked={draft.amber}
              onChange={(e) => setDraft({ ...draft, amber: e.target.checked })}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-amber`}>
              Amber exceptions too
            </label>
          </div>
        </div>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show report
      </button>
    </form>
  );
}

type Format = 'xlsx' | 'pdf';

function Downloads({ query }: { query: IprQuery }) {
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: Format) {
    setBusy(format);
    setError(null);
    try {
      const path = format === 'xlsx' ? '/api/v1/reports/ipr.xlsx' : '/api/v1/reports/ipr.pdf';
      const { data, error: problem, response } = await api.GET(path, { params: { query }, parseAs: 'blob' });
      if (!response.ok || !data) throw new ApiError(response.status, toProblem(response.status, problem));
      const fallback = `ipr-${query.period}.${format}`;
      saveBlob(data as Blob, filenameFrom(response.headers.get('Content-Disposition'), fallback));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="gt-report-actions gt-no-print" data-testid="ipr-downloads">
      <button type="button" className="govuk-button" onClick={() => window.print()}>
        Print this report
      </button>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => download('xlsx')} disabled={busy !== null} aria-describedby="ipr-xlsx-hint">
        {busy === 'xlsx' ? 'Preparing the Excel file…' : 'Download as Excel (XLSX)'}
      </button>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => download('pdf')} disabled={busy !== null} aria-describedby="ipr-pdf-hint">
        {busy === 'pdf' ? 'Preparing the PDF…' : 'Download as PDF'}
      </button>
      <span className="govuk-visually-hidden" id="ipr-xlsx-hint">
        A workbook with a sheet per section
      </span>
      <span className="govuk-visually-hidden" id="ipr-pdf-hint">
        The report laid out for printing
      </span>
      <div aria-live="polite" className="gt-download-status">
        {error ? (
          <p className="govuk-error-message govuk-!-margin-bottom-0" role="alert">
            <span className="govuk-visually-hidden">Error:</span> The download failed: {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Report({ report, query, busy }: { report: Ipr; query: IprQuery; busy: boolean }) {
  return (
    <div data-testid="ipr-ready" aria-busy={busy || undefined}>
      <Downloads query={query} />
      <dl className="govuk-summary-list govuk-summary-list--no-border gt-report-meta">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Covers</dt>
          <dd className="govuk-summary-list__value">{report.scope.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Period</dt>
          <dd className="govuk-summary-list__value">
            {periodLabel(report.period)} ({formatDate(report.period_start)} to {formatDate(report.period_end)})
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Compared with</dt>
          <dd className="govuk-summary-list__value">
            The previous report, {periodLabel(report.previous_period)} (as at {formatDate(report.previous_as_of)})
          </dd>
        </div>
        {report.benchmark_group ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Benchmarked against</dt>
            <dd className="govuk-summary-list__value" data-testid="ipr-benchmark-group">
              {report.benchmark_group.name}
              {report.benchmark_year ? `, ${periodLabel(report.benchmark_year)}` : ': no comparator figures up to this year'} (quartile 1st of 4 is the best)
            </dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Report date</dt>
          <dd className="govuk-summary-list__value">
            {formatDate(report.as_of)}
            <span className="gt-muted"> (produced {formatDateTime(report.generated_at)})</span>
          </dd>
        </div>
      </dl>
      <Headline report={report} />
      <Exceptions report={report} />
      <Highlights items={report.highlights} period={report.period} benchmarked={!!report.benchmark_group} />
      <Actions report={report} />
      <Risks report={report} />
      <Finance finance={report.finance} />
      <DataQuality dq={report.data_quality} />
    </div>
  );
}
