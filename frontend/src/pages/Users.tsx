import { useMemo, useState } from 'react';
import { useOrgUnits, useUsers } from '../api/queries';
import { useCurrentUser } from '../auth/AuthContext';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { UserRow } from '../components/users/UserRow';
import '../styles/ops.scss';

export default function UsersPage() {
  const me = useCurrentUser();
  const users = useUsers();
  const units = useOrgUnits();
  const [q, setQ] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  usePageTitle('Staff accounts', errors.length > 0);

  const unitName = (id: number | null) => {
    if (id == null) return 'None';
    return units.data?.find((u) => u.id === id)?.name ?? `Unit ${id}`;
  };
  const list = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (users.data ?? [])
      .filter((u) => !needle || u.full_name.toLowerCase().includes(needle) || u.username.toLowerCase().includes(needle))
      .sort((a, b) => a.full_name.localeCompare(b.full_name, 'en') || a.id - b.id);
  }, [users.data, q]);
  const total = users.data?.length ?? 0;

  return (
    <>
      <h1 className="govuk-heading-xl">Staff accounts</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Change what a member of staff may do by changing their role, or disable the account of someone who has left.
            Both apply at once, also to a session they have open. A disabled account can be enabled again.
          </p>
        </div>
      </div>
      <ErrorSummary errors={errors} />

      {/* Present from the start, so the outcome of a change is announced when it appears. */}
      <div role="status" data-testid="users-outcome">
        {outcome ? (
          <div className="govuk-notification-banner govuk-notification-banner--success">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">{outcome}</p>
            </div>
          </div>
        ) : null}
      </div>

      <h2 className="govuk-heading-m">Find an account</h2>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="users-q">
          Name or username
        </label>
        <input
          id="users-q"
          className="govuk-input govuk-!-width-one-half"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>

      {users.isPending ? <Loading what="Loading the staff accounts" /> : null}
      {users.isError ? <QueryError error={users.error} retry={() => users.refetch()} what="the staff accounts" /> : null}
      {units.isError ? <QueryError error={units.error} retry={() => units.refetch()} what="the org units" /> : null}
      {users.isSuccess && list.length === 0 ? <Empty>{total ? 'No accounts match.' : 'There are no staff accounts.'}</Empty> : null}
      {list.length ? (
        <div className="gt-table-wrap" role="region" aria-label="Staff accounts" tabIndex={0} data-testid="users-table">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s" role="status">
              {list.length < total ? `${list.length} of ${total} accounts` : `${total} accounts`}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Username</th>
                <th scope="col" className="govuk-table__header">Role</th>
                <th scope="col" className="govuk-table__header">Org unit</th>
                <th scope="col" className="govuk-table__header">State</th>
                <th scope="col" className="govuk-table__header">Change</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  unitName={unitName(u.org_unit_id)}
                  isMe={u.id === me.id}
                  onOutcome={(message) => {
                    setErrors([]);
                    setOutcome(message);
                  }}
                  onProblems={(problems) => {
                    setErrors(problems);
                    if (problems.length) setOutcome(null);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
