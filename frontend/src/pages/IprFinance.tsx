/** Finance beside performance, and data quality: sections of the integrated report. */
import { Link } from 'react-router';
import type { IprDataQuality, IprFinance } from '../api/reportTypes';
import type { Rag } from '../api/types';
import { BarChart } from '../components/BarChart';
import { RagIcon } from '../components/RagTag';
import { Empty } from '../components/Status';
import { formatNumber, formatValue } from '../lib/format';
import { DATA_ISSUE_LABELS, varianceWords } from '../lib/ipr';
import { periodLabel } from '../lib/periods';
import { RAG_LABELS } from '../lib/rag';
import { formatDate, Section, TableWrap } from './IprParts';

// ---------------------------------------------------------------- finance beside performance

const money = (v: string | null | undefined) => formatValue(v, 'currency');

function PerformanceCell({ counts }: { counts: Partial<Record<Rag, number>> }) {
  const shown: Rag[] = ['red', 'amber', 'green'];
  return (
    <span className="gt-finance-perf">
      {shown.map((rag) => (
        <span key={rag} className={`gt-rag-head gt-rag-head--${rag}`}>
          <RagIcon rag={rag} />
          {counts[rag] ?? 0} {RAG_LABELS[rag].toLowerCase()}
          {rag !== 'green' ? <span className="govuk-visually-hidden">, </span> : null}
        </span>
      ))}
    </span>
  );
}

export function Finance({ finance }: { finance: IprFinance }) {
  const rows = finance.rows;
  return (
    <Section id="finance" title="Finance and performance" page>
      <p className="govuk-body">
        Revenue budget monitoring for {periodLabel(finance.year)} by service, beside the status of each service's indicators. Variance is the
        forecast outturn less the budget: a positive figure is an overspend.
      </p>
      {rows.length === 0 ? (
        <Empty>No budget monitoring figures have been imported for these services.</Empty>
      ) : (
        <>
          <TableWrap label="Budget, forecast and performance by service" wide>
            <caption className="govuk-table__caption govuk-table__caption--m">Budget, forecast and performance by service</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Service</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Budget</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Forecast outturn</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Variance</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Variance %</th>
                <th scope="col" className="govuk-table__header">Performance</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={r.org_unit_id} data-testid="ipr-finance-row">
                  <th scope="row" className="govuk-table__header">
                    {r.org_unit}
                    <span className="gt-muted"> ({periodLabel(r.period)})</span>
                    {r.note ? <span className="govuk-body-s gt-muted"><br />{r.note}</span> : null}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{money(r.budget)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{money(r.forecast)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{varianceWords(r.variance)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {r.variance_percent === null ? '–' : `${formatNumber(r.variance_percent)}%`}
                  </td>
                  <td className="govuk-table__cell">
                    <PerformanceCell counts={r.performance} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">Total</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{money(finance.budget)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{money(finance.forecast)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{varianceWords(finance.variance)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {finance.variance_percent === null ? '–' : `${formatNumber(finance.variance_percent)}%`}
                </td>
                <td className="govuk-table__cell" />
              </tr>
            </tfoot>
          </TableWrap>
          <BarChart
            title="Forecast variance by service (overspend to the right)"
            bars={rows.map((r) => ({ label: r.org_unit, value: Number(r.variance ?? 0), display: varianceWords(r.variance) }))}
            testId="finance-chart"
          />
        </>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- data quality

export function DataQuality({ dq }: { dq: IprDataQuality }) {
  const figures: [string, number][] = [
    ['Figures due', dq.due],
    ['Missing', dq.missing],
    ['Late', dq.late],
    ['Not verified', dq.unverified],
    ['Qualified', dq.qualified],
    ['Not yet due', dq.not_yet_due],
  ];
  return (
    <Section id="data-quality" title="Data quality">
      <dl className="govuk-summary-list" data-testid="ipr-dq-counts">
        {figures.map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      {dq.items.length === 0 ? (
        <Empty>Every figure due is in, on time and verified.</Empty>
      ) : (
        <TableWrap label="Figures with a data quality issue" wide>
          <caption className="govuk-table__caption govuk-table__caption--s">Figures with a data quality issue ({dq.items.length})</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Indicator</th>
              <th scope="col" className="govuk-table__header">Period</th>
              <th scope="col" className="govuk-table__header">Deadline</th>
              <th scope="col" className="govuk-table__header">Issues</th>
              <th scope="col" className="govuk-table__header">Owner</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {dq.items.map((d) => (
              <tr className="govuk-table__row" key={`${d.indicator_id}-${d.period}`}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/indicators/${d.indicator_id}`}>
                    {d.code}: {d.title}
                  </Link>
                </th>
                <td className="govuk-table__cell">{periodLabel(d.period)}</td>
                <td className="govuk-table__cell">{formatDate(d.deadline)}</td>
                <td className="govuk-table__cell">
                  {d.issues.map((i) => DATA_ISSUE_LABELS[i] ?? i).join(', ')}
                  {d.received_on ? <span className="gt-muted"> (received {formatDate(d.received_on)})</span> : null}
                </td>
                <td className="govuk-table__cell">{d.owner_name ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </Section>
  );
}
