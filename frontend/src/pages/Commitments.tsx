import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCommitments } from '../api/planning';
import type { Commitment } from '../api/planningTypes';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { usePageTitle } from '../components/Layout';
import { useNames } from '../components/Planning';
import { Empty, Loading, QueryError } from '../components/Status';
import { formatDateTime, pluralise } from '../lib/format';
import { yearSpan } from '../lib/planning';
import { startYearOf, yearCode } from '../lib/periods';
import '../styles/thread.scss';

export default function CommitmentsPage() {
  usePageTitle('Commitments');
  const me = useCurrentUser();
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? '';
  const list = useCommitments(year ? { year } : {});
  const thisYear = startYearOf(new Date());
  const years = Array.from({ length: 6 }, (_, i) => yearCode(thisYear + 1 - i));
  const rows = useMemo(
    () =>
      [...(list.data ?? [])].sort(
        (a, b) => b.year.localeCompare(a.year) || a.manager_name.localeCompare(b.manager_name),
      ),
    [list.data],
  );
  const mine = rows.filter((c) => c.manager_id === me.id);
  const toSign = rows.filter((c) => c.line_manager_id === me.id && !c.signed_off);
  const others = rows.filter((c) => c.manager_id !== me.id);

  return (
    <>
      <span className="govuk-caption-l">Balanced scorecard</span>
      <h1 className="govuk-heading-xl">Commitments</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Each director’s, head of service’s and manager’s commitments for the year, in the four quadrants of the balanced
        scorecard. They are reviewed in September and January and signed off by the manager’s own line manager.
      </p>
      <YearChooser key={year} value={year} years={years} onChoose={(y) => setParams(y ? { year: y } : {})} />
      {list.isPending ? <Loading what="Loading the commitments" /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => list.refetch()} what="the commitments" /> : null}
      {list.isSuccess ? (
        <div data-testid="commitments-ready">
          {toSign.length ? (
            <div className="govuk-inset-text">
              {pluralise(toSign.length, 'set')} of commitments {toSign.length === 1 ? 'waits' : 'wait'} for your sign-off.
            </div>
          ) : null}
          <h2 className="govuk-heading-l">Your commitments</h2>
          {mine.length ? (
            <CommitmentList items={mine} unit={names.unit} />
          ) : (
            <p className="govuk-body">You have no commitments recorded{year ? ` for ${yearSpan(year, year)}` : ''}.</p>
          )}
          <h2 className="govuk-heading-l">{isPerformanceTeam(me) ? 'Everyone’s commitments' : 'Commitments you can see'}</h2>
          {others.length ? <CommitmentList items={others} unit={names.unit} /> : <Empty>No other commitments to show.</Empty>}
        </div>
      ) : null}
    </>
  );
}

function CommitmentList({
  items,
  unit,
}: {
  items: Commitment[];
  unit(id: number): string | null;
}) {
  return (
    <div className="gt-table-wrap" role="region" aria-label="Commitments" tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">Commitments by manager and year</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Manager</th>
            <th scope="col" className="govuk-table__header">Year</th>
            <th scope="col" className="govuk-table__header">Service</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rows</th>
            <th scope="col" className="govuk-table__header">Reviews</th>
            <th scope="col" className="govuk-table__header">Sign-off</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((c) => (
            <tr className="govuk-table__row" key={c.id}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/commitments/${c.id}`}>
                  {c.manager_name}
                  <span className="govuk-visually-hidden">, {yearSpan(c.year, c.year)}</span>
                </Link>
              </th>
              <td className="govuk-table__cell">{yearSpan(c.year, c.year)}</td>
              <td className="govuk-table__cell">{unit(c.org_unit_id) ?? '–'}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{c.quadrants.reduce((n, q) => n + q.items.length, 0)}</td>
              <td className="govuk-table__cell">
                {c.reviews.length === 0 ? 'None yet' : c.reviews.map((r) => (r.kind === 'september' ? 'September' : 'January')).join(' and ')}
              </td>
              <td className="govuk-table__cell">
                {c.signed_off ? (
                  <>
                    <strong className="govuk-tag govuk-tag--green gt-tag-words">Signed off</strong>
                    <div className="govuk-body-s gt-muted govuk-!-margin-bottom-0">
                      {c.signed_off_by_name ?? ''} {c.signed_off_at ? formatDateTime(c.signed_off_at) : ''}
                    </div>
                  </>
                ) : (
                  <strong className="govuk-tag govuk-tag--grey gt-tag-words">Not signed off</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function YearChooser({ value, years, onChoose }: { value: string; years: string[]; onChoose(y: string): void }) {
  const [draft, setDraft] = useState(value);
  function submit(e: FormEvent) {
    e.preventDefault();
    onChoose(draft);
  }
  return (
    <form className="gt-inline-form govuk-!-margin-bottom-6" onSubmit={submit} aria-label="Choose a year">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="commitments-year">
          Year
        </label>
        <select id="commitments-year" className="govuk-select" value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">Every year</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {yearSpan(y, y)}
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
