"""Actions and milestones: who may do what, listing, changes and dated progress updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import rules
from goldenthread.actions.models import Action, ActionProgress, ActionStatus
from goldenthread.actions.schemas import (
    ActionCreate,
    ActionRead,
    ActionUpdate,
    ProgressCreate,
    ProgressRead,
)
from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal, Role
from goldenthread.core.staff_access import Reach, reach_of
from goldenthread.indicators.models import Indicator
from goldenthread.objectives.models import Objective
from goldenthread.organisations.models import OrgUnit
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.users.models import User

ACTION_FIELDS = (
    "code",
    "title",
    "description",
    "objective_id",
    "indicator_id",
    "parent_id",
    "owner_id",
    "org_unit_id",
    "timescale",
    "start_on",
    "due_on",
    "status",
    "percent_complete",
    "completed_on",
)
# Actions due further ahead than this are not worth a reminder-sized look back.
REMINDER_LOOKBACK_DAYS = 400
FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class Access:
    principal: Principal
    reach: Reach

    def may_manage(self, action: Action) -> bool:
        p = self.principal
        if not p.is_user or p.has_role(Role.VIEWER):
            return False
        if p.maintains_register:
            return True
        if p.has_role(Role.MANAGER) and self.reach.covers(action.org_unit_id):
            return True
        # Whoever raised an action (an indicator owner's remedial action) keeps it.
        return action.created_by_id == p.id

    def may_report(self, action: Action) -> bool:
        p = self.principal
        if not p.is_user or p.has_role(Role.VIEWER):
            return False
        return self.may_manage(action) or action.owner_id == p.id


async def access_of(session: AsyncSession, principal: Principal) -> Access:
    return Access(principal, await reach_of(session, principal))


def action_read(action: Action, plan_id: int | None, access: Access, today: date) -> ActionRead:
    return ActionRead(
        **{name: getattr(action, name) for name in ACTION_FIELDS},
        id=action.id,
        plan_id=plan_id,
        is_milestone=action.parent_id is not None,
        organisation_id=action.organisation_id,
        overdue=rules.is_overdue(action.status, action.due_on, today),
        state=rules.state(action.status, action.due_on, today),
        can_manage=access.may_manage(action),
        can_report_progress=access.may_report(action),
        version=action.version,
        created_at=action.created_at,
        updated_at=action.updated_at,
    )


async def plan_of(session: AsyncSession, action: Action) -> int | None:
    if action.objective_id is None:
        return None
    plan_id: int | None = await session.scalar(
        select(Objective.plan_id).where(Objective.id == action.objective_id)
    )
    return plan_id


async def get_action(session: AsyncSession, action_id: int, principal: Principal) -> Action:
    action = await session.get(Action, action_id, populate_existing=True)
    if action is None or not principal.is_user:
        raise NotFound(f"There is no action {action_id}.")
    return action


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


async def _resolve(session: AsyncSession, values: dict[str, Any]) -> dict[str, Any]:
    """Check what an action refers to, and work out its org unit and organisation."""
    errors: list[FieldError] = []
    objective_plan = None
    indicator = None
    if values.get("parent_id") is not None:
        parent = await session.get(Action, values["parent_id"])
        if parent is None:
            errors.append(FieldError("parent_id", f"there is no action {values['parent_id']}"))
        elif parent.parent_id is not None:
            errors.append(FieldError("parent_id", "a milestone cannot have milestones"))
        else:
            for name in ("objective_id", "indicator_id", "org_unit_id"):
                if values.get(name) is None:
                    values[name] = getattr(parent, name)
            values["organisation_id"] = parent.organisation_id
    if values.get("objective_id") is not None:
        found = (
            await session.execute(
                select(Plan)
                .join(Objective, Objective.plan_id == Plan.id)
                .where(Objective.id == values["objective_id"])
            )
        ).scalar_one_or_none()
        if found is None:
            errors.append(
                FieldError("objective_id", f"there is no objective {values['objective_id']}")
            )
        objective_plan = found
    if values.get("indicator_id") is not None:
        indicator = await session.get(Indicator, values["indicator_id"])
        if indicator is None:
            errors.append(
                FieldError("indicator_id", f"there is no indicator {values['indicator_id']}")
            )
    if (
        values.get("objective_id") is None
        and values.get("indicator_id") is None
        and values.get("parent_id") is None
    ):
        errors.append(
            FieldError(
                "objective_id",
                "an action serves an objective, is remedial action on an indicator "
                "(indicator_id) or is a milestone of an action (parent_id)",
            )
        )
    owner = None
    if values.get("owner_id") is not None:
        owner = await session.get(User, values["owner_id"])
        if owner is None:
            errors.append(FieldError("owner_id", f"there is no user {values['owner_id']}"))
    unit = values.get("org_unit_id")
    if unit is not None and await session.get(OrgUnit, unit) is None:
        errors.append(FieldError("org_unit_id", f"there is no org unit {values['org_unit_id']}"))
    start, due = values.get("start_on"), values.get("due_on")
    if start and due and due < start:
        errors.append(FieldError("due_on", "the due date is before the start date"))
    if errors:
        raise ValidationFailed("The action is not valid.", errors)
    if values.get("org_unit_id") is None:
        values["org_unit_id"] = (
            (objective_plan.owner_org_unit_id if objective_plan else None)
            or (indicator.org_unit_id if indicator else None)
            or (owner.org_unit_id if owner else None)
        )
    if values.get("organisation_id") is None:
        values["organisation_id"] = (
            objective_plan.organisation_id
            if objective_plan
            else indicator.organisation_id
            if indicator
            else owner.organisation_id
            if owner
            else None
        )
    return values


def _snapshot(action: Action) -> dict[str, Any]:
    return audit.snapshot(action, ACTION_FIELDS)


def _record(
    session: AsyncSession,
    actor: Actor,
    action_name: str,
    entity: str,
    entity_id: int,
    indicator_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    audit.record(
        session,
        actor,
        action=action_name,
        entity=entity,
        entity_id=entity_id,
        indicator_id=indicator_id,
        before=before,
        after=after,
    )


async def _may_create(
    session: AsyncSession, access: Access, editor: Editor, values: dict[str, Any]
) -> bool:
    p = access.principal
    if not p.is_user or p.has_role(Role.VIEWER):
        return False
    if p.maintains_register:
        return True
    if p.has_role(Role.MANAGER) and access.reach.covers(values["org_unit_id"]):
        return True
    if values.get("parent_id") is not None:
        parent = await session.get(Action, values["parent_id"])
        if parent is not None and access.may_manage(parent):
            return True
    if values.get("objective_id") is not None:
        plan = (
            await session.execute(
                select(Plan)
                .join(Objective, Objective.plan_id == Plan.id)
                .where(Objective.id == values["objective_id"])
            )
        ).scalar_one()
        if editor.may_edit_plan(plan):
            return True
    if values.get("indicator_id") is not None and values.get("objective_id") is None:
        # Indicator owners and deputies add remedial action on their own indicators.
        indicator = await session.get(Indicator, values["indicator_id"])
        if indicator is not None and p.id in (indicator.owner_id, indicator.deputy_id):
            return True
    return False


def _settle(action: Action, *, status_given: bool, percent_given: bool, today: date) -> None:
    action.status, action.percent_complete = rules.settle_progress(
        action.status,
        action.percent_complete,
        status_given=status_given,
        percent_given=percent_given,
    )
    if action.status is ActionStatus.COMPLETE:
        action.completed_on = action.completed_on or today
    else:
        action.completed_on = None


async def create_action(
    session: AsyncSession,
    actor: Actor,
    access: Access,
    editor: Editor,
    data: ActionCreate,
    today: date,
) -> Action:
    values = await _resolve(session, data.model_dump())
    if values["organisation_id"] is None:
        values["organisation_id"] = actor.principal.organisation_id
    if not await _may_create(session, access, editor, values):
        raise Forbidden(
            "You may not add this action: managers add actions for their own org unit and "
            "the units beneath it, indicator owners add remedial action on their indicators."
        )
    action = Action(**values, created_by_id=actor.principal.id or None)
    _settle(
        action,
        status_given="status" in data.model_fields_set,
        percent_given="percent_complete" in data.model_fields_set,
        today=today,
    )
    session.add(action)
    await session.flush()
    _record(
        session, actor, "create", "action", action.id, action.indicator_id, None, _snapshot(action)
    )
    return action


async def update_action(
    session: AsyncSession,
    actor: Actor,
    access: Access,
    action: Action,
    data: ActionUpdate,
    today: date,
) -> Action:
    if not access.may_manage(action):
        raise Forbidden(
            f"You may not change action {action.id}: its owner reports progress on it; "
            "managers of its org unit and the performance team change it."
        )
    changes = data.model_dump(exclude_unset=True)
    for name in ("title", "status", "percent_complete"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(
                "Some fields may not be emptied.", [FieldError(name, "may not be null")]
            )
    for name in ("code", "description", "timescale"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    current = {name: getattr(action, name) for name in ACTION_FIELDS}
    merged = await _resolve(
        session, current | changes | {"organisation_id": action.organisation_id}
    )
    if "org_unit_id" in changes and not (
        access.principal.maintains_register or access.reach.covers(merged["org_unit_id"])
    ):
        raise Forbidden("You may not hand this action to an org unit outside your own.")
    before = _snapshot(action)
    for name in changes:
        setattr(action, name, merged[name])
    if "org_unit_id" not in changes and action.org_unit_id is None:
        action.org_unit_id = merged["org_unit_id"]
    _settle(
        action,
        status_given="status" in changes,
        percent_given="percent_complete" in changes,
        today=today,
    )
    after = _snapshot(action)
    if after == before:
        return action
    action.updated_at = utcnow()
    await session.flush()
    _record(session, actor, "update", "action", action.id, action.indicator_id, before, after)
    return action


async def delete_action(
    session: AsyncSession, actor: Actor, access: Access, action: Action
) -> None:
    if not access.may_manage(action):
        raise Forbidden(f"You may not delete action {action.id}.")
    before = _snapshot(action)
    await session.delete(action)
    await session.flush()
    _record(session, actor, "delete", "action", action.id, action.indicator_id, before, None)


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
    before = _snapshot(action)
    if data.status is not None:
        action.status = data.status
    if data.percent_complete is not None:
        action.percent_complete = data.percent_complete
    _settle(
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
    after = _snapshot(action)
    if after != before:
        action.updated_at = utcnow()
    await session.flush()
    _record(
        session,
        actor,
        "create",
        "action_update",
        update.id,
        action.indicator_id,
        before if after != before else None,
        {
            **after,
            "action_id": action.id,
            "reported_on": reported_on.isoformat(),
            "note": data.note,
        },
    )
    return update


def progress_read(update: ActionProgress) -> ProgressRead:
    return ProgressRead.model_validate(update)


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
