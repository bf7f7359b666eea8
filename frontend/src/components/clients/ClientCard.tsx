import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { opsKeys } from '../../api/opsQueries';
import { errorMessage } from '../../api/problem';
import type { ApiClient, ApiClientWithSecret } from '../../api/types';
import { ConfirmAction } from '../ConfirmAction';
import { formatDateTime } from '../../lib/format';
import { SCOPES, GRACE } from './clientOptions';
import { SummaryRow } from '../Planning';
import { ClientWebhooks } from './ClientWebhooks';

export function ClientCard({ client, orgName, onSecret }: { client: ApiClient; orgName: string; onSecret: (c: ApiClientWithSecret) => void }) {
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState(60);
  const [message, setMessage] = useState<string | null>(null);
  const [showHooks, setShowHooks] = useState(false);
  const titleId = `client-${client.id}-title`;

  const rotate = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/clients/{client_pk}/rotate-secret', {
          params: { path: { client_pk: client.id } },
          body: { grace_minutes: grace },
        }),
      ),
    onSuccess: (data) => {
      setMessage(null);
      onSecret(data);
      void queryClient.invalidateQueries({ queryKey: opsKeys.clients });
    },
    onError: (e) => setMessage(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/clients/{client_pk}/revoke', { params: { path: { client_pk: client.id } } })),
    onSuccess: () => {
      setMessage(`${client.name} is revoked: its secrets and tokens no longer work.`);
      void queryClient.invalidateQueries({ queryKey: opsKeys.clients });
    },
    onError: (e) => setMessage(errorMessage(e)),
  });

  const graceActive = client.previous_secret_expires_at && new Date(client.previous_secret_expires_at).getTime() > Date.now();

  return (
    <section className="govuk-summary-card gt-client-card" aria-labelledby={titleId} data-testid={`client-${client.client_id}`}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={titleId}>
          {client.name}
        </h3>
        <strong className={`govuk-tag ${client.active ? 'govuk-tag--green' : 'govuk-tag--grey'}`} data-testid="client-state">
          {client.active ? 'Active' : 'Revoked'}
        </strong>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <SummaryRow label="Client ID">
            <span className="gt-code">{client.client_id}</span>
          </SummaryRow>
          <SummaryRow label="Organisation">{orgName}</SummaryRow>
          <SummaryRow label="Scopes">
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {client.scopes.map((s) => (
                <li key={s}>
                  {SCOPES.find((x) => x.value === s)?.label ?? s} <span className="gt-code gt-muted">({s})</span>
                </li>
              ))}
            </ul>
          </SummaryRow>
          <SummaryRow label="Registered">
            {formatDateTime(client.created_at)} by {client.created_by_name}
          </SummaryRow>
          <SummaryRow label="Last used">{client.last_used_at ? formatDateTime(client.last_used_at) : 'Never'}</SummaryRow>
          <SummaryRow label="Secret">
            {client.rotated_at ? `Last changed ${formatDateTime(client.rotated_at)}` : 'Not changed since it was registered'}
            {graceActive ? (
              <>
                <br />
                <span data-testid="grace-until">The old secret works until {formatDateTime(client.previous_secret_expires_at)}</span>
              </>
            ) : null}
          </SummaryRow>
          {client.revoked_at ? <SummaryRow label="Revoked">{formatDateTime(client.revoked_at)}</SummaryRow> : null}
        </dl>
        {message ? (
          <p className="govuk-body" role="status">
            {message}
          </p>
        ) : null}
        {client.active ? (
          <div className="gt-client-actions">
            <form
              className="gt-inline-form"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                rotate.mutate();
              }}
            >
              <div className="govuk-form-group">
                <label className="govuk-label govuk-label--s" htmlFor={`grace-${client.id}`}>
                  After a new secret, the old one
                </label>
                <select id={`grace-${client.id}`} className="govuk-select" value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
                  {GRACE.map((g) => (
                    <option key={g.minutes} value={g.minutes}>
                      {g.label}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="govuk-button govuk-button--secondary" disabled={rotate.isPending}>
                Issue a new secret<span className="govuk-visually-hidden"> for {client.name}</span>
              </button>
            </form>
            <ConfirmAction
              label={
                <>
                  Revoke<span className="govuk-visually-hidden"> {client.name}</span>
                </>
              }
              confirmLabel={`Yes, revoke ${client.name}`}
              warning={`Revoking ${client.name} stops its secrets and access tokens at once. It cannot be undone: the partner would need a new client.`}
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate()}
            />
          </div>
        ) : null}
        <details className="govuk-details govuk-!-margin-bottom-0" onToggle={(e) => setShowHooks(e.currentTarget.open)}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Webhooks of {client.name}</span>
          </summary>
          <div className="govuk-details__text">{showHooks ? <ClientWebhooks clientPk={client.id} /> : null}</div>
        </details>
      </div>
    </section>
  );
}
