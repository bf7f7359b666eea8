"""Targets of an indicator, by period."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request, Response, status

from goldenthread.core.deps import CurrentActor, CurrentPrincipal, Session
from goldenthread.core.http import set_version_etag
from goldenthread.core.pagination import Cursor, Limit, Page
from goldenthread.core.period_rows import check_row_if_match, list_period_rows, stored_state
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.indicators import service as indicators
from goldenthread.targets import service
from goldenthread.targets.models import Target
from goldenthread.targets.schemas import TargetRead, TargetWrite

router = APIRouter(prefix="/indicators/{indicator_id}/targets", tags=["targets"])

PeriodPath = Path(max_length=20, description="Period code, e.g. 2008-09 or 2008-09-Q2.")


def _current(target: Target | None) -> dict[str, object] | None:
    return None if target is None else stored_state(target)


@router.get("", response_model=Page[TargetRead], tags=["public"])
async def list_targets(
    indicator_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    year: YearParam = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[TargetRead]:
    """List an indicator's targets in period order, optionally for one financial year."""
    await indicators.get_indicator(session, indicator_id, principal)
    rows, next_cursor = await list_period_rows(
        session, Target, indicator_id, year=parse_year_param(year), limit=limit, cursor=cursor
    )
    return Page(items=[TargetRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{period}", response_model=TargetRead, tags=["public"])
async def get_target(
    indicator_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    response: Response,
    period: str = PeriodPath,
) -> TargetRead:
    """Read the target for one period."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    parsed = service.parse_target_period(indicator, period)
    target = await service.get_target(session, indicator, parsed.code)
    set_version_etag(response, target.version)
    return TargetRead.model_validate(target)


@router.put(
    "/{period}",
    response_model=TargetRead,
    responses={201: {"model": TargetRead, "description": "Created"}},
)
async def put_target(
    indicator_id: Id,
    data: TargetWrite,
    request: Request,
    session: Session,
    actor: CurrentActor,
    response: Response,
    period: str = PeriodPath,
) -> TargetRead:
    """Set the target for a period (annual, or a period of the indicator's frequency)."""
    indicator = await indicators.get_indicator(session, indicator_id, actor.principal)
    parsed = service.parse_target_period(indicator, period)
    existing = await service.find_target(session, indicator_id, parsed.code)
    what = f"The {parsed.code} target of {indicator.code}"
    check_row_if_match(request, existing, what, _current(existing))
    target, created = await service.put_target(session, actor, indicator, parsed, data, existing)
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_version_etag(response, target.version)
    return TargetRead.model_validate(target)


@router.delete("/{period}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_target(
    indicator_id: Id,
    request: Request,
    session: Session,
    actor: CurrentActor,
    period: str = PeriodPath,
) -> None:
    """Remove the target for a period (kept in the audit trail)."""
    indicator = await indicators.get_indicator(session, indicator_id, actor.principal)
    parsed = service.parse_target_period(indicator, period)
    target = await service.get_target(session, indicator, parsed.code)
    what = f"The {parsed.code} target of {indicator.code}"
    check_row_if_match(request, target, what, _current(target))
    await service.delete_target(session, actor, indicator, target)
