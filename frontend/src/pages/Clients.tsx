import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { opsKeys, useClients, useWebhooks } from '../api/opsQueries';
import { ApiError, errorMessage } from '../api/problem';
import { useOrganisations } from '../api/queries';
import type { ApiClient, ApiClientCreate, ApiClientWithSecret, ClientScope, Organisation } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConfirmAction } from '../components/ConfirmAction';
import { CopyField } from '../components/CopyField';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { SelectField, TextField } from '../components/Fields';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { formatDateTime } from '../lib/format';
import { fieldErrorMap } from '../lib/fieldErrors';
import '../styles/ops.scss';

export const SCOPES: { value: ClientScope; label: string; hint: string }[] = [
  { value: 'laa:read', label: 'Read the Local Area Agreement feed', hint: 'laa:read – the LAA indicators, targets, outturns and status' },
  { value: 'indicators:read', label: 'Read shared indicators', hint: 'indicators:read – indicators shared with partners, with their figures' },
  { value: 'outturns:write', label: 'Submit outturns', hint: 'outturns:write – only for indicators the partner organisation leads' },
];

const GRACE: { minutes: number; label: string }[] = [
  { minutes: 60, label: 'for 1 hour' },
  { minutes: 24 * 60, label: 'for 1 day' },
  { minutes: 7 * 24 * 60, label: 'for 1 week' },
  { minutes: 0, label: 'stops working at once' },
];

interface Revealed {
  client: ApiClientWithSecret;
  why: 'created' | 'rotated';
}

