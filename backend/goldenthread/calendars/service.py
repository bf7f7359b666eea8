"""The calendar of a financial year: the cycle's events and the data deadlines together."""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit.models import FiguresVersion
from goldenthread.calendars import ics
from goldenthread.calendars.schemas import (
    CalendarCategory,
    CalendarDeadline,
    CalendarEntry,
    DeadlineIndicator,
)
from goldenthread.cycle import events as cycle_events
from goldenthread.cycle.models import CycleEvent
from goldenthread.cycle.rules import Category
from goldenthread.deadlines import service as deadlines
from goldenthread.deadlines.rules import DeadlineRule, DeadlineState
from goldenthread.organisations import service as organisations
from goldenthread.periods.rules import Frequency, parse_period, period_containing

UID_DOMAIN = "goldenthread"
CYCLE_CATEGORIES = {c.value for c in Category}


@dataclass(frozen=True)
class CalendarScope:
    year: int
    as_of: date
    categories: frozenset[CalendarCategory] = frozenset()
    org_unit_id: int | None = None
    person_id: int | None = None  # "mine": this person's deadlines and their units' events

    def wants(self, category: CalendarCategory) -> bool:
        return not self.categories or category in self.categories


def event_uid(event_id: int) -> str:
    return f"cycle-event-{event_id}@{UID_DOMAIN}"


def deadline_uid(period: str, person_id: int | None) -> str:
    # A personal deadline and the register's for the same period say different things, so
    # they are different events.
    who = f"-u{person_id}" if person_id is not None else ""
    return f"data-deadline-{period}{who}@{UID_DOMAIN}"


def period_label(code: str) -> str:
    """'December 2008', 'Q3 2008-09 (October to December 2008)' or '2008-09'."""
    period = parse_period(code)
    start, end = period.start, period.end
    if period.frequency is Frequency.MONTHLY:
        return start.strftime("%B %Y")
    if period.frequency is Frequency.QUARTERLY:
        return f"{period.suffix} {period.financial_year.code} ({start:%B} to {end:%B %Y})"
    return f"the financial year {period.code}"


async def _event_conditions(
    session: AsyncSession, scope: CalendarScope
) -> list[ColumnElement[bool]] | None:
    """SQL conditions on events; None when no event can match."""
    categories = [Category(c.value) for c in scope.categories if c.value in CYCLE_CATEGORIES]
    if scope.categories and not categories:
        return None
    conditions: list[ColumnElement[bool]] = []
    if categories:
        conditions.append(CycleEvent.category.in_(categories))
    if scope.org_unit_id is not None:
        subtree = await organisations.org_unit_subtree(session, scope.org_unit_id)
        conditions.append(CycleEvent.org_unit_id.in_(subtree))
    if scope.person_id is not None:
        # A person's events are those of their unit and of the units it sits under, and the
        # council-wide ones (no unit responsible): those concern everyone.
        chain = await organisations.units_above(
            session, await organisations.user_unit(session, scope.person_id)
        )
        council_wide = CycleEvent.org_unit_id.is_(None)
        conditions.append(
            council_wide | CycleEvent.org_unit_id.in_(chain) if chain else council_wide
        )
    return conditions


def _event_entry(event: CycleEvent, as_of: date) -> CalendarEntry:
    read = cycle_events.event_read(event, as_of)
    lines = [event.description] if event.description else []
    if event.responsible_role:
        lines.append(f"Responsible: {event.responsible_role}")
    if read.status.value == "done":
        lines.append(f"Done: marked by {event.done_by_name or 'the system'}")
    elif read.status.value == "missed":
        lines.append("Missed: not marked done by its date")
    for link in read.links:
        lines.append(f"Concerns: {link.label or link.kind.value} ({link.reference})")
    if event.note:
        lines.append(f"Note: {event.note}")
    return CalendarEntry(
        uid=event_uid(event.id),
        kind="event",
        title=event.title,
        description="\n".join(lines),
        category=CalendarCategory(event.category.value),
        starts_on=event.starts_on,
        due_on=event.due_on,
        status=read.status.value,
        event=read,
    )


