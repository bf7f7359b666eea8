"""Pure rules of actions: when one is overdue, and what a progress update may say."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from goldenthread.actions.models import ActionStatus

OPEN = frozenset({ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS})


class ActionState(StrEnum):
    """How an action stands today, for roll-ups."""

    COMPLETE = "complete"
    ON_TRACK = "on_track"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def is_overdue(status: ActionStatus, due_on: date | None, today: date) -> bool:
    """Past its due date and still open (a cancelled action is never overdue)."""
    return status in OPEN and due_on is not None and due_on < today


def state(status: ActionStatus, due_on: date | None, today: date) -> ActionState:
    if status is ActionStatus.COMPLETE:
        return ActionState.COMPLETE
    if status is ActionStatus.CANCELLED:
        return ActionState.CANCELLED
    return ActionState.OVERDUE if is_overdue(status, due_on, today) else ActionState.ON_TRACK


def settle_progress(
    status: ActionStatus, percent: int, *, status_given: bool, percent_given: bool
) -> tuple[ActionStatus, int]:
    """Keep status and percent complete consistent: 100% means complete (unless the status
    says otherwise explicitly), complete means 100%, and any progress means started."""
    if status is ActionStatus.COMPLETE:
        return status, 100
    if percent >= 100 and percent_given and not status_given:
        return ActionStatus.COMPLETE, 100
    if status is ActionStatus.NOT_STARTED and percent > 0 and not status_given:
        return ActionStatus.IN_PROGRESS, percent
    return status, percent
