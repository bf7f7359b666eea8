"""Where reminders come from. Each source lists, for a day, what someone should be reminded
of; the service drops what was already sent and e-mails the rest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import listing as actions
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
    """Owners of open actions and milestones due within ``lead_days`` days, and of those past
    their due date. The due date is part of the key, so a moved date brings a fresh reminder."""
    items: list[ReminderItem] = []
    for action in await actions.due_for_reminders(session, today, lead_days):
        assert action.owner_id is not None and action.due_on is not None
        if action.due_on < today:
            kind, when = ReminderKind.ACTION_OVERDUE, f"was due {long_date(action.due_on)}"
        else:
            kind, when = ReminderKind.ACTION_DUE, f"due {long_date(action.due_on)}"
        what = "Milestone" if action.parent_id is not None else "Action"
        items.append(
            ReminderItem(
                kind=kind,
                user_id=action.owner_id,
                subject_key=f"{action.id}:{action.due_on.isoformat()}",
                due_on=action.due_on,
                text=f"{what} {action.code or action.id}: {action.title}, {when}",
            )
        )
    return items


SOURCES: tuple[ReminderSource, ...] = (data_deadlines, action_deadlines)
