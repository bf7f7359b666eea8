/** The public performance page: no sign-in, verified figures only, in plain words. */
import { PUBLIC_DOWNLOADS, usePublicPerformance, type PublicIndicator } from '../api/publicClient';
import { usePageTitle } from '../components/Layout';
import { RagIcon } from '../components/RagTag';
import { Sparkline } from '../components/Sparkline';
import { Empty, Loading, QueryError } from '../components/Status';
import { periodLabel } from '../lib/periods';
import { anchorFor, latestWords, seriesWords, shown, targetWords } from '../lib/publicPerf';
import '../styles/reports.scss';

export default function PublicPerformancePage() {
  const page = usePublicPerformance();
  usePageTitle(page.data?.title ?? 'How we are doing');

  return (
    <div className="gt-public" data-testid="public-page">
      <span className="govuk-caption-l">Council performance</span>
      <h1 className="govuk-heading-xl">{page.data?.title ?? 'How we are doing'}</h1>
      {page.isPending ? <Loading what="Loading the figures" /> : null}
      {page.isError ? <QueryError error={page.error} retry={() => page.refetch()} what="the figures" /> : null}
      {page.data ? (
        <div data-testid="public-ready">
          <p className="govuk-body-l">{page.data.notes}</p>
          <Key />
          {page.data.priorities.length > 1 ? (
            <nav aria-labelledby="public-contents" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-s" id="public-contents">
                Contents
              </h2>
              <ul className="govuk-list">
                {page.data.priorities.map((p) => (
                  <li key={p.priority}>
                    <a className="govuk-link" href={`#${anchorFor(p.priority)}`}>
                      {p.priority}
                    </a>
                  </li>
                ))}
                <li>
                  <a className="govuk-link" href="#public-downloads">
                    Download the data
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}
          {page.data.priorities.length === 0 ? <Empty>No figures have been published yet.</Empty> : null}
          {page.data.priorities.map((p) => (
            <section key={p.priority} className="gt-public-priority" aria-labelledby={anchorFor(p.priority)} data-testid="public-priority">
              <h2 className="govuk-heading-l" id={anchorFor(p.priority)}>
                {p.priority}
              </h2>
              <ul className="gt-public-cards">
                {p.indicators.map((i) => (
                  <IndicatorCard key={i.code} i={i} />
                ))}
              </ul>
            </section>
          ))}
          <Downloads />
        </div>
      ) : null}
    </div>
  );
}

function Key() {
  const shapes = [
    ['green', 'On target'],
    ['amber', 'Just off target'],
    ['red', 'Off target'],
  ] as const;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body govuk-!-margin-bottom-2">Each status is shown by a shape and in words:</p>
      <ul className="gt-legend govuk-!-margin-top-0" aria-label="Key to the status shapes">
        {shapes.map(([rag, words]) => (
          <li key={rag} className={`gt-rag-head gt-rag-head--${rag}`}>
            <RagIcon rag={rag} size={14} />
            {words}
          </li>
        ))}
      </ul>
    </div>
  );
}

