import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { ApiError } from '../../api/problem';
import type { Role, User } from '../../api/types';
import { ROLE_LABELS } from '../../auth/roles';
import { ConfirmAction } from '../ConfirmAction';
import type { SummaryError } from '../ErrorSummary';
import { outcomeOf, problemsOf, roleFieldId, ROLES, type UserUpdate } from './userOptions';

/**
 * One staff account in the table, with its actions: change the role, disable or enable (asked
 * first). The administrator's own row has none: the API refuses both for one's own account.
 */
export function UserRow({
  user,
  unitName,
  isMe,
  onOutcome,
  onProblems,
}: {
  user: User;
  unitName: string;
  isMe: boolean;
  onOutcome: (message: string) => void;
  onProblems: (errors: SummaryError[]) => void;
}) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(user.role);
  const [roleError, setRoleError] = useState<string | null>(null);
  const roleId = roleFieldId(user);

  const update = useMutation({
    mutationFn: async (body: UserUpdate) =>
      unwrap(await api.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: user.id } }, body })),
    onSuccess: (after, body) => {
      setRoleError(null);
      onProblems([]);
      onOutcome(outcomeOf(user, body, after));
    },
    onError: (e) => {
      const problems = problemsOf(user, e);
      const onRole = e instanceof ApiError ? e.fieldErrors.find((fe) => fe.field === 'role') : undefined;
      setRoleError(onRole ? onRole.message : null);
      onProblems(problems);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });

  function changeRole(e: FormEvent) {
    e.preventDefault();
    if (role === user.role) {
      const text = `Select a role other than ${ROLE_LABELS[user.role]} for ${user.full_name}`;
      setRoleError(text);
      onProblems([{ target: roleId, text }]);
      return;
    }
    update.mutate({ role });
  }

  const name = user.full_name;
  return (
    <tr className="govuk-table__row" data-testid={`user-${user.username}`}>
      <th scope="row" className="govuk-table__header">
        {name}
      </th>
      <td className="govuk-table__cell gt-code gt-break">{user.username}</td>
      <td className="govuk-table__cell" data-testid="user-role">
        {ROLE_LABELS[user.role]}
      </td>
      <td className="govuk-table__cell">{unitName}</td>
      <td className="govuk-table__cell">
        <strong className={`govuk-tag ${user.active ? 'govuk-tag--green' : 'govuk-tag--grey'}`} data-testid="user-state">
          {user.active ? 'Active' : 'Disabled'}
        </strong>
      </td>
      <td className="govuk-table__cell gt-user-actions">
        {isMe ? (
          <p className="govuk-body govuk-!-margin-bottom-0" data-testid="own-account">
            This is your account
          </p>
        ) : (
          <>
            <form className="gt-inline-form govuk-!-margin-bottom-3" onSubmit={changeRole} noValidate>
              <div className={`govuk-form-group${roleError ? ' govuk-form-group--error' : ''}`}>
                <label className="govuk-label govuk-label--s" htmlFor={roleId}>
                  New role <span className="govuk-visually-hidden">for {name}</span>
                </label>
                {roleError ? (
                  <p className="govuk-error-message" id={`${roleId}-error`}>
                    <span className="govuk-visually-hidden">Error:</span> {roleError}
                  </p>
                ) : null}
                <select
                  id={roleId}
                  className={`govuk-select${roleError ? ' govuk-select--error' : ''}`}
                  value={role}
                  aria-describedby={roleError ? `${roleId}-error` : undefined}
                  onChange={(e) => setRole(e.target.value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="govuk-button govuk-button--secondary" disabled={update.isPending}>
                Change role <span className="govuk-visually-hidden">of {name}</span>
              </button>
            </form>
            <ConfirmAction
              testId="toggle-active"
              label={
                <>
                  {user.active ? 'Disable' : 'Enable'} <span className="govuk-visually-hidden">the account of {name}</span>
                </>
              }
              confirmLabel={user.active ? `Yes, disable ${name}` : `Yes, enable ${name}`}
              warning={
                user.active
                  ? `Disabling ${name}’s account stops them signing in and ends the sessions they have open, within seconds. You can enable it again later.`
                  : `Enabling ${name}’s account lets them sign in again with their password, as ${ROLE_LABELS[user.role]}.`
              }
              warningButton={user.active}
              busy={update.isPending}
              onConfirm={() => update.mutate({ active: !user.active })}
            />
          </>
        )}
      </td>
    </tr>
  );
}
