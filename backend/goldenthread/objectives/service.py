"""Objectives inside plans: reading them, the checks their links must pass, and creating,
changing and deleting them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, NotFound, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor, Principal
from goldenthread.indicators.models import Indicator
from goldenthread.objectives import rules
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.objectives.schemas import (
    ObjectiveCreate,
    ObjectiveRead,
    ObjectiveRef,
    ObjectiveUpdate,
)
from goldenthread.plans import access
from goldenthread.plans import service as plans
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.users.models import User

OBJECTIVE_FIELDS = ("plan_id", "code", "title", "description", "kind", "owner_id", "position")


async def _links_of(
    session: AsyncSession, ids: list[int]
) -> tuple[dict[int, list[ObjectiveRef]], dict[int, list[int]]]:
    """Two queries for any number of objectives: what each contributes to (named, with its
    plan) and its indicators."""
    ups: dict[int, list[ObjectiveRef]] = defaultdict(list)
    inds: dict[int, list[int]] = defaultdict(list)
    if not ids:
        return ups, inds
    # A parent sits in a higher plan, so whoever may read the child may read it too.
    for child, parent_id, code, title, plan_id, level in (
        await session.execute(
            select(
                ObjectiveLink.objective_id,
                Objective.id,
                Objective.code,
                Objective.title,
                Objective.plan_id,
                Plan.level,
            )
            .join(Objective, Objective.id == ObjectiveLink.parent_objective_id)
            .join(Plan, Plan.id == Objective.plan_id)
            .where(ObjectiveLink.objective_id.in_(ids))
            .order_by(ObjectiveLink.parent_objective_id)
        )
    ).all():
        ups[child].append(
            ObjectiveRef(id=parent_id, code=code, title=title, plan_id=plan_id, plan_level=level)
        )
    for objective_id, indicator_id in (
        await session.execute(
            select(ObjectiveIndicator.objective_id, ObjectiveIndicator.indicator_id)
            .where(ObjectiveIndicator.objective_id.in_(ids))
            .order_by(ObjectiveIndicator.indicator_id)
        )
    ).all():
        inds[objective_id].append(indicator_id)
    return ups, inds


def _read(
    objective: Objective, level: PlanLevel, ups: list[ObjectiveRef], inds: list[int]
) -> ObjectiveRead:
    return ObjectiveRead(
        id=objective.id,
        plan_id=objective.plan_id,
        plan_level=level,
        code=objective.code,
        title=objective.title,
        description=objective.description,
        kind=objective.kind,
        owner_id=objective.owner_id,
        position=objective.position,
        contributes_to=[up.id for up in ups],
        contributes_to_detail=ups,
        indicator_ids=inds,
        copied_from_id=objective.copied_from_id,
        version=objective.version,
        created_at=objective.created_at,
        updated_at=objective.updated_at,
    )


async def read_one(session: AsyncSession, objective: Objective, plan: Plan) -> ObjectiveRead:
    ups, inds = await _links_of(session, [objective.id])
    return _read(objective, plan.level, ups[objective.id], inds[objective.id])


async def list_for_plan(
    session: AsyncSession, plan: Plan, *, limit: int, cursor: str | None
) -> tuple[list[ObjectiveRead], str | None]:
    query = (
        select(Objective)
        .where(Objective.plan_id == plan.id)
        .order_by(Objective.position, Objective.id)
        .limit(limit + 1)
    )
    if cursor:
        position, after_id = decode_cursor(cursor)
        query = query.where(
            (Objective.position > int(position))
            | ((Objective.position == int(position)) & (Objective.id > int(after_id)))
        )
    rows = list((await session.scalars(query)).all())
    next_cursor = (
        encode_cursor([rows[limit - 1].position, rows[limit - 1].id]) if len(rows) > limit else None
    )
    rows = rows[:limit]
    ups, inds = await _links_of(session, [r.id for r in rows])
    return [_read(r, plan.level, ups[r.id], inds[r.id]) for r in rows], next_cursor


async def get_objective(
    session: AsyncSession, objective_id: int, principal: Principal
) -> tuple[Objective, Plan]:
    found = (
        await session.execute(
            select(Objective, Plan)
            .join(Plan, Plan.id == Objective.plan_id)
            .where(Objective.id == objective_id)
            .execution_options(populate_existing=True)
        )
    ).first()
    if found is None or not access.may_read(principal, found[1].level):
        raise NotFound(f"There is no objective {objective_id}.")
    return found[0], found[1]


def check_change(editor: Editor, plan: Plan, reason: str | None) -> None:
    editor.check_edit(plan)
    plans.check_change(plan, reason)


async def _check_owner(session: AsyncSession, owner_id: int | None) -> None:
    if owner_id is not None and await session.get(User, owner_id) is None:
        raise ValidationFailed(
            "The owner does not exist.", [FieldError("owner_id", f"there is no user {owner_id}")]
        )


def _snapshot(objective: Objective) -> dict[str, Any]:
    return audit.snapshot(objective, OBJECTIVE_FIELDS)


def with_reason(values: dict[str, Any], reason: str | None) -> dict[str, Any]:
    return {**values, "amendment_reason": reason} if reason else values


async def create_objective(
    session: AsyncSession, actor: Actor, editor: Editor, plan: Plan, data: ObjectiveCreate
) -> Objective:
    check_change(editor, plan, data.amendment_reason)
    await _check_owner(session, data.owner_id)
    if len(set(data.contributes_to)) != len(data.contributes_to):
        raise ValidationFailed(
            "An objective is linked to the same objective twice.",
            [FieldError("contributes_to", "the same objective is given twice")],
        )
    parents = await check_parents(session, plan.level, None, data.contributes_to, "contributes_to")
    await check_indicators(session, data.indicator_ids, "indicator_ids")
    objective = Objective(
        plan_id=plan.id,
        **data.model_dump(include={"code", "title", "description", "kind", "owner_id", "position"}),
    )
    session.add(objective)
    await session.flush()
    for parent in parents:
        session.add(ObjectiveLink(objective_id=objective.id, parent_objective_id=parent))
    for indicator_id in dict.fromkeys(data.indicator_ids):
        session.add(ObjectiveIndicator(objective_id=objective.id, indicator_id=indicator_id))
    await session.flush()
    after = _snapshot(objective) | {
        "contributes_to": parents,
        "indicator_ids": list(dict.fromkeys(data.indicator_ids)),
    }
    audit.record_change(
        session,
        actor,
        "create",
        "objective",
        objective.id,
        None,
        with_reason(after, data.amendment_reason),
    )
    return objective


async def update_objective(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    data: ObjectiveUpdate,
) -> Objective:
    changes = data.model_dump(exclude_unset=True, exclude={"amendment_reason"})
    for name in ("title", "kind", "position"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(
                "Some fields may not be emptied.", [FieldError(name, "may not be null")]
            )
    for name in ("code", "description"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if not any(getattr(objective, k) != v for k, v in changes.items()):
        editor.check_edit(plan)
        return objective
    check_change(editor, plan, data.amendment_reason)
    if "owner_id" in changes:
        await _check_owner(session, changes["owner_id"])
    before = _snapshot(objective)
    for name, value in changes.items():
        setattr(objective, name, value)
    objective.updated_at = utcnow()
    await session.flush()
    audit.record_change(
        session,
        actor,
        "update",
        "objective",
        objective.id,
        before,
        with_reason(_snapshot(objective), data.amendment_reason),
    )
    return objective


async def delete_objective(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    reason: str | None,
) -> None:
    check_change(editor, plan, reason)
    before = _snapshot(objective)
    await session.delete(objective)
    await session.flush()
    audit.record_change(
        session, actor, "delete", "objective", objective.id, with_reason(before, reason), None
    )


async def check_parents(
    session: AsyncSession, level: PlanLevel, child_id: int | None, parent_ids: list[int], field: str
) -> list[int]:
    """Every parent exists, sits in a higher plan that is not archived, and linking to it
    makes no loop. Errors name the field (and the position in a list)."""
    if not parent_ids:
        return []
    found = {
        row.id: row
        for row in (
            await session.execute(
                select(Objective.id, Plan.level, Plan.status)
                .join(Plan, Plan.id == Objective.plan_id)
                .where(Objective.id.in_(parent_ids))
            )
        ).all()
    }
    parents_graph: dict[int, list[int]] = {}
    if child_id is not None:
        every_link = await session.execute(
            select(ObjectiveLink.objective_id, ObjectiveLink.parent_objective_id)
        )
        parents_graph, _ = rules.adjacency((c, p) for c, p in every_link.all())
    errors = []
    for index, parent_id in enumerate(parent_ids):
        where = field if len(parent_ids) == 1 and field != "contributes_to" else f"{field}.{index}"
        row = found.get(parent_id)
        if row is None:
            errors.append(FieldError(where, f"there is no objective {parent_id}"))
            continue
        refusal = rules.link_refusal(level, row.level)
        if refusal:
            errors.append(FieldError(where, refusal))
        elif row.status is PlanStatus.ARCHIVED:
            errors.append(FieldError(where, f"objective {parent_id} is in an archived plan"))
        elif child_id is not None and rules.would_cycle(child_id, parent_id, parents_graph):
            errors.append(
                FieldError(where, f"objective {parent_id} already serves this objective: a loop")
            )
    if errors:
        raise ValidationFailed("The golden thread link is not valid.", errors)
    return list(parent_ids)


async def check_indicators(session: AsyncSession, ids: list[int], field: str) -> None:
    if not ids:
        return
    found = set((await session.scalars(select(Indicator.id).where(Indicator.id.in_(ids)))).all())
    errors = [
        FieldError(
            field if field == "indicator_id" else f"{field}.{i}", f"there is no indicator {x}"
        )
        for i, x in enumerate(ids)
        if x not in found
    ]
    if errors:
        raise ValidationFailed("Some indicators do not exist.", errors)
