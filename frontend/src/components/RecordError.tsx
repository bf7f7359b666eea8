import type { ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { QueryError } from './Status';

/**
 * Why a record page could not show its record: a 404 gets the page's own "not found" heading and a way on
 * (callers may not see the record, or it does not exist: the same answer), anything else the usual error.
 */
export function RecordError({ error, retry, what, title, children }: { error: unknown; retry: () => void; what: string; title: string; children: ReactNode }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{children}</p>
      </>
    );
  }
  return <QueryError error={error} retry={retry} what={what} />;
}
