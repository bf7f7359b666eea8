import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ClientsPage from './Clients';
import { RequireAuth, RequireRole } from '../auth/RequireAuth';
import { isPerformanceTeam } from '../auth/roles';
import type { ApiClient, ApiClientWithSecret } from '../api/types';
import { ME, mockApi, renderApp, signedIn } from '../test/utils';

const ORGS = [
  { id: 1, name: 'Wyvern County Council', short_name: 'WCC', kind: 'council' },
  { id: 2, name: 'Wyvern Community Health NHS Trust', short_name: 'WCHT', kind: 'health' },
];

function client(over: Partial<ApiClient> = {}): ApiClient {
  return {
    id: 1,
    client_id: 'partner-demo',
    name: 'Health trust feed',
    organisation_id: 2,
    scopes: ['laa:read'],
    active: true,
    created_at: '2026-11-01T10:00:00Z',
    created_by_name: 'Helen Marsh',
    rotated_at: null,
    previous_secret_expires_at: null,
    revoked_at: null,
    last_used_at: null,
    ...over,
  };
}

describe('Partner API clients', () => {
  it('registers a client and shows its secret once, with a warning', async () => {
    signedIn();
    let list: ApiClient[] = [];
    const created: ApiClientWithSecret = { ...client({ id: 7, client_id: 'trust-warehouse', name: 'Trust warehouse', scopes: ['laa:read', 'outturns:write'] }), client_secret: 's3cret-shown-once' };
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.perf!,
      'GET /api/v1/organisations': ORGS,
      'GET /api/v1/clients': () => ({ body: list }),
      'POST /api/v1/clients': () => {
        list = [created];
        return { status: 201, body: created };
      },
    });
    const user = userEvent.setup();
    renderApp(<RequireAuth><RequireRole allow={isPerformanceTeam} what="Clients"><ClientsPage /></RequireRole></RequireAuth>, { path: '/clients', route: '/clients' });
    await screen.findByText('No partner clients are registered yet.');

    // Nothing filled in: errors at the fields and in the summary, nothing sent.
    await user.click(screen.getByRole('button', { name: 'Register the client' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter who the client is for');
    expect(summary).toHaveTextContent('Select the partner organisation');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Name'), 'Trust warehouse');
    // The council itself is not a partner.
    const org = screen.getByLabelText('Partner organisation');
    expect(within(org).queryByText('Wyvern County Council')).toBeNull();
    await user.selectOptions(org, '2');
    await user.click(screen.getByLabelText('Submit outturns'));
    await user.click(screen.getByRole('button', { name: 'Register the client' }));

    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Trust warehouse', organisation_id: 2, scopes: ['laa:read', 'outturns:write'], client_id: null });
    expect(within(panel).getByTestId('revealed-secret')).toHaveValue('s3cret-shown-once');
    expect(panel).toHaveTextContent('This is the only time the secret is shown');
    await screen.findByTestId('client-trust-warehouse');

    await user.click(within(panel).getByRole('button', { name: 'I have copied the secret' }));
    expect(screen.queryByTestId('secret-panel')).toBeNull();
    expect(screen.queryByDisplayValue('s3cret-shown-once')).toBeNull();
  });

  it('rotates a secret with a grace period and revokes after asking', async () => {
    signedIn();
    let current = client({ last_used_at: '2026-11-20T09:30:00Z' });
    const { calls } = mockApi({
      'GET /api/v1/auth/me': ME.perf!,
      'GET /api/v1/organisations': ORGS,
      'GET /api/v1/clients': () => ({ body: [current] }),
      'POST /api/v1/clients/1/rotate-secret': () => {
        current = { ...current, rotated_at: '2026-11-25T12:00:00Z', previous_secret_expires_at: '2099-11-26T12:00:00Z' };
        return { body: { ...current, client_secret: 'new-secret' } };
      },
      'POST /api/v1/clients/1/revoke': () => {
        current = { ...current, active: false, revoked_at: '2026-11-25T13:00:00Z' };
        return { body: current };
      },
    });
    const user = userEvent.setup();
    renderApp(<RequireAuth><RequireRole allow={isPerformanceTeam} what="Clients"><ClientsPage /></RequireRole></RequireAuth>, { path: '/clients', route: '/clients' });
    const card = await screen.findByTestId('client-partner-demo');
    expect(card).toHaveTextContent('Wyvern Community Health NHS Trust');
    expect(card).toHaveTextContent('Read the Local Area Agreement feed');
    expect(within(card).getByTestId('client-state')).toHaveTextContent('Active');

    await user.selectOptions(within(card).getByLabelText('After a new secret, the old one'), String(24 * 60));
    await user.click(within(card).getByRole('button', { name: /Issue a new secret/ }));
    const panel = await screen.findByTestId('secret-panel');
    expect(calls.find((c) => c.path.endsWith('/rotate-secret'))!.body).toEqual({ grace_minutes: 1440 });
    expect(within(panel).getByTestId('revealed-secret')).toHaveValue('new-secret');
    expect(within(panel).getByTestId('grace')).toHaveTextContent('The old secret keeps working until');
    await waitFor(() => expect(within(card).getByTestId('grace-until')).toBeInTheDocument());

    await user.click(within(card).getByRole('button', { name: /^Revoke/ }));
    expect(calls.some((c) => c.path.endsWith('/revoke'))).toBe(false);
    expect(card).toHaveTextContent('cannot be undone');
    await user.click(within(card).getByRole('button', { name: 'Yes, revoke Health trust feed' }));
    await waitFor(() => expect(within(card).getByTestId('client-state')).toHaveTextContent('Revoked'));
    expect(calls.filter((c) => c.path.endsWith('/revoke'))).toHaveLength(1);
    expect(within(card).queryByRole('button', { name: /Issue a new secret/ })).toBeNull();
  });
});
