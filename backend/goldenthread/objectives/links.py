"""The golden thread's links: an objective to the higher objectives it serves, and to the
indicators that measure it. A published plan's links change only with an amendment reason."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.errors import NotFound
from goldenthread.core.principal import Actor
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.objectives.schemas import IndicatorLinkCreate, LinkCreate
from goldenthread.objectives.service import (
    check_change,
    check_indicators,
    check_parents,
    with_reason,
)
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan


async def add_link(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    data: LinkCreate,
) -> None:
    check_change(editor, plan, data.amendment_reason)
    existing = await session.scalar(
        select(ObjectiveLink.id).where(
            ObjectiveLink.objective_id == objective.id,
            ObjectiveLink.parent_objective_id == data.parent_objective_id,
        )
    )
    if existing is not None:
        return
    await check_parents(
        session, plan.level, objective.id, [data.parent_objective_id], "parent_objective_id"
    )
    link = ObjectiveLink(objective_id=objective.id, parent_objective_id=data.parent_objective_id)
    session.add(link)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "objective_link",
        link.id,
        None,
        with_reason(
            {"objective_id": objective.id, "parent_objective_id": data.parent_objective_id},
            data.amendment_reason,
        ),
    )


async def remove_link(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    parent_id: int,
    reason: str | None,
) -> None:
    check_change(editor, plan, reason)
    link = await session.scalar(
        select(ObjectiveLink).where(
            ObjectiveLink.objective_id == objective.id,
            ObjectiveLink.parent_objective_id == parent_id,
        )
    )
    if link is None:
        raise NotFound(f"Objective {objective.id} does not contribute to objective {parent_id}.")
    await session.delete(link)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "delete",
        "objective_link",
        link.id,
        with_reason({"objective_id": objective.id, "parent_objective_id": parent_id}, reason),
        None,
    )


async def add_indicator(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    data: IndicatorLinkCreate,
) -> None:
    check_change(editor, plan, data.amendment_reason)
    await check_indicators(session, [data.indicator_id], "indicator_id")
    existing = await session.scalar(
        select(ObjectiveIndicator.id).where(
            ObjectiveIndicator.objective_id == objective.id,
            ObjectiveIndicator.indicator_id == data.indicator_id,
        )
    )
    if existing is not None:
        return
    link = ObjectiveIndicator(objective_id=objective.id, indicator_id=data.indicator_id)
    session.add(link)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "objective_indicator",
        link.id,
        None,
        with_reason(
            {"objective_id": objective.id, "indicator_id": data.indicator_id}, data.amendment_reason
        ),
        indicator_id=data.indicator_id,
    )


async def remove_indicator(
    session: AsyncSession,
    actor: Actor,
    editor: Editor,
    objective: Objective,
    plan: Plan,
    indicator_id: int,
    reason: str | None,
) -> None:
    check_change(editor, plan, reason)
    removed = await session.scalar(
        select(ObjectiveIndicator.id).where(
            ObjectiveIndicator.objective_id == objective.id,
            ObjectiveIndicator.indicator_id == indicator_id,
        )
    )
    if removed is None:
        raise NotFound(f"Indicator {indicator_id} does not measure objective {objective.id}.")
    await session.execute(delete(ObjectiveIndicator).where(ObjectiveIndicator.id == removed))
    audit.record_change(
        session,
        actor,
        "delete",
        "objective_indicator",
        removed,
        with_reason({"objective_id": objective.id, "indicator_id": indicator_id}, reason),
        None,
        indicator_id=indicator_id,
    )
