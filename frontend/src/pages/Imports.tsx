import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, errorMessage } from '../api/problem';
import type { ExportFormat, ImportKind, ImportSummary } from '../api/types';
import { isPerformanceTeam } from '../auth/roles';
import { useCurrentUser } from '../auth/AuthContext';
import { ErrorSummary } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { filenameFrom, saveBlob } from '../lib/download';
import { fileProblem, isWorkbook, KIND_LABELS, sortedProblems, summaryHeadline, summaryLines } from '../lib/imports';
import { newIdempotencyKey, progressText, uploadImport, type UploadProgress } from '../lib/upload';
import { financialYearOfDate, yearParam } from '../lib/calendar';
import '../styles/ops.scss';

interface Checked {
  kind: ImportKind;
  file: File;
  sheet: string;
  summary: ImportSummary;
  /** Sent with the real import: a retry after a lost answer replays instead of importing twice. */
  key: string;
}

type Phase = 'idle' | 'checking' | 'importing';

const KINDS: ImportKind[] = ['outturns', 'targets'];

export default function ImportsPage() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('outturns');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const aborter = useRef<AbortController | null>(null);

  const rejected = checked?.summary.rejected ?? 0;
  usePageTitle('Import and export figures', !!fileError || rejected > 0 || !!failure);

  useEffect(() => () => aborter.current?.abort(), []);

  function reset(keepFile = false) {
    setChecked(null);
    setDone(null);
    setFailure(null);
    setProgress(null);
    if (!keepFile) {
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  async function send(dryRun: boolean) {
    const target = dryRun ? { kind, file, sheet } : checked;
    if (!target?.file) return;
    const controller = new AbortController();
    aborter.current = controller;
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress({ loaded: 0, total: target.file.size || null });
    setFailure(null);
    setDone(null);
    try {
      const answer = await uploadImport(
        target.kind,
        target.file,
        { dry_run: dryRun, sheet: isWorkbook(target.file) && target.sheet.trim() ? target.sheet.trim() : null },
        { idempotencyKey: dryRun ? undefined : checked?.key, onProgress: setProgress, signal: controller.signal },
      );
      const summary = answer.summary;
      if (!summary) throw new Error('The answer had no import summary.');
      if (!dryRun && summary.written) {
        setChecked(null);
        setDone(summary);
        // Figures changed: every view of them must be fetched again.
        await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      } else {
        setChecked({ kind: target.kind, file: target.file, sheet: target.sheet, summary, key: newIdempotencyKey() });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure('This import is still running from an earlier request. Wait a minute, then press the button again.');
      } else {
        setFailure(errorMessage(error));
      }
    } finally {
      setPhase('idle');
      setProgress(null);
      aborter.current = null;
      // Rejected rows: the error summary takes focus (GOV.UK pattern); otherwise the outcome.
      window.setTimeout(() => {
        const summary = outcome.current?.querySelector<HTMLElement>('.govuk-error-summary[tabindex]');
        (summary ?? outcome.current)?.focus();
      }, 0);
    }
  }

  function onCheck(e: FormEvent) {
    e.preventDefault();
    const problem = fileProblem(file);
    setFileError(problem);
    if (problem) return;
    reset(true);
    void send(true);
  }

  const busy = phase !== 'idle';

  return (
    <>
      <h1 className="govuk-heading-xl">Import and export figures</h1>
      {fileError ? <ErrorSummary errors={[{ target: 'import-file', text: fileError }]} /> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Import many outturns or targets at once from a spreadsheet. The file is checked first and nothing is
            stored until you confirm. If any row has a problem, nothing is imported.
          </p>
          {isPerformanceTeam(me) ? null : (
            <p className="govuk-body">You can import figures for the indicators you own or deputise for.</p>
          )}
        </div>
      </div>

      <h2 className="govuk-heading-l">Import a file</h2>
      <form onSubmit={onCheck} noValidate data-testid="import-form">
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What does the file hold?</legend>
            <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
              {KINDS.map((k) => (
                <div className="govuk-radios__item" key={k}>
                  <input
                    className="govuk-radios__input"
                    id={`import-kind-${k}`}
                    name="import-kind"
                    type="radio"
                    value={k}
                    checked={kind === k}
                    disabled={busy}
                    onChange={() => {
                      setKind(k);
                      reset(true);
                    }}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`import-kind-${k}`}>
                    {KIND_LABELS[k]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="import-file">
            File
          </label>
          <div className="govuk-hint" id="import-file-hint">
            A CSV file, an Excel workbook (.xlsx) or JSON, with the columns of the template below.
          </div>
          {fileError ? (
            <p className="govuk-error-message" id="import-file-error">
              <span className="govuk-visually-hidden">Error:</span> {fileError}
            </p>
          ) : null}
          <input
            ref={fileInput}
            className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id="import-file"
            name="import-file"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`import-file-hint${fileError ? ' import-file-error' : ''}`}
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
              reset(true);
            }}
          />
        </div>
        {isWorkbook(file) ? (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="import-sheet">
              Worksheet (optional)
            </label>
            <div className="govuk-hint" id="import-sheet-hint">
              Leave empty to read the first sheet.
            </div>
            <input
              className="govuk-input govuk-!-width-one-third"
              id="import-sheet"
              type="text"
              value={sheet}
              aria-describedby="import-sheet-hint"
              onChange={(e) => {
                setSheet(e.target.value);
                reset(true);
              }}
            />
          </div>
        ) : null}
        <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy || undefined}>
          Check the file
        </button>
      </form>

      <UploadStatus phase={phase} progress={progress} />

      <div ref={outcome} tabIndex={-1} className="gt-import-outcome" data-testid="import-outcome">
        {failure ? (
          <div className="govuk-error-summary" role="alert">
            <h2 className="govuk-error-summary__title">The file could not be {checked ? 'imported' : 'checked'}</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">{failure}</p>
            </div>
          </div>
        ) : null}
        {done ? <ImportDone summary={done} onAnother={() => reset()} /> : null}
        {checked ? (
          <CheckResult checked={checked} busy={busy} onConfirm={() => void send(false)} onCancel={() => reset()} />
        ) : null}
      </div>

      <Templates />
      <Exports />
    </>
  );
}

function UploadStatus({ phase, progress }: { phase: Phase; progress: UploadProgress | null }) {
  const id = useId();
  const sending = phase !== 'idle' && progress;
  const uploaded = !!progress?.total && progress.loaded >= progress.total;
  const words = phase === 'idle' ? '' : uploaded ? (phase === 'checking' ? 'File sent: checking it…' : 'File sent: importing…') : phase === 'checking' ? 'Sending the file to be checked…' : 'Sending the file to be imported…';
  return (
    <div className="gt-upload-status">
      {/* Announced once per step, not at every percent. */}
      <p className="govuk-body govuk-!-margin-bottom-1" role="status" aria-live="polite" id={`${id}-label`}>
        {words}
      </p>
      {sending ? (
        <>
          <progress
            className="gt-upload-progress"
            aria-labelledby={`${id}-label`}
            max={progress.total ?? undefined}
            value={progress.total ? progress.loaded : undefined}
            data-testid="upload-progress"
          />
          <p className="govuk-body-s gt-muted" aria-hidden="true">
            {progressText(progress)}
          </p>
        </>
      ) : null}
    </div>
  );
}

function SummaryTable({ summary, caption }: { summary: ImportSummary; caption: string }) {
  return (
    <dl className="govuk-summary-list gt-import-summary" aria-label={caption} data-testid="import-summary">
      {summaryLines(summary).map((l) => (
        <div className="govuk-summary-list__row" key={l.key} data-testid={`summary-${l.key}`}>
          <dt className="govuk-summary-list__key">{l.label}</dt>
          <dd className="govuk-summary-list__value">{l.count.toLocaleString('en-GB')}</dd>
        </div>
      ))}
    </dl>
  );
}

function CheckResult({ checked, busy, onConfirm, onCancel }: { checked: Checked; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const s = checked.summary;
  const problems = sortedProblems(s.errors);
  return (
    <section aria-labelledby="check-heading" className="gt-import-check">
      <h2 className="govuk-heading-l" id="check-heading">
        {s.dry_run ? 'Check of' : 'Import of'} {checked.file.name}
      </h2>
      {s.rejected > 0 ? (
        <ErrorSummary title={`${summaryHeadline(s)}.`} errors={[{ target: 'rejected-rows', text: 'See the rejected rows and fix them in the file, then check it again' }]} />
      ) : (
        <p className="govuk-body-l" data-testid="check-headline">
          {summaryHeadline(s)}.
        </p>
      )}
      <SummaryTable summary={s} caption="Summary of the check" />
      {s.warnings.length ? (
        <div className="govuk-inset-text">
          <h3 className="govuk-heading-s">Warnings</h3>
          <ul className="govuk-list govuk-list--bullet">
            {s.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {problems.length ? (
        <div className="gt-table-wrap" role="region" aria-labelledby="rejected-caption" tabIndex={0} id="rejected-rows">
          <table className="govuk-table" data-testid="rejected-rows">
            <caption className="govuk-table__caption govuk-table__caption--m" id="rejected-caption">
              Rejected rows{s.errors_truncated ? ` (the first ${problems.length})` : ''}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Row
                </th>
                <th scope="col" className="govuk-table__header">
                  Column
                </th>
                <th scope="col" className="govuk-table__header">
                  Value found
                </th>
                <th scope="col" className="govuk-table__header">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {problems.map((p, i) => (
                <tr className="govuk-table__row" key={`${p.row}-${p.column}-${i}`}>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{p.row ?? 'Whole file'}</td>
                  <td className="govuk-table__cell gt-code">{p.column ?? '–'}</td>
                  <td className="govuk-table__cell gt-code">{p.value === null || p.value === '' ? <span className="gt-muted">(empty)</span> : p.value}</td>
                  <td className="govuk-table__cell">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {s.errors_truncated ? (
        <p className="govuk-body">More rows were rejected than are listed: fix these and check the file again.</p>
      ) : null}
      <div className="govuk-button-group">
        {s.rejected === 0 && s.rows_read > 0 ? (
          <button type="button" className="govuk-button" onClick={onConfirm} disabled={busy} aria-disabled={busy || undefined} data-testid="confirm-import">
            Confirm import
          </button>
        ) : null}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel} disabled={busy}>
          {s.rejected === 0 ? 'Cancel' : 'Choose another file'}
        </button>
      </div>
    </section>
  );
}

function ImportDone({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
  return (
    <section className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="import-done-title" data-testid="import-done">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="import-done-title">
          Import complete
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{summaryHeadline(summary)}.</p>
        <SummaryTable summary={summary} caption="Summary of the import" />
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}

function useDownload() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fetcher: () => Promise<{ data?: Blob; error?: unknown; response: Response }>, fallbackName: string) {
    setBusy(true);
    setError(null);
    try {
      const { data, response } = await fetcher();
      if (!response.ok || !data) throw new ApiError(response.status, { status: response.status, title: `The download failed (${response.status}).` });
      saveBlob(data, filenameFrom(response.headers.get('Content-Disposition'), fallbackName));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function Templates() {
  const { busy, error, run } = useDownload();
  return (
    <section aria-labelledby="templates-heading">
      <h2 className="govuk-heading-l" id="templates-heading">
        Templates
      </h2>
      <p className="govuk-body">An empty file with the header row each import takes.</p>
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <ul className="govuk-list gt-templates">
        {KINDS.map((k) =>
          (['csv', 'xlsx'] as const).map((format) => (
            <li key={`${k}-${format}`}>
              <button
                type="button"
                className="gt-link-button"
                disabled={busy}
                onClick={() =>
                  run(
                    () =>
                      api.GET('/api/v1/imports/templates/{kind}', {
                        params: { path: { kind: k }, query: { format } },
                        parseAs: 'blob',
                      }),
                    `${k}-template.${format}`,
                  )
                }
              >
                Download the {k === 'outturns' ? 'outturns' : 'targets'} template ({format === 'csv' ? 'CSV' : 'Excel'})
              </button>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel workbook (.xlsx)' },
  { value: 'json', label: 'JSON' },
];

function Exports() {
  const { busy, error, run } = useDownload();
  const [kind, setKind] = useState<ImportKind>('outturns');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [year, setYear] = useState('');
  const [set, setSet] = useState('');
  const thisYear = financialYearOfDate(new Date());
  const years = Array.from({ length: 8 }, (_, i) => yearParam(thisYear + 1 - i));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const query = { format, year: year || null, set: set.trim() || null };
    void run(
      () =>
        kind === 'outturns'
          ? api.GET('/api/v1/exports/outturns', { params: { query }, parseAs: 'blob' })
          : api.GET('/api/v1/exports/targets', { params: { query }, parseAs: 'blob' }),
      `${kind}${year ? `-${year}` : ''}.${format}`,
    );
  }

  return (
    <section aria-labelledby="exports-heading">
      <h2 className="govuk-heading-l" id="exports-heading">
        Export figures
      </h2>
      <p className="govuk-body">
        Download the figures you can see, in the same columns the import takes: a file exported and imported again
        changes nothing.
      </p>
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="gt-export-form" data-testid="export-form">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="export-kind">
            Which figures
          </label>
          <select id="export-kind" className="govuk-select" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="export-year">
            Financial year
          </label>
          <select id="export-year" className="govuk-select" value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">All years</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y.replace('-', '/')}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="export-set">
            Indicator set (optional)
          </label>
          <div className="govuk-hint" id="export-set-hint">
            For example LAA or NI.
          </div>
          <input id="export-set" className="govuk-input govuk-input--width-10" type="text" value={set} aria-describedby="export-set-hint" onChange={(e) => setSet(e.target.value)} />
        </div>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Format</legend>
            <div className="govuk-radios govuk-radios--small govuk-radios--inline">
              {FORMATS.map((f) => (
                <div className="govuk-radios__item" key={f.value}>
                  <input className="govuk-radios__input" id={`export-format-${f.value}`} name="export-format" type="radio" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
                  <label className="govuk-label govuk-radios__label" htmlFor={`export-format-${f.value}`}>
                    {f.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy} aria-disabled={busy || undefined}>
          Download the export
        </button>
      </form>
    </section>
  );
}
