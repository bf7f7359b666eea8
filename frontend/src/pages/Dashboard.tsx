import { memo, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useSearchParams } from 'react-router';
import { useLatestPeriod, useOrgUnits, useStatus } from '../api/queries';
import type { Rag, Status } from '../api/types';
import { usePageTitle } from '../components/Layout';
import { PeriodPicker } from '../components/PeriodPicker';
import { RagIcon, RagTag, TrendTag } from '../components/RagTag';
import { Empty, Loading, QueryError } from '../components/Status';
import { DATA_QUALITY_LABELS, formatPercentScore, formatValue, pluralise } from '../lib/format';
import { indexOrgUnits } from '../lib/orgTree';
import { latestEndedQuarter, periodLabel, periodSpan } from '../lib/periods';
import { RAG_LABELS, RAG_MEANING, RAG_ORDER } from '../lib/rag';
import { summarise, type GroupSummary } from '../lib/summary';
import { useAuth } from '../auth/AuthContext';
import { canEnterData } from '../auth/roles';
import { MyDeadlines } from '../components/MyDeadlines';

const NO_UNIT = '__none__';

export function DashboardPage() {
  usePageTitle('Performance dashboard');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('period');
  // The default period is asked for only when the address does not name one.
  const latest = useLatestPeriod(!chosen);
  const period = chosen ?? (latest.isSuccess ? (latest.data.period ?? latestEndedQuarter()) : latest.isError ? latestEndedQuarter() : null);
  const status = useStatus(period);
  const orgUnits = useOrgUnits();

  const org = useMemo(() => indexOrgUnits(orgUnits.data ?? []), [orgUnits.data]);
  const items = status.data?.items;

  const byDirectorate = useMemo(
    () =>
      summarise(items ?? [], (s) => {
        const d = org.directorateOf(s.org_unit_id);
        return [d ? { key: String(d.id), label: d.name } : { key: NO_UNIT, label: 'No directorate (partners)' }];
      }),
    [items, org],
  );
  const bySet = useMemo(
    () => summarise(items ?? [], (s) => s.sets.map((set) => ({ key: set, label: set }))),
    [items],
  );
  const attention = useMemo(
    () =>
      (items ?? [])
        .filter((s) => s.rag === 'red' || s.rag === 'amber')
        .sort((a, b) => (a.rag === b.rag ? a.code.localeCompare(b.code, 'en', { numeric: true }) : a.rag === 'red' ? -1 : 1)),
    [items],
  );

  if (!period) {
    if (latest.isError) return <QueryError error={latest.error} retry={() => latest.refetch()} what="the dashboard" />;
    return (
      <>
        <h1 className="govuk-heading-xl">Performance dashboard</h1>
        <Loading what="Loading the dashboard" />
      </>
    );
  }

  const data = status.data;
  const noFigures = latest.isSuccess && latest.data.period === null && !chosen;

  return (
    <div className="gt-dashboard">
      <span className="govuk-caption-l">{periodSpan(period)}</span>
      <h1 className="govuk-heading-xl">Performance dashboard</h1>
      <div className="gt-toolbar">
        <PeriodPicker
          value={period}
          around={latest.data?.period ?? period}
          onChange={(p) => setParams((prev) => {
            const n = new URLSearchParams(prev);
            n.set('period', p);
            return n;
          })}
        />
        <button type="button" className="govuk-button govuk-button--secondary gt-no-print" onClick={() => window.print()}>
          Print this dashboard
        </button>
      </div>
      {canEnterData(me) ? <MyDeadlines /> : null}
      {noFigures ? <Empty>No figures have been entered for any period yet.</Empty> : null}
      {status.isError ? <QueryError error={status.error} retry={() => status.refetch()} what="the dashboard" /> : null}
      {status.isPending ? <Loading what="Loading the dashboard" /> : null}
      {data ? (
        <div data-testid="dashboard-ready" aria-busy={status.isFetching && status.isPlaceholderData ? true : undefined}>
          {data.total === 0 ? (
            <Empty>
              There are no active indicators in the register yet.{' '}
              <Link className="govuk-link" to="/indicators">
                Go to the indicator register
              </Link>
              .
            </Empty>
          ) : (
            <>
              <h2 className="govuk-heading-l">Status at {periodLabel(data.period)}</h2>
              <p className="govuk-body">
                {pluralise(data.total, 'indicator')}.<span className="gt-no-print"> Select a status to see its indicators in the register.</span>
              </p>
              <ul className="gt-rag-cards" aria-label="Indicators by status">
                {RAG_ORDER.map((rag) => (
                  <li key={rag} className={`gt-rag-card gt-rag-card--${rag}`} data-testid={`count-${rag}`}>
                    <Link className="gt-rag-card__link" to={`/indicators?rag=${rag}&period=${encodeURIComponent(data.period)}`}>
                      <span className="gt-rag-card__label">
                        <RagIcon rag={rag} size={16} />
                        {RAG_LABELS[rag]}
                      </span>
                      <span className="gt-rag-card__count">{data.counts[rag] ?? 0}</span>
                      <span className="gt-rag-card__meaning">{RAG_MEANING[rag]}</span>
                    </Link>
                  </li>
                ))}
              </ul>

              <h2 className="govuk-heading-m">Direction of travel</h2>
              <dl className="gt-dot" data-testid="dot">
                <div className="gt-dot__item gt-dot__item--score">
                  <dt>Direction of travel score</dt>
                  <dd>{formatPercentScore(data.direction_of_travel.score)}</dd>
                </div>
                <div className="gt-dot__item">
                  <dt>Improving</dt>
                  <dd>{data.direction_of_travel.improving}</dd>
                </div>
                <div className="gt-dot__item">
                  <dt>Worsening</dt>
                  <dd>{data.direction_of_travel.worsening}</dd>
                </div>
                <div className="gt-dot__item">
                  <dt>No change</dt>
                  <dd>{data.direction_of_travel.no_change}</dd>
                </div>
                <div className="gt-dot__item">
                  <dt>Not comparable</dt>
                  <dd>{data.direction_of_travel.not_comparable + data.direction_of_travel.not_applicable}</dd>
                </div>
              </dl>
              <p className="govuk-body-s">
                The score is the share of comparable indicators that are better than at the same point last year.
              </p>

              <BreakdownTable
                caption="By directorate"
                firstHeader="Directorate"
                rows={byDirectorate}
                period={data.period}
                param="org"
              />
              <BreakdownTable
                caption="By indicator set"
                firstHeader="Set"
                rows={bySet}
                period={data.period}
                param="set"
              />

              <h2 className="govuk-heading-l" id="attention">
                Red and amber indicators ({attention.length})
              </h2>
              {attention.length === 0 ? (
                <Empty>No indicators are red or amber at {periodLabel(data.period)}.</Empty>
              ) : (
                <AttentionList items={attention} />
              )}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

const BreakdownTable = memo(function BreakdownTable({
  caption,
  firstHeader,
  rows,
  period,
  param,
}: {
  caption: string;
  firstHeader: string;
  rows: GroupSummary[];
  period: string;
  param: 'org' | 'set';
}) {
  const link = (g: GroupSummary) =>
    g.key === NO_UNIT ? null : `/indicators?${param}=${encodeURIComponent(g.key)}&period=${encodeURIComponent(period)}`;
  const cols: Rag[] = RAG_ORDER;
  return (
    <div className="gt-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table gt-breakdown">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {firstHeader}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Indicators
            </th>
            {cols.map((rag) => (
              <th key={rag} scope="col" className="govuk-table__header govuk-table__header--numeric">
                <span className={`gt-rag-head gt-rag-head--${rag}`}>
                  <RagIcon rag={rag} />
                  {RAG_LABELS[rag]}
                </span>
              </th>
            ))}
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Direction of travel score
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((g) => {
            const href = link(g);
            return (
              <tr key={g.key} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {href ? (
                    <Link className="govuk-link" to={href}>
                      {g.label}
                    </Link>
                  ) : (
                    g.label
                  )}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{g.total}</td>
                {cols.map((rag) => (
                  <td key={rag} className="govuk-table__cell govuk-table__cell--numeric">
                    {g.counts[rag]}
                  </td>
                ))}
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {g.dotScore === null ? '–' : `${g.dotScore.toFixed(1)}%`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

const FIRST_SHOWN = 100;

/**
 * Memoised: later answers (organisations, who am I) must not redraw hundreds of items. A long
 * list shows the first hundred (reds first) and the rest on request, and all of it on paper.
 */
const AttentionList = memo(function AttentionList({ items }: { items: Status[] }) {
  const [all, setAll] = useState(false);
  useEffect(() => {
    const expand = () => flushSync(() => setAll(true));
    window.addEventListener('beforeprint', expand);
    return () => window.removeEventListener('beforeprint', expand);
  }, []);
  const shown = all ? items : items.slice(0, FIRST_SHOWN);
  return (
    <>
      <ol className="gt-attention" aria-labelledby="attention">
        {shown.map((s) => (
          <AttentionItem key={s.indicator_id} s={s} />
        ))}
      </ol>
      {shown.length < items.length ? (
        <p className="govuk-body">
          Showing the first {shown.length} of {items.length}.{' '}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAll(true)}>
            Show all {items.length} red and amber indicators
          </button>
        </p>
      ) : null}
    </>
  );
});

function AttentionItem({ s }: { s: Status }) {
  return (
    <li className={`gt-attention__item gt-attention__item--${s.rag}`} data-testid="attention-item">
      <h3 className="govuk-heading-s gt-attention__title">
        <Link className="govuk-link" to={`/indicators/${s.indicator_id}`}>
          {s.code}: {s.title}
        </Link>
      </h3>
      <div className="gt-attention__facts">
        <RagTag rag={s.rag} prefix="Status:" />
        <span>
          <span className="gt-fact-label">Actual</span> {formatValue(s.actual, s.unit)}
        </span>
        <span>
          <span className="gt-fact-label">Target</span>{' '}
          {s.polarity === 'target_band' ? `${formatValue(s.low, s.unit)} to ${formatValue(s.high, s.unit)}` : formatValue(s.target, s.unit)}
        </span>
        <span>
          <span className="gt-fact-label">Trend</span> <TrendTag trend={s.trend} />
        </span>
        {s.data_quality ? (
          <span>
            <span className="gt-fact-label">Data</span> {DATA_QUALITY_LABELS[s.data_quality]}
          </span>
        ) : null}
      </div>
      <p className="govuk-body-s gt-attention__explanation">{s.explanation}</p>
      {s.commentary ? (
        <blockquote className="gt-commentary">
          <p className="govuk-body-s">
            <span className="govuk-visually-hidden">Commentary: </span>
            {s.commentary}
          </p>
        </blockquote>
      ) : (
        <p className="govuk-body-s gt-muted">No commentary yet.</p>
      )}
    </li>
  );
}
