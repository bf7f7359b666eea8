import { useEffect, useRef } from 'react';
import type { ApiClientWithSecret } from '../../api/types';
import { CopyField } from '../CopyField';
import { formatDateTime } from '../../lib/format';

export interface Revealed {
  client: ApiClientWithSecret;
  why: 'created' | 'rotated';
}

export function ClientSecretPanel({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
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
