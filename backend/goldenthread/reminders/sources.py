"""Where reminders come from. Each source lists, for a day, what someone should be reminded
of; the service drops what was already sent and e-mails the rest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.calendars import service as calendars
from goldenthread.deadlines import service as deadlines
from goldenthread.deadlines.rules import DeadlineState
from goldenthread.outturns.models import OutturnStatus
from goldenthread.reminders.rules import ReminderItem, ReminderKind, long_date

# (session, today, lead days) -> what to remind whom of.
ReminderSource = Callable[[AsyncSession, date, int], Awaitable[list[ReminderItem]]]


async def data_deadlines(session: AsyncSession, today: date, lead_days: int) -> list[ReminderItem]:
    """Owners and deputies of figures due within ``lead_days`` days, and of figures past their
    deadline (within the deadline rule's look-back window): one query set for the register."""
    found = await deadlines.compute(session, deadlines.Scope(as_of=today))
    items: list[ReminderItem] = []
    for item in found.items:
        if item.state in (DeadlineState.RECEIVED, DeadlineState.UPCOMING):
            continue
        days_left = (item.deadline - today).days
        if item.state is DeadlineState.OVERDUE:
            kind = ReminderKind.DATA_OVERDUE
            when = f"was due {long_date(item.deadline)}"
        elif 0 <= days_left <= lead_days:
            kind = ReminderKind.DATA_DUE
            when = f"due {long_date(item.deadline)}"
        else:
            continue
        draft = (
            " (a draft is recorded: submit it)"
            if item.outturn_status is OutturnStatus.DRAFT
            else ""
        )
        text = (
            f"{item.code} {item.title}: {calendars.period_label(item.period)} "
            f"({item.period}), {when}{draft}"
        )
        for user_id in sorted({u for u in (item.owner_id, item.deputy_id) if u is not None}):
            items.append(
                ReminderItem(
                    kind=kind,
                    user_id=user_id,
                    subject_key=f"{item.indicator_id}:{item.period}",
                    due_on=item.deadline,
                    text=text,
                )
            )
    return items


async def action_deadlines(
    session: AsyncSession, today: date, lead_days: int
) -> list[ReminderItem]:
    """Hook for action owners near a due date. Actions and milestones (DESIGN.md 2.5) do not
    exist yet; when they do, this returns, for each action not complete or cancelled, an
    ``ACTION_DUE`` item to its owner when its due date is within ``lead_days`` days and an
    ``ACTION_OVERDUE`` item once it has passed, with ``subject_key=f"{action.id}"`` (add the
    due date to the key if a moved date should bring a fresh reminder)."""
    return []


SOURCES: tuple[ReminderSource, ...] = (data_deadlines, action_deadlines)
