import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';

/** A list page's filter values, one string per key, as the query string holds them. */
export function readFilters<K extends string>(keys: readonly K[], params: URLSearchParams): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
}

/** The query string with the filters applied: empty ones removed, as are `reset` keys (a page number). */
export function withFilters<K extends string>(
  prev: URLSearchParams,
  keys: readonly K[],
  values: Record<K, string>,
  reset: readonly string[] = [],
): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const k of keys) {
    if (values[k]) next.set(k, values[k]);
    else next.delete(k);
  }
  for (const k of reset) next.delete(k);
  return next;
}

/** Filter values kept as typed until applied: `set(k)` handles a text field or select, `toggle(k)` a checkbox. */
export function useFilterFields<V extends Record<string, string>>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = (k: keyof V) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const toggle = (k: keyof V) => (e: { target: { checked: boolean } }) =>
    setValues((v) => ({ ...v, [k]: e.target.checked ? '1' : '' }));
  return { values, setValues, set, toggle };
}

/**
 * The filter panel of a list page: a search landmark with its heading, the fields, Apply, and a
 * link back to no filters while any is set (beside the button when `inlineActions`).
 */
export function FilterForm({
  titleId,
  onSubmit,
  clearHref,
  clearLabel = 'Clear the filters',
  filtersActive,
  inlineActions = false,
  children,
}: {
  titleId: string;
  onSubmit(): void;
  clearHref: string;
  clearLabel?: string;
  filtersActive: boolean;
  inlineActions?: boolean;
  children: ReactNode;
}) {
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
  }
  const apply = (
    <button type="submit" className={`govuk-button ${inlineActions ? 'govuk-!-margin-bottom-0' : 'govuk-!-margin-bottom-2'}`}>
      Apply filters
    </button>
  );
  const clear = filtersActive ? (
    <Link className="govuk-link" to={clearHref}>
      {clearLabel}
    </Link>
  ) : null;
  return (
    <form className="gt-filters gt-no-print" onSubmit={submit} aria-labelledby={titleId} role="search">
      <h2 className="govuk-heading-m" id={titleId}>
        Filter
      </h2>
      {children}
      {inlineActions ? (
        <div className="gt-entry-actions">
          {apply}
          {clear}
        </div>
      ) : (
        <>
          {apply}
          {clear ? <p className="govuk-body">{clear}</p> : null}
        </>
      )}
    </form>
  );
}
