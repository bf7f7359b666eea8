import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useAudit, useHistory, useIndicator, useOrganisations, useOrgUnits, useUsers } from '../api/queries';
import type { AuditEntry, Indicator, Status } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { canEnterData, isPerformanceTeam } from '../auth/roles';
import { usePageTitle } from '../components/Layout';
import { RagTag, TrendTag } from '../components/RagTag';
import { Empty, Loading, QueryError } from '../components/Status';
import { RecordError } from '../components/RecordError';
import {
  AGGREGATION_LABELS,
  DATA_QUALITY_LABELS,
  FREQUENCY_LABELS,
  formatDateTime,
  formatNumber,
  formatValue,
  POLARITY_LABELS,
  UNIT_LABELS,
} from '../lib/format';
import { periodLabel } from '../lib/periods';
import { BenchmarkPanel } from '../components/BenchmarkPanel';

const IndicatorChart = lazy(() => import('./IndicatorChart'));

export default function IndicatorPage() {
  const id = Number(useParams().id);
  const indicator = useIndicator(id);
  const history = useHistory(id);
  const { me } = useAuth();
  usePageTitle(indicator.data ? `${indicator.data.code}: ${indicator.data.title}` : 'Indicator');

  if (indicator.isPending) return <Loading what="Loading the indicator" />;
  if (indicator.isError) {
    return (
      <RecordError error={indicator.error} retry={() => indicator.refetch()} what="the indicator" title="Indicator not found">
        There is no indicator with this number. <Link className="govuk-link" to="/indicators">Search the register</Link>.
      </RecordError>
    );
  }
  const ind = indicator.data;
  const items = history.data?.items ?? [];
  const latest = [...items].reverse().find((s) => s.rag !== 'no_data') ?? items[items.length - 1];
  const mayEnter = canEnterData(me) && (isPerformanceTeam(me) || ind.owner_id === me?.id || ind.deputy_id === me?.id);

  return (
    <>
      <nav className="govuk-breadcrumbs gt-no-print" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/">
              Dashboard
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/indicators">
              Indicators
            </Link>
          </li>
          <li className="govuk-breadcrumbs__list-item" aria-current="page">
            {ind.code}
          </li>
        </ol>
      </nav>
      <span className="govuk-caption-l">{ind.code}</span>
      <h1 className="govuk-heading-l">{ind.title}</h1>
      {ind.lifecycle === 'retired' ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This indicator is retired. Its history is kept.
          </strong>
        </div>
      ) : null}

      {latest ? (
        <div className="govuk-inset-text" data-testid="latest-status">
          <p className="govuk-body govuk-!-margin-bottom-2">
            <RagTag rag={latest.rag} prefix="Status:" /> at {periodLabel(latest.period)}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">{latest.explanation}</p>
        </div>
      ) : null}

      <div className="gt-entry-actions govuk-!-margin-bottom-6 gt-no-print">
        {mayEnter && latest ? (
          <Link className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" to={`/data-entry`}>
            Enter figures
          </Link>
        ) : null}
        {isPerformanceTeam(me) ? (
          <>
            <Link className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" to={`/admin/indicators/${ind.id}/edit`}>
              Edit indicator<span className="govuk-visually-hidden"> {ind.code}</span>
            </Link>
            <Link className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" to={`/admin/indicators/${ind.id}/targets`}>
              Set targets<span className="govuk-visually-hidden"> for {ind.code}</span>
            </Link>
          </>
        ) : null}
      </div>

      <h2 className="govuk-heading-m">Performance over three years</h2>
      {history.isPending ? <Loading what="Loading the figures" /> : null}
      {history.isError ? <QueryError error={history.error} retry={() => history.refetch()} what="the figures" /> : null}
      {history.data ? (
        <>
          <Suspense fallback={<Loading what="Drawing the chart" />}>
            <IndicatorChart items={items} unit={ind.unit} title={`${ind.code} ${ind.title}`} />
          </Suspense>
          <PeriodTable items={items} indicator={ind} />
        </>
      ) : null}

      <BenchmarkPanel indicatorId={ind.id} />
      <Definition indicator={ind} />
      <AuditHistory id={ind.id} unit={ind.unit} />
    </>
  );
}

