import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { CommitmentItem } from '../../api/planningTypes';
import { BandTag } from '../Planning';
import { IMPACT_WORDS, LIKELIHOOD_WORDS } from '../../lib/heatMap';

/** Codes and titles of the indicators the rows name (the same cache as the indicator page). */
function useIndicatorNames(ids: number[]) {
  const results = useQueries({
    queries: [...new Set(ids)].slice(0, 100).map((id) => ({
      queryKey: keys.indicator(id),
      queryFn: async () => unwrap(await api.GET('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: id } } })),
      staleTime: 60_000,
    })),
  });
  return new Map(results.flatMap((r) => (r.data ? [[r.data.id, `${r.data.code}: ${r.data.title}`] as const] : [])));
}

export function CommitmentItemsTable({ label, items }: { label: string; items: CommitmentItem[] }) {
  const names = useIndicatorNames(items.flatMap((i) => (i.indicator_id === null ? [] : [i.indicator_id])));
  return (
    <div className="gt-table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">{label}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Indicator</th>
            <th scope="col" className="govuk-table__header">Outcome or issue</th>
            <th scope="col" className="govuk-table__header">Source or evidence</th>
            <th scope="col" className="govuk-table__header">Action or improvement plan</th>
            <th scope="col" className="govuk-table__header">Risk</th>
            <th scope="col" className="govuk-table__header">Progress</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((i) => (
            <tr className="govuk-table__row" key={i.id}>
              <th scope="row" className="govuk-table__header">
                {i.indicator_id !== null ? (
                  <Link className="govuk-link" to={`/indicators/${i.indicator_id}`}>
                    {i.indicator_text || names.get(i.indicator_id) || `Indicator ${i.indicator_id}`}
                  </Link>
                ) : (
                  i.indicator_text || '–'
                )}
                {i.objective_id !== null ? (
                  <div className="govuk-body-s govuk-!-margin-bottom-0">
                    <Link className="govuk-link" to={`/objectives/${i.objective_id}`}>
                      The objective it delivers
                    </Link>
                  </div>
                ) : null}
              </th>
              <td className="govuk-table__cell gt-long-text">{i.outcome || '–'}</td>
              <td className="govuk-table__cell gt-long-text">{i.evidence || '–'}</td>
              <td className="govuk-table__cell gt-long-text">{i.action_plan || '–'}</td>
              <td className="govuk-table__cell">
                {i.risk_score !== null && i.risk_impact !== null && i.risk_likelihood !== null ? (
                  <>
                    <BandTag score={i.risk_score} />
                    <div className="govuk-body-s govuk-!-margin-bottom-0">
                      impact {IMPACT_WORDS[i.risk_impact]?.toLowerCase()} ({i.risk_impact}), likelihood {LIKELIHOOD_WORDS[i.risk_likelihood]?.toLowerCase()} ({i.risk_likelihood})
                    </div>
                  </>
                ) : (
                  '–'
                )}
              </td>
              <td className="govuk-table__cell gt-long-text">{i.progress || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
