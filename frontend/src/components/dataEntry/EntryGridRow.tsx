import { Link } from 'react-router';
import type { EntryRow, OutturnStatus } from '../../api/types';
import type { Draft } from '../../lib/drafts';
import { DATA_QUALITY_LABELS, formatDateTime, formatValue, roundDecimal } from '../../lib/format';
import { periodLabel } from '../../lib/periods';
import { type RowOutcome, FIELDS } from './entryDraft';

interface RowProps {
  row: EntryRow;
  values: Draft;
  dirty: boolean;
  saving: boolean;
  outcome: RowOutcome;
  team: boolean;
  onEdit(field: keyof Draft, value: string): void;
  onVerify(): void;
  onOverwrite(version: number): void;
  onReload(): void;
  onDiscard(): void;
}

export function EntryGridRow({ row, values, dirty, saving, outcome, team, onEdit, onVerify, onOverwrite, onReload, onDiscard }: RowProps) {
  const ind = row.indicator;
  const form = `entry-form-${ind.id}`;
  const ratio = ind.aggregation === 'ratio';
  const errorFor = (field: string) => outcome.fieldErrors?.find((f) => f.field === field)?.message;
  const orphanErrors = (outcome.fieldErrors ?? []).filter((f) => !(FIELDS as readonly string[]).includes(f.field));
  const label = `${ind.code}, ${periodLabel(row.period)}`;
  const target = row.target;
  const statuses: OutturnStatus[] = team ? ['draft', 'submitted', 'verified', 'qualified'] : ['draft', 'submitted'];
  const currentStatus = values.status as OutturnStatus;
  const conflict = outcome.conflict?.current ?? null;
  const hasError = !!(outcome.fieldErrors?.length || outcome.message || outcome.conflict);

  const input = (field: 'value' | 'numerator' | 'denominator', text: string) => {
    const id = `entry-${ind.id}-${field}`;
    const err = errorFor(field) ?? (field === (ratio ? 'numerator' : 'value') && orphanErrors.length ? orphanErrors.map((e) => e.message).join('; ') : undefined);
    return (
      <div className={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={id}>
          {text}
          <span className="govuk-visually-hidden"> for {label}</span>
        </label>
        {err ? (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {err}
          </p>
        ) : null}
        <input
          id={id}
          form={form}
          className={`govuk-input govuk-input--width-5${err ? ' govuk-input--error' : ''}`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={values[field]}
          onChange={(e) => onEdit(field, e.target.value)}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${id}-error` : undefined}
        />
      </div>
    );
  };

  return (
    <tr
      className={`govuk-table__row${dirty ? ' gt-entry-row--dirty' : ''}${hasError ? ' gt-entry-row--error' : ''}`}
      data-testid={`entry-row-${ind.code}`}
    >
      <th scope="row" className="govuk-table__header">
        <Link className="govuk-link" to={`/indicators/${ind.id}`}>
          {ind.code}
        </Link>
        <div className="govuk-body-s govuk-!-margin-bottom-1 gt-entry-title">{ind.title}</div>
        <div className="govuk-body-s govuk-!-margin-bottom-0 gt-muted">
          Due for {periodLabel(row.period)}
          {ratio ? ' · numerator and denominator' : ''}
        </div>
      </th>
      <td className="govuk-table__cell">
        {target
          ? target.low !== null || target.high !== null
            ? `${formatValue(target.low, ind.unit)} to ${formatValue(target.high, ind.unit)}`
            : formatValue(target.value, ind.unit)
          : 'None set'}
        {target && target.period !== row.period ? <div className="govuk-body-s gt-muted">for {periodLabel(target.period)}</div> : null}
      </td>
      <td className="govuk-table__cell">
        {ratio ? (
          <>
            {input('numerator', 'Numerator')}
            {input('denominator', 'Denominator')}
          </>
        ) : (
          input('value', `Value${ind.unit === 'percent' ? ' (%)' : ind.unit === 'currency' ? ' (£)' : ind.unit === 'days' ? ' (days)' : ''}`)
        )}
      </td>
      <td className="govuk-table__cell">
        <div className={`govuk-form-group${errorFor('commentary') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor={`entry-${ind.id}-commentary`}>
            Commentary<span className="govuk-visually-hidden"> for {label}</span>
          </label>
          {errorFor('commentary') ? (
            <p className="govuk-error-message" id={`entry-${ind.id}-commentary-error`}>
              <span className="govuk-visually-hidden">Error:</span> {errorFor('commentary')}
            </p>
          ) : null}
          <textarea
            id={`entry-${ind.id}-commentary`}
            form={form}
            className={`govuk-textarea${errorFor('commentary') ? ' govuk-textarea--error' : ''}`}
            rows={3}
            value={values.commentary}
            onChange={(e) => onEdit('commentary', e.target.value)}
            onKeyDown={(e) => {
              // Ctrl+Enter (or ⌘+Enter) saves from the commentary box too.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                (document.getElementById(form) as HTMLFormElement | null)?.requestSubmit();
              }
            }}
            aria-describedby={errorFor('commentary') ? `entry-${ind.id}-commentary-error` : undefined}
          />
        </div>
      </td>
      <td className="govuk-table__cell">
        <div className={`govuk-form-group${errorFor('status') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor={`entry-${ind.id}-status`}>
            Status<span className="govuk-visually-hidden"> for {label}</span>
          </label>
          {errorFor('status') ? (
            <p className="govuk-error-message" id={`entry-${ind.id}-status-error`}>
              <span className="govuk-visually-hidden">Error:</span> {errorFor('status')}
            </p>
          ) : null}
          <select
            id={`entry-${ind.id}-status`}
            form={form}
            className="govuk-select"
            value={currentStatus}
            onChange={(e) => onEdit('status', e.target.value)}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {DATA_QUALITY_LABELS[s]}
              </option>
            ))}
            {!statuses.includes(currentStatus) ? <option value={currentStatus}>{DATA_QUALITY_LABELS[currentStatus] ?? currentStatus}</option> : null}
          </select>
        </div>
        {row.outturn ? (
          <div className="govuk-body-s govuk-!-margin-bottom-0 gt-muted">
            Stored: {formatValue(row.outturn.value === null ? null : roundDecimal(row.outturn.value, ind.decimal_places), ind.unit)}, {DATA_QUALITY_LABELS[row.outturn.status]} by {row.outturn.updated_by_name}
            {row.outturn.verified_by_name ? `; verified by ${row.outturn.verified_by_name}` : ''}
          </div>
        ) : (
          <div className="govuk-body-s govuk-!-margin-bottom-0 gt-muted">Nothing stored yet</div>
        )}
      </td>
      <td className="govuk-table__cell">
        <div className="gt-entry-actions">
          <button type="submit" form={form} className="govuk-button" disabled={saving} aria-disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
            <span className="govuk-visually-hidden"> {ind.code}</span>
          </button>
          {team && row.outturn?.status === 'submitted' && !dirty ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onVerify} disabled={saving}>
              Verify<span className="govuk-visually-hidden"> {ind.code}</span>
            </button>
          ) : null}
          {dirty && !conflict ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onDiscard}>
              Undo changes<span className="govuk-visually-hidden"> to {ind.code}</span>
            </button>
          ) : null}
        </div>
        {outcome.savedAt && !dirty ? (
          <p className="govuk-body-s gt-saved" data-testid="saved">
            Saved {formatDateTime(outcome.savedAt)}
          </p>
        ) : null}
        {outcome.message && !outcome.fieldErrors?.length ? <p className="govuk-error-message govuk-!-margin-bottom-0">{outcome.message}</p> : null}
        {outcome.conflict ? (
          <div className="gt-conflict" id={`entry-${ind.id}-conflict`} tabIndex={-1} role="alert" data-testid="conflict">
            <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              {String(conflict?.updated_by_name ?? 'Someone else')} changed this figure
              {conflict?.updated_at ? ` at ${formatDateTime(String(conflict.updated_at))}` : ''} after you opened the page.
            </p>
            {conflict ? (
              <p className="govuk-body-s govuk-!-margin-bottom-2">
                Their version: {formatValue(typeof conflict.value === 'string' ? roundDecimal(conflict.value, ind.decimal_places) : null, ind.unit)}
                {conflict.status ? `, ${DATA_QUALITY_LABELS[conflict.status as OutturnStatus] ?? String(conflict.status)}` : ''}
                {conflict.commentary ? `, “${String(conflict.commentary)}”` : ''}. Your figures are still in the row and have not been saved.
              </p>
            ) : null}
            <div className="gt-entry-actions">
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onReload}>
                Reload their version<span className="govuk-visually-hidden"> of {ind.code}</span>
              </button>
              {typeof conflict?.version === 'number' ? (
                <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => onOverwrite(conflict.version as number)}>
                  Save mine instead<span className="govuk-visually-hidden"> for {ind.code}</span>
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
