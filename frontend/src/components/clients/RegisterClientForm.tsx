import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { opsKeys } from '../../api/opsQueries';
import { ApiError, errorMessage } from '../../api/problem';
import type { ApiClientCreate, ApiClientWithSecret, ClientScope, Organisation } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import type { SummaryError } from '../ErrorSummary';
import { SelectField, TextField } from '../Fields';
import { fieldErrorMap } from '../../lib/fieldErrors';
import { SCOPES } from './clientOptions';

export function RegisterClientForm({
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
