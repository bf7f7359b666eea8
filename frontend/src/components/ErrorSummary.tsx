import { useEffect, useRef } from 'react';

export interface SummaryError {
  /** id of the field to jump to (without #), if there is one */
  target?: string;
  text: string;
}

/** The GOV.UK error summary: focused when it appears, each error links to its field. */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.target}:${e.text}`).join('|');
  useEffect(() => {
    if (errors.length) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="govuk-error-summary__title" id="error-summary-title">
        {title}
      </h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((e, i) => (
            <li key={`${e.target ?? ''}-${i}`}>
              {e.target ? (
                <a
                  href={`#${e.target}`}
                  onClick={(ev) => {
                    const el = document.getElementById(e.target as string);
                    if (el) {
                      ev.preventDefault();
                      el.focus();
                      el.scrollIntoView({ block: 'center' });
                    }
                  }}
                >
                  {e.text}
                </a>
              ) : (
                e.text
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