def _deadline_entries(
    items: list[deadlines.Deadline], rule: DeadlineRule, scope: CalendarScope
) -> list[CalendarEntry]:
    by_period: dict[str, list[deadlines.Deadline]] = defaultdict(list)
    for item in items:
        by_period[item.period].append(item)
    entries = []
    for code, group in by_period.items():
        first = group[0]
        received = sum(1 for i in group if i.state is DeadlineState.RECEIVED)
        outstanding = len(group) - received
        status = (
            DeadlineState.RECEIVED.value
            if outstanding == 0
            else next(i.state for i in group if i.state is not DeadlineState.RECEIVED).value
        )
        label = period_label(code)
        whose = "Your" if scope.person_id is not None else "All"
        noun = "figure is" if len(group) == 1 else "figures are"
        lines = [
            f"{whose} {first.frequency.value} {noun} for {label} ({code}) due "
            f"{rule.working_days_after} working days after the period ends.",
            f"{len(group)} indicators: {received} received, {outstanding} outstanding.",
        ]
        mine: list[DeadlineIndicator] = []
        if scope.person_id is not None:
            for item in group:
                mine.append(
                    DeadlineIndicator(
                        indicator_id=item.indicator_id,
                        code=item.code,
                        title=item.title,
                        state=item.state,
                    )
                )
                lines.append(f"{item.code} {item.title}: {item.state.value.replace('_', ' ')}")
        entries.append(
            CalendarEntry(
                uid=deadline_uid(code, scope.person_id),
                kind="deadline",
                title=f"Data due: {first.frequency.value} figures for {label}",
                description="\n".join(lines),
                category=CalendarCategory.DATA_COLLECTION,
                starts_on=first.period_end,
                due_on=first.deadline,
                status=status,
                deadline=CalendarDeadline(
                    period=code,
                    frequency=first.frequency,
                    period_end=first.period_end,
                    indicators=len(group),
                    received=received,
                    outstanding=outstanding,
                    late=sum(1 for i in group if i.late),
                    mine=mine,
                ),
            )
        )
    return entries


async def entries(session: AsyncSession, scope: CalendarScope) -> list[CalendarEntry]:
    """Events and deadlines of the year, by due date. A fixed number of queries."""
    found: list[CalendarEntry] = []
    conditions = await _event_conditions(session, scope)
    if conditions is not None:
        events = await cycle_events.list_events(session, scope.year, conditions)
        found += [_event_entry(event, scope.as_of) for event in events]
    if scope.wants(CalendarCategory.DATA_COLLECTION):
        computed = await deadlines.compute(
            session,
            deadlines.Scope(
                as_of=scope.as_of,
                year=scope.year,
                person_id=scope.person_id,
                org_unit_id=scope.org_unit_id,
            ),
        )
        found += _deadline_entries(computed.items, deadlines.rule_of(computed.rule_row), scope)
    found.sort(key=lambda e: (e.due_on, e.kind, e.title, e.uid))
    return found


FEED_NAME = "Golden Thread: annual cycle"


class _EventBlocks:
    """Rendered cycle events for feeds, shared by everyone's feed in this process.

    Every feed carries the same cycle events, and rendering them is most of a feed's cost.
    They are kept by the figures version, which every audited change moves (cycle templates,
    events and the deadline rule included), and by the day, since an event's status depends
    on it; an entry cannot outlive what it shows.
    """

    def __init__(self, max_entries: int = 16) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()

    def get(self, key: Hashable) -> bytes | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: Hashable, block: bytes) -> None:
        self._entries[key] = block
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


EVENT_BLOCKS = _EventBlocks()


async def _figures_version(session: AsyncSession) -> int:
    version = await session.scalar(select(FiguresVersion.version).where(FiguresVersion.id == 1))
    return int(version or 0)


async def feed_body(
    session: AsyncSession, person_id: int, today: date, categories: frozenset[CalendarCategory]
) -> bytes:
    """A person's iCalendar feed: last, this and next financial year's cycle events (everyone's
    cycle) and the person's own data deadlines."""
    this_year = period_containing(Frequency.ANNUAL, today).year
    years = (this_year - 1, this_year, this_year + 1)
    wanted = categories or frozenset(CalendarCategory)
    event_categories = wanted - {CalendarCategory.DATA_COLLECTION}
    blocks: list[bytes] = []
    if event_categories:
        key = (
            str(session.get_bind().engine.url),
            await _figures_version(session),
            today,
            tuple(sorted(event_categories)),
        )
        block = EVENT_BLOCKS.get(key)
        if block is None:
            found: list[CalendarEntry] = []
            for year in years:
                scope = CalendarScope(year=year, as_of=today, categories=event_categories)
                found += await entries(session, scope)
            block = ics.render_events(found, as_of=today)
            EVENT_BLOCKS.put(key, block)
        blocks.append(block)
    if CalendarCategory.DATA_COLLECTION in wanted:
        mine: list[CalendarEntry] = []
        for year in years:
            scope = CalendarScope(
                year=year,
                as_of=today,
                categories=frozenset({CalendarCategory.DATA_COLLECTION}),
                person_id=person_id,
            )
            mine += await entries(session, scope)
        blocks.append(ics.render_events(mine, as_of=today))
    return ics.assemble(blocks, name=FEED_NAME)
