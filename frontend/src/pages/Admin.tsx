import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAllIndicators } from '../api/queries';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { FREQUENCY_LABELS } from '../lib/format';

export default function AdminPage() {
  usePageTitle('Register administration');
  const indicators = useAllIndicators('all');
  const [q, setQ] = useState('');
  const list = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (indicators.data ?? [])
      .filter((i) => !needle || i.code.toLowerCase().includes(needle) || i.title.toLowerCase().includes(needle))
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  }, [indicators.data, q]);
  const shown = list.slice(0, 100);
  return (
    <>
      <h1 className="govuk-heading-xl">Register administration</h1>
      <p className="govuk-body">Create indicators, change their definitions and set their targets.</p>
      <Link to="/admin/indicators/new" className="govuk-button" draggable={false}>
        Create an indicator
      </Link>
      <h2 className="govuk-heading-m">Find an indicator to change</h2>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="admin-q">
          Code or title
        </label>
        <input id="admin-q" className="govuk-input govuk-!-width-one-half" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {indicators.isPending ? <Loading what="Loading the register" /> : null}
      {indicators.isError ? <QueryError error={indicators.error} retry={() => indicators.refetch()} what="the register" /> : null}
      {indicators.isSuccess && list.length === 0 ? <Empty>No indicators match.</Empty> : null}
      {shown.length ? (
        <div className="gt-table-wrap" role="region" aria-label="Indicators to change" tabIndex={0}>
          <table className="govuk-table gt-register-table">
            <caption className="govuk-table__caption govuk-table__caption--s" role="status">
              {list.length > shown.length ? `The first ${shown.length} of ${list.length} indicators` : `${list.length} indicators`}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Code</th>
                <th scope="col" className="govuk-table__header">Title</th>
                <th scope="col" className="govuk-table__header">Frequency</th>
                <th scope="col" className="govuk-table__header">State</th>
                <th scope="col" className="govuk-table__header">Change</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {shown.map((i) => (
                <tr key={i.id} className="govuk-table__row">
                  <td className="govuk-table__cell gt-code">{i.code}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/indicators/${i.id}`}>
                      {i.title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{FREQUENCY_LABELS[i.frequency]}</td>
                  <td className="govuk-table__cell">{i.lifecycle === 'active' ? 'Active' : 'Retired'}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link govuk-!-margin-right-3" to={`/admin/indicators/${i.id}/edit`}>
                      Edit<span className="govuk-visually-hidden"> {i.code}</span>
                    </Link>
                    <Link className="govuk-link" to={`/admin/indicators/${i.id}/targets`}>
                      Targets<span className="govuk-visually-hidden"> for {i.code}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
