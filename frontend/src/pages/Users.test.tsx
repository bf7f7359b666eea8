import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import UsersPage from './Users';
import { RequireAuth, RequireRole } from '../auth/RequireAuth';
import { isAdmin } from '../auth/roles';
import type { Me, User } from '../api/types';
import { ORG_UNITS } from '../test/fixtures';
import { type Call, ME, mockApi, renderApp, signedIn } from '../test/utils';

const ADMIN: Me = { kind: 'user', id: 1, name: 'Ada Admin', organisation_id: 1, role: 'admin', scopes: [], username: 'admin', org_unit_id: null, email: null };

function account(over: Partial<User> & Pick<User, 'id' | 'username' | 'full_name'>): User {
  return { email: null, job_title: null, role: 'viewer', organisation_id: 1, org_unit_id: null, manager_id: null, active: true, ...over };
}

const PEOPLE: User[] = [
  account({ id: 1, username: 'admin', full_name: 'Ada Admin', role: 'admin' }),
  account({ id: 4, username: 'owner', full_name: 'Priya Shah', role: 'contributor', org_unit_id: 16 }),
  account({ id: 12, username: 'jbloggs', full_name: 'Joe Bloggs', role: 'manager', org_unit_id: 2 }),
  account({ id: 13, username: 'leaver', full_name: 'Lee Leaver', active: false }),
];

function page() {
  return renderApp(
    <RequireAuth>
      <RequireRole allow={isAdmin} what="Staff accounts" who="administrators">
        <UsersPage />
      </RequireRole>
    </RequireAuth>,
    { path: '/admin/users', route: '/admin/users' },
  );
}

/** A fake API holding the accounts: PATCH changes one (or answers `refuse` instead). */
function api(refuse?: { status: number; body: object }) {
  let people = PEOPLE.map((p) => ({ ...p }));
  const patch = (id: number) => (call: Call) => {
    if (refuse) return refuse;
    people = people.map((p) => (p.id === id ? { ...p, ...(call.body as Partial<User>) } : p));
    return { body: people.find((p) => p.id === id) };
  };
  return mockApi({
    'GET /api/v1/auth/me': ADMIN,
    'GET /api/v1/org-units': ORG_UNITS,
    'GET /api/v1/users': () => ({ body: people }),
    'PATCH /api/v1/users/12': patch(12),
    'PATCH /api/v1/users/13': patch(13),
  });
}

const row = (username: string) => screen.getByTestId(`user-${username}`);

