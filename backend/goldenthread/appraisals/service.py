"""Appraisals: who may see and record them, and the objectives they carry."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.appraisals import rules
from goldenthread.appraisals.models import Appraisal
from goldenthread.appraisals.schemas import (
    AppraisalCreate,
    AppraisalObjective,
    AppraisalRead,
    AppraisalSummary,
    AppraisalUpdate,
    ServedObjective,
)
from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.core.query import parse_year_param
from goldenthread.objectives import rules as thread_rules
from goldenthread.objectives.models import Objective, ObjectiveLink
from goldenthread.periods.rules import financial_year_code
from goldenthread.periods.workdays import today_in_london
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel
from goldenthread.users.models import User

FIELDS = ("person_id", "year", "reviewer_id", "held_on", "plan_id", "training_needs")
# The review text is personal: the audit trail records that it changed, not what it says.
PRIVATE_FIELDS = ("performance_review",)


async def manager_map(session: AsyncSession) -> dict[int, int | None]:
    """Every user's line manager: one query, small even for a large council."""
    rows = await session.execute(select(User.id, User.manager_id))
    return {uid: manager for uid, manager in rows}


def _visible(principal: Principal, manager_of: dict[int, int | None]) -> ColumnElement[bool]:
    people = rules.reports_of(principal.id, manager_of) | {principal.id}
    return or_(Appraisal.person_id.in_(sorted(people)), Appraisal.reviewer_id == principal.id)


async def readable_ids(session: AsyncSession, principal: Principal) -> Select[int]:
    """The ids of the appraisals the principal may read, as a subquery (their audit entries
    follow the same rule)."""
    return select(Appraisal.id).where(_visible(principal, await manager_map(session)))


