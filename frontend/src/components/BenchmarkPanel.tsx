import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import { useBenchmark } from '../api/reportQueries';
import type { Benchmark } from '../api/reportTypes';
import { Empty, Loading, QueryError } from './Status';
import { formatValue } from '../lib/format';
import { aimWords, groupKindWords, metWords, quartileWords, rankWords } from '../lib/benchmark';
import { periodLabel } from '../lib/periods';
import '../styles/reports.scss';

/** The indicator against other councils: rank of N, quartile, median, comparators, aims. */
export function BenchmarkPanel({ indicatorId }: { indicatorId: number }) {
  const [choice, setChoice] = useState<{ group: string | null; year: string | null }>({ group: null, year: null });
  const bench = useBenchmark(indicatorId, choice.group, choice.year);

  return (
    <section className="govuk-!-margin-top-6" aria-labelledby="benchmark-title" data-testid="benchmark-panel">
      <h2 className="govuk-heading-m" id="benchmark-title">
        Compared with other councils
      </h2>
      {bench.isPending ? <Loading what="Loading the comparison" /> : null}
      {bench.isError ? (
        bench.error instanceof ApiError && bench.error.status === 404 ? (
          <Empty>There are no comparator figures for this indicator.</Empty>
        ) : (
          <QueryError error={bench.error} retry={() => bench.refetch()} what="the comparison" />
        )
      ) : null}
      {bench.data ? <BenchmarkBody b={bench.data} onChoose={setChoice} /> : null}
    </section>
  );
}

function Chooser({ b, onChoose }: { b: Benchmark; onChoose(c: { group: string | null; year: string | null }): void }) {
  const id = useId();
  const [group, setGroup] = useState(b.group?.code ?? '');
  const [year, setYear] = useState(b.year ?? '');
  if (b.available_groups.length <= 1 && b.available_years.length <= 1) return null;
  function submit(e: FormEvent) {
    e.preventDefault();
    onChoose({ group: group || null, year: year || null });
  }
  return (
    <form className="gt-inline-form gt-no-print govuk-!-margin-bottom-4" onSubmit={submit} aria-label="Choose the comparison">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-g`}>
          Compare with
        </label>
        <select id={`${id}-g`} className="govuk-select" value={group} onChange={(e) => setGroup(e.target.value)}>
          {b.available_groups.map((g) => (
            <option key={g.code} value={g.code}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-y`}>
          Year
        </label>
        <select id={`${id}-y`} className="govuk-select" value={year} onChange={(e) => setYear(e.target.value)}>
          {b.available_years.map((y) => (
            <option key={y} value={y}>
              {periodLabel(y)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Compare
      </button>
    </form>
  );
}

function BenchmarkBody({ b, onChoose }: { b: Benchmark; onChoose(c: { group: string | null; year: string | null }): void }) {
  // Published figures and quartile thresholds keep their own precision: a threshold rounded
  // to the indicator's places could read as reached when it is not.
  const v = (x: string | null | undefined) => formatValue(x, b.unit);
  if (!b.group || b.comparators.length === 0) {
    return (
      <>
        <Chooser b={b} onChoose={onChoose} />
        <Empty>{b.explanation || 'There are no comparator figures for this indicator yet.'}</Empty>
      </>
    );
  }
  const s = b.statistics;
  const rows: [string, string][] = [
    ['Comparator group', `${b.group.name} (${groupKindWords(b.group.kind)})`],
    ['Year', b.year ? periodLabel(b.year) : '–'],
    ['Our value', `${v(b.own.value)}${b.own.source === 'comparator' ? ' (as published)' : ''}`],
    ['Rank', b.ranked ? rankWords(b.rank, b.number_ranked) : 'Not ranked: no better direction'],
    ['Quartile', b.ranked ? quartileWords(b.quartile) : 'Not ranked'],
    ['Median', v(s.median)],
    ['Lower and upper quartiles', `${v(s.lower_quartile)} and ${v(s.upper_quartile)}`],
    ['Value to reach the top quartile', v(s.top_quartile_threshold)],
  ];
  return (
    <>
      <Chooser b={b} onChoose={onChoose} />
      <p className="govuk-body" data-testid="benchmark-explanation">
        {b.explanation}
      </p>
      <dl className="govuk-summary-list" data-testid="benchmark-summary">
        {rows.map(([k, val]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{val}</dd>
          </div>
        ))}
      </dl>
      {b.aims.length ? (
        <>
          <h3 className="govuk-heading-s">Benchmark aims</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="benchmark-aims">
            {b.aims.map((a) => (
              <li key={a.id}>
                <strong>
                  {periodLabel(a.period)}: {aimWords(a.aim, a.rank)}
                </strong>{' '}
                of {a.group.name}
                {a.resolved_value !== null ? ` (${v(a.resolved_value)}${a.basis_used ? ` in ${periodLabel(a.basis_used)}` : ''})` : ''}.{' '}
                <span className="gt-fact-label">Met:</span> {metWords(a.met)}.
                {a.explanation ? <span className="govuk-body-s gt-muted"> {a.explanation}</span> : null}
                {a.note ? <span className="govuk-body-s"> Note: {a.note}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">All {b.comparators.length} councils in the group</span>
        </summary>
        <div className="govuk-details__text">
          <div className="gt-table-wrap" role="region" aria-labelledby="benchmark-table-caption" tabIndex={0}>
            <table className="govuk-table gt-report-table" data-testid="benchmark-table">
              <caption className="govuk-table__caption govuk-table__caption--s" id="benchmark-table-caption">
                {b.group.name}, {b.year ? periodLabel(b.year) : ''}: best first
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rank</th>
                  <th scope="col" className="govuk-table__header">Council</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Value</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Quartile</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {b.comparators.map((c) => (
                  <tr key={c.council_id} className={`govuk-table__row${c.is_us ? ' gt-benchmark-us' : ''}`}>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.rank ?? '–'}</td>
                    <th scope="row" className="govuk-table__header">
                      {c.is_us ? <strong>{c.name} (this council)</strong> : c.name}
                      {c.period_label && c.period_label !== b.year ? <span className="gt-muted"> ({c.period_label})</span> : null}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{v(c.value)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.quartile ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </details>
    </>
  );
}
