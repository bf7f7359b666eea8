"""Dated progress updates on actions: reporting them and reading them back."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions.access import Access
from goldenthread.actions.models import Action, ActionProgress
from goldenthread.actions.schemas import ProgressCreate, ProgressRead
from goldenthread.actions.service import settle, snapshot
from goldenthread.audit import service as audit
from goldenthread.audit.models import AuditEntry
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, Forbidden, ValidationFailed
from goldenthread.core.principal import Actor


async def list_progress(session: AsyncSession, action: Action) -> list[ActionProgress]:
    query = (
        select(ActionProgress)
        .where(ActionProgress.action_id == action.id)
        .order_by(ActionProgress.reported_on.desc(), ActionProgress.id.desc())
        .limit(1000)
    )
    return list((await session.scalars(query)).all())


async def add_progress(
    session: AsyncSession,
    actor: Actor,
    access: Access,
    action: Action,
    data: ProgressCreate,
    today: date,
) -> ActionProgress:
    if not access.may_report(action):
        raise Forbidden(
            f"You may not report progress on action {action.id}: its owner, the managers of "
            "its org unit and the performance team may."
        )
    reported_on = data.reported_on or today
    if reported_on > today + timedelta(days=1):
        raise ValidationFailed(
            "Progress is reported on what has happened.",
            [FieldError("reported_on", "the date is in the future")],
        )
    before = snapshot(action)
    if data.status is not None:
        action.status = data.status
    if data.percent_complete is not None:
        action.percent_complete = data.percent_complete
    settle(
        action,
        status_given=data.status is not None,
        percent_given=data.percent_complete is not None,
        today=reported_on,
    )
    update = ActionProgress(
        action_id=action.id,
        reported_on=reported_on,
        note=data.note,
        status=data.status,
        percent_complete=data.percent_complete,
        author_id=actor.principal.id or None,
        author_name=actor.principal.name,
    )
    session.add(update)
    after = snapshot(action)
    if after != before:
        action.updated_at = utcnow()
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "action_update",
        update.id,
        before if after != before else None,
        {
            **after,
            "action_id": action.id,
            "reported_on": reported_on.isoformat(),
            "note": data.note,
        },
        indicator_id=action.indicator_id,
    )
    return update


def audited_updates(action_id: int) -> ColumnElement[bool]:
    """The audit entries of an action's progress updates (they change the action too)."""
    return (AuditEntry.entity == "action_update") & AuditEntry.entity_id.in_(
        select(ActionProgress.id).where(ActionProgress.action_id == action_id)
    )


def progress_read(update: ActionProgress) -> ProgressRead:
    return ProgressRead.model_validate(update)
