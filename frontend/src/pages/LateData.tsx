import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDeadlines, useLateData } from '../api/opsQueries';
import type { DeadlinesQuery, DirectorateLateData } from '../api/types';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { StateTag } from '../components/StateTag';
import { DEADLINE_STATE_LABELS, financialYearOfDate, formatDate, parseYearParam, yearParam } from '../lib/calendar';
import { dataEntryLink, OUTTURN_STATE_WORDS, sortDeadlines } from '../lib/deadlines';
import { pluralise } from '../lib/format';
import { periodLabel } from '../lib/periods';
import { withParams } from '../lib/searchParams';
import '../styles/ops.scss';

type Show = 'overdue' | 'late';

export default function LateDataPage() {
  const [params, setParams] = useSearchParams();
  const year = parseYearParam(params.get('year')) !== null ? params.get('year') : null;
  const directorateId = Number(params.get('directorate')) || null;
  const show: Show = params.get('show') === 'late' ? 'late' : 'overdue';
  const view = useLateData(year);
  const chosen = view.data?.directorates.find((d) => d.directorate_id === directorateId) ?? null;
  usePageTitle(chosen ? `Late data: ${chosen.directorate}` : 'Late data by directorate');

  const to = (changes: Record<string, string | null>) => withParams(params, changes);

  return (
    <>
      <h1 className="govuk-heading-xl">Late data by directorate</h1>
      <YearChooser
        year={year}
        onChange={(y) =>
          setParams((prev) => {
            const n = new URLSearchParams(prev);
            if (y) n.set('year', y);
            else n.delete('year');
            return n;
          })
        }
      />
      {view.isPending ? <Loading what="Loading the late data" /> : null}
      {view.isError ? <QueryError error={view.error} retry={() => view.refetch()} what="the late data" /> : null}
      {view.data ? (
        <div data-testid="late-data-ready">
          <p className="govuk-body govuk-!-margin-top-4">
            As at {formatDate(view.data.as_of)}. Figures are due {pluralise(view.data.rule.working_days_after, 'working day')} after their
            period ends{year ? `; every period of ${year.replace('-', '/')} is shown` : `; periods whose deadline fell in the last ${view.data.rule.lookback_days} days are shown`}.
          </p>
          {view.data.directorates.length === 0 ? (
            <Empty>No figures are due in this time.</Empty>
          ) : (
            <DirectorateTable rows={view.data.directorates} totals={view.data.totals} link={(id) => to({ directorate: String(id), show: null })} />
          )}
          {directorateId ? (
            chosen ? (
              <Drill directorate={chosen} year={year} show={show} showLink={(s) => to({ show: s === 'late' ? 'late' : null })} />
            ) : (
              <Empty>That directorate has no figures due in this time.</Empty>
            )
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function YearChooser({ year, onChange }: { year: string | null; onChange: (y: string | null) => void }) {
  const [draft, setDraft] = useState(year ?? '');
  const [seen, setSeen] = useState(year);
  if (seen !== year) {
    setSeen(year);
    setDraft(year ?? '');
  }
  const thisYear = financialYearOfDate(new Date());
  const years = Array.from({ length: 6 }, (_, i) => yearParam(thisYear - i));
  if (year && !years.includes(year)) years.push(year);
  function submit(e: FormEvent) {
    e.preventDefault();
    onChange(draft || null);
  }
  return (
    <form className="gt-inline-form gt-no-print" onSubmit={submit} aria-label="Choose the periods">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="late-year">
          Periods
        </label>
        <select id="late-year" className="govuk-select" value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">Recent deadlines</option>
          {years.map((y) => (
            <option key={y} value={y}>
              Financial year {y.replace('-', '/')}
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

const COLUMNS: { key: keyof DirectorateLateData; label: string }[] = [
  { key: 'indicators', label: 'Indicators' },
  { key: 'missing', label: 'Overdue, nothing recorded' },
  { key: 'draft', label: 'Overdue, only a draft' },
  { key: 'late', label: 'Handed in late' },
  { key: 'due_soon', label: 'Due soon' },
  { key: 'received', label: 'Received' },
];

function DirectorateTable({ rows, totals, link }: { rows: DirectorateLateData[]; totals: DirectorateLateData; link: (id: number) => string }) {
  return (
    <div className="gt-table-wrap" role="region" aria-label="Late data by directorate" tabIndex={0}>
      <table className="govuk-table" data-testid="late-by-directorate">
        <caption className="govuk-table__caption govuk-table__caption--m">Figures by directorate, worst first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Directorate
            </th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {c.label}
              </th>
            ))}
            <th scope="col" className="govuk-table__header">
              Oldest overdue deadline
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr key={r.directorate_id ?? 'none'} className="govuk-table__row" data-testid="late-row">
              <th scope="row" className="govuk-table__header">
                {r.directorate_id !== null ? (
                  <Link className="govuk-link" to={link(r.directorate_id)}>
                    {r.directorate}
                  </Link>
                ) : (
                  r.directorate
                )}
              </th>
              {COLUMNS.map((c) => (
                <td key={c.key} className="govuk-table__cell govuk-table__cell--numeric">
                  {String(r[c.key] ?? 0)}
                </td>
              ))}
              <td className="govuk-table__cell">{r.oldest_overdue ? formatDate(r.oldest_overdue) : 'None'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="govuk-table__row gt-totals">
            <th scope="row" className="govuk-table__header">
              {totals.directorate}
            </th>
            {COLUMNS.map((c) => (
              <td key={c.key} className="govuk-table__cell govuk-table__cell--numeric">
                {String(totals[c.key] ?? 0)}
              </td>
            ))}
            <td className="govuk-table__cell">{totals.oldest_overdue ? formatDate(totals.oldest_overdue) : 'None'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Drill({ directorate, year, show, showLink }: { directorate: DirectorateLateData; year: string | null; show: Show; showLink: (s: Show) => string }) {
  const query: DeadlinesQuery =
    show === 'late'
      ? { org_unit: directorate.directorate_id, late: true, year, limit: 500 }
      : { org_unit: directorate.directorate_id, state: ['overdue'], year, limit: 500 };
  const list = useDeadlines(query);
  const items = sortDeadlines(list.data?.items ?? []);
  const heading = show === 'late' ? `Handed in late: ${directorate.directorate}` : `Overdue figures: ${directorate.directorate}`;
  return (
    <section aria-labelledby="drill-heading" className="govuk-!-margin-top-6" data-testid="late-drill">
      <h2 className="govuk-heading-l" id="drill-heading">
        {heading}
      </h2>
      <nav aria-label="Which figures" className="gt-view-switch">
        <ul className="gt-view-switch__list">
          {(['overdue', 'late'] as const).map((s) => (
            <li key={s}>
              {s === show ? (
                <span className="gt-view-switch__current" aria-current="page">
                  {s === 'overdue' ? 'Overdue' : 'Handed in late'}
                </span>
              ) : (
                <Link className="govuk-link" to={showLink(s)}>
                  {s === 'overdue' ? 'Overdue' : 'Handed in late'}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {list.isPending ? <Loading what="Loading the figures" /> : null}
      {list.isError ? <QueryError error={list.error} retry={() => list.refetch()} what="the figures" /> : null}
      {list.data && items.length === 0 ? <Empty>{show === 'late' ? 'No figures were handed in late.' : 'Nothing is overdue.'}</Empty> : null}
      {items.length ? (
        <div className="gt-table-wrap" role="region" aria-labelledby="drill-heading" tabIndex={0}>
          <table className="govuk-table" data-testid="late-items">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Indicator
                </th>
                <th scope="col" className="govuk-table__header">
                  Period
                </th>
                <th scope="col" className="govuk-table__header">
                  Deadline
                </th>
                <th scope="col" className="govuk-table__header">
                  State
                </th>
                <th scope="col" className="govuk-table__header">
                  Recorded
                </th>
                <th scope="col" className="govuk-table__header">
                  Owner
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((d) => (
                <tr key={`${d.indicator_id}-${d.period}`} className="govuk-table__row" data-testid="late-item">
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/indicators/${d.indicator_id}`}>
                      {d.code}
                    </Link>{' '}
                    <span className="govuk-body-s">{d.title}</span>
                  </th>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={dataEntryLink(d)}>
                      {periodLabel(d.period)}
                      <span className="govuk-visually-hidden">: enter the figure for {d.code}</span>
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    {formatDate(d.deadline)}
                    {d.days_overdue ? <span className="govuk-body-s"> ({pluralise(d.days_overdue, 'day')} ago)</span> : null}
                  </td>
                  <td className="govuk-table__cell">
                    <StateTag status={d.late ? 'overdue' : d.state} label={d.late ? 'Handed in late' : DEADLINE_STATE_LABELS[d.state]} />
                  </td>
                  <td className="govuk-table__cell">
                    {d.outturn_status ? OUTTURN_STATE_WORDS[d.outturn_status] : 'Nothing'}
                    {d.received_on ? ` (${formatDate(d.received_on)})` : ''}
                  </td>
                  <td className="govuk-table__cell">{d.owner_name ?? 'No owner'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
