"""The data-entry sheet: a person's indicators with the period each is due for."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.errors import Forbidden
from goldenthread.core.principal import Principal
from goldenthread.data_entry.schemas import EntryIndicator, EntryRow, EntryTarget
from goldenthread.indicators import rules as indicator_rules
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.outturns.models import Outturn
from goldenthread.outturns.schemas import OutturnRead
from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.service import evaluation_period
from goldenthread.targets.models import Target


async def sheet(
    session: AsyncSession, principal: Principal, requested: Period, scope: str
) -> list[EntryRow]:
    """Three queries: the indicators, their outturns and their targets for the due periods."""
    conditions: list[ColumnElement[bool]] = [Indicator.lifecycle == Lifecycle.ACTIVE]
    if scope == "all":
        if not indicator_rules.may_verify(principal):
            raise Forbidden("Only the performance team may open every indicator's data entry.")
    else:
        conditions.append(
            or_(Indicator.owner_id == principal.id, Indicator.deputy_id == principal.id)
        )
    indicators = list(
        (
            await session.scalars(select(Indicator).where(*conditions).order_by(Indicator.code_key))
        ).all()
    )
    if not indicators:
        return []
    due = {f: evaluation_period(f, requested) for f in Frequency}
    ids = [i.id for i in indicators]
    outturns = {
        (o.indicator_id, o.period): o
        for o in (
            await session.scalars(
                select(Outturn).where(
                    Outturn.indicator_id.in_(ids),
                    Outturn.period.in_([p.code for p in due.values()]),
                )
            )
        ).all()
    }
    target_codes = {p.code for p in due.values()} | {p.financial_year.code for p in due.values()}
    targets = {
        (t.indicator_id, t.period): t
        for t in (
            await session.scalars(
                select(Target).where(Target.indicator_id.in_(ids), Target.period.in_(target_codes))
            )
        ).all()
    }
    rows = []
    for indicator in indicators:
        period = due[indicator.frequency]
        outturn = outturns.get((indicator.id, period.code))
        # The period's own target where a profile sets one, else the year's.
        target = targets.get((indicator.id, period.code)) or targets.get(
            (indicator.id, period.financial_year.code)
        )
        rows.append(
            EntryRow(
                indicator=EntryIndicator.model_validate(indicator),
                period=period.code,
                outturn=OutturnRead.model_validate(outturn) if outturn else None,
                target=EntryTarget(
                    period=target.period, value=target.value, low=target.low, high=target.high
                )
                if target
                else None,
            )
        )
    return rows
