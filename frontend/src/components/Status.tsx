import type { ReactNode } from 'react';
import { errorMessage, NetworkError } from '../api/problem';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="govuk-body gt-loading" role="status" aria-live="polite">
      <span className="gt-spinner" aria-hidden="true" />
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text gt-empty">{children}</div>;
}

export function QueryError({ error, retry, what = 'this page' }: { error: unknown; retry?: () => void; what?: string }) {
  const offline = error instanceof NetworkError;
  return (
    <div className="govuk-error-summary" role="alert" data-module="govuk-error-summary">
      <h2 className="govuk-error-summary__title">{offline ? 'The service cannot be reached' : `We could not load ${what}`}</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{errorMessage(error)}</p>
        {retry ? (
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={retry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}
