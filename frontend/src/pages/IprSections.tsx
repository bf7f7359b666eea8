/** The sections of the integrated performance report, each printable on its own. */
import { Link } from 'react-router';
import { Fact, Facts, Section, TableWrap, formatDate, value } from './IprParts';
import type { Ipr, IprAction, IprException, IprHighlight, IprProgress, IprRisk } from '../api/reportTypes';
import { BarChart } from '../components/BarChart';
import { RagIcon, RagTag, TrendTag } from '../components/RagTag';
import { Empty } from '../components/Status';
import { DATA_QUALITY_LABELS, formatPercentScore, pluralise } from '../lib/format';
import {
  actionStatusLabel,
  changeWords,
  dueWords,
  headlineRows,
  pointsChange,
  progressWords,
  riskBandLabel,
  riskChangeWords,
  signed,
} from '../lib/ipr';
import { periodLabel } from '../lib/periods';
import { RAG_LABELS } from '../lib/rag';

// ---------------------------------------------------------------- headline

export function Headline({ report }: { report: Ipr }) {
  const h = report.headline;
  const rows = headlineRows(h.counts, h.previous_counts);
  const prev = periodLabel(report.previous_period);
  return (
    <Section id="headline" title="Headline">
      <p className="govuk-body">
        {pluralise(h.total, 'indicator')} at {periodLabel(report.period)}, compared with the previous report ({prev}, {pluralise(h.previous_total, 'indicator')}).
      </p>
      <div className="gt-report-grid">
        <TableWrap label="Indicators by status">
          <caption className="govuk-table__caption govuk-table__caption--m">Indicators by status</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Now</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">{prev}</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Change</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr className="govuk-table__row" key={r.rag} data-testid={`headline-${r.rag}`}>
                <th scope="row" className="govuk-table__header">
                  <span className={`gt-rag-head gt-rag-head--${r.rag}`}>
                    <RagIcon rag={r.rag} />
                    {RAG_LABELS[r.rag]}
                  </span>
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.now}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.previous}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <span aria-hidden="true">{signed(r.change)}</span>
                  <span className="govuk-visually-hidden">{changeWords(r.change)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
        <div>
          <BarChart
            title={`Indicators by status at ${periodLabel(report.period)}`}
            bars={rows.filter((r) => r.now > 0 || r.previous > 0).map((r) => ({ label: RAG_LABELS[r.rag], value: r.now, display: String(r.now), rag: r.rag }))}
            testId="headline-chart"
          />
          <h3 className="govuk-heading-m">Direction of travel</h3>
          <dl className="govuk-summary-list" data-testid="headline-dot">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Score now</dt>
              <dd className="govuk-summary-list__value">{formatPercentScore(h.direction_of_travel.score)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">At the previous report</dt>
              <dd className="govuk-summary-list__value">{formatPercentScore(h.previous_direction_of_travel.score)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Change</dt>
              <dd className="govuk-summary-list__value">{pointsChange(h.direction_of_travel_change)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Improving, worsening, no change</dt>
              <dd className="govuk-summary-list__value">
                {h.direction_of_travel.improving} improving, {h.direction_of_travel.worsening} worsening, {h.direction_of_travel.no_change} no change
              </dd>
            </div>
          </dl>
          <p className="govuk-body-s">The score is the share of comparable indicators better than at the same point last year.</p>
        </div>
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- exceptions

function ProgressList({ updates }: { updates: IprProgress[] }) {
  if (!updates.length) return <span className="gt-muted">No progress reported since the previous report.</span>;
  return (
    <ul className="gt-plain-list">
      {updates.map((u, i) => (
        <li key={`${u.reported_on}-${i}`}>
          <strong>{formatDate(u.reported_on)}</strong>
          {u.percent_complete !== null ? ` (${u.percent_complete}%)` : ''}: {u.note || '–'}
          <span className="gt-muted"> – {u.author_name}</span>
        </li>
      ))}
    </ul>
  );
}

function ActionsTable({ items, label, progress = true, hideCaption }: { items: IprAction[]; label: string; progress?: boolean; hideCaption?: boolean }) {
  return (
    <TableWrap label={label} wide>
      <caption className={hideCaption ? 'govuk-visually-hidden' : 'govuk-table__caption govuk-table__caption--s'}>{label}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Action</th>
          <th scope="col" className="govuk-table__header">Owner</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Status</th>
          <th scope="col" className="govuk-table__header">Progress</th>
          {progress ? <th scope="col" className="govuk-table__header">Since the previous report</th> : null}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((a) => (
          <tr className="govuk-table__row" key={a.id} data-testid="ipr-action">
            <th scope="row" className="govuk-table__header">
              <span className="gt-code">{a.code}</span> {a.title}
              {a.is_milestone ? <span className="gt-muted"> (milestone)</span> : null}
            </th>
            <td className="govuk-table__cell">{a.owner_name ?? '–'}</td>
            <td className="govuk-table__cell">
              {formatDate(a.due_on)}
              <br />
              <span className={a.overdue ? 'gt-rag gt-rag--red' : 'gt-muted'}>{dueWords(a)}</span>
            </td>
            <td className="govuk-table__cell">{actionStatusLabel(a.status)}</td>
            <td className="govuk-table__cell gt-progress-cell">{progressWords(a.percent_complete, a.expected_percent)}</td>
            {progress ? (
              <td className="govuk-table__cell">
                <ProgressList updates={a.updates_since_previous} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}

function targetText(e: { polarity?: string; low?: string | null; high?: string | null; target: string | null }, unit: IprException['unit'], places: number) {
  if (e.polarity === 'target_band' && (e.low || e.high)) return `${value(e.low, unit, places)} to ${value(e.high, unit, places)}`;
  return value(e.target, unit, places);
}

/** The benchmark column in words, e.g. "2nd of 4 (rank 5 of 16)", when a group was chosen. */
function QuartileFact({ benchmark }: { benchmark: IprException['benchmark'] }) {
  return (
    <Fact label="Quartile">
      <span data-testid="ipr-quartile">{benchmark ? benchmark.words : 'No comparator figures'}</span>
    </Fact>
  );
}

function ExceptionItem({ e, benchmarked }: { e: IprException; benchmarked: boolean }) {
  return (
    <li className={`gt-exception gt-exception--${e.rag}`} data-testid="ipr-exception" data-code={e.code}>
      <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/indicators/${e.indicator_id}`}>
          {e.code}: {e.title}
        </Link>
      </h3>
      <Facts>
        <RagTag rag={e.rag} prefix="Status:" />
        <Fact label="Actual">{value(e.actual, e.unit, e.decimal_places)}</Fact>
        <Fact label="Target">{targetText(e, e.unit, e.decimal_places)}</Fact>
        <Fact label="Trend">
          <TrendTag trend={e.trend} />
        </Fact>
        <Fact label="Previous report">{e.previous_rag ? RAG_LABELS[e.previous_rag] : 'Not reported'}</Fact>
        {e.data_quality ? <Fact label="Data">{DATA_QUALITY_LABELS[e.data_quality]}</Fact> : null}
        {benchmarked ? <QuartileFact benchmark={e.benchmark} /> : null}
      </Facts>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        <span className="gt-fact-label">Owner</span> {e.owner_name ?? 'Not assigned'}
        {e.org_unit ? `, ${e.org_unit}` : ''}
      </p>
      <p className="govuk-body">
        <strong>Why: </strong>
        {e.explanation}
      </p>
      {e.commentary ? (
        <blockquote className="gt-commentary">
          <p className="govuk-body">
            <strong>Commentary: </strong>
            {e.commentary}
          </p>
        </blockquote>
      ) : (
        <p className="govuk-body gt-muted">No commentary has been given.</p>
      )}
      {e.remedial_actions.length ? (
        <ActionsTable items={e.remedial_actions} label={`Remedial actions for ${e.code}`} />
      ) : (
        <p className="govuk-body" data-testid="no-remedial">
          <strong>No remedial action has been recorded.</strong>
        </p>
      )}
    </li>
  );
}

export function Exceptions({ report }: { report: Ipr }) {
  const reds = report.exceptions.filter((e) => e.rag === 'red');
  const ambers = report.exceptions.filter((e) => e.rag === 'amber');
  return (
    <Section id="exceptions" title={`Exceptions (${report.exceptions.length})`} page>
      <p className="govuk-body">
        {pluralise(reds.length, 'indicator')} red{report.include_amber ? ` and ${ambers.length} amber` : ''} at{' '}
        {periodLabel(report.period)}, with the explanation of each status, its owner's commentary and the remedial actions.
      </p>
      {report.exceptions.length === 0 ? (
        <Empty>No indicators are {report.include_amber ? 'red or amber' : 'red'} at {periodLabel(report.period)}.</Empty>
      ) : (
        <ol className="gt-plain-list">
          {report.exceptions.map((e) => (
            <ExceptionItem key={e.indicator_id} e={e} benchmarked={!!report.benchmark_group} />
          ))}
        </ol>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- highlights

export function Highlights({ items, period, benchmarked = false }: { items: IprHighlight[]; period: string; benchmarked?: boolean }) {
  return (
    <Section id="highlights" title={`Highlights (${items.length})`}>
      <p className="govuk-body">Indicators that turned green, moved up a status or started improving: success to celebrate.</p>
      {items.length === 0 ? (
        <Empty>No indicator turned green or improved at {periodLabel(period)}.</Empty>
      ) : (
        <ul className="gt-plain-list">
          {items.map((h) => (
            <li key={h.indicator_id} className={`gt-exception gt-exception--${h.rag === 'green' ? 'green' : h.rag}`} data-testid="ipr-highlight">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
                <Link className="govuk-link" to={`/indicators/${h.indicator_id}`}>
                  {h.code}: {h.title}
                </Link>
              </h3>
              <Facts>
                <RagTag rag={h.rag} prefix="Status:" />
                <Fact label="Why highlighted">{h.reason_words}</Fact>
                <Fact label="Actual">{value(h.actual, h.unit, h.decimal_places)}</Fact>
                <Fact label="Target">{value(h.target, h.unit, h.decimal_places)}</Fact>
                <Fact label="Trend">
                  <TrendTag trend={h.trend} />
                </Fact>
                {benchmarked ? <QuartileFact benchmark={h.benchmark} /> : null}
              </Facts>
              <p className="govuk-body-s govuk-!-margin-bottom-2">{h.explanation}</p>
              {h.commentary ? <p className="govuk-body-s">Commentary: {h.commentary}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- actions and risks

export function Actions({ report }: { report: Ipr }) {
  const a = report.actions;
  return (
    <Section id="actions" title="Actions and milestones" page>
      <p className="govuk-body">
        {pluralise(a.open_total, 'open action')} in scope on {formatDate(report.as_of)}: {a.overdue.length} overdue and {a.at_risk.length} at risk
        (due within {a.at_risk_days} days and behind schedule).
      </p>
      <h3 className="govuk-heading-m">Overdue ({a.overdue.length})</h3>
      {a.overdue.length ? <ActionsTable items={a.overdue} label="Overdue actions and milestones" hideCaption /> : <Empty>No action is overdue.</Empty>}
      <h3 className="govuk-heading-m">At risk ({a.at_risk.length})</h3>
      {a.at_risk.length ? <ActionsTable items={a.at_risk} label="Actions and milestones at risk" hideCaption /> : <Empty>No action is at risk.</Empty>}
    </Section>
  );
}

function RiskTable({ items, label }: { items: IprRisk[]; label: string }) {
  return (
    <TableWrap label={label} wide>
      <caption className="govuk-visually-hidden">{label}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Risk</th>
          <th scope="col" className="govuk-table__header">Owner</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Likelihood × impact</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Score</th>
          <th scope="col" className="govuk-table__header">Band</th>
          <th scope="col" className="govuk-table__header">Since the previous report</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((r) => (
          <tr className="govuk-table__row" key={r.id} data-testid="ipr-risk">
            <th scope="row" className="govuk-table__header">
              <span className="gt-code">{r.code}</span> {r.title}
              <span className="gt-muted"> ({r.category})</span>
            </th>
            <td className="govuk-table__cell">{r.owner_name ?? '–'}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              {r.likelihood} × {r.impact}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{r.score}</td>
            <td className="govuk-table__cell">{riskBandLabel(r.band)}</td>
            <td className="govuk-table__cell">{riskChangeWords(r.previous_score, r.change)}</td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}

export function Risks({ report }: { report: Ipr }) {
  const r = report.risks;
  return (
    <Section id="risks" title="Risks">
      <p className="govuk-body">{pluralise(r.open_total, 'open risk')} in scope. Scores are residual likelihood × impact, on 1 to 5 scales.</p>
      <h3 className="govuk-heading-m">Highest scores</h3>
      {r.highest.length ? <RiskTable items={r.highest} label="Highest-scoring risks" /> : <Empty>No open risks.</Empty>}
      <h3 className="govuk-heading-m">Changed since the previous report ({r.changed.length})</h3>
      {r.changed.length ? <RiskTable items={r.changed} label="Risks whose score changed" /> : <Empty>No risk score changed.</Empty>}
    </Section>
  );
}

