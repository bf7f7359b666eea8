"""Traffic-light status: one indicator explained, or many with counts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from goldenthread.core.deps import CurrentPrincipal, Session
from goldenthread.core.errors import FieldError, NotFound, ValidationFailed
from goldenthread.core.http import model_response
from goldenthread.core.query import Id, PeriodParam, parse_period_param, parse_year_param
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import Frequency, financial_year_code, period_containing
from goldenthread.status import service
from goldenthread.status.schemas import LatestPeriod, StatusHistory, StatusRead, StatusSummary
from goldenthread.status.values import Rag

router = APIRouter(tags=["status", "public"])

MAX_HISTORY_YEARS = 10


@router.get("/indicators/{indicator_id}/status", response_model=StatusRead)
async def indicator_status(
    indicator_id: Id, session: Session, principal: CurrentPrincipal, period: PeriodParam
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


@router.get("/indicators/{indicator_id}/history", response_model=StatusHistory)
async def indicator_history(
    indicator_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    first_year: Annotated[
        str | None, Query(alias="from", max_length=20, description="First financial year.")
    ] = None,
    last_year: Annotated[
        str | None, Query(alias="to", max_length=20, description="Last financial year.")
    ] = None,
) -> Response:
    """The status at every period of the indicator's frequency over financial years (by
    default the three years up to the latest with data): for charts and period tables."""
    await indicators.get_indicator(session, indicator_id, principal)
    last = parse_year_param(last_year, "to")
    if last is None:
        latest = await service.latest_quarter_with_data(session)
        last = latest.year if latest else period_containing(Frequency.ANNUAL, date.today()).year
    first = parse_year_param(first_year, "from")
    first = last - 2 if first is None else first
    if not 0 <= last - first < MAX_HISTORY_YEARS:
        message = f"from must not be after to, and the span at most {MAX_HISTORY_YEARS} years"
        raise ValidationFailed(message, [FieldError("from", message)])
    items = await service.indicator_history(session, indicator_id, first, last)
    return model_response(
        StatusHistory(
            indicator_id=indicator_id,
            first_year=financial_year_code(first),
            last_year=financial_year_code(last),
            items=items,
        )
    )


@router.get("/status/latest-period", response_model=LatestPeriod)
async def latest_period(session: Session, _: CurrentPrincipal) -> LatestPeriod:
    """The latest quarter with data: the period a dashboard opens at."""
    latest = await service.latest_quarter_with_data(session)
    return LatestPeriod(period=latest.code if latest else None)


@router.get("/status", response_model=StatusSummary)
async def status_summary(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    period: PeriodParam,
    set_name: Annotated[
        str | None, Query(alias="set", max_length=40, description="Set, e.g. LAA or DOT.")
    ] = None,
    org_unit: Annotated[Id | None, Query(description="Org unit and the units beneath.")] = None,
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
