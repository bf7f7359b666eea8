import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api/problem';
import type { ImportKind, ImportSummary } from '../api/types';
import { isPerformanceTeam } from '../auth/roles';
import { useCurrentUser } from '../auth/AuthContext';
import { ErrorSummary } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { fileProblem, isWorkbook, KIND_LABELS } from '../lib/imports';
import { newIdempotencyKey, uploadImport, type UploadProgress } from '../lib/upload';
import { type Checked, type Phase, KINDS } from '../components/imports/importState';
import { UploadStatus } from '../components/imports/UploadStatus';
import { CheckResult, ImportDone } from '../components/imports/ImportOutcome';
import { ImportTemplates } from '../components/imports/ImportTemplates';
import { ExportFigures } from '../components/imports/ExportFigures';
import '../styles/ops.scss';

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

      <ImportTemplates />
      <ExportFigures />
    </>
  );
}
