"""Next year's service plans on their way through the workflow, so the demo has a draft to
finish and a submitted plan for the performance team to quality-assure."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.demo.planning import add_objective, add_plan
from goldenthread.objectives.models import Objective
from goldenthread.periods.rules import financial_year_code
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import PlanCreate, ServicePlanSections

HIGHWAYS_SECTIONS = ServicePlanSections(
    what_we_do="Highways and Transport maintains the county's roads, footways and street "
    "lighting, manages the network and runs home-to-school and supported bus transport.",
    how_well_we_are_doing="Principal road condition is stable; pothole repairs within the "
    "target time fell last winter.",
    what_is_changing="A smaller maintenance budget and a new term contract for street works.",
    what_we_will_do="Repair reported potholes on time and keep principal roads in good "
    "condition, measured by the condition indicators and repair times.",
    capacity_to_deliver="The term contractor and a network team of eight; the main risk is "
    "a hard winter.",
)


async def next_year_plans(
    session: AsyncSession,
    units: dict[str, int],
    people: dict[str, int],
    directorate: Plan,
    strategy: Objective,
    year: int,
) -> int:
    """Next year's service plans on their way: Waste Management's still a draft, Highways'
    submitted for quality assurance, so the workflow has something to act on."""
    next_year = financial_year_code(year + 1)
    span = {"start_year": next_year, "end_year": next_year}
    waste = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.SERVICE_PLAN,
            title=f"Waste Management Service Plan {next_year}",
            summary="Draft for next year: carried forward from this year's plan.",
            parent_id=directorate.id,
            owner_org_unit_id=units["waste"],
            owner_user_id=people["manager"],
            **span,
        ),
        PlanStatus.DRAFT,
    )
    await add_objective(
        session,
        waste,
        code="WM 1",
        title="Reach the LAA recycling target across the county",
        contributes_to=[strategy.id],
        owner_id=people["manager"],
    )
    highways = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.SERVICE_PLAN,
            title=f"Highways and Transport Service Plan {next_year}",
            parent_id=directorate.id,
            owner_org_unit_id=units["highways"],
            sections=HIGHWAYS_SECTIONS,
            **span,
        ),
        PlanStatus.SUBMITTED,
    )
    for code, title in (
        ("HT 1", "Repair reported potholes within the target time"),
        ("HT 2", "Keep principal roads in good condition"),
    ):
        await add_objective(session, highways, code=code, title=title, contributes_to=[strategy.id])
    return 2
