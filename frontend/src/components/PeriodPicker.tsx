import { useId, useMemo, useState, type FormEvent } from 'react';
import { parsePeriod, periodLabel, quartersBetween, startYearOf, yearCode } from '../lib/periods';

interface Props {
  value: string;
  onChange(period: string): void;
  /** Include whole financial years as well as quarters. */
  years?: boolean;
  label?: string;
  around?: string | null;
}

/** Choose a period, then press the button: changing a select never moves the page by itself. */
export function PeriodPicker({ value, onChange, years = true, label = 'Period', around }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const options = useMemo(() => {
    const anchor = parsePeriod(around ?? value)?.startYear ?? startYearOf(new Date());
    const from = anchor - 3;
    const to = Math.max(anchor + 1, startYearOf(new Date()));
    const list: { code: string; label: string }[] = [];
    for (let y = to; y >= from; y -= 1) {
      for (const q of quartersBetween(y, y)) list.push({ code: q, label: periodLabel(q) });
      if (years) list.push({ code: yearCode(y), label: `${periodLabel(yearCode(y))} (whole year)` });
    }
    if (value && !list.some((o) => o.code === value)) list.unshift({ code: value, label: periodLabel(value) });
    return list;
  }, [around, value, years]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onChange(draft);
  }

  return (
    <form className="gt-inline-form gt-no-print" onSubmit={submit} aria-label="Choose a period">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={id}>
          {label}
        </label>
        <select id={id} className="govuk-select" value={draft} onChange={(e) => setDraft(e.target.value)}>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show
      </button>
    </form>
  );
}
