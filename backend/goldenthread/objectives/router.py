"""Objectives in plans, the golden thread between them, and the orphan report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.audit import service as audit
from goldenthread.core.deps import CurrentActor, CurrentPrincipal, Session, StaffPrincipal
from goldenthread.core.http import check_version_showing, model_response, set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id, parse_period_param
from goldenthread.objectives import links, orphans, service, thread
from goldenthread.objectives.models import Objective
from goldenthread.objectives.schemas import (
    IndicatorLinkCreate,
    LinkCreate,
    ObjectiveCreate,
    ObjectiveRead,
    ObjectiveUpdate,
    OrphanReport,
    ThreadRead,
)
from goldenthread.periods.rules import Frequency, period_containing
from goldenthread.periods.workdays import today_in_london
from goldenthread.plans import access
from goldenthread.plans import service as plans
from goldenthread.plans.access import Editor
from goldenthread.plans.models import Plan
from goldenthread.status import service as status_service

router = APIRouter(tags=["objectives"])


async def _answer(
    session: Session, objective: Objective, plan: Plan, response: Response
) -> ObjectiveRead:
    set_version_etag(response, objective.version)
    return await service.read_one(session, objective, plan)


async def _for_change(
    session: Session, objective_id: Id, principal: StaffPrincipal
) -> tuple[Objective, Plan, Editor]:
    objective, plan = await service.get_objective(session, objective_id, principal)
    return objective, plan, await access.editor_of(session, principal)


async def _check_version(
    request: Request, session: Session, objective: Objective, plan: Plan
) -> None:
    """Refuse (412) a change made against an old copy, showing the objective as it is now."""

    async def shown() -> dict[str, Any]:
        read = await service.read_one(session, objective, plan)
        return await audit.shown_as_changed(session, read, "objective", objective.id)

    await check_version_showing(request, objective.version, f"Objective {objective.id}", shown)


ReasonParam = Query(
    None,
    max_length=1000,
    description="Needed to change a published plan in place; kept in the audit trail.",
)


@router.get("/plans/{plan_id}/objectives", response_model=Page[ObjectiveRead], tags=["public"])
async def list_objectives(
    plan_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    limit: Limit = 200,
    cursor: Cursor = None,
) -> Page[ObjectiveRead]:
    """The objectives of a plan, in order, with the objectives they contribute to."""
    plan = await plans.get_plan(session, plan_id, principal)
    items, next_cursor = await service.list_for_plan(session, plan, limit=limit, cursor=cursor)
    return Page(items=items, next_cursor=next_cursor)


@router.post(
    "/plans/{plan_id}/objectives", response_model=ObjectiveRead, status_code=status.HTTP_201_CREATED
)
async def create_objective(
    plan_id: Id,
    data: ObjectiveCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> ObjectiveRead:
    """Add an objective to a plan, linked to the higher objectives it serves."""
    plan = await plans.get_plan(session, plan_id, principal)
    editor = await access.editor_of(session, principal)
    objective = await service.create_objective(session, actor, editor, plan, data)
    response.headers["Location"] = f"/api/v1/objectives/{objective.id}"
    return await _answer(session, objective, plan, response)


@router.get("/objectives/orphans", response_model=OrphanReport)
async def orphan_report(session: Session, _: StaffPrincipal) -> OrphanReport:
    """Objectives and indicators that serve nothing above them, and individual objectives
    linked to no service-plan objective."""
    return await orphans.orphans(session)


@router.get("/objectives/{objective_id}", response_model=ObjectiveRead, tags=["public"])
async def get_objective(
    objective_id: Id, session: Session, principal: CurrentPrincipal, response: Response
) -> ObjectiveRead:
    """Read one objective; the ETag is its version, for If-Match on update."""
    objective, plan = await service.get_objective(session, objective_id, principal)
    return await _answer(session, objective, plan, response)


@router.patch("/objectives/{objective_id}", response_model=ObjectiveRead)
async def update_objective(
    objective_id: Id,
    data: ObjectiveUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    response: Response,
) -> ObjectiveRead:
    """Change an objective (a published plan's only with an amendment_reason)."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await _check_version(request, session, objective, plan)
    objective = await service.update_objective(session, actor, editor, objective, plan, data)
    return await _answer(session, objective, plan, response)


@router.delete("/objectives/{objective_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_objective(
    objective_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    amendment_reason: str | None = ReasonParam,
) -> None:
    """Delete an objective with its links, indicators' links and actions."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await _check_version(request, session, objective, plan)
    await service.delete_objective(session, actor, editor, objective, plan, amendment_reason)


@router.post("/objectives/{objective_id}/links", response_model=ObjectiveRead)
async def add_link(
    objective_id: Id,
    data: LinkCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
) -> ObjectiveRead:
    """Link an objective to one of a higher plan that it contributes to."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await links.add_link(session, actor, editor, objective, plan, data)
    return await service.read_one(session, objective, plan)


@router.delete(
    "/objectives/{objective_id}/links/{parent_objective_id}", response_model=ObjectiveRead
)
async def remove_link(
    objective_id: Id,
    parent_objective_id: Id,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    amendment_reason: str | None = ReasonParam,
) -> ObjectiveRead:
    """Remove a link up the thread."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await links.remove_link(
        session, actor, editor, objective, plan, parent_objective_id, amendment_reason
    )
    return await service.read_one(session, objective, plan)


@router.post("/objectives/{objective_id}/indicators", response_model=ObjectiveRead)
async def add_indicator(
    objective_id: Id,
    data: IndicatorLinkCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
) -> ObjectiveRead:
    """Attach an indicator that measures the objective."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await links.add_indicator(session, actor, editor, objective, plan, data)
    return await service.read_one(session, objective, plan)


@router.delete("/objectives/{objective_id}/indicators/{indicator_id}", response_model=ObjectiveRead)
async def remove_indicator(
    objective_id: Id,
    indicator_id: Id,
    session: Session,
    actor: CurrentActor,
    principal: StaffPrincipal,
    amendment_reason: str | None = ReasonParam,
) -> ObjectiveRead:
    """Detach an indicator from the objective."""
    objective, plan, editor = await _for_change(session, objective_id, principal)
    await links.remove_indicator(
        session, actor, editor, objective, plan, indicator_id, amendment_reason
    )
    return await service.read_one(session, objective, plan)


@router.get("/objectives/{objective_id}/thread", response_model=ThreadRead)
async def get_thread(
    objective_id: Id,
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    period: str | None = Query(
        None,
        max_length=20,
        description="Period the indicators are judged at, e.g. 2008-09-Q2; default the "
        "latest quarter with data.",
    ),
) -> Response:
    """The objective's golden thread: up to the community ambitions, down to every plan,
    objective, indicator, action, risk and person, with roll-ups at every objective."""
    today = today_in_london()
    if period is not None:
        chosen = parse_period_param(period)
    else:
        chosen = await status_service.latest_quarter_with_data(session) or period_containing(
            Frequency.QUARTERLY, today
        )
    cache = request.app.state.status_cache
    return model_response(
        await thread.build(session, principal, objective_id, chosen, today, cache)
    )
