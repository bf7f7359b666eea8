import { useMemo, useState, type FormEvent } from 'react';
import { useOrgUnits } from '../../api/queries';
import type { CalendarCategory } from '../../api/types';
import {
  CATEGORIES,
  CATEGORY_LABELS, financialYearOfMonth, monthKey, parseMonthKey, yearParam
} from '../../lib/calendar';
import { indexOrgUnits } from '../../lib/orgTree';

const FIRST_YEAR = 2008;

export function CalendarFilters({
  startYear,
  thisYear,
  categories,
  orgUnit,
  mine,
  params,
  onApply,
}: {
  startYear: number;
  thisYear: number;
  categories: CalendarCategory[];
  orgUnit: number | null;
  mine: boolean;
  params: URLSearchParams;
  onApply: (p: URLSearchParams) => void;
}) {
  const orgUnits = useOrgUnits();
  const ordered = useMemo(() => indexOrgUnits(orgUnits.data ?? []).ordered, [orgUnits.data]);
  const [draftYear, setDraftYear] = useState(startYear);
  const [draftCats, setDraftCats] = useState<CalendarCategory[]>(categories);
  const [draftUnit, setDraftUnit] = useState(orgUnit ? String(orgUnit) : '');
  const [draftMine, setDraftMine] = useState(mine);
  const signature = `${startYear}|${categories.join(',')}|${orgUnit}|${mine}`;
  const [seen, setSeen] = useState(signature);
  if (seen !== signature) {
    setSeen(signature);
    setDraftYear(startYear);
    setDraftCats(categories);
    setDraftUnit(orgUnit ? String(orgUnit) : '');
    setDraftMine(mine);
  }
  const years: number[] = [];
  for (let y = Math.max(thisYear + 1, startYear); y >= Math.min(FIRST_YEAR, startYear); y -= 1) years.push(y);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    next.set('year', yearParam(draftYear));
    const view = params.get('view');
    if (view) next.set('view', view);
    const month = parseMonthKey(params.get('month'));
    if (view === 'month' && month && financialYearOfMonth(month.year, month.month) === draftYear) next.set('month', monthKey(month.year, month.month));
    for (const c of draftCats) next.append('category', c);
    if (draftUnit) next.set('org_unit', draftUnit);
    if (draftMine) next.set('mine', '1');
    onApply(next);
  }

  return (
    <form className="gt-calendar-filters gt-no-print" onSubmit={submit} aria-label="Choose what the calendar shows">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="cal-year">
          Financial year
        </label>
        <select id="cal-year" className="govuk-select" value={draftYear} onChange={(e) => setDraftYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {yearParam(y).replace('-', '/')}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="cal-unit">
          Service or directorate
        </label>
        <select id="cal-unit" className="govuk-select" value={draftUnit} onChange={(e) => setDraftUnit(e.target.value)}>
          <option value="">Whole council</option>
          {ordered.map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {'\u2014 '.repeat(depth)}
              {unit.name}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group gt-calendar-filters__categories">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Categories (none ticked: all)</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small gt-columns">
            {CATEGORIES.map((c) => (
              <div className="govuk-checkboxes__item" key={c}>
                <input
                  className="govuk-checkboxes__input"
                  id={`cal-cat-${c}`}
                  type="checkbox"
                  checked={draftCats.includes(c)}
                  onChange={(e) => setDraftCats((prev) => (e.target.checked ? [...prev, c] : prev.filter((x) => x !== c)))}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`cal-cat-${c}`}>
                  {CATEGORY_LABELS[c]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="cal-mine" type="checkbox" checked={draftMine} onChange={(e) => setDraftMine(e.target.checked)} aria-describedby="cal-mine-hint" />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="cal-mine">
              Only mine
            </label>
            <div className="govuk-hint govuk-checkboxes__hint" id="cal-mine-hint">
              Your data deadlines, and the events of your service and those above it.
            </div>
          </div>
        </div>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show
      </button>
    </form>
  );
}
