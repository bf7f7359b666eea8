"""Actions and milestones with dated progress updates; remedial action on indicators."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.actions import access, listing, progress, service
from goldenthread.actions.models import Action, ActionStatus
from goldenthread.actions.schemas import (
    ActionCreate,
    ActionRead,
    ActionUpdate,
    ProgressCreate,
    ProgressRead,
)
from goldenthread.audit import service as audit
from goldenthread.core.deps import CurrentActor, Session
from goldenthread.core.http import check_version_showing, set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id
from goldenthread.core.staff_access import StaffOnly
from goldenthread.periods.workdays import today_in_london
from goldenthread.plans import access as plan_access

router = APIRouter(prefix="/actions", tags=["actions"])


async def _check_version(
    request: Request, session: Session, action: Action, acc: access.Access
) -> None:
    """Refuse (412) a change made against an old copy, showing the action as it is now."""

    async def shown() -> dict[str, Any]:
        read = service.action_read(
            action, await service.plan_of(session, action), acc, today_in_london()
        )
        return await audit.shown_as_changed(
            session, read, "action", action.id, progress.audited_updates(action.id)
        )

    await check_version_showing(request, action.version, f"Action {action.id}", shown)


@router.get("", response_model=Page[ActionRead])
async def list_actions(
    session: Session,
    principal: StaffOnly,
    mine: bool = Query(False, description="Only actions the caller owns."),
    overdue: bool = Query(False, description="Only actions past their due date and open."),
    plan: Id | None = Query(None, description="Only actions on objectives of this plan."),
    objective: Id | None = None,
    indicator: Id | None = Query(None, description="Only remedial actions on this indicator."),
    owner: Id | None = None,
    parent: Id | None = Query(None, description="Only the milestones of this action."),
    status: ActionStatus | None = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[ActionRead]:
    """List actions and milestones, soonest due first."""
    today = today_in_london()
    rows, next_cursor = await listing.list_actions(
        session,
        principal,
        today,
        mine=mine,
        overdue=overdue,
        plan_id=plan,
        objective_id=objective,
        indicator_id=indicator,
        owner_id=owner,
        parent_id=parent,
        status=status,
        limit=limit,
        cursor=cursor,
    )
    acc = await access.access_of(session, principal)
    return Page(
        items=[service.action_read(a, p, acc, today) for a, p in rows], next_cursor=next_cursor
    )


@router.post("", response_model=ActionRead, status_code=status.HTTP_201_CREATED)
async def create_action(
    data: ActionCreate,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> ActionRead:
    """Add an action to an objective, remedial action to an indicator, or a milestone."""
    today = today_in_london()
    acc = await access.access_of(session, principal)
    editor = plan_access.Editor(principal, acc.reach)
    action = await service.create_action(session, actor, acc, editor, data, today)
    response.headers["Location"] = f"/api/v1/actions/{action.id}"
    set_version_etag(response, action.version)
    return service.action_read(action, await service.plan_of(session, action), acc, today)


@router.get("/{action_id}", response_model=ActionRead)
async def get_action(
    action_id: Id, session: Session, principal: StaffOnly, response: Response
) -> ActionRead:
    """Read one action; the ETag is its version, for If-Match on update."""
    action = await service.get_action(session, action_id, principal)
    set_version_etag(response, action.version)
    acc = await access.access_of(session, principal)
    return service.action_read(
        action, await service.plan_of(session, action), acc, today_in_london()
    )


@router.patch("/{action_id}", response_model=ActionRead)
async def update_action(
    action_id: Id,
    data: ActionUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
    response: Response,
) -> ActionRead:
    """Change an action (its managers; owners report progress instead)."""
    action = await service.get_action(session, action_id, principal)
    acc = await access.access_of(session, principal)
    await _check_version(request, session, action, acc)
    today = today_in_london()
    action = await service.update_action(session, actor, acc, action, data, today)
    set_version_etag(response, action.version)
    return service.action_read(action, await service.plan_of(session, action), acc, today)


@router.delete("/{action_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_action(
    action_id: Id, request: Request, session: Session, actor: CurrentActor, principal: StaffOnly
) -> None:
    """Delete an action with its milestones and progress history."""
    action = await service.get_action(session, action_id, principal)
    acc = await access.access_of(session, principal)
    await _check_version(request, session, action, acc)
    await service.delete_action(session, actor, acc, action)


@router.get("/{action_id}/updates", response_model=list[ProgressRead])
async def list_progress(
    action_id: Id, session: Session, principal: StaffOnly
) -> list[ProgressRead]:
    """The action's dated progress updates, newest first."""
    action = await service.get_action(session, action_id, principal)
    return [progress.progress_read(u) for u in await progress.list_progress(session, action)]


@router.post(
    "/{action_id}/updates", response_model=ProgressRead, status_code=status.HTTP_201_CREATED
)
async def add_progress(
    action_id: Id,
    data: ProgressCreate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: StaffOnly,
) -> ProgressRead:
    """Report progress (its owner may): a dated note, optionally a new status or percent;
    If-Match (optional) is checked against the action's version."""
    action = await service.get_action(session, action_id, principal)
    acc = await access.access_of(session, principal)
    await _check_version(request, session, action, acc)
    update = await progress.add_progress(session, actor, acc, action, data, today_in_london())
    return progress.progress_read(update)
