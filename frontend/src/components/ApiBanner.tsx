import { useApiReachable } from '../lib/apiHealth';

/** A clear banner while the API cannot be reached; it clears itself when the API answers. */
export function ApiBanner() {
  const reachable = useApiReachable();
  return (
    <div aria-live="assertive" className="gt-api-banner-region">
      {reachable ? null : (
        <div className="govuk-notification-banner gt-api-banner" role="alert" aria-labelledby="api-banner-title" data-testid="api-banner">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="api-banner-title">
              Connection problem
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The Golden Thread service cannot be reached just now.</p>
            <p className="govuk-body">
              Anything you have typed on this page is kept. We will keep trying and this message will go when the
              service is back.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
