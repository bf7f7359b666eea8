import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { opsKeys } from '../../api/opsQueries';
import { errorMessage } from '../../api/problem';

export function NoCalendarEvents({ year, team }: { year: string; team: boolean }) {
  const queryClient = useQueryClient();
  const make = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/cycle/instantiate', { body: { year, refresh: false } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opsKeys.calendarAll }),
  });
  return (
    <div className="govuk-inset-text" data-testid="no-events">
      <p className="govuk-body">No events of the cycle have been set out for {year.replace('-', '/')} yet{team ? '' : '. The performance team sets them out from the timetable'}.</p>
      {team ? (
        <>
          <button type="button" className="govuk-button govuk-!-margin-bottom-0" disabled={make.isPending} onClick={() => make.mutate()}>
            Set out {year.replace('-', '/')} from the timetable
          </button>
          {make.isError ? (
            <p className="govuk-error-message" role="alert">
              <span className="govuk-visually-hidden">Error:</span> {errorMessage(make.error)}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