function PeriodTable({ items, indicator }: { items: Status[]; indicator: Indicator }) {
  if (!items.length) return <Empty>No periods to show yet.</Empty>;
  const unit = indicator.unit;
  const ytd = items.some((s) => s.basis === 'ytd');
  return (
    <div className="gt-table-wrap" role="region" aria-labelledby="period-table-caption" tabIndex={0}>
      <table className="govuk-table gt-period-table" data-testid="period-table">
        <caption className="govuk-table__caption govuk-table__caption--m" id="period-table-caption">
          Figures by period
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Period</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Actual</th>
            {ytd ? <th scope="col" className="govuk-table__header govuk-table__header--numeric">Year to date</th> : null}
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Target</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Trend</th>
            <th scope="col" className="govuk-table__header">Commentary</th>
            <th scope="col" className="govuk-table__header">Data quality</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {[...items].reverse().map((s) => (
            <tr key={s.period} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">{periodLabel(s.period)}</th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {formatValue(s.basis === 'ytd' ? s.period_value : s.actual, unit)}
              </td>
              {ytd ? (
                <td className="govuk-table__cell govuk-table__cell--numeric">{formatValue(s.actual, unit)}</td>
              ) : null}
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {s.polarity === 'target_band' && (s.low || s.high)
                  ? `${formatValue(s.low, unit)} to ${formatValue(s.high, unit)}`
                  : formatValue(s.target, unit)}
              </td>
              <td className="govuk-table__cell">
                <RagTag rag={s.rag} />
                <span className="govuk-visually-hidden">. {s.explanation}</span>
              </td>
              <td className="govuk-table__cell">
                <TrendTag trend={s.trend} />
              </td>
              <td className="govuk-table__cell">{s.commentary || '–'}</td>
              <td className="govuk-table__cell">{s.data_quality ? DATA_QUALITY_LABELS[s.data_quality] : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Definition({ indicator: i }: { indicator: Indicator }) {
  const users = useUsers();
  const units = useOrgUnits();
  const orgs = useOrganisations();
  const name = (id: number | null) => (id === null ? 'None' : (users.data?.find((u) => u.id === id)?.full_name ?? `User ${id}`));
  const unitName = i.org_unit_id === null ? 'None' : (units.data?.find((u) => u.id === i.org_unit_id)?.name ?? '…');
  const orgName = (id: number | null) => (id === null ? 'None' : (orgs.data?.find((o) => o.id === id)?.name ?? '…'));
  const tolerance = i.tolerance_absolute
    ? formatValue(i.tolerance_absolute, i.unit)
    : `${formatNumber(i.tolerance_percent ?? '5')}% of the target`;
  const rows: [string, React.ReactNode][] = [
    ['Definition', <p className="govuk-body gt-pre govuk-!-margin-bottom-0">{i.definition || 'Not recorded'}</p>],
    ['Procedure note', <p className="govuk-body gt-pre govuk-!-margin-bottom-0">{i.procedure_note || 'Not recorded'}</p>],
    ['Owner', name(i.owner_id)],
    ['Deputy', name(i.deputy_id)],
    ['Service', unitName],
    ['Organisation', orgName(i.organisation_id)],
    ...(i.lead_organisation_id !== null ? ([['Lead partner', orgName(i.lead_organisation_id)]] as [string, React.ReactNode][]) : []),
    ['Unit', `${UNIT_LABELS[i.unit]}, ${i.decimal_places} decimal place${i.decimal_places === 1 ? '' : 's'}`],
    ['Polarity', POLARITY_LABELS[i.polarity]],
    ['Frequency', FREQUENCY_LABELS[i.frequency]],
    ['Year to date', AGGREGATION_LABELS[i.aggregation]],
    ['Amber tolerance', tolerance],
    ['Sets', i.sets.length ? i.sets.join(', ') : 'None'],
    ['Shared', [i.shared_with_partners ? 'With partners' : null, i.public ? 'Published' : null].filter(Boolean).join('; ') || 'Not shared'],
  ];
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">About this indicator</h2>
      <dl className="govuk-summary-list" data-testid="definition">
        {rows.map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

const HIDDEN_AUDIT_KEYS = new Set(['id', 'version', 'created_at', 'updated_at', 'indicator_id', 'updated_by', 'updated_by_name']);

function describeValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.join(', ') || '(none)';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.length > 140 ? `${s.slice(0, 137)}…` : s;
}

function changes(e: AuditEntry): { key: string; before: string | null; after: string | null }[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_AUDIT_KEYS.has(k));
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    // A creation lists what was set; a deletion what was removed.
    .filter((k) => (e.before && e.after) || !empty(e.after ? after[k] : before[k]))
    .map((k) => ({
      key: k,
      before: e.before ? describeValue(before[k]) : null,
      after: e.after ? describeValue(after[k]) : null,
    }));
}

function AuditHistory({ id }: { id: number; unit: string }) {
  const audit = useAudit(id);
  const entries = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="audit-title">
        Audit history
      </h2>
      {audit.isPending ? <Loading what="Loading the audit history" /> : null}
      {audit.isError ? <QueryError error={audit.error} retry={() => audit.refetch()} what="the audit history" /> : null}
      {audit.isSuccess && entries.length === 0 ? <Empty>No changes have been recorded.</Empty> : null}
      {entries.length ? (
        <div className="gt-table-wrap" role="region" aria-labelledby="audit-title" tabIndex={0}>
          <table className="govuk-table gt-period-table" data-testid="audit-table">
            <caption className="govuk-visually-hidden">Every change to this indicator, its targets and figures, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">Who</th>
                <th scope="col" className="govuk-table__header">What</th>
                <th scope="col" className="govuk-table__header">Changes</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {entries.map((e) => {
                const diff = changes(e);
                return (
                  <tr key={e.id} className="govuk-table__row">
                    <td className="govuk-table__cell">{formatDateTime(e.at)}</td>
                    <td className="govuk-table__cell">
                      {e.actor_name}
                      <span className="gt-muted"> (via {e.via})</span>
                    </td>
                    <td className="govuk-table__cell">
                      {e.action} {e.entity}
                      {e.period ? ` for ${periodLabel(e.period)}` : ''}
                    </td>
                    <td className="govuk-table__cell">
                      {diff.length ? (
                        <ul className="gt-audit-change">
                          {diff.slice(0, 8).map((d) => (
                            <li key={d.key}>
                              <strong>{d.key.replace(/_/g, ' ')}</strong>:{' '}
                              {d.before !== null && d.after !== null ? `${d.before} → ${d.after}` : (d.after ?? d.before)}
                            </li>
                          ))}
                          {diff.length > 8 ? <li>and {diff.length - 8} more</li> : null}
                        </ul>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {audit.hasNextPage ? (
        <button type="button" className="govuk-button govuk-button--secondary gt-no-print" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
        </button>
      ) : null}
    </>
  );
}
