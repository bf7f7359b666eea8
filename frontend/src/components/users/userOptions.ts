import { ApiError, errorMessage } from '../../api/problem';
import type { Role, User } from '../../api/types';
import type { components } from '../../api/schema';
import { ROLE_LABELS } from '../../auth/roles';
import type { SummaryError } from '../ErrorSummary';

export type UserUpdate = components['schemas']['UserUpdate'];

/** Roles in the order an administrator thinks of them: most to least access. */
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const roleFieldId = (user: User) => `user-${user.id}-role`;

/** What an accepted change did, in words, for the page's status banner. */
export function outcomeOf(user: User, body: UserUpdate, after: User): string {
  if (body.active === false) return `${after.full_name}’s account is disabled. They cannot sign in, and the sessions they had open have stopped working.`;
  if (body.active === true) return `${after.full_name}’s account is enabled. They can sign in again with their password.`;
  if (body.role) return `${after.full_name} is now ${ROLE_LABELS[after.role]} (was ${ROLE_LABELS[user.role]}). The change applies at once, also to a session they have open.`;
  return `${after.full_name}’s account is changed.`;
}

/** A refused change (403, 422, network) as error-summary lines; a role field error links to the row's select. */
export function problemsOf(user: User, error: unknown): SummaryError[] {
  const lead = `${user.full_name}’s account was not changed`;
  if (error instanceof ApiError && error.fieldErrors.length) {
    return error.fieldErrors.map((fe) => ({
      target: fe.field === 'role' ? roleFieldId(user) : undefined,
      text: `${lead}: ${fe.message}`,
    }));
  }
  return [{ text: `${lead}. ${errorMessage(error)}` }];
}
