"""Actions and milestones: reading one, checking what it refers to, creating, changing and
deleting it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import rules
from goldenthread.actions.access import Access, may_create
from goldenthread.actions.models import Action, ActionStatus
from goldenthread.actions.schemas import ActionCreate, ActionRead, ActionUpdate
from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.principal import Actor, Principal
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


def snapshot(action: Action) -> dict[str, Any]:
    return audit.snapshot(action, ACTION_FIELDS)


def settle(action: Action, *, status_given: bool, percent_given: bool, today: date) -> None:
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
    if not await may_create(session, access, editor, values):
        raise Forbidden(
            "You may not add this action: managers add actions for their own org unit and "
            "the units beneath it, indicator owners add remedial action on their indicators."
        )
    action = Action(**values, created_by_id=actor.principal.id or None)
    settle(
        action,
        status_given="status" in data.model_fields_set,
        percent_given="percent_complete" in data.model_fields_set,
        today=today,
    )
    session.add(action)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "action",
        action.id,
        None,
        snapshot(action),
        indicator_id=action.indicator_id,
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
    before = snapshot(action)
    for name in changes:
        setattr(action, name, merged[name])
    if "org_unit_id" not in changes and action.org_unit_id is None:
        action.org_unit_id = merged["org_unit_id"]
    settle(
        action,
        status_given="status" in changes,
        percent_given="percent_complete" in changes,
        today=today,
    )
    after = snapshot(action)
    if after == before:
        return action
    action.updated_at = utcnow()
    await session.flush()
    audit.record_change(
        session,
        actor,
        "update",
        "action",
        action.id,
        before,
        after,
        indicator_id=action.indicator_id,
    )
    return action


async def delete_action(
    session: AsyncSession, actor: Actor, access: Access, action: Action
) -> None:
    if not access.may_manage(action):
        raise Forbidden(f"You may not delete action {action.id}.")
    before = snapshot(action)
    await session.delete(action)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "delete",
        "action",
        action.id,
        before,
        None,
        indicator_id=action.indicator_id,
    )
