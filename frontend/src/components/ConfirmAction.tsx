import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A button for something that cannot be undone: pressing it asks first, in the page (no
 * pop-up), with the consequence in words, a warning-styled "Yes" and a way back.
 */
export function ConfirmAction({
  label,
  confirmLabel,
  warning,
  onConfirm,
  busy = false,
  warningButton = true,
  testId,
}: {
  label: ReactNode;
  confirmLabel: ReactNode;
  warning: ReactNode;
  onConfirm: () => void;
  busy?: boolean;
  warningButton?: boolean;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) box.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={opener} type="button" className={`govuk-button govuk-button--secondary gt-confirm__open`} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <div className="gt-confirm" ref={box} tabIndex={-1} role="group" aria-label="Confirm">
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {warning}
        </strong>
      </div>
      <div className="govuk-button-group">
        <button
          type="button"
          className={`govuk-button${warningButton ? ' govuk-button--warning' : ''}`}
          disabled={busy}
          aria-disabled={busy || undefined}
          onClick={() => {
            onConfirm();
            setAsking(false);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
