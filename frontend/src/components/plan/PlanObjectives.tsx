import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { planningKeys, usePlanObjectives } from '../../api/planning';
import type { Plan } from '../../api/planningTypes';
import { useNames } from '../Planning';
import { Empty, Loading, QueryError } from '../Status';
import { pluralise } from '../../lib/format';
import {
  OBJECTIVE_KIND_LABELS
} from '../../lib/planning';

export function PlanObjectives({ plan }: { plan: Plan }) {
  const objectives = usePlanObjectives(plan.id);
  const names = useNames();
  const parentIds = useMemo(
    () => [...new Set((objectives.data ?? []).flatMap((o) => o.contributes_to))].slice(0, 100),
    [objectives.data],
  );
  const parents = useQueries({
    queries: parentIds.map((pid) => ({
      queryKey: planningKeys.objective(pid),
      queryFn: async () => unwrap(await api.GET('/api/v1/objectives/{objective_id}', { params: { path: { objective_id: pid } } })),
      staleTime: 60_000,
    })),
  });
  const parentTitle = new Map(parents.flatMap((q) => (q.data ? [[q.data.id, `${q.data.code ? `${q.data.code} ` : ''}${q.data.title}`] as const] : [])));

  return (
    <section aria-labelledby="objectives-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="objectives-title">
        Objectives
      </h2>
      {objectives.isPending ? <Loading what="Loading the objectives" /> : null}
      {objectives.isError ? <QueryError error={objectives.error} retry={() => objectives.refetch()} what="the objectives" /> : null}
      {objectives.isSuccess && objectives.data.length === 0 ? <Empty>This plan has no objectives yet.</Empty> : null}
      {objectives.isSuccess && objectives.data.length ? (
        <>
          <p className="govuk-body">
            {pluralise(objectives.data.length, 'objective')}. Open one to follow its golden thread up and down.
          </p>
          <div className="gt-table-wrap" role="region" aria-label="Objectives of this plan" tabIndex={0}>
            <table className="govuk-table" data-testid="plan-objectives">
              <caption className="govuk-visually-hidden">Objectives of {plan.title}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Objective</th>
                  <th scope="col" className="govuk-table__header">Kind</th>
                  <th scope="col" className="govuk-table__header">Owner</th>
                  <th scope="col" className="govuk-table__header">Contributes to</th>
                  <th scope="col" className="govuk-table__header">Indicators</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {objectives.data.map((o) => (
                  <tr className="govuk-table__row" key={o.id}>
                    <th scope="row" className="govuk-table__header gt-cell-wide">
                      <Link className="govuk-link" to={`/objectives/${o.id}`}>
                        {o.code ? <span className="gt-code">{o.code} </span> : null}
                        {o.title}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">{OBJECTIVE_KIND_LABELS[o.kind]}</td>
                    <td className="govuk-table__cell">{names.person(o.owner_id) ?? '–'}</td>
                    <td className="govuk-table__cell">
                      {o.contributes_to.length === 0 ? (
                        plan.level === 'community_strategy' ? 'The top of the thread' : <strong>Nothing (an orphan)</strong>
                      ) : (
                        <ul className="govuk-list govuk-!-margin-bottom-0">
                          {o.contributes_to.map((pid) => (
                            <li key={pid}>
                              <Link className="govuk-link" to={`/objectives/${pid}`}>
                                {parentTitle.get(pid) ?? `Objective ${pid}`}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="govuk-table__cell">{o.indicator_ids.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