export default function ClientsPage() {
  const clients = useClients();
  const orgs = useOrganisations();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [formErrors, setFormErrors] = useState<SummaryError[]>([]);
  usePageTitle('Partner API clients', formErrors.length > 0);
  const orgName = (id: number) => orgs.data?.find((o) => o.id === id)?.name ?? `Organisation ${id}`;
  const list = [...(clients.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

  return (
    <>
      <h1 className="govuk-heading-xl">Partner API clients</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Partner organisations connect their own systems to Golden Thread with a client ID and secret. Each client
            can do only what its scopes allow. The secret is shown once, when it is made.
          </p>
        </div>
      </div>
      {formErrors.length ? <ErrorSummary errors={formErrors} /> : null}

      {revealed ? <SecretPanel revealed={revealed} onDone={() => setRevealed(null)} /> : null}

      <h2 className="govuk-heading-l">Clients</h2>
      {clients.isPending ? <Loading what="Loading the clients" /> : null}
      {clients.isError ? <QueryError error={clients.error} retry={() => clients.refetch()} what="the clients" /> : null}
      {clients.isSuccess && list.length === 0 ? <Empty>No partner clients are registered yet.</Empty> : null}
      <div data-testid="clients-list">
        {list.map((c) => (
          <ClientCard key={c.id} client={c} orgName={orgName(c.organisation_id)} onSecret={(client) => setRevealed({ client, why: 'rotated' })} />
        ))}
      </div>

      <RegisterForm
        orgs={orgs.data ?? []}
        onErrors={setFormErrors}
        onCreated={(client) => {
          setFormErrors([]);
          setRevealed({ client, why: 'created' });
        }}
      />
    </>
  );
}

function SecretPanel({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const { client, why } = revealed;
  useEffect(() => {
    ref.current?.focus();
  }, [client.client_secret]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="govuk-notification-banner govuk-notification-banner--success gt-secret"
      role="region"
      aria-labelledby="secret-title"
      data-testid="secret-panel"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="secret-title">
          {why === 'created' ? 'Client registered' : 'New secret issued'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {why === 'created' ? `${client.name} can now ask for access tokens.` : `${client.name} has a new secret.`}
        </p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This is the only time the secret is shown. Copy it now and give it to the partner by a secure route. If it
            is lost, issue a new one.
          </strong>
        </div>
        <CopyField label="Client ID" value={client.client_id} testId="revealed-client-id" />
        <CopyField label="Client secret" value={client.client_secret} testId="revealed-secret" />
        {why === 'rotated' ? (
          <p className="govuk-body" data-testid="grace">
            {client.previous_secret_expires_at
              ? `The old secret keeps working until ${formatDateTime(client.previous_secret_expires_at)}, so the partner has time to change over.`
              : 'The old secret has stopped working.'}
          </p>
        ) : null}
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={onDone}>
          I have copied the secret
        </button>
      </div>
    </section>
  );
}

function ClientCard({ client, orgName, onSecret }: { client: ApiClient; orgName: string; onSecret: (c: ApiClientWithSecret) => void }) {
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
          <Row label="Client ID">
            <span className="gt-code">{client.client_id}</span>
          </Row>
          <Row label="Organisation">{orgName}</Row>
          <Row label="Scopes">
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {client.scopes.map((s) => (
                <li key={s}>
                  {SCOPES.find((x) => x.value === s)?.label ?? s} <span className="gt-code gt-muted">({s})</span>
                </li>
              ))}
            </ul>
          </Row>
          <Row label="Registered">
            {formatDateTime(client.created_at)} by {client.created_by_name}
          </Row>
          <Row label="Last used">{client.last_used_at ? formatDateTime(client.last_used_at) : 'Never'}</Row>
          <Row label="Secret">
            {client.rotated_at ? `Last changed ${formatDateTime(client.rotated_at)}` : 'Not changed since it was registered'}
            {graceActive ? (
              <>
                <br />
                <span data-testid="grace-until">The old secret works until {formatDateTime(client.previous_secret_expires_at)}</span>
              </>
            ) : null}
          </Row>
          {client.revoked_at ? <Row label="Revoked">{formatDateTime(client.revoked_at)}</Row> : null}
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
          <div className="govuk-details__text">{showHooks ? <Webhooks clientPk={client.id} /> : null}</div>
        </details>
      </div>
    </section>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function Webhooks({ clientPk }: { clientPk: number }) {
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

function RegisterForm({
  orgs,
  onCreated,
  onErrors,
}: {
  orgs: Organisation[];
  onCreated: (c: ApiClientWithSecret) => void;
  onErrors: (e: SummaryError[]) => void;
}) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const partners = orgs.filter((o) => o.id !== me.organisation_id);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [scopes, setScopes] = useState<ClientScope[]>(['laa:read']);
  const [clientId, setClientId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: async (body: ApiClientCreate) => unwrap(await api.POST('/api/v1/clients', { body })),
    onSuccess: (data) => {
      setName('');
      setOrganisation('');
      setScopes(['laa:read']);
      setClientId('');
      setErrors({});
      onCreated(data);
      void queryClient.invalidateQueries({ queryKey: opsKeys.clients });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        show({ client_id: errorMessage(e) });
        return;
      }
      const map = fieldErrorMap(e);
      if (!Object.keys(map).length) map.body = errorMessage(e);
      show(map);
    },
  });

  function show(map: Record<string, string>) {
    setErrors(map);
    const target: Record<string, string> = { name: 'client-name', organisation_id: 'client-org', scopes: 'client-scope-laa:read', client_id: 'client-id' };
    onErrors(Object.entries(map).map(([k, text]) => ({ target: target[k], text })));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Enter who the client is for';
    if (!organisation) local.organisation_id = 'Select the partner organisation';
    if (!scopes.length) local.scopes = 'Select at least one scope';
    if (Object.keys(local).length) {
      show(local);
      return;
    }
    onErrors([]);
    create.mutate({ name: name.trim(), organisation_id: Number(organisation), scopes, client_id: clientId.trim() || null });
  }

  return (
    <section aria-labelledby="register-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-l" id="register-heading">
        Register a client
      </h2>
      <form onSubmit={onSubmit} noValidate data-testid="register-client">
        <TextField
          id="client-name"
          label="Name"
          labelClass="govuk-label--s"
          hint="Who the client is for, for example the trust's data warehouse."
          error={errors.name}
          type="text"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField id="client-org" label="Partner organisation" labelClass="govuk-label--s" error={errors.organisation_id} value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
          <option value="">Select an organisation</option>
          {partners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <div className={`govuk-form-group${errors.scopes ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.scopes ? 'client-scopes-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What may it do?</legend>
            {errors.scopes ? (
              <p className="govuk-error-message" id="client-scopes-error">
                <span className="govuk-visually-hidden">Error:</span> {errors.scopes}
              </p>
            ) : null}
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {SCOPES.map((s) => (
                <div className="govuk-checkboxes__item" key={s.value}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`client-scope-${s.value}`}
                    type="checkbox"
                    value={s.value}
                    checked={scopes.includes(s.value)}
                    aria-describedby={`client-scope-${s.value}-hint`}
                    onChange={(e) => setScopes((prev) => (e.target.checked ? [...prev, s.value] : prev.filter((x) => x !== s.value)))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`client-scope-${s.value}`}>
                    {s.label}
                  </label>
                  <div className="govuk-hint govuk-checkboxes__hint" id={`client-scope-${s.value}-hint`}>
                    {s.hint}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <TextField
          id="client-id"
          label="Client ID (optional)"
          labelClass="govuk-label--s"
          width="govuk-!-width-one-half"
          hint="Lower case letters, digits, dots, dashes and underscores. Made from the name if left empty."
          error={errors.client_id}
          type="text"
          value={clientId}
          spellCheck={false}
          onChange={(e) => setClientId(e.target.value)}
        />
        {errors.body ? (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> {errors.body}
          </p>
        ) : null}
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Register the client
        </button>
      </form>
    </section>
  );
}
