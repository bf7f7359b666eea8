"""Writing the calendar as iCalendar (RFC 5545) with the ``icalendar`` package.

The package does the parts that are easy to get wrong by hand: escaping of commas,
semicolons, backslashes and new lines in text, folding lines at 75 octets without splitting a
UTF-8 character, CRLF line ends, and ``VALUE=DATE`` for all-day dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from goldenthread.calendars.schemas import CATEGORY_LABELS, CalendarEntry

PRODID = "-//Golden Thread//Annual planning and reporting cycle//EN"


def _stamp(entry: CalendarEntry, as_of: date) -> datetime:
    """When this version of the entry was made. An event's stamp is its last change, and a
    deadline's the start of the day it is judged on, so the feed is byte-for-byte the same
    between changes and calendar clients polling it get 304 Not Modified."""
    if entry.event is not None:
        return entry.event.updated_at.astimezone(UTC)
    return datetime.combine(as_of, time(0, 0), tzinfo=UTC)


def _event(entry: CalendarEntry, as_of: date) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", _stamp(entry, as_of))
    # All-day: DTSTART;VALUE=DATE, and DTEND the day after (RFC 5545 end is exclusive).
    event.add("dtstart", entry.due_on)
    event.add("dtend", entry.due_on + timedelta(days=1))
    done = entry.status == "done"
    event.add("summary", f"Done: {entry.title}" if done else entry.title)
    if entry.description:
        event.add("description", entry.description)
    event.add("categories", [CATEGORY_LABELS[entry.category]])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if entry.event is not None:
        event.add("sequence", max(0, entry.event.version - 1))
        event.add("last-modified", entry.event.updated_at.astimezone(UTC))
    return event


def render_events(entries: Iterable[CalendarEntry], *, as_of: date) -> bytes:
    """The entries as VEVENT blocks (folded, CRLF), to go inside a calendar."""
    return b"".join(_event(entry, as_of).to_ical() for entry in entries)


def assemble(blocks: Iterable[bytes], *, name: str) -> bytes:
    """A VCALENDAR around blocks of rendered events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Ask clients to poll a few times a day (RFC 7986 and the older Microsoft property).
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    empty: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert empty.endswith(end)
    return empty[: -len(end)] + b"".join(blocks) + end
