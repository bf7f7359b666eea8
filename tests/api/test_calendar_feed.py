"""The iCalendar feed: valid RFC 5545 (checked by the icalendar library and by the RFC's
rules directly), stable UIDs, all-day dates, escaping, and a personal token that can be reset."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from icalendar import Calendar
from sqlalchemy import select

from goldenthread.calendars.models import CalendarFeedToken
from goldenthread.periods.rules import Frequency, period_containing
from goldenthread.periods.workdays import today_in_london
from tests.api.world import World

FEED = "/api/v1/calendar/feed"
TITLE = 'Budget, risks; and \\ reports: "the big one"'
DESCRIPTION = (
    "Line one\nLine two, with commas; semicolons and a back\\slash.\n"
    + "Café costs £5 — naïve résumé façade. " * 8
).strip()

CONTENT_LINE = re.compile(
    r"(?P<name>[A-Za-z0-9-]+)"
    r'(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*)'
    r":(?P<value>.*)"
)
TEXT_VALUE = re.compile(r"(?:[^\\,;]|\\[\\;,nN])*")
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"}


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def strict_parse(raw: bytes) -> list[dict[str, Any]]:
    """Check the feed against RFC 5545 itself (no library) and return its events' properties
    as {name: [(params, value)]}."""
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "a line ends without CR"
    assert b"\r" not in raw.replace(b"\r\n", b""), "a bare CR"
    physical = raw.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # folding never splits a UTF-8 character
    logical: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    lines = [line.decode("utf-8") for line in logical]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    stack: list[str] = []
    calendar_props: list[str] = []
    events: list[dict[str, Any]] = []
    for line in lines:
        match = CONTENT_LINE.fullmatch(line)
        assert match, f"not a content line: {line!r}"
        name, value = match["name"].upper(), match["value"]
        params = dict(p.split("=", 1) for p in match["params"].split(";")[1:])
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
            continue
        if name == "END":
            assert stack.pop() == value
            continue
        if stack == ["VCALENDAR"]:
            calendar_props.append(name)
        elif stack == ["VCALENDAR", "VEVENT"]:
            if name in TEXT_PROPERTIES:
                assert TEXT_VALUE.fullmatch(value), f"unescaped text in {name}: {value!r}"
                value = _unescape(value)
            events[-1].setdefault(name, []).append((params, value))
    assert stack == []
    assert calendar_props.count("VERSION") == 1 and calendar_props.count("PRODID") == 1
    for props in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert len(props.get(required, [])) == 1, (required, props)
        assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"][0][1])
        for name in ("DTSTART", "DTEND"):
            params, value = props[name][0]
            assert params == {"VALUE": "DATE"} and re.fullmatch(r"\d{8}", value), props[name]
        assert props["DTEND"][0][1] > props["DTSTART"][0][1]
    return events


def _this_year() -> str:
    return period_containing(Frequency.ANNUAL, today_in_london()).code


async def _setup(world: World) -> None:
    headers = world.headers("perf")
    created = await world.client.post(
        "/api/v1/cycle/templates",
        json={
            "title": TITLE,
            "description": DESCRIPTION,
            "category": "budget",
            "recurrence": "quarterly",
            "month_of_quarter": 3,
            "responsible_role": "Director of Resources",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    made = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": _this_year()}, headers=headers
    )
    assert made.json()["created"] == 4
    await world.create_indicator(code="NI 195a", frequency="monthly")


async def _subscribe(world: World, who: str = "owner") -> str:
    response = await world.client.post(FEED, headers=world.headers(who))
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    assert url.startswith("http://testserver/api/v1/calendar.ics?token=")
    return url.removeprefix("http://testserver")


async def test_the_feed_is_valid_icalendar_with_all_day_events_and_escaped_text(
    world: World,
) -> None:
    await _setup(world)
    url = await _subscribe(world)
    response = await world.client.get(url)  # no bearer token: the address is the credential
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "private" in response.headers["cache-control"]
    raw = response.content

    # A standard library parses it without complaint.
    calendar = Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0"
    parsed = list(calendar.walk("VEVENT"))
    assert all(not event.errors for event in parsed)
    ours = [e for e in parsed if str(e["SUMMARY"]) == TITLE]
    assert len(ours) == 4
    assert str(ours[0]["DESCRIPTION"]).startswith(DESCRIPTION)
    assert all(isinstance(e.decoded("DTSTART"), date) for e in parsed)
    assert all(type(e.decoded("DTSTART")) is date for e in parsed)  # dates, not date-times
    deadlines = [e for e in parsed if str(e["UID"]).startswith("data-deadline-")]
    assert len(deadlines) == 36  # a monthly indicator over three financial years
    assert len({str(e["UID"]) for e in parsed}) == len(parsed)

    # And it follows the RFC's own rules, checked without any library.
    events = strict_parse(raw)
    assert len(events) == len(parsed)
    strict_ours = [e for e in events if e["SUMMARY"][0][1] == TITLE]
    assert len(strict_ours) == 4
    assert strict_ours[0]["DESCRIPTION"][0][1].startswith(DESCRIPTION)
    # The long description really was folded.
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))


async def test_uids_are_stable_and_a_change_replaces_the_event(world: World) -> None:
    await _setup(world)
    url = await _subscribe(world)
    first = Calendar.from_ical((await world.client.get(url)).content)
    uids = sorted(str(e["UID"]) for e in first.walk("VEVENT"))
    again = Calendar.from_ical((await world.client.get(url)).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == uids
    event = next(e for e in first.walk("VEVENT") if str(e["SUMMARY"]) == TITLE)
    event_id = int(str(event["UID"]).removeprefix("cycle-event-").split("@")[0])
    assert int(event["SEQUENCE"]) == 0
    done = await world.client.patch(
        f"/api/v1/cycle/events/{event_id}", json={"status": "done"}, headers=world.headers("perf")
    )
    assert done.status_code == 200
    after = Calendar.from_ical((await world.client.get(url)).content)
    assert sorted(str(e["UID"]) for e in after.walk("VEVENT")) == uids
    changed = next(e for e in after.walk("VEVENT") if str(e["UID"]) == str(event["UID"]))
    assert str(changed["SUMMARY"]) == f"Done: {TITLE}"
    assert int(changed["SEQUENCE"]) == 1


async def test_an_unchanged_feed_answers_not_modified(world: World) -> None:
    await _setup(world)
    url = await _subscribe(world)
    first = await world.client.get(url)
    etag = first.headers["etag"]
    second = await world.client.get(url, headers={"If-None-Match": etag})
    assert second.status_code == 304


async def test_resetting_the_token_makes_the_old_address_404(world: World) -> None:
    await _setup(world)
    status = await world.client.get(FEED, headers=world.headers("owner"))
    assert status.json() == {"active": False, "created_at": None}
    old = await _subscribe(world)
    assert (await world.client.get(old)).status_code == 200
    assert (await world.client.get(FEED, headers=world.headers("owner"))).json()["active"]
    new = await _subscribe(world)
    assert new != old
    gone = await world.client.get(old)
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"
    assert (await world.client.get(new)).status_code == 200
    revoked = await world.client.delete(FEED, headers=world.headers("owner"))
    assert revoked.status_code == 204
    assert (await world.client.get(new)).status_code == 404
    guessed = await world.client.get("/api/v1/calendar.ics?token=" + "A" * 43)
    assert guessed.status_code == 404
    assert (await world.client.get("/api/v1/calendar.ics")).status_code == 422
    # A bearer token is no substitute for the feed token.
    bearer = await world.client.get("/api/v1/calendar.ics", headers=world.headers("owner"))
    assert bearer.status_code == 422


async def test_only_a_digest_of_the_token_is_stored_and_feeds_are_personal(world: World) -> None:
    await _setup(world)
    url = await _subscribe(world)
    token = url.split("token=")[1]
    async with world.app.state.sessionmaker() as session:
        rows = (await session.scalars(select(CalendarFeedToken))).all()
    assert [row.user_id for row in rows] == [world.users["owner"]]
    assert rows[0].digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in rows[0].digest
    # The performance team owns no indicators: its feed has the cycle but no deadlines.
    perf = Calendar.from_ical((await world.client.get(await _subscribe(world, "perf"))).content)
    uids = [str(e["UID"]) for e in perf.walk("VEVENT")]
    assert uids and not any(uid.startswith("data-deadline-") for uid in uids)
    only_budget = await world.client.get(f"{url}&category=budget")
    events = Calendar.from_ical(only_budget.content).walk("VEVENT")
    assert {str(e["CATEGORIES"].cats[0]) for e in events} == {"Budget"}


def test_the_strict_checker_rejects_what_the_rfc_forbids() -> None:
    def feed(*event_lines: str) -> bytes:
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//EN",
            "BEGIN:VEVENT",
            "UID:1@test",
            "DTSTAMP:20090101T000000Z",
            "DTSTART;VALUE=DATE:20090115",
            "DTEND;VALUE=DATE:20090116",
            *event_lines,
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return ("\r\n".join(lines) + "\r\n").encode()

    good = feed("SUMMARY:Budget\\, risks\\; and \\\\ reports", "DESCRIPTION:one\\ntwo")
    events = strict_parse(good)
    assert events[0]["SUMMARY"][0][1] == "Budget, risks; and \\ reports"
    assert events[0]["DESCRIPTION"][0][1] == "one\ntwo"
    bad = [
        feed("SUMMARY:Budget, risks"),
        feed("SUMMARY:Budget; risks"),
        feed("SUMMARY:back\\slash"),
        feed("SUMMARY:" + "x" * 70),
        good.replace(b"\r\n", b"\n"),
        feed("SUMMARY:x").replace(b"DTSTART;VALUE=DATE:20090115", b"DTSTART:20090115T090000"),
        feed("SUMMARY:x").replace(b"UID:1@test\r\n", b""),
    ]
    for raw in bad:
        try:
            strict_parse(raw)
        except AssertionError:
            continue
        raise AssertionError(f"accepted: {raw!r}")
