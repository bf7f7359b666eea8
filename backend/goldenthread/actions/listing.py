"""Finding actions: the filtered list, soonest due first, and those due a reminder."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import rules
from goldenthread.actions.models import Action, ActionStatus
from goldenthread.core.errors import FieldError, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Principal
from goldenthread.objectives.models import Objective

# Actions due further ahead than this are not worth a reminder-sized look back.
REMINDER_LOOKBACK_DAYS = 400
FAR_FUTURE = date(9999, 12, 31)


def _due_key() -> ColumnElement[Any]:
    return func.coalesce(Action.due_on, literal(FAR_FUTURE))


async def list_actions(
    session: AsyncSession,
    principal: Principal,
    today: date,
    *,
    mine: bool,
    overdue: bool,
    plan_id: int | None,
    objective_id: int | None,
    indicator_id: int | None,
    owner_id: int | None,
    parent_id: int | None,
    status: ActionStatus | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[tuple[Action, int | None]], str | None]:
    """Soonest due first (undated last)."""
    due = _due_key()
    query = (
        select(Action, Objective.plan_id)
        .outerjoin(Objective, Objective.id == Action.objective_id)
        .order_by(due, Action.id)
        .limit(limit + 1)
    )
    if mine:
        query = query.where(Action.owner_id == principal.id)
    if overdue:
        query = query.where(Action.status.in_(sorted(rules.OPEN)), Action.due_on < today)
    if plan_id is not None:
        query = query.where(Objective.plan_id == plan_id)
    if objective_id is not None:
        query = query.where(Action.objective_id == objective_id)
    if indicator_id is not None:
        query = query.where(Action.indicator_id == indicator_id)
    if owner_id is not None:
        query = query.where(Action.owner_id == owner_id)
    if parent_id is not None:
        query = query.where(Action.parent_id == parent_id)
    if status is not None:
        query = query.where(Action.status == status)
    if cursor:
        due_text, after_id = decode_cursor(cursor)
        try:
            after_due = date.fromisoformat(str(due_text))
        except ValueError as exc:
            raise ValidationFailed(
                "The cursor is not one this service issued.", [FieldError("cursor", "invalid")]
            ) from exc
        query = query.where((due > after_due) | ((due == after_due) & (Action.id > int(after_id))))
    rows: list[tuple[Action, int | None]] = [
        (a, p) for a, p in (await session.execute(query)).all()
    ]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1][0]
        next_cursor = encode_cursor([(last.due_on or FAR_FUTURE).isoformat(), last.id])
    return rows[:limit], next_cursor


async def due_for_reminders(session: AsyncSession, today: date, lead_days: int) -> list[Action]:
    """Open actions with an owner due within ``lead_days`` or already overdue (not long ago)."""
    query = (
        select(Action)
        .where(
            Action.owner_id.is_not(None),
            Action.status.in_(sorted(rules.OPEN)),
            Action.due_on.is_not(None),
            Action.due_on <= today + timedelta(days=lead_days),
            Action.due_on >= today - timedelta(days=REMINDER_LOOKBACK_DAYS),
        )
        .order_by(Action.due_on, Action.id)
    )
    return list((await session.scalars(query)).all())
