import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { opsKeys, useCalendarFeed } from '../api/opsQueries';
import { errorMessage } from '../api/problem';
import type { CalendarFeedCreated } from '../api/types';
import { ConfirmAction } from './ConfirmAction';
import { CopyField } from './CopyField';
import { Loading, QueryError } from './Status';
import { formatDateTime } from '../lib/format';

/**
 * The personal iCalendar feed: calendar apps cannot send a bearer token, so the address
 * carries one. It is shown once, when made; resetting makes a new one and the old one stops.
 */
export function CalendarSubscribe() {
  const feed = useCalendarFeed();
  const queryClient = useQueryClient();
  const [made, setMade] = useState<CalendarFeedCreated | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/calendar/feed')),
    onSuccess: (data) => {
      setMade(data);
      setMessage(null);
      void queryClient.invalidateQueries({ queryKey: opsKeys.feed });
    },
    onError: (e) => setMessage(errorMessage(e)),
  });
  const stop = useMutation({
    mutationFn: async () => {
      const result = await api.DELETE('/api/v1/calendar/feed');
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => {
      setMade(null);
      setMessage('Your subscription address has stopped working. Calendars that used it will no longer update.');
      void queryClient.invalidateQueries({ queryKey: opsKeys.feed });
    },
    onError: (e) => setMessage(errorMessage(e)),
  });

  const active = feed.data?.active ?? false;

  return (
    <section className="gt-subscribe gt-no-print" aria-labelledby="subscribe-heading" data-testid="subscribe">
      <h2 className="govuk-heading-l" id="subscribe-heading">
        Subscribe in your calendar app
      </h2>
      <p className="govuk-body">
        Add the cycle and your data deadlines to Outlook, Google Calendar or another calendar app with a personal
        subscription address. Your calendar app checks it for changes by itself.
      </p>
      {feed.isPending ? <Loading what="Checking your subscription" /> : null}
      {feed.isError ? <QueryError error={feed.error} retry={() => feed.refetch()} what="your subscription" /> : null}
      {message ? (
        <p className="govuk-body" role="status">
          {message}
        </p>
      ) : null}
      {made ? (
        <div className="gt-subscribe__made" data-testid="feed-made">
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This address is shown only now. Anyone who has it can read your calendar: do not share it. If it gets out,
              reset it.
            </strong>
          </div>
          <CopyField
            label="Subscription address"
            value={made.url}
            hint="In your calendar app, choose to add a calendar from the internet (by URL) and paste this address."
            testId="feed-url"
          />
        </div>
      ) : null}
      {feed.isSuccess && !active && !made ? (
        <button type="button" className="govuk-button" onClick={() => create.mutate()} disabled={create.isPending}>
          Create my subscription address
        </button>
      ) : null}
      {feed.isSuccess && (active || made) ? (
        <>
          {!made ? (
            <p className="govuk-body" data-testid="feed-active">
              You made a subscription address on {formatDateTime(feed.data.created_at)}. It is shown only when it is made. If
              you have lost it, or someone else may have it, reset it to get a new one.
            </p>
          ) : null}
          <div className="govuk-button-group gt-subscribe__actions">
            <ConfirmAction
              label="Reset the address"
              confirmLabel="Yes, reset the address"
              warning="The old address stops working at once: calendars that use it will stop updating until you add the new one."
              busy={create.isPending}
              onConfirm={() => create.mutate()}
              testId="feed-reset"
            />
            <ConfirmAction
              label="Stop my subscription"
              confirmLabel="Yes, stop it"
              warning="The address stops working at once and calendars that use it stop updating."
              busy={stop.isPending}
              onConfirm={() => stop.mutate()}
              testId="feed-stop"
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
