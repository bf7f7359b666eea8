import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ExportFormat, ImportKind } from '../../api/types';
import { KIND_LABELS } from '../../lib/imports';
import { financialYearOfDate, yearParam } from '../../lib/calendar';
import { KINDS } from './importState';
import { useDownload } from './useDownload';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel workbook (.xlsx)' },
  { value: 'json', label: 'JSON' },
];

export function ExportFigures() {
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
