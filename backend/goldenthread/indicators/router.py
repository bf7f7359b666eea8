"""The indicator register."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.audit import service as audit
from goldenthread.audit.schemas import AuditEntryRead
from goldenthread.core.deps import (
    CurrentActor,
    CurrentPrincipal,
    RegisterPrincipal,
    Session,
    StaffPrincipal,
)
from goldenthread.core.http import (
    check_version,
    set_version_etag,
)
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.query import Id
from goldenthread.indicators import service
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.indicators.schemas import IndicatorCreate, IndicatorRead, IndicatorUpdate

router = APIRouter(prefix="/indicators", tags=["indicators"])


def _read(indicator: Indicator, response: Response) -> IndicatorRead:
    set_version_etag(response, indicator.version)
    return IndicatorRead.model_validate(indicator)


@router.get("", response_model=Page[IndicatorRead], tags=["public"])
async def list_indicators(
    session: Session,
    principal: CurrentPrincipal,
    code: str | None = Query(None, max_length=40, description="Exact code, any case."),
    set_name: str | None = Query(
        None, alias="set", max_length=40, description="Set or basket, e.g. LAA."
    ),
    org_unit: Id | None = Query(None, description="Org unit id; includes the units beneath."),
    q: str | None = Query(None, max_length=200, description="Words in code, title or definition."),
    owner: Id | None = Query(None, description="User id of the owner or deputy."),
    lifecycle: Literal["active", "retired", "all"] = "active",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[IndicatorRead]:
    """List the indicator register, filtered and paginated by cursor."""
    rows, next_cursor = await service.list_indicators(
        session,
        principal,
        code=code,
        set_name=set_name,
        org_unit_id=org_unit,
        q=q,
        lifecycle=lifecycle,
        owner_id=owner,
        limit=limit,
        cursor=cursor,
    )
    return Page(items=[IndicatorRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("", response_model=IndicatorRead, status_code=status.HTTP_201_CREATED)
async def create_indicator(
    data: IndicatorCreate,
    session: Session,
    actor: CurrentActor,
    _: RegisterPrincipal,
    response: Response,
) -> IndicatorRead:
    """Add an indicator to the register (performance team and administrators)."""
    indicator = await service.create_indicator(session, actor, data)
    response.headers["Location"] = f"/api/v1/indicators/{indicator.id}"
    return _read(indicator, response)


@router.get("/{indicator_id}", response_model=IndicatorRead, tags=["public"])
async def get_indicator(
    indicator_id: Id, session: Session, principal: CurrentPrincipal, response: Response
) -> IndicatorRead:
    """Read one indicator; the ETag is its version, for If-Match on update."""
    return _read(await service.get_indicator(session, indicator_id, principal), response)


@router.patch("/{indicator_id}", response_model=IndicatorRead)
async def update_indicator(
    indicator_id: Id,
    data: IndicatorUpdate,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: RegisterPrincipal,
    response: Response,
) -> IndicatorRead:
    """Change some fields of an indicator; send If-Match with the ETag you read."""
    indicator = await service.get_indicator(session, indicator_id, principal, for_update=True)
    check_version(
        request,
        indicator.version,
        f"Indicator {indicator.code}",
        {"version": indicator.version, "updated_at": indicator.updated_at.isoformat()},
    )
    indicator = await service.update_indicator(session, actor, indicator, data)
    return _read(indicator, response)


@router.post("/{indicator_id}/retire", response_model=IndicatorRead)
async def retire_indicator(
    indicator_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    principal: RegisterPrincipal,
    response: Response,
) -> IndicatorRead:
    """Retire an indicator: it leaves the active register but keeps its history."""
    indicator = await service.get_indicator(session, indicator_id, principal, for_update=True)
    check_version(request, indicator.version, f"Indicator {indicator.code}")
    indicator = await service.update_indicator(
        session, actor, indicator, IndicatorUpdate(lifecycle=Lifecycle.RETIRED)
    )
    return _read(indicator, response)


@router.get("/{indicator_id}/audit", response_model=Page[AuditEntryRead])
async def indicator_audit(
    indicator_id: Id,
    session: Session,
    principal: StaffPrincipal,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AuditEntryRead]:
    """The audit trail of one indicator, its targets and outturns, newest first."""
    await service.get_indicator(session, indicator_id, principal)
    rows, next_cursor = await audit.list_entries(
        session, indicator_id=indicator_id, entity=None, limit=limit, cursor=cursor
    )
    return Page(items=[AuditEntryRead.model_validate(r) for r in rows], next_cursor=next_cursor)