function IndicatorCard({ i }: { i: PublicIndicator }) {
  const series = i.series.map((p) => ({ label: periodLabel(p.period), value: p.value === null ? null : Number(p.value) }));
  const target = i.target === null ? null : Number(i.target);
  const summary = seriesWords(i.title, i.series, i);
  const tableId = `figures-${i.code.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <li className="gt-public-card" data-testid="public-indicator" data-code={i.code}>
      <h3 className="govuk-heading-m gt-public-card__title">{i.title}</h3>
      {i.official_title !== i.title ? (
        <p className="govuk-body-s gt-muted govuk-!-margin-bottom-2">
          Official measure: {i.code} {i.official_title}
        </p>
      ) : (
        <p className="govuk-body-s gt-muted govuk-!-margin-bottom-2">{i.code}</p>
      )}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Latest figure</dt>
          <dd className="govuk-summary-list__value" data-testid="public-value">
            {latestWords(i)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Target</dt>
          <dd className="govuk-summary-list__value">{targetWords(i)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value" data-testid="public-status">
            <strong className={`gt-rag gt-rag--${i.status}`} data-rag={i.status}>
              <RagIcon rag={i.status} />
              {i.status_words}
            </strong>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Trend</dt>
          <dd className="govuk-summary-list__value" data-testid="public-trend">
            {i.trend_words}
            {i.previous_year_value !== null ? ` (a year earlier: ${shown(i.previous_year_value, i)})` : ''}
          </dd>
        </div>
        {i.better ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Which way is better</dt>
            <dd className="govuk-summary-list__value">{i.better}</dd>
          </div>
        ) : null}
      </dl>
      <p className="govuk-body-s">{i.explanation}</p>
      {series.some((p) => p.value !== null) ? (
        <figure className="govuk-!-margin-0 govuk-!-margin-bottom-3">
          <Sparkline points={series} target={target} summary={summary} testId="public-chart" />
          <figcaption className="govuk-body-s govuk-!-margin-top-1">
            Verified figures by period (solid line){target !== null ? ' against the current target (dashed line)' : ''}. The figures are in the table below.
          </figcaption>
        </figure>
      ) : null}
      <details className="govuk-details govuk-!-margin-bottom-0">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            Figures and definition<span className="govuk-visually-hidden"> of {i.title}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body-s">{i.definition || 'No definition has been published.'}</p>
          {i.series.length ? (
            <table className="govuk-table gt-report-table" id={tableId}>
              <caption className="govuk-table__caption govuk-table__caption--s">Verified figures</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Period</th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">Figure</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {i.series.map((p) => (
                  <tr className="govuk-table__row" key={p.period}>
                    <th scope="row" className="govuk-table__header">{periodLabel(p.period)}</th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{shown(p.value, i)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      </details>
    </li>
  );
}

function Downloads() {
  return (
    <section aria-labelledby="public-downloads" className="gt-report-section" data-testid="public-downloads">
      <h2 className="govuk-heading-l" id="public-downloads">
        Download the data
      </h2>
      <p className="govuk-body">
        The same figures, one row per measure, with each measure's definition, which way is better, the target, the status and the trend.
        Only figures checked and verified by the council are published.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link gt-download" href={PUBLIC_DOWNLOADS.csv} download>
            Download as CSV<span className="govuk-visually-hidden"> (spreadsheet)</span>
          </a>{' '}
          <span className="govuk-body-s gt-muted">– opens in any spreadsheet program</span>
        </li>
        <li>
          <a className="govuk-link gt-download" href={PUBLIC_DOWNLOADS.json} download>
            Download as JSON
          </a>{' '}
          <span className="govuk-body-s gt-muted">– for developers; the same data as this page</span>
        </li>
      </ul>
      <h3 className="govuk-heading-s">What the columns mean</h3>
      <dl className="govuk-summary-list" data-testid="public-definitions">
        {COLUMN_DEFINITIONS.map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">
              <code>{k}</code>
            </dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const COLUMN_DEFINITIONS: [string, string][] = [
  ['priority', 'The council priority the measure serves.'],
  ['code', 'The measure’s reference, for example a national indicator number.'],
  ['title', 'The measure in plain words.'],
  ['official_title', 'The measure’s official name.'],
  ['definition', 'What is counted and how.'],
  ['unit', 'What the figure is: a percentage, a count, money, days, a rate or a score.'],
  ['better', 'Whether a higher or a lower figure is better, or a figure within a range.'],
  ['period', 'The latest period with a verified figure.'],
  ['value', 'The verified figure: for the year, or for the year so far.'],
  ['target', 'What the council aimed for.'],
  ['target_low, target_high', 'The range aimed for, where the target is a range.'],
  ['status, status_words', 'On target, just off target or off target, worked out from the figure and the target.'],
  ['trend, trend_words', 'Whether the figure is better or worse than at the same point last year.'],
  ['previous_year_value', 'The figure at the same point last year.'],
  ['explanation', 'Why the status is what it is, in one sentence.'],
];
