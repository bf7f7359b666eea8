import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../api/client';
import { opsKeys } from '../api/opsQueries';
import { errorMessage } from '../api/problem';
import { useOrgUnits } from '../api/queries';
import type { CalendarCategory, CalendarEntry, CycleEvent, EventStatus, Me, OrgUnit } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { isPerformanceTeam } from '../auth/roles';
import { CATEGORY_LABELS, DEADLINE_STATE_LABELS, entryStatusLabel, formatSpan } from '../lib/calendar';
import { type Conflict, readConflict } from '../lib/conflict';
import { formatDateTime } from '../lib/format';
import { dataEntryLink } from '../lib/deadlines';
import { ConflictNotice } from './ConflictNotice';
import { StateTag } from './StateTag';


/** A category in words, with a coloured edge that only repeats what the words say. */
export function CategoryTag({ category, short = false }: { category: CalendarCategory; short?: boolean }) {
  return (
    <span className={`gt-cat gt-cat--${category}${short ? ' gt-cat--short' : ''}`} data-category={category}>
      <span className="govuk-visually-hidden">Category: </span>
      {CATEGORY_LABELS[category]}
    </span>
  );
}

/**
 * Whether this person may mark the event: the performance team any, staff of the responsible
 * unit (or a unit beneath it) that unit's events; viewers none. The API decides in the end.
 */
export function mayMark(me: Me, event: Pick<CycleEvent, 'org_unit_id'>, units: Map<number, OrgUnit>): boolean {
  if (isPerformanceTeam(me)) return true;
  if (me.role !== 'manager' && me.role !== 'contributor') return false;
  if (event.org_unit_id === null || me.org_unit_id === null || me.org_unit_id === undefined) return false;
  const seen = new Set<number>();
  let cur: number | null = me.org_unit_id;
  while (cur !== null && !seen.has(cur)) {
    if (cur === event.org_unit_id) return true;
    seen.add(cur);
    cur = units.get(cur)?.parent_id ?? null;
  }
  return false;
}

export function CalendarEntryItem({ entry, focusable = false }: { entry: CalendarEntry; focusable?: boolean }) {
  const me = useCurrentUser();
  const orgUnits = useOrgUnits();
  const units = useMemo(() => new Map((orgUnits.data ?? []).map((u) => [u.id, u])), [orgUnits.data]);
  const event = entry.event ?? null;
  const deadline = entry.deadline ?? null;
  const titleId = `entry-${entry.uid}-title`;
  return (
    <li
      className={`gt-entry gt-cat-edge--${entry.category}`}
      id={`entry-${entry.uid}`}
      tabIndex={focusable ? -1 : undefined}
      aria-labelledby={titleId}
      data-testid="calendar-entry"
      data-kind={entry.kind}
      data-due={entry.due_on}
    >
      <div className="gt-entry__when">{formatSpan(entry.starts_on, entry.due_on)}</div>
      <div className="gt-entry__body">
        <div className="gt-entry__tags">
          <CategoryTag category={entry.category} />
          <StateTag status={entry.status} label={entryStatusLabel(entry)} />
        </div>
        <h3 className="gt-entry__title" id={titleId}>
          {entry.title}
        </h3>
        {/* An event's own description: the entry's adds what the actions below already say. */}
        {event?.description ? <p className="govuk-body-s gt-entry__description">{event.description}</p> : null}
        {deadline ? (
          <>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {deadline.received} of {deadline.indicators} figures in
              {deadline.outstanding ? `, ${deadline.outstanding} outstanding` : ''}
              {deadline.late ? `, ${deadline.late} handed in late` : ''}.
            </p>
            {deadline.mine?.length ? (
              <ul className="govuk-list govuk-body-s">
                {deadline.mine.map((d) => (
                  <li key={d.indicator_id}>
                    <Link className="govuk-link" to={dataEntryLink({ period: deadline.period })}>
                      {d.code}: {d.title}
                    </Link>{' '}
                    – {DEADLINE_STATE_LABELS[d.state]}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
      {event ? <EventActions event={event} allowed={mayMark(me, event, units)} /> : <div />}
    </li>
  );
}

function EventActions({ event, allowed }: { event: CycleEvent; allowed: boolean }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const target: EventStatus = event.status === 'done' ? 'due' : 'done';
  const mark = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/cycle/events/{event_id}', {
          params: { path: { event_id: event.id } },
          body: { status: target },
          headers: { 'If-Match': versionTag(event.version) },
        }),
      ),
    onSuccess: (updated) => {
      setNote(updated.status === 'done' ? 'Marked as done.' : 'Marked as not done.');
      void queryClient.invalidateQueries({ queryKey: opsKeys.calendarAll });
    },
    onError: (error) => {
      const lost = readConflict(error);
      if (lost) setConflict(lost);
      else setNote(errorMessage(error));
    },
  });
  return (
    <div className="gt-entry__actions">
      {event.status === 'done' ? (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          Done{event.done_by_name ? ` – marked by ${event.done_by_name}` : ''}
          {event.done_at ? ` on ${formatDateTime(event.done_at)}` : ''}.
        </p>
      ) : null}
      {event.responsible_role ? <p className="govuk-body-s govuk-!-margin-bottom-1 gt-muted">Responsible: {event.responsible_role}</p> : null}
      {allowed ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 gt-small-button"
          disabled={mark.isPending}
          onClick={() => {
            setNote(null);
            setConflict(null);
            mark.mutate();
          }}
        >
          {target === 'done' ? 'Mark as done' : 'Mark as not done'}
          <span className="govuk-visually-hidden">: {event.title}</span>
        </button>
      ) : null}
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          what="this event"
          id={`event-${event.id}-conflict`}
          testId="event-conflict"
          title="The event was not changed"
          kept={`${nowText(conflict.current)}Load the calendar again to see it, then try again if you need to.`}
          loadLabel="Load the current calendar"
          onLoad={() => {
            // The calendar lists events inside its entries, so fetch it again rather than patch it.
            setConflict(null);
            void queryClient.invalidateQueries({ queryKey: opsKeys.calendarAll });
          }}
        />
      ) : null}
      <p className="govuk-body-s govuk-!-margin-bottom-0" role="status" data-testid="event-note">
        {note}
      </p>
    </div>
  );
}

/** What the event is now, from the stored version a 412 carries. */
function nowText(current: Record<string, unknown> | null): string {
  if (!current) return '';
  if (current.status === 'done') return `It is now marked done${typeof current.done_by_name === 'string' ? ` by ${current.done_by_name}` : ''}. `;
  if (current.status === 'missed') return 'It is now marked missed. ';
  if (current.status === 'due') return 'It is now marked to do. ';
  return '';
}
