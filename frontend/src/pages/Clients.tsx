import { useState } from 'react';
import { useClients } from '../api/opsQueries';
import { useOrganisations } from '../api/queries';
import { ErrorSummary, type SummaryError } from '../components/ErrorSummary';
import { usePageTitle } from '../components/Layout';
import { Empty, Loading, QueryError } from '../components/Status';
import { type Revealed, ClientSecretPanel } from '../components/clients/ClientSecretPanel';
import { ClientCard } from '../components/clients/ClientCard';
import { RegisterClientForm } from '../components/clients/RegisterClientForm';
import '../styles/ops.scss';

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

      {revealed ? <ClientSecretPanel revealed={revealed} onDone={() => setRevealed(null)} /> : null}

      <h2 className="govuk-heading-l">Clients</h2>
      {clients.isPending ? <Loading what="Loading the clients" /> : null}
      {clients.isError ? <QueryError error={clients.error} retry={() => clients.refetch()} what="the clients" /> : null}
      {clients.isSuccess && list.length === 0 ? <Empty>No partner clients are registered yet.</Empty> : null}
      <div data-testid="clients-list">
        {list.map((c) => (
          <ClientCard key={c.id} client={c} orgName={orgName(c.organisation_id)} onSecret={(client) => setRevealed({ client, why: 'rotated' })} />
        ))}
      </div>

      <RegisterClientForm
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
