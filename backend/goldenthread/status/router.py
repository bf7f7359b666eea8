"""Traffic-light status: one indicator explained, or many with counts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from goldenthread.core.deps import CurrentPrincipal, Session
from goldenthread.core.errors import NotFound
from goldenthread.core.http import model_response
from goldenthread.core.query import PeriodParam, parse_period_param
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.status import service
from goldenthread.status.rules import Rag
from goldenthread.status.schemas import StatusRead, StatusSummary

router = APIRouter(tags=["status", "public"])


@router.get("/indicators/{indicator_id}/status", response_model=StatusRead)
async def indicator_status(
    indicator_id: int, session: Session, principal: CurrentPrincipal, period: PeriodParam
) -> StatusRead:
    """The headline status of one indicator at a period, with the figures and rule behind it."""
    requested = parse_period_param(period)
    await indicators.get_indicator(session, indicator_id, principal)
    items = await service.compute_statuses(
        session, requested, [Indicator.id == indicator_id, indicators.visible_to(principal)]
    )
    if not items:
        raise NotFound(f"There is no indicator {indicator_id}.")
    return items[0]


@router.get("/status", response_model=StatusSummary)
async def status_summary(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    period: PeriodParam,
    set_name: Annotated[
        str | None, Query(alias="set", max_length=40, description="Set, e.g. LAA or DOT.")
    ] = None,
    org_unit: Annotated[int | None, Query(description="Org unit and the units beneath.")] = None,
    rag: Annotated[
        list[Rag] | None,
        Query(description="Only list items with these statuses; counts still cover all."),
    ] = None,
    lifecycle: Literal["active", "retired", "all"] = "active",
) -> Response:
    """Statuses of many indicators at a period, with counts by RAG and the Direction of Travel
    score (the share of comparable indicators that improved on last year)."""
    requested = parse_period_param(period)
    items = await service.register_statuses(
        session,
        request.app.state.status_cache,
        principal,
        requested,
        set_name=set_name,
        org_unit_id=org_unit,
        lifecycle=lifecycle,
    )
    return model_response(service.summarise(requested, items, set(rag) if rag else None))
