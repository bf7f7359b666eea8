"""Plans: reading and listing them, checking their values, creating, changing and deleting
them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.organisations import service as organisations
from goldenthread.plans import access, checklist, rules
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import PlanCreate, PlanRead, PlanUpdate
from goldenthread.users.models import User

PLAN_FIELDS = (
    "organisation_id",
    "level",
    "title",
    "summary",
    "owner_org_unit_id",
    "owner_user_id",
    "start_year",
    "end_year",
    "parent_id",
    "status",
    "sections",
    "edition",
    "supersedes_id",
)


def plan_read(plan: Plan, editor: Editor, score: checklist.Score | None) -> PlanRead:
    can_edit = editor.may_edit_plan(plan)
    complete = score.complete if score else True
    required = plan.level is PlanLevel.SERVICE_PLAN and (score.required if score else False)
    nexts = [
        target
        for target in rules.allowed_targets(plan.status)
        if rules.transition_refusal(
            plan.status,
            target,
            may_edit=can_edit,
            performance_team=editor.performance_team,
            checklist_complete=complete,
            checklist_required=required,
        )
        is None
    ]
    return PlanRead.model_validate(
        {
            **{name: getattr(plan, name) for name in PLAN_FIELDS},
            "id": plan.id,
            "sections": plan.sections if plan.level is PlanLevel.SERVICE_PLAN else None,
            "qa_score": score.score if score else None,
            "status_changed_at": plan.status_changed_at,
            "can_edit": can_edit,
            "next_statuses": nexts,
            "version": plan.version,
            "created_at": plan.created_at,
            "updated_at": plan.updated_at,
        }
    )


async def read_one(session: AsyncSession, plan: Plan, editor: Editor) -> PlanRead:
    scores = await checklist.scores(session, [plan])
    return plan_read(plan, editor, scores.get(plan.id))


async def read_many(session: AsyncSession, plans: list[Plan], editor: Editor) -> list[PlanRead]:
    scores = await checklist.scores(session, plans)
    return [plan_read(p, editor, scores.get(p.id)) for p in plans]


async def get_plan(session: AsyncSession, plan_id: int, principal: Principal) -> Plan:
    plan = await session.get(Plan, plan_id, populate_existing=True)
    if plan is None:
        raise NotFound(f"There is no plan {plan_id}.")
    access.check_read(principal, plan)
    return plan


async def list_plans(
    session: AsyncSession,
    principal: Principal,
    *,
    level: PlanLevel | None,
    status: PlanStatus | None,
    parent_id: int | None,
    org_unit_id: int | None,
    owner_user_id: int | None,
    year: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Plan], str | None]:
    query = select(Plan).where(access.readable(principal)).order_by(Plan.id).limit(limit + 1)
    if level is not None:
        query = query.where(Plan.level == level)
    if status is not None:
        query = query.where(Plan.status == status)
    if parent_id is not None:
        query = query.where(Plan.parent_id == parent_id)
    if org_unit_id is not None:
        query = query.where(Plan.owner_org_unit_id == org_unit_id)
    if owner_user_id is not None:
        query = query.where(Plan.owner_user_id == owner_user_id)
    if year is not None:
        # Year codes of one form compare as text in the order of the years.
        query = query.where(Plan.start_year <= year, Plan.end_year >= year)
    if q:
        query = query.where(func.lower(Plan.title).contains(q.strip().lower(), autoescape=True))
    if cursor:
        (after_id,) = decode_cursor(cursor)
        query = query.where(Plan.id > int(after_id))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor


async def _check_values(session: AsyncSession, values: dict[str, Any], plan_id: int | None) -> None:
    """References exist and fit: owner, org unit, parent of a higher level, years in order."""
    errors: list[FieldError] = []
    level: PlanLevel = values["level"]
    await organisations.check_placement(
        session,
        values["organisation_id"],
        values.get("owner_org_unit_id"),
        field="owner_org_unit_id",
    )
    owner = values.get("owner_user_id")
    if owner is not None and await session.get(User, owner) is None:
        errors.append(FieldError("owner_user_id", f"there is no user {owner}"))
    if level is PlanLevel.INDIVIDUAL and owner is None:
        errors.append(FieldError("owner_user_id", "an individual plan belongs to a person"))
    if (
        level is not PlanLevel.INDIVIDUAL
        and owner is None
        and values.get("owner_org_unit_id") is None
        and level not in rules.PARTNERSHIP_LEVELS
        and level is not PlanLevel.CORPORATE_PLAN
    ):
        errors.append(
            FieldError("owner_org_unit_id", f"a {level.value} is owned by an org unit or a person")
        )
    refusal = rules.year_span_refusal(values["start_year"], values["end_year"])
    if refusal:
        errors.append(FieldError("end_year", refusal))
    parent_id = values.get("parent_id")
    if parent_id is not None:
        parent = await session.get(Plan, parent_id)
        if parent is None:
            errors.append(FieldError("parent_id", f"there is no plan {parent_id}"))
        elif parent_id == plan_id:
            errors.append(FieldError("parent_id", "a plan cannot be its own parent"))
        elif (refusal := rules.parent_refusal(level, parent.level)) is not None:
            errors.append(FieldError("parent_id", refusal))
    if values.get("sections") and level is not PlanLevel.SERVICE_PLAN:
        errors.append(FieldError("sections", "only service plans have sections"))
    if errors:
        raise ValidationFailed("The plan is not valid.", errors)


async def _owner_unit(session: AsyncSession, owner_user_id: int | None) -> int | None:
    return await organisations.user_unit(session, owner_user_id)


def snapshot(plan: Plan) -> dict[str, Any]:
    return audit.snapshot(plan, PLAN_FIELDS)


async def create_plan(
    session: AsyncSession, actor: Actor, editor: Editor, data: PlanCreate
) -> Plan:
    values = data.model_dump(exclude={"sections"})
    if values["organisation_id"] is None:
        values["organisation_id"] = actor.principal.organisation_id
    if values["organisation_id"] is None:
        raise ValidationFailed(
            "Say which organisation the plan belongs to.",
            [FieldError("organisation_id", "field required")],
        )
    values["sections"] = data.sections.model_dump() if data.sections is not None else {}
    if data.level is PlanLevel.SERVICE_PLAN and not values["sections"]:
        values["sections"] = {key: "" for key in checklist.SECTION_KEYS}
    # A person's plan is answerable through the person's org unit.
    if values["owner_org_unit_id"] is None:
        values["owner_org_unit_id"] = await _owner_unit(session, values["owner_user_id"])
    await _check_values(session, values, None)
    if not editor.may_edit(data.level, values["owner_org_unit_id"], values["owner_user_id"]):
        raise Forbidden(
            "You may not create this plan: managers create plans for their own org unit and "
            "the units beneath it; the performance team creates any."
        )
    plan = Plan(**values, status=PlanStatus.DRAFT, created_by_id=actor.principal.id or None)
    session.add(plan)
    await session.flush()
    audit.record_change(session, actor, "create", "plan", plan.id, None, snapshot(plan))
    return plan


def check_change(plan: Plan, reason: str | None) -> None:
    refusal = rules.change_refusal(plan.status, reason=reason)
    if refusal:
        raise Conflict(refusal, [FieldError("amendment_reason", refusal)])


async def update_plan(
    session: AsyncSession, actor: Actor, editor: Editor, plan: Plan, data: PlanUpdate
) -> Plan:
    editor.check_edit(plan)
    changes = data.model_dump(exclude_unset=True, exclude={"amendment_reason", "sections"})
    for name in ("title", "start_year", "end_year"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(
                "Some fields may not be emptied.", [FieldError(name, "may not be null")]
            )
    if "summary" in changes and changes["summary"] is None:
        changes["summary"] = ""
    if "sections" in data.model_fields_set:
        changes["sections"] = data.sections.model_dump() if data.sections is not None else {}
    before = snapshot(plan)
    current = {name: getattr(plan, name) for name in PLAN_FIELDS}
    if not any(current.get(k) != v for k, v in changes.items()):
        return plan
    check_change(plan, data.amendment_reason)
    merged = current | changes
    await _check_values(session, merged, plan.id)
    if not editor.may_edit(plan.level, merged["owner_org_unit_id"], merged["owner_user_id"]):
        raise Forbidden("You may not hand this plan to an org unit outside your own.")
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.updated_at = utcnow()
    await session.flush()
    after = snapshot(plan)
    if data.amendment_reason:
        after["amendment_reason"] = data.amendment_reason
    audit.record_change(session, actor, "update", "plan", plan.id, before, after)
    return plan


async def delete_plan(session: AsyncSession, actor: Actor, editor: Editor, plan: Plan) -> None:
    editor.check_edit(plan)
    if plan.status is not PlanStatus.DRAFT:
        raise Conflict(
            f"Plan {plan.id} is {plan.status.value}: only a draft can be deleted; archive it "
            "instead, so its record is kept."
        )
    children = await session.scalar(select(func.count()).where(Plan.parent_id == plan.id))
    if children:
        raise Conflict(
            f"Plan {plan.id} has {children} plans beneath it; move or delete them first."
        )
    before = snapshot(plan)
    await session.delete(plan)
    await session.flush()
    audit.record_change(session, actor, "delete", "plan", plan.id, before, None)
