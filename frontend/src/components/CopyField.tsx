import { useId, useRef, useState } from 'react';

/**
 * A secret or address to copy: read-only text field, a copy button, and a polite message
 * saying it was copied (or, where the browser refuses, that the text is selected instead).
 */
export function CopyField({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setMessage(`${label} copied.`);
    } catch {
      input.current?.focus();
      input.current?.select();
      setMessage(`${label} is selected: press Ctrl+C (or Cmd+C) to copy it.`);
    }
  }

  return (
    <div className="govuk-form-group gt-copy">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div className="gt-copy__row">
        <input
          ref={input}
          id={id}
          className="govuk-input gt-copy__input"
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="govuk-button govuk-button--secondary gt-copy__button" onClick={copy}>
          Copy<span className="govuk-visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p className="govuk-body-s gt-copy__status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
