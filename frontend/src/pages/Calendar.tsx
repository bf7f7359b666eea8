import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { opsKeys, useCalendar } from '../api/opsQueries';
import { useOrgUnits } from '../api/queries';
import type { CalendarCategory, CalendarEntry, CalendarQuery } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { CalendarEntryItem, CategoryTag } from '../components/CalendarEntry';
import { CalendarSubscribe } from '../components/CalendarSubscribe';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  countByCategory,
  financialYearMonths,
  financialYearOfDate,
  financialYearOfMonth,
  groupByDay,
  groupByMonth,
  isoDate,
  monthGrid,
  monthKey,
  monthLabel,
  parseMonthKey,
  parseYearParam,
  shiftMonth,
  WEEKDAYS,
  yearParam,
} from '../lib/calendar';
import { errorMessage } from '../api/problem';
import { indexOrgUnits } from '../lib/orgTree';
import { pluralise } from '../lib/format';
import '../styles/ops.scss';

const FIRST_YEAR = 2008;

function todayIso(): string {
  const d = new Date();
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

export default function CalendarPage() {
  const me = useCurrentUser();
  const team = isPerformanceTeam(me);
  const [params, setParams] = useSearchParams();
  const thisYear = financialYearOfDate(new Date());
  const startYear = parseYearParam(params.get('year')) ?? thisYear;
  const year = yearParam(startYear);
  const view = params.get('view') === 'month' ? 'month' : 'year';
  const categories = params.getAll('category').filter((c): c is CalendarCategory => (CATEGORIES as string[]).includes(c));
  const orgUnit = Number(params.get('org_unit')) || null;
  const mine = params.get('mine') === '1';
  const months = financialYearMonths(startYear);
  const today = todayIso();
  const requested = parseMonthKey(params.get('month'));
  const month =
    requested && financialYearOfMonth(requested.year, requested.month) === startYear
      ? requested
      : (months.find((m) => m.key === today.slice(0, 7)) ?? months[0])!;

  const query: CalendarQuery = { year, category: categories.length ? categories : null, org_unit: orgUnit, mine };
  const calendar = useCalendar(query);
  const entries = useMemo(() => calendar.data?.items ?? [], [calendar.data]);
  const byMonth = useMemo(() => groupByMonth(entries), [entries]);
  const hasEvents = entries.some((e) => e.kind === 'event');
  const filtered = categories.length > 0 || !!orgUnit || mine;

  const title = view === 'month' ? `${monthLabel(month.year, month.month)}: the annual cycle` : `The annual cycle ${year.replace('-', '/')}`;
  usePageTitle(title);

  function link(changes: Record<string, string | null>): string {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  }

  return (
    <>
      <span className="govuk-caption-l">Planning and reporting calendar</span>
      <h1 className="govuk-heading-xl">{view === 'month' ? monthLabel(month.year, month.month) : `The annual cycle ${year.replace('-', '/')}`}</h1>
      <p className="govuk-body">
        The year's planning, budget and reporting events from the council's timetable, with the deadlines for
        performance figures.
      </p>

      <Filters startYear={startYear} thisYear={thisYear} categories={categories} orgUnit={orgUnit} mine={mine} onApply={(next) => setParams(next)} params={params} />

      <nav className="gt-view-switch" aria-label="Calendar view">
        <ul className="gt-view-switch__list">
          <li>
            {view === 'year' ? (
              <span className="gt-view-switch__current" aria-current="page">
                Year
              </span>
            ) : (
              <Link className="govuk-link" to={link({ view: null, month: null })}>
                Year
              </Link>
            )}
          </li>
          <li>
            {view === 'month' ? (
              <span className="gt-view-switch__current" aria-current="page">
                Month
              </span>
            ) : (
              <Link className="govuk-link" to={link({ view: 'month', month: monthKey(month.year, month.month) })}>
                Month
              </Link>
            )}
          </li>
        </ul>
      </nav>

      {calendar.isPending ? <Loading what="Loading the calendar" /> : null}
      {calendar.isError ? <QueryError error={calendar.error} retry={() => calendar.refetch()} what="the calendar" /> : null}
      {calendar.data ? (
        <div data-testid="calendar-ready" aria-busy={calendar.isFetching && calendar.isPlaceholderData ? true : undefined}>
          {!hasEvents && !filtered ? <NoEvents year={year} team={team} /> : null}
          {entries.length === 0 ? <Empty>Nothing in the calendar matches.</Empty> : null}
          {view === 'year' ? (
            <YearView months={months} byMonth={byMonth} monthLink={(key) => link({ view: 'month', month: key })} />
          ) : (
            <MonthView
              year={month.year}
              month={month.month}
              entries={byMonth.get(monthKey(month.year, month.month)) ?? []}
              today={today}
              prev={shiftMonth(month.year, month.month, -1)}
              next={shiftMonth(month.year, month.month, 1)}
              monthLink={(y, m) => link({ view: 'month', month: monthKey(y, m), year: yearParam(financialYearOfMonth(y, m)) })}
            />
          )}
        </div>
      ) : null}

      <CalendarSubscribe />
    </>
  );
}

function Filters({
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

function NoEvents({ year, team }: { year: string; team: boolean }) {
  const queryClient = useQueryClient();
  const make = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/cycle/instantiate', { body: { year, refresh: false } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opsKeys.calendarAll }),
  });
  return (
    <div className="govuk-inset-text" data-testid="no-events">
      <p className="govuk-body">No events of the cycle have been set out for {year.replace('-', '/')} yet{team ? '' : '. The performance team sets them out from the timetable'}.</p>
      {team ? (
        <>
          <button type="button" className="govuk-button govuk-!-margin-bottom-0" disabled={make.isPending} onClick={() => make.mutate()}>
            Set out {year.replace('-', '/')} from the timetable
          </button>
          {make.isError ? (
            <p className="govuk-error-message" role="alert">
              <span className="govuk-visually-hidden">Error:</span> {errorMessage(make.error)}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function YearView({
  months,
  byMonth,
  monthLink,
}: {
  months: { year: number; month: number; key: string }[];
  byMonth: Map<string, CalendarEntry[]>;
  monthLink: (key: string) => string;
}) {
  return (
    <div className="gt-year" data-testid="year-view">
      {months.map((m) => {
        const list = byMonth.get(m.key) ?? [];
        const headingId = `month-${m.key}`;
        return (
          <section key={m.key} className="gt-year__month" aria-labelledby={headingId} data-testid={`month-${m.key}`}>
            <h2 className="govuk-heading-m gt-year__heading" id={headingId}>
              <Link className="govuk-link" to={monthLink(m.key)}>
                {monthLabel(m.year, m.month)}
              </Link>
            </h2>
            <p className="govuk-body-s gt-muted">
              {list.length ? `${pluralise(list.length, 'entry', 'entries')}: ${countByCategory(list).map((c) => `${c.count} ${CATEGORY_LABELS[c.category].toLowerCase()}`).join(', ')}` : 'Nothing this month.'}
            </p>
            {list.length ? (
              <ul className="gt-entries">
                {list.map((e) => (
                  <CalendarEntryItem key={e.uid} entry={e} />
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function MonthView({
  year,
  month,
  entries,
  today,
  prev,
  next,
  monthLink,
}: {
  year: number;
  month: number;
  entries: CalendarEntry[];
  today: string;
  prev: { year: number; month: number };
  next: { year: number; month: number };
  monthLink: (y: number, m: number) => string;
}) {
  const weeks = monthGrid(year, month);
  const byDay = groupByDay(entries);
  return (
    <div data-testid="month-view">
      <nav className="govuk-pagination govuk-pagination--block gt-month-nav" aria-label="Months">
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={monthLink(prev.year, prev.month)} rel="prev">
            <span className="govuk-pagination__link-title">Previous month</span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{monthLabel(prev.year, prev.month)}</span>
          </Link>
        </div>
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={monthLink(next.year, next.month)} rel="next">
            <span className="govuk-pagination__link-title">Next month</span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{monthLabel(next.year, next.month)}</span>
          </Link>
        </div>
      </nav>
      <div className="gt-table-wrap" role="region" aria-label={`${monthLabel(year, month)}, by day`} tabIndex={0}>
        <table className="govuk-table gt-month" data-testid="month-grid">
          <caption className="govuk-table__caption govuk-table__caption--m">{monthLabel(year, month)}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col" className="govuk-table__header gt-month__weekday">
                  <span aria-hidden="true">{d.slice(0, 3)}</span>
                  <span className="govuk-visually-hidden">{d}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {weeks.map((week, i) => (
              <tr className="govuk-table__row" key={i}>
                {week.map((cell, j) => {
                  if (!cell) return <td key={j} className="govuk-table__cell gt-month__cell gt-month__cell--empty" />;
                  const list = byDay.get(cell.iso) ?? [];
                  const isToday = cell.iso === today;
                  return (
                    <td key={j} className={`govuk-table__cell gt-month__cell${isToday ? ' gt-month__cell--today' : ''}`} data-date={cell.iso}>
                      <span className="gt-month__date">
                        {cell.day}
                        {isToday ? <span className="gt-month__today"> Today</span> : null}
                      </span>
                      {list.length ? (
                        <ul className="gt-month__entries">
                          {list.map((e) => (
                            <li key={e.uid} className={`gt-month__entry gt-cat--${e.category}`}>
                              <CategoryTag category={e.category} short />
                              <a
                                className="govuk-link gt-month__link"
                                href={`#entry-${e.uid}`}
                                onClick={(ev) => {
                                  const el = document.getElementById(`entry-${e.uid}`);
                                  if (el) {
                                    ev.preventDefault();
                                    el.focus();
                                    el.scrollIntoView({ block: 'center' });
                                  }
                                }}
                              >
                                {e.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="month-list">
        {monthLabel(year, month)} in detail
      </h2>
      {entries.length ? (
        <ul className="gt-entries" aria-labelledby="month-list">
          {entries.map((e) => (
            <CalendarEntryItem key={e.uid} entry={e} focusable />
          ))}
        </ul>
      ) : (
        <p className="govuk-body">Nothing this month.</p>
      )}
    </div>
  );
}
