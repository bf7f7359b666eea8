import { Link } from 'react-router';
import { useMyDeadlines } from '../api/opsQueries';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { QueryError } from './Status';
import { StateTag } from './StateTag';
import { ATTENTION_STATES, countsSentence, dataEntryLink, deadlineWhen, sortDeadlines } from '../lib/deadlines';
import { DEADLINE_STATE_LABELS } from '../lib/calendar';
import { periodLabel } from '../lib/periods';
import '../styles/ops.scss';

const SHOWN = 10;

/** "My deadlines" on the dashboard: the signed-in owner's figures overdue, due soon and due. */
export function MyDeadlines() {
  const me = useCurrentUser();
  const q = useMyDeadlines();
  return (
    <section className="gt-my-deadlines gt-no-print" aria-labelledby="my-deadlines" data-testid="my-deadlines">
      <h2 className="govuk-heading-l" id="my-deadlines">
        My deadlines
      </h2>
      {q.isPending ? (
        <p className="govuk-body" role="status">
          Loading your deadlines…
        </p>
      ) : null}
      {q.isError ? <QueryError error={q.error} retry={() => q.refetch()} what="your deadlines" /> : null}
      {q.data ? (
        <>
          <ul className="gt-deadline-counts" aria-label="Your figures by deadline">
            {ATTENTION_STATES.map((s) => (
              <li key={s} className={`gt-deadline-count gt-deadline-count--${s}`} data-testid={`deadline-count-${s}`}>
                <span className="gt-deadline-count__n">{q.data.counts[s] ?? 0}</span>{' '}
                <span className="gt-deadline-count__label">{DEADLINE_STATE_LABELS[s]}</span>
              </li>
            ))}
          </ul>
          {q.data.items.length === 0 ? (
            <p className="govuk-body">Nothing of yours is overdue or due: every figure asked for so far is in.</p>
          ) : (
            <>
              <p className="govuk-body govuk-visually-hidden">{countsSentence(q.data.counts)}.</p>
              <ul className="gt-deadline-list">
                {sortDeadlines(q.data.items)
                  .slice(0, SHOWN)
                  .map((d) => (
                    <li key={`${d.indicator_id}-${d.period}`} className="gt-deadline-item" data-testid="my-deadline" data-state={d.state}>
                      <StateTag status={d.state} label={DEADLINE_STATE_LABELS[d.state]} />{' '}
                      <Link className="govuk-link" to={dataEntryLink(d)}>
                        Enter {d.code} for {periodLabel(d.period)}
                      </Link>
                      <span className="govuk-body-s gt-deadline-item__what">
                        {d.title}. {deadlineWhen(d)}
                        {d.outturn_status === 'draft' ? '. Only a draft is recorded' : ''}.
                      </span>
                    </li>
                  ))}
              </ul>
              {q.data.items.length > SHOWN ? (
                <p className="govuk-body">
                  And {q.data.items.length - SHOWN} more.{' '}
                  <Link className="govuk-link" to="/calendar?mine=1&view=year">
                    See all your deadlines in the calendar
                  </Link>
                  .
                </p>
              ) : null}
            </>
          )}
        </>
      ) : null}
      {isPerformanceTeam(me) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/late-data">
            Late data by directorate
          </Link>
        </p>
      ) : null}
    </section>
  );
}
