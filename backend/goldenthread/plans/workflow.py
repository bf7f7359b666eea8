"""A plan's way through its statuses (draft, submitted, quality-assured, approved, published,
archived) and its next versions, copied with their objectives and links."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden
from goldenthread.core.principal import Actor
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.plans import checklist, rules
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel, PlanStatus
from goldenthread.plans.schemas import PlanTransition
from goldenthread.plans.service import PLAN_FIELDS, snapshot


async def transition(
    session: AsyncSession, actor: Actor, editor: Editor, plan: Plan, data: PlanTransition
) -> Plan:
    score = (await checklist.scores(session, [plan])).get(plan.id)
    refusal = rules.transition_refusal(
        plan.status,
        data.status,
        may_edit=editor.may_edit_plan(plan),
        performance_team=editor.performance_team,
        checklist_complete=score.complete if score else True,
        checklist_required=plan.level is PlanLevel.SERVICE_PLAN and bool(score and score.required),
    )
    if refusal is not None:
        if refusal.kind is rules.RefusalKind.NOT_PERMITTED:
            raise Forbidden(refusal.message)
        raise Conflict(refusal.message, [FieldError("status", refusal.message)])
    before = snapshot(plan)
    plan.status = data.status
    plan.status_changed_at = plan.updated_at = utcnow()
    await session.flush()
    after = snapshot(plan)
    if data.note:
        after["note"] = data.note
    audit.record_change(session, actor, "status", "plan", plan.id, before, after)
    if data.status is PlanStatus.PUBLISHED and plan.supersedes_id is not None:
        await _archive_superseded(session, actor, plan.supersedes_id)
    return plan


async def _archive_superseded(session: AsyncSession, actor: Actor, plan_id: int) -> None:
    """Publishing a new version retires the edition it replaces."""
    old = await session.get(Plan, plan_id)
    if old is None or old.status is not PlanStatus.PUBLISHED:
        return
    before = snapshot(old)
    old.status = PlanStatus.ARCHIVED
    old.status_changed_at = old.updated_at = utcnow()
    await session.flush()
    audit.record_change(session, actor, "status", "plan", old.id, before, snapshot(old))


async def new_version(session: AsyncSession, actor: Actor, editor: Editor, plan: Plan) -> Plan:
    """A draft copy of the plan with its objectives, their links upwards and their
    indicators; the copy replaces the original when it is published."""
    editor.check_edit(plan)
    refusal = rules.new_version_refusal(plan.status)
    if refusal:
        raise Conflict(refusal)
    pending = await session.scalar(
        select(Plan.id).where(Plan.supersedes_id == plan.id, Plan.status != PlanStatus.ARCHIVED)
    )
    if pending is not None:
        raise Conflict(f"Plan {pending} is already the next version of plan {plan.id}.")
    copy = Plan(
        **{
            name: getattr(plan, name)
            for name in PLAN_FIELDS
            if name not in ("status", "edition", "supersedes_id")
        },
        status=PlanStatus.DRAFT,
        edition=plan.edition + 1,
        supersedes_id=plan.id,
        created_by_id=actor.principal.id or None,
    )
    copy.sections = dict(plan.sections or {})
    session.add(copy)
    await session.flush()
    objectives = list(
        (
            await session.scalars(
                select(Objective).where(Objective.plan_id == plan.id).order_by(Objective.id)
            )
        ).all()
    )
    mapping: dict[int, Objective] = {}
    for objective in objectives:
        twin = Objective(
            plan_id=copy.id,
            code=objective.code,
            title=objective.title,
            description=objective.description,
            kind=objective.kind,
            owner_id=objective.owner_id,
            position=objective.position,
            copied_from_id=objective.id,
        )
        session.add(twin)
        mapping[objective.id] = twin
    await session.flush()
    old_ids = list(mapping)
    if old_ids:
        for child_id, parent_id in (
            await session.execute(
                select(ObjectiveLink.objective_id, ObjectiveLink.parent_objective_id).where(
                    ObjectiveLink.objective_id.in_(old_ids)
                )
            )
        ).all():
            session.add(
                ObjectiveLink(objective_id=mapping[child_id].id, parent_objective_id=parent_id)
            )
        for objective_id, indicator_id in (
            await session.execute(
                select(ObjectiveIndicator.objective_id, ObjectiveIndicator.indicator_id).where(
                    ObjectiveIndicator.objective_id.in_(old_ids)
                )
            )
        ).all():
            session.add(
                ObjectiveIndicator(objective_id=mapping[objective_id].id, indicator_id=indicator_id)
            )
        await session.flush()
    after = snapshot(copy)
    after["objectives_copied"] = len(objectives)
    audit.record_change(session, actor, "version", "plan", copy.id, None, after)
    return copy
