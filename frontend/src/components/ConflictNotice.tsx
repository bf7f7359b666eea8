import { useEffect, useRef, type ReactNode } from 'react';
import { conflictHeadline, type Conflict } from '../lib/conflict';

/**
 * The message shown when a save lost to someone else's change (412): a GOV.UK error summary,
 * focused when it appears, naming who changed the record, with a button to load their version.
 * What the user typed stays in the form; the page decides what "load" does with it.
 */
export function ConflictNotice({
  conflict,
  what,
  verb,
  id = 'conflict',
  kept = 'What you typed is still in the form and has not been saved.',
  loadLabel = 'Load the current version',
  onLoad,
  loading = false,
  children,
  testId = 'conflict',
  title = 'Your change was not saved',
}: {
  conflict: Conflict;
  /** What was changed, as in "changed this plan". */
  what: string;
  verb?: string;
  id?: string;
  kept?: string;
  loadLabel?: string;
  onLoad(): void;
  loading?: boolean;
  /** More buttons (for example "Save mine instead"). */
  children?: ReactNode;
  testId?: string;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headline = conflictHeadline(conflict, what, verb);
  useEffect(() => {
    ref.current?.focus();
  }, [headline]);
  return (
    <div className="govuk-error-summary gt-conflict" ref={ref} id={id} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 className="govuk-error-summary__title" id={`${id}-title`}>
        {title}
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" data-testid={`${testId}-who`}>
          {headline}
        </p>
        <p className="govuk-body-s">{kept}</p>
        <div className="govuk-button-group govuk-!-margin-bottom-0">
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onLoad} disabled={loading}>
            {loadLabel}
          </button>
          {children}
        </div>
      </div>
    </div>
  );
}
