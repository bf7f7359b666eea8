"""Writing the demo's plans, objectives, actions and progress through the services, as the
system, so the demo keeps every rule and audit entry a user's changes would."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.actions import access as action_access
from goldenthread.actions import progress as action_progress
from goldenthread.actions import service as actions
from goldenthread.actions.models import Action
from goldenthread.actions.schemas import ActionCreate, ProgressCreate
from goldenthread.core.principal import SYSTEM_ACTOR, SYSTEM_PRINCIPAL
from goldenthread.core.staff_access import Reach
from goldenthread.objectives import service as objectives
from goldenthread.objectives.models import Objective
from goldenthread.objectives.schemas import ObjectiveCreate
from goldenthread.plans import service as plans
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanStatus
from goldenthread.plans.schemas import PlanCreate
from goldenthread.users.models import User

FINAL_STATUS = "demo_plan_final_status"
EVERYTHING = Reach(everything=True, units=frozenset())
EDITOR = Editor(SYSTEM_PRINCIPAL, EVERYTHING)
ACCESS = action_access.Access(SYSTEM_PRINCIPAL, EVERYTHING)


async def add_plan(session: AsyncSession, data: PlanCreate, status: PlanStatus) -> Plan:
    # Every demo plan is the council's (the system loading it belongs to no organisation).
    council = await session.scalar(select(User.organisation_id).where(User.username == "perf"))
    data = data.model_copy(update={"organisation_id": council})
    plan = await plans.create_plan(session, SYSTEM_ACTOR, EDITOR, data)
    # Objectives go in while it is a draft; it takes its final status at the end.
    session.info.setdefault(FINAL_STATUS, []).append((plan, status))
    return plan


def finish_plans(session: AsyncSession) -> None:
    for plan, status in session.info.pop(FINAL_STATUS, []):
        plan.status = status


async def add_objective(session: AsyncSession, plan: Plan, **fields: object) -> Objective:
    return await objectives.create_objective(
        session, SYSTEM_ACTOR, EDITOR, plan, ObjectiveCreate.model_validate(fields)
    )


async def add_action(session: AsyncSession, today: date, **fields: object) -> Action:
    return await actions.create_action(
        session, SYSTEM_ACTOR, ACCESS, EDITOR, ActionCreate.model_validate(fields), today
    )


async def report_progress(
    session: AsyncSession, action: Action, on: date, note: str, **fields: object
) -> None:
    await action_progress.add_progress(
        session,
        SYSTEM_ACTOR,
        ACCESS,
        action,
        ProgressCreate.model_validate({"reported_on": on, "note": note, **fields}),
        on,
    )
