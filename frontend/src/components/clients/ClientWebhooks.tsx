import { useWebhooks } from '../../api/opsQueries';
import { Loading, QueryError } from '../Status';
import { formatDateTime } from '../../lib/format';

export function ClientWebhooks({ clientPk }: { clientPk: number }) {
  const hooks = useWebhooks(clientPk, true);
  if (hooks.isPending) return <Loading what="Loading the webhooks" />;
  if (hooks.isError) return <QueryError error={hooks.error} retry={() => hooks.refetch()} what="the webhooks" />;
  if (!hooks.data.length) return <p className="govuk-body">The partner has registered no webhooks.</p>;
  return (
    <div className="gt-table-wrap" role="region" aria-label="Webhooks" tabIndex={0}>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Address</th>
            <th scope="col" className="govuk-table__header">State</th>
            <th scope="col" className="govuk-table__header">Last delivered</th>
            <th scope="col" className="govuk-table__header">Last failure</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {hooks.data.map((h) => (
            <tr className="govuk-table__row" key={h.id}>
              <td className="govuk-table__cell gt-break">{h.url}</td>
              <td className="govuk-table__cell">{h.active ? 'Active' : 'Stopped'}</td>
              <td className="govuk-table__cell">{h.last_delivery_at ? formatDateTime(h.last_delivery_at) : 'Never'}</td>
              <td className="govuk-table__cell">
                {h.last_failure_at ? `${formatDateTime(h.last_failure_at)}${h.last_error ? `: ${h.last_error}` : ''}` : 'None'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