async def _names(session: AsyncSession, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await session.execute(select(User.id, User.full_name).where(User.id.in_(wanted)))
    return {uid: name for uid, name in rows}


async def list_appraisals(
    session: AsyncSession,
    principal: Principal,
    *,
    person_id: int | None,
    year: int | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[AppraisalSummary], str | None]:
    """The appraisals the caller may see: their own, those they review, their reports'."""
    manager_of = await manager_map(session)
    query = (
        select(Appraisal)
        .where(_visible(principal, manager_of))
        .order_by(Appraisal.id)
        .limit(limit + 1)
    )
    if person_id is not None:
        query = query.where(Appraisal.person_id == person_id)
    if year is not None:
        query = query.where(Appraisal.year == year)
    if cursor:
        (after_id,) = decode_cursor(cursor)
        query = query.where(Appraisal.id > int(after_id))
    rows = list((await session.scalars(query)).all())
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    rows = rows[:limit]
    names = await _names(session, {r.person_id for r in rows})
    return [
        AppraisalSummary(
            id=r.id,
            person_id=r.person_id,
            person_name=names.get(r.person_id, ""),
            year=financial_year_code(r.year),
            reviewer_id=r.reviewer_id,
            held_on=r.held_on,
            plan_id=r.plan_id,
        )
        for r in rows
    ], next_cursor


async def get_appraisal(
    session: AsyncSession, principal: Principal, appraisal_id: int
) -> tuple[Appraisal, dict[int, int | None]]:
    """The appraisal and the line-manager map; 404 for anyone who may not see it."""
    appraisal = await session.get(Appraisal, appraisal_id, populate_existing=True)
    manager_of = await manager_map(session)
    if appraisal is None or not rules.may_read(
        principal.id, appraisal.person_id, appraisal.reviewer_id, manager_of
    ):
        raise NotFound(f"There is no appraisal {appraisal_id}.")
    return appraisal, manager_of


# --- objectives: the person's individual plan ---------------------------------------------


async def _objectives(session: AsyncSession, plan_id: int | None) -> list[AppraisalObjective]:
    """The plan's objectives, what each serves, and whether each leads up the thread to a
    service-plan objective (two queries: the objectives, and the link graph with levels)."""
    if plan_id is None:
        return []
    objectives = list(
        (
            await session.scalars(
                select(Objective)
                .where(Objective.plan_id == plan_id)
                .order_by(Objective.position, Objective.id)
            )
        ).all()
    )
    if not objectives:
        return []
    links = (
        await session.execute(
            select(ObjectiveLink.objective_id, Objective.id, Objective.title, Plan.id, Plan.level)
            .join(Objective, Objective.id == ObjectiveLink.parent_objective_id)
            .join(Plan, Plan.id == Objective.plan_id)
        )
    ).all()
    parents, _ = thread_rules.adjacency((child, parent) for child, parent, *_ in links)
    level_of = {parent: level for _, parent, _, _, level in links}
    direct: dict[int, list[ServedObjective]] = {o.id: [] for o in objectives}
    for child, parent, title, parent_plan, level in links:
        if child in direct:
            direct[child].append(
                ServedObjective(id=parent, title=title, plan_id=parent_plan, plan_level=level)
            )
    return [
        AppraisalObjective(
            id=o.id,
            code=o.code,
            title=o.title,
            serves=direct[o.id],
            serves_service_plan=thread_rules.serves_level(
                o.id, parents, level_of, PlanLevel.SERVICE_PLAN
            ),
        )
        for o in objectives
    ]


def appraisal_etag(read: AppraisalRead) -> str:
    """The version, and a digest of the objectives: they change in the person's plan, not
    here, and a cached copy must not outlive them."""
    objectives = json.dumps([o.model_dump(mode="json") for o in read.objectives], sort_keys=True)
    digest = hashlib.sha256(objectives.encode()).hexdigest()[:12]
    return f'"v{read.version}-{digest}"'


async def appraisal_read(session: AsyncSession, appraisal: Appraisal) -> AppraisalRead:
    names = await _names(session, {appraisal.person_id, appraisal.reviewer_id})
    return AppraisalRead(
        id=appraisal.id,
        person_id=appraisal.person_id,
        person_name=names.get(appraisal.person_id, ""),
        year=financial_year_code(appraisal.year),
        reviewer_id=appraisal.reviewer_id,
        reviewer_name=names.get(appraisal.reviewer_id) if appraisal.reviewer_id else None,
        held_on=appraisal.held_on,
        plan_id=appraisal.plan_id,
        objectives=await _objectives(session, appraisal.plan_id),
        performance_review=appraisal.performance_review,
        training_needs=appraisal.training_needs,
        version=appraisal.version,
        created_at=appraisal.created_at,
        updated_at=appraisal.updated_at,
    )


# --- recording ----------------------------------------------------------------------------


async def _individual_plan(session: AsyncSession, person_id: int, year_code: str) -> int | None:
    """The person's latest individual plan covering the year, if any."""
    query = (
        select(Plan.id)
        .where(
            Plan.level == PlanLevel.INDIVIDUAL,
            Plan.owner_user_id == person_id,
            Plan.start_year <= year_code,
            Plan.end_year >= year_code,
        )
        .order_by(Plan.id.desc())
        .limit(1)
    )
    found: int | None = await session.scalar(query)
    return found


async def _check(session: AsyncSession, values: dict[str, Any], today: date) -> None:
    errors: list[FieldError] = []
    reviewer = values.get("reviewer_id")
    if reviewer is not None and await session.get(User, reviewer) is None:
        errors.append(FieldError("reviewer_id", f"there is no user {reviewer}"))
    if reviewer is not None and reviewer == values["person_id"]:
        errors.append(FieldError("reviewer_id", "a person cannot review their own appraisal"))
    held_on = values.get("held_on")
    if held_on is not None:
        problem = rules.held_on_problem(values["year"], held_on, today)
        if problem:
            errors.append(FieldError("held_on", problem))
    plan_id = values.get("plan_id")
    if plan_id is not None:
        plan = await session.get(Plan, plan_id)
        year_code = financial_year_code(values["year"])
        if plan is None:
            errors.append(FieldError("plan_id", f"there is no plan {plan_id}"))
        elif plan.level is not PlanLevel.INDIVIDUAL or plan.owner_user_id != values["person_id"]:
            errors.append(FieldError("plan_id", "not an individual plan of this person"))
        elif not rules.plan_covers(plan.start_year, plan.end_year, year_code):
            errors.append(FieldError("plan_id", f"the plan does not cover {year_code}"))
    if errors:
        raise ValidationFailed("The appraisal is not valid.", errors)


def _snapshot(appraisal: Appraisal) -> dict[str, Any]:
    values = audit.snapshot(appraisal, FIELDS)
    values["year"] = financial_year_code(appraisal.year)
    # Personal text: the trail keeps its length, enough to show it changed.
    for name in (*PRIVATE_FIELDS, "training_needs"):
        values[f"{name}_length"] = len(getattr(appraisal, name))
    values.pop("training_needs")
    return values


async def create_appraisal(session: AsyncSession, actor: Actor, data: AppraisalCreate) -> Appraisal:
    principal = actor.principal
    year = parse_year_param(data.year)
    assert year is not None
    manager_of = await manager_map(session)
    if data.person_id not in manager_of:
        raise ValidationFailed(
            "The person does not exist.",
            [FieldError("person_id", f"there is no user {data.person_id}")],
        )
    if principal.id not in rules.line_managers(data.person_id, manager_of):
        raise Forbidden("Only the person's line managers may record a new appraisal.")
    reviewer = data.reviewer_id if data.reviewer_id is not None else principal.id
    values = data.model_dump()
    values.update(year=year, reviewer_id=reviewer)
    if values["plan_id"] is None:
        values["plan_id"] = await _individual_plan(session, data.person_id, data.year)
    await _check(session, values, today_in_london())
    taken = await session.scalar(
        select(Appraisal.id).where(Appraisal.person_id == data.person_id, Appraisal.year == year)
    )
    if taken is not None:
        raise Conflict(
            f"This person already has an appraisal for {data.year}.",
            [FieldError("year", "already has an appraisal for this person")],
        )
    appraisal = Appraisal(**values)
    session.add(appraisal)
    await session.flush()
    audit.record_change(
        session, actor, "create", "appraisal", appraisal.id, None, _snapshot(appraisal)
    )
    return appraisal


async def update_appraisal(
    session: AsyncSession,
    actor: Actor,
    appraisal: Appraisal,
    manager_of: dict[int, int | None],
    data: AppraisalUpdate,
) -> Appraisal:
    if not rules.may_write(
        actor.principal.id, appraisal.person_id, appraisal.reviewer_id, manager_of
    ):
        raise Forbidden("Only the reviewer and the person's line managers record an appraisal.")
    changes = data.model_dump(exclude_unset=True)
    for name in ("performance_review", "training_needs"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    before = _snapshot(appraisal)
    merged = {name: getattr(appraisal, name) for name in FIELDS} | changes
    await _check(session, merged, today_in_london())
    changed = {k: v for k, v in changes.items() if getattr(appraisal, k) != v}
    if not changed:
        return appraisal
    for name, value in changed.items():
        setattr(appraisal, name, value)
    appraisal.updated_at = utcnow()
    await session.flush()
    audit.record_change(
        session, actor, "update", "appraisal", appraisal.id, before, _snapshot(appraisal)
    )
    return appraisal
