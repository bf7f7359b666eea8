import { Link } from 'react-router';
import type { CalendarEntry } from '../../api/types';
import { CalendarEntryItem } from '../CalendarEntry';
import {
  CATEGORY_LABELS,
  countByCategory, monthLabel
} from '../../lib/calendar';
import { pluralise } from '../../lib/format';

export function CalendarYearView({
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
