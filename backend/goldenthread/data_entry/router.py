"""The data-entry sheet for a period."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from goldenthread.core.deps import Session, StaffPrincipal
from goldenthread.core.query import PeriodParam, parse_period_param
from goldenthread.data_entry import service
from goldenthread.data_entry.schemas import DataEntrySheet

router = APIRouter(tags=["data entry"])


@router.get("/data-entry", response_model=DataEntrySheet)
async def data_entry_sheet(
    session: Session,
    principal: StaffPrincipal,
    period: PeriodParam,
    scope: Literal["mine", "all"] = "mine",
) -> DataEntrySheet:
    """The indicators you own or deputise for (or, for the performance team, every active
    indicator), each with the period its figure is due for and what is recorded so far."""
    requested = parse_period_param(period)
    rows = await service.sheet(session, principal, requested, scope)
    return DataEntrySheet(period=requested.code, scope=scope, rows=rows)