describe('Staff accounts', () => {
  it('lists the accounts with role, unit and state in words, and finds them by name or username', async () => {
    signedIn();
    api();
    const user = userEvent.setup();
    page();
    await screen.findByTestId('user-jbloggs');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Staff accounts');
    expect(screen.getByText('4 accounts')).toBeInTheDocument();

    const joe = row('jbloggs');
    expect(within(joe).getByRole('rowheader')).toHaveTextContent('Joe Bloggs');
    expect(within(joe).getByTestId('user-role')).toHaveTextContent('Manager');
    await waitFor(() => expect(joe).toHaveTextContent("Children's Social Care"));
    expect(within(joe).getByTestId('user-state')).toHaveTextContent('Active');
    expect(within(row('owner')).getByTestId('user-role')).toHaveTextContent('Indicator owner');
    expect(row('owner')).toHaveTextContent('Waste Management');
    expect(within(row('leaver')).getByTestId('user-state')).toHaveTextContent('Disabled');
    expect(within(row('leaver')).getByRole('button', { name: 'Enable the account of Lee Leaver' })).toBeInTheDocument();

    // The administrator's own row offers no way to disable or demote themself.
    const mine = row('admin');
    expect(mine).toHaveTextContent('This is your account');
    expect(within(mine).queryByRole('button')).toBeNull();
    expect(within(mine).queryByRole('combobox')).toBeNull();
    expect(within(joe).getByRole('button', { name: 'Disable the account of Joe Bloggs' })).toBeInTheDocument();
    expect(within(joe).getByRole('combobox', { name: 'New role for Joe Bloggs' })).toHaveValue('manager');

    await user.type(screen.getByLabelText('Name or username'), 'LEAV');
    expect(screen.getByText('1 of 4 accounts')).toBeInTheDocument();
    expect(screen.queryByTestId('user-jbloggs')).toBeNull();
    expect(row('leaver')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Name or username'));
    await user.type(screen.getByLabelText('Name or username'), 'priya');
    expect(row('owner')).toBeInTheDocument();
    expect(screen.queryByTestId('user-leaver')).toBeNull();
  });

  it('disables an account only after asking, then shows it disabled and says so', async () => {
    signedIn();
    const { calls } = api();
    const user = userEvent.setup();
    page();
    const joe = await screen.findByTestId('user-jbloggs');
    const listed = () => calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/users').length;
    const before = listed();

    await user.click(within(joe).getByRole('button', { name: 'Disable the account of Joe Bloggs' }));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(joe).toHaveTextContent('stops them signing in');
    expect(within(joe).getByRole('group', { name: 'Confirm' })).toHaveFocus();
    await user.click(within(joe).getByRole('button', { name: 'Yes, disable Joe Bloggs' }));

    await waitFor(() => expect(within(joe).getByTestId('user-state')).toHaveTextContent('Disabled'));
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe('/api/v1/users/12');
    expect(patches[0]!.body).toEqual({ active: false });
    expect(listed()).toBeGreaterThan(before);
    expect(screen.getByTestId('users-outcome')).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('users-outcome')).toHaveTextContent('Joe Bloggs’s account is disabled');
    // Focus goes back to the (now) Enable button of the same row.
    await waitFor(() => expect(within(joe).getByRole('button', { name: 'Enable the account of Joe Bloggs' })).toHaveFocus());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('changes a role, and shows the API’s refusal at the field and in the error summary', async () => {
    signedIn();
    const { calls } = api({
      status: 422,
      body: { title: 'Validation failed', status: 422, detail: 'The account cannot be changed so.', errors: [{ field: 'role', message: 'you cannot give up your own administrator role' }] },
    });
    const user = userEvent.setup();
    page();
    const joe = await screen.findByTestId('user-jbloggs');

    // Unchanged: nothing sent.
    await user.click(within(joe).getByRole('button', { name: 'Change role of Joe Bloggs' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Select a role other than Manager for Joe Bloggs');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.selectOptions(within(joe).getByLabelText('New role for Joe Bloggs'), 'performance');
    await user.click(within(joe).getByRole('button', { name: 'Change role of Joe Bloggs' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Joe Bloggs’s account was not changed: you cannot give up your own administrator role'));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ role: 'performance' }]);
    const select = within(joe).getByLabelText('New role for Joe Bloggs');
    expect(select).toHaveAccessibleDescription(/you cannot give up your own administrator role/);
    expect(within(screen.getByRole('alert')).getByRole('link')).toHaveAttribute('href', '#user-12-role');
    expect(within(joe).getByTestId('user-role')).toHaveTextContent('Manager');
    expect(screen.getByTestId('users-outcome')).toBeEmptyDOMElement();
  });

  it('changes a role when the API accepts it', async () => {
    signedIn();
    const { calls } = api();
    const user = userEvent.setup();
    page();
    const joe = await screen.findByTestId('user-jbloggs');
    await user.selectOptions(within(joe).getByLabelText('New role for Joe Bloggs'), 'viewer');
    await user.click(within(joe).getByRole('button', { name: 'Change role of Joe Bloggs' }));
    await waitFor(() => expect(within(joe).getByTestId('user-role')).toHaveTextContent('Viewer'));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ role: 'viewer' });
    expect(screen.getByTestId('users-outcome')).toHaveTextContent('Joe Bloggs is now Viewer (was Manager)');
  });

  it('is for administrators only', async () => {
    signedIn();
    mockApi({ 'GET /api/v1/auth/me': ME.perf!, 'GET /api/v1/users': PEOPLE, 'GET /api/v1/org-units': ORG_UNITS });
    page();
    expect(await screen.findByTestId('forbidden')).toHaveTextContent('Staff accounts is for administrators');
    expect(screen.queryByTestId('user-jbloggs')).toBeNull();
  });
});
