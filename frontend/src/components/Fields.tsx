import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  labelClass?: string;
  width?: string;
}

function describedBy(id: string, hint: ReactNode | undefined, error: string | null | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Wrapper({ id, label, hint, error, labelClass, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label ${labelClass ?? ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  labelClass,
  width,
  ...rest
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <input
        id={id}
        name={rest.name ?? id}
        className={`govuk-input ${width ?? ''}${error ? ' govuk-input--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </Wrapper>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  labelClass,
  ...rest
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <textarea
        id={id}
        name={rest.name ?? id}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        rows={rest.rows ?? 4}
        {...rest}
      />
    </Wrapper>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  labelClass,
  children,
  ...rest
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode }) {
  return (
    <Wrapper id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <select
        id={id}
        name={rest.name ?? id}
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      >
        {children}
      </select>
    </Wrapper>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  ...rest
}: { id: string; label: ReactNode; hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  return (
    <div className="govuk-checkboxes__item">
      <input
        id={id}
        name={rest.name ?? id}
        type="checkbox"
        className="govuk-checkboxes__input"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** The options of an org-unit select, indented by depth in the tree (directorates first). */
export function OrgUnitOptions({ units }: { units: { unit: { id: number; name: string }; depth: number }[] }) {
  return (
    <>
      {units.map(({ unit, depth }) => (
        <option key={unit.id} value={String(unit.id)}>
          {'\u00a0\u00a0'.repeat(depth)}
          {unit.name}
        </option>
      ))}
    </>
  );
}
