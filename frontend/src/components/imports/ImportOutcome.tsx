import type { ImportSummary } from '../../api/types';
import { ErrorSummary } from '../ErrorSummary';
import { sortedProblems, summaryHeadline, summaryLines } from '../../lib/imports';
import type { Checked } from './importState';

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

export function CheckResult({ checked, busy, onConfirm, onCancel }: { checked: Checked; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
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

export function ImportDone({ summary, onAnother }: { summary: ImportSummary; onAnother: () => void }) {
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
