import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCalendar } from '../api/opsQueries';
import type { CalendarCategory, CalendarQuery } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { CalendarSubscribe } from '../components/CalendarSubscribe';
import {
  CATEGORIES, financialYearMonths,
  financialYearOfDate,
  financialYearOfMonth, groupByMonth,
  isoDate, monthKey,
  monthLabel,
  parseMonthKey,
  parseYearParam,
  shiftMonth, yearParam
} from '../lib/calendar';
import { CalendarFilters } from '../components/calendar/CalendarFilters';
import { NoCalendarEvents } from '../components/calendar/NoCalendarEvents';
import { CalendarYearView } from '../components/calendar/CalendarYearView';
import { CalendarMonthView } from '../components/calendar/CalendarMonthView';
import { withParams } from '../lib/searchParams';
import '../styles/ops.scss';

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

  const link = (changes: Record<string, string | null>) => withParams(params, changes);

  return (
    <>
      <span className="govuk-caption-l">Planning and reporting calendar</span>
      <h1 className="govuk-heading-xl">{view === 'month' ? monthLabel(month.year, month.month) : `The annual cycle ${year.replace('-', '/')}`}</h1>
      <p className="govuk-body">
        The year's planning, budget and reporting events from the council's timetable, with the deadlines for
        performance figures.
      </p>

      <CalendarFilters startYear={startYear} thisYear={thisYear} categories={categories} orgUnit={orgUnit} mine={mine} onApply={(next) => setParams(next)} params={params} />

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
          {!hasEvents && !filtered ? <NoCalendarEvents year={year} team={team} /> : null}
          {entries.length === 0 ? <Empty>Nothing in the calendar matches.</Empty> : null}
          {view === 'year' ? (
            <CalendarYearView months={months} byMonth={byMonth} monthLink={(key) => link({ view: 'month', month: key })} />
          ) : (
            <CalendarMonthView
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
