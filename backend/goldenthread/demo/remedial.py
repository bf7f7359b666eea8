"""Remedial action on the demo's red indicators, so exception reports show the council
responding: most indicators red at the latest quarter get an action with reported progress,
a few are left without one (the report shows that gap too)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions.models import Action
from goldenthread.demo.planning import add_action, report_progress
from goldenthread.demo.series import DemoCalendar
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.status import service as status_service
from goldenthread.status.values import Rag

# (what the action is, first progress note, percent complete): cycled over the red indicators.
RESPONSES = (
    (
        "Recovery plan for {code}: back within target by year end",
        "Causes agreed with the service; weekly monitoring in place.",
        20,
    ),
    (
        "Deep-dive review of {code} with the service's managers",
        "Data checked and confirmed; the review workshop is booked.",
        35,
    ),
    (
        "Improvement actions for {code} agreed with partners",
        "Partners signed up to three actions at the last board; first one under way.",
        50,
    ),
)


def _skipped(position: int) -> bool:
    # Every third red indicator has no remedial action yet: two thirds have one.
    return position % 3 == 2


async def add_remedial_actions(
    session: AsyncSession, calendar: DemoCalendar, fallback_owner: int
) -> list[Action]:
    """Remedial action with a progress update on two thirds of the indicators red at the
    latest quarter, owned by each indicator's owner."""
    today = calendar.today
    view = calendar.quarter_view
    statuses = await status_service.compute_statuses(
        session, view, [Indicator.lifecycle != Lifecycle.RETIRED]
    )
    red = [s for s in statuses if s.rag is Rag.RED]
    made: list[Action] = []
    for position, status in enumerate(red):
        if _skipped(position):
            continue
        title, note, percent = RESPONSES[len(made) % len(RESPONSES)]
        action = await add_action(
            session,
            today,
            indicator_id=status.indicator_id,
            code=f"REM {len(made) + 1}",
            title=title.format(code=status.code),
            owner_id=status.owner_id or fallback_owner,
            due_on=today + timedelta(days=45 + 15 * (len(made) % 4)),
            description=f"Remedial action: {status.code} was red at {view.code}.",
        )
        await report_progress(
            session,
            action,
            today - timedelta(days=2 + len(made) % 10),
            note,
            percent_complete=percent,
        )
        made.append(action)
    return made
