import { api } from '../../api/client';
import { KINDS } from './importState';
import { useDownload } from './useDownload';

export function ImportTemplates() {
  const { busy, error, run } = useDownload();
  return (
    <section aria-labelledby="templates-heading">
      <h2 className="govuk-heading-l" id="templates-heading">
        Templates
      </h2>
      <p className="govuk-body">An empty file with the header row each import takes.</p>
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <ul className="govuk-list gt-templates">
        {KINDS.map((k) =>
          (['csv', 'xlsx'] as const).map((format) => (
            <li key={`${k}-${format}`}>
              <button
                type="button"
                className="gt-link-button"
                disabled={busy}
                onClick={() =>
                  run(
                    () =>
                      api.GET('/api/v1/imports/templates/{kind}', {
                        params: { path: { kind: k }, query: { format } },
                        parseAs: 'blob',
                      }),
                    `${k}-template.${format}`,
                  )
                }
              >
                Download the {k === 'outturns' ? 'outturns' : 'targets'} template ({format === 'csv' ? 'CSV' : 'Excel'})
              </button>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
