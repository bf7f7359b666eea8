"""The orphan report: objectives and indicators that serve nothing above them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.objectives import rules
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.objectives.schemas import OrphanIndicator, OrphanObjective, OrphanReport
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PARTNERSHIP_LEVELS, PlanLevel, PlanStatus


async def orphans(session: AsyncSession) -> OrphanReport:
    """Four queries: live objectives with their plans, the links, the measured indicators
    and the active indicators."""
    rows = (
        await session.execute(
            select(
                Objective.id,
                Objective.code,
                Objective.title,
                Objective.owner_id,
                Objective.plan_id,
                Plan.title.label("plan_title"),
                Plan.level,
            )
            .join(Plan, Plan.id == Objective.plan_id)
            .where(Plan.status != PlanStatus.ARCHIVED)
            .order_by(Objective.id)
        )
    ).all()
    live = {row.id: row for row in rows}
    links = (
        await session.execute(select(ObjectiveLink.objective_id, ObjectiveLink.parent_objective_id))
    ).all()
    parents, _ = rules.adjacency((c, p) for c, p in links if c in live)
    measured = set(
        (
            await session.scalars(
                select(ObjectiveIndicator.indicator_id)
                .join(Objective, Objective.id == ObjectiveIndicator.objective_id)
                .join(Plan, Plan.id == Objective.plan_id)
                .where(Plan.status != PlanStatus.ARCHIVED)
            )
        ).all()
    )
    indicators = (
        await session.execute(
            select(
                Indicator.id,
                Indicator.code,
                Indicator.title,
                Indicator.owner_id,
                Indicator.org_unit_id,
            )
            .where(Indicator.lifecycle == Lifecycle.ACTIVE)
            .order_by(Indicator.code_key)
        )
    ).all()

    def orphan(row: Any) -> OrphanObjective:
        return OrphanObjective(
            id=row.id,
            code=row.code,
            title=row.title,
            plan_id=row.plan_id,
            plan_title=row.plan_title,
            plan_level=row.level,
            owner_id=row.owner_id,
        )

    top = PARTNERSHIP_LEVELS - {PlanLevel.LOCAL_AREA_AGREEMENT}
    unlinked = [orphan(r) for r in rows if r.level not in top and not parents.get(r.id)]
    level_of = {objective: row.level for objective, row in live.items()}
    individual = [
        orphan(r)
        for r in rows
        if r.level is PlanLevel.INDIVIDUAL
        and not rules.serves_level(r.id, parents, level_of, PlanLevel.SERVICE_PLAN)
    ]
    return OrphanReport(
        objectives=unlinked,
        indicators=[
            OrphanIndicator(
                id=i.id, code=i.code, title=i.title, owner_id=i.owner_id, org_unit_id=i.org_unit_id
            )
            for i in indicators
            if i.id not in measured
        ],
        individual_without_service_link=individual,
    )
