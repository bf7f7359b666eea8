"""The annual cycle: recurring templates (performance team) and the dated events of a year."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.audit import service as audit
from goldenthread.core.deps import CurrentActor, RegisterPrincipal, Session, StaffPrincipal
from goldenthread.core.http import check_version, check_version_showing, set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id, parse_year_param
from goldenthread.cycle import events, service
from goldenthread.cycle.rules import Category
from goldenthread.cycle.schemas import (
    EventRead,
    EventUpdate,
    InstantiateRequest,
    InstantiateResult,
    TemplateCreate,
    TemplateRead,
    TemplateUpdate,
)
from goldenthread.periods.workdays import today_in_london

router = APIRouter(prefix="/cycle", tags=["cycle"])


@router.get("/templates", response_model=Page[TemplateRead])
async def list_templates(
    session: Session,
    _: StaffPrincipal,
    category: Category | None = None,
    active: bool | None = Query(None, description="Only active (true) or inactive (false)."),
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[TemplateRead]:
    """List the cycle's recurring event templates."""
    rows, next_cursor = await service.list_templates(
        session, category=category, active=active, limit=limit, cursor=cursor
    )
    return Page(items=[service.template_read(r) for r in rows], next_cursor=next_cursor)


@router.post("/templates", response_model=TemplateRead, status_code=status.HTTP_201_CREATED)
async def create_template(
    data: TemplateCreate,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> TemplateRead:
    """Add a recurring event to the cycle (performance team and administrators)."""
    template = await service.create_template(session, actor, data)
    response.headers["Location"] = f"/api/v1/cycle/templates/{template.id}"
    set_version_etag(response, template.version)
    return service.template_read(template)


@router.get("/templates/{template_id}", response_model=TemplateRead)
async def get_template(
    template_id: Id, session: Session, _: StaffPrincipal, response: Response
) -> TemplateRead:
    """Read one template; the ETag is its version, for If-Match on update."""
    template = await service.get_template(session, template_id)
    set_version_etag(response, template.version)
    return service.template_read(template)


@router.patch("/templates/{template_id}", response_model=TemplateRead)
async def update_template(
    template_id: Id,
    data: TemplateUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> TemplateRead:
    """Change a template; events already made keep their dates until refreshed."""
    template = await service.get_template(session, template_id)
    check_version(request, template.version, f"Template {template.id}")
    template = await service.update_template(session, actor, template, data)
    set_version_etag(response, template.version)
    return service.template_read(template)


@router.delete("/templates/{template_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_template(
    template_id: Id, request: Request, session: Session, actor: CurrentActor, _: RegisterPrincipal
) -> None:
    """Delete a template that has no events yet (otherwise make it inactive)."""
    template = await service.get_template(session, template_id)
    check_version(request, template.version, f"Template {template.id}")
    await service.delete_template(session, actor, template)


@router.post("/instantiate", response_model=InstantiateResult)
async def instantiate_year(
    data: InstantiateRequest, session: Session, actor: CurrentActor, _: RegisterPrincipal
) -> InstantiateResult:
    """Give a financial year its dated events from the active templates; safe to repeat."""
    year = parse_year_param(data.year)
    assert year is not None
    return await service.instantiate(session, actor, year, data.template_ids, refresh=data.refresh)


@router.get("/events/{event_id}", response_model=EventRead)
async def get_event(
    event_id: Id, session: Session, _: StaffPrincipal, response: Response
) -> EventRead:
    """Read one dated event of the cycle."""
    event = await events.get_event(session, event_id)
    set_version_etag(response, event.version)
    return events.event_read(event, today_in_london())


@router.patch("/events/{event_id}", response_model=EventRead)
async def update_event(
    event_id: Id,
    data: EventUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    _: StaffPrincipal,
    response: Response,
) -> EventRead:
    """Mark an event done (or due again), move its date, add a note or set what it concerns."""
    event = await events.get_event(session, event_id)

    async def shown() -> dict[str, Any]:
        read = events.event_read(event, today_in_london())
        return await audit.shown_as_changed(session, read, "cycle_event", event.id)

    await check_version_showing(request, event.version, f"Event '{event.title}'", shown)
    event = await events.update_event(session, actor, event, data)
    set_version_etag(response, event.version)
    return events.event_read(event, today_in_london())
