"""The action plan responding to the Audit Commission's audit of performance management: its
recommendations as objectives and its actions with their timescales, leads and reported
progress (the data is in ``data_action_plan``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions.models import ActionStatus
from goldenthread.demo import data_action_plan as ac
from goldenthread.demo.planning import add_action, add_objective, add_plan, report_progress
from goldenthread.objectives.models import Objective, ObjectiveKind
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import PlanCreate


async def load_action_plan(
    session: AsyncSession,
    people: dict[str, int],
    units: dict[str, int],
    serves: Objective,
    year: int,
) -> int:
    """The Audit Commission action plan: one objective per recommendation, its actions with
    their timescales and leads, and the progress reported as dated updates."""
    plan = await add_plan(
        session,
        PlanCreate(
            level=PlanLevel.ANNUAL_OPERATING_PLAN,
            title="Managing performance management: action plan responding to the Audit Commission",
            summary=f"{ac.SOURCE}. Progress as reported in {ac.REPORTED_ON:%B %Y}.",
            owner_org_unit_id=units["policy"],
            owner_user_id=people["simon.hale"],
            start_year="2006-07",
            end_year="2008-09",
        ),
        PlanStatus.PUBLISHED,
    )
    roles = {key: title for key, (_, _, title, _) in ac.LEADS.items()}
    count = 0
    for position, rec in enumerate(ac.RECOMMENDATIONS):
        objective = await add_objective(
            session,
            plan,
            code=f"R{rec.number}",
            title=rec.text[:300],
            description=rec.response,
            kind=ObjectiveKind.OBJECTIVE.value,
            position=position,
            contributes_to=[serves.id],
            owner_id=people[ac.LEADS[rec.actions[0].leads[0]][0]],
        )
        for item in rec.actions:
            leads = [roles[k] for k in item.leads] + ([item.others] if item.others else [])
            status = ActionStatus.COMPLETE if item.complete else ActionStatus.IN_PROGRESS
            action = await add_action(
                session,
                ac.REPORTED_ON,
                objective_id=objective.id,
                code=f"R{rec.number}{item.letter}",
                title=item.text[:500],
                description="Lead: " + "; ".join(leads),
                timescale=item.timescale[:200],
                owner_id=people[ac.LEADS[item.leads[0]][0]],
                due_on=item.due_on,
                status=status.value,
                org_unit_id=units[ac.LEADS[item.leads[0]][3]],
            )
            await report_progress(session, action, ac.REPORTED_ON, item.progress)
            count += 1
    return count
