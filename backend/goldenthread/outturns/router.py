"""Outturns (actuals) of an indicator, by period."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request, Response, status

from goldenthread.core.deps import CurrentActor, CurrentPrincipal, Session
from goldenthread.core.http import set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.period_rows import check_row_if_match, list_period_rows, stored_state
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.indicators import service as indicators
from goldenthread.outturns import service
from goldenthread.outturns.models import Outturn
from goldenthread.outturns.schemas import OutturnRead, OutturnWrite

router = APIRouter(prefix="/indicators/{indicator_id}/outturns", tags=["outturns"])

PeriodPath = Path(
    max_length=20, description="Period code of the indicator's frequency, e.g. 2008-09-Q2."
)


def _current(outturn: Outturn | None) -> dict[str, object] | None:
    if outturn is None:
        return None
    return stored_state(outturn, status=outturn.status.value, commentary=outturn.commentary)


@router.get("", response_model=Page[OutturnRead], tags=["public"])
async def list_outturns(
    indicator_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    year: YearParam = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[OutturnRead]:
    """List an indicator's outturns in period order, optionally for one financial year."""
    await indicators.get_indicator(session, indicator_id, principal)
    rows, next_cursor = await list_period_rows(
        session, Outturn, indicator_id, year=parse_year_param(year), limit=limit, cursor=cursor
    )
    return Page(items=[OutturnRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{period}", response_model=OutturnRead, tags=["public"])
async def get_outturn(
    indicator_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    response: Response,
    period: str = PeriodPath,
) -> OutturnRead:
    """Read the outturn for one period."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    parsed = service.parse_outturn_period(indicator, period)
    outturn = await service.get_outturn(session, indicator, parsed.code)
    set_version_etag(response, outturn.version)
    return OutturnRead.model_validate(outturn)


@router.put(
    "/{period}",
    response_model=OutturnRead,
    responses={201: {"model": OutturnRead, "description": "Created"}},
)
async def put_outturn(
    indicator_id: Id,
    data: OutturnWrite,
    request: Request,
    session: Session,
    actor: CurrentActor,
    response: Response,
    period: str = PeriodPath,
) -> OutturnRead:
    """Record the actual for a period of the indicator's own frequency."""
    indicator = await indicators.get_indicator(session, indicator_id, actor.principal)
    parsed = service.parse_outturn_period(indicator, period)
    existing = await service.find_outturn(session, indicator_id, parsed.code)
    what = f"The {parsed.code} outturn of {indicator.code}"
    check_row_if_match(request, existing, what, _current(existing))
    outturn, created = await service.put_outturn(session, actor, indicator, parsed, data, existing)
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_version_etag(response, outturn.version)
    return OutturnRead.model_validate(outturn)


@router.delete("/{period}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_outturn(
    indicator_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    period: str = PeriodPath,
) -> None:
    """Remove the outturn for a period (kept in the audit trail)."""
    indicator = await indicators.get_indicator(session, indicator_id, actor.principal)
    parsed = service.parse_outturn_period(indicator, period)
    outturn = await service.get_outturn(session, indicator, parsed.code)
    what = f"The {parsed.code} outturn of {indicator.code}"
    check_row_if_match(request, outturn, what, _current(outturn))
    await service.delete_outturn(session, actor, indicator, outturn)
