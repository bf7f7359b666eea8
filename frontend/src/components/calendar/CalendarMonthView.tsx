import { Link } from 'react-router';
import type { CalendarEntry } from '../../api/types';
import { CalendarEntryItem, CategoryTag } from '../CalendarEntry';
import {
  groupByDay, monthGrid, monthLabel, WEEKDAYS
} from '../../lib/calendar';

export function CalendarMonthView({
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
