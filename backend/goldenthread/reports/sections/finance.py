"""The report's finance section: budget, forecast outturn, spend and variance by service,
beside the statuses of each service's indicators."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.organisations.tree import UnitTree
from goldenthread.periods.rules import Period, parse_period
from goldenthread.reports import rules
from goldenthread.reports.models import FinanceFigure
from goldenthread.reports.schemas import FinanceRowRead, FinanceSectionRead
from goldenthread.status.schemas import RagCounts, StatusRead


@dataclass(frozen=True)
class Figures:
    org_unit_id: int
    period: str
    budget: Decimal
    forecast: Decimal | None
    actual: Decimal | None
    note: str


def _latest_by_unit(rows: Iterable[Any], period: Period) -> dict[int, Any]:
    """Each unit's latest monitoring figures of the period's year, up to the period's end."""
    found: dict[int, tuple[date, Any]] = {}
    for row in rows:
        monitored = parse_period(row.period)
        if monitored.year != period.year or monitored.end > period.end:
            continue
        kept = found.get(row.org_unit_id)
        if kept is None or monitored.end > kept[0]:
            found[row.org_unit_id] = (monitored.end, row)
    return {unit: row for unit, (_, row) in found.items()}


async def finance_section(
    conn: AsyncConnection,
    units: UnitTree,
    finance_units: set[int] | None,
    period: Period,
    previous: Period,
    statuses: list[StatusRead],
) -> FinanceSectionRead:
    """Budget, forecast outturn and variance by service, beside its indicators' statuses.
    One query."""
    query = select(
        FinanceFigure.org_unit_id,
        FinanceFigure.period,
        FinanceFigure.budget,
        FinanceFigure.forecast,
        FinanceFigure.actual,
        FinanceFigure.note,
    ).where(FinanceFigure.year.in_(sorted({period.year, previous.year})))
    if finance_units is not None:
        query = query.where(FinanceFigure.org_unit_id.in_(sorted(finance_units)))
    rows = [
        Figures(
            r.org_unit_id,
            r.period,
            r.budget,
            r.forecast,
            r.actual,
            r.note,
        )
        for r in (await conn.execute(query)).all()
    ]
    now = _latest_by_unit(rows, period)
    then = _latest_by_unit(rows, previous)
    by_unit: dict[int, list[StatusRead]] = defaultdict(list)
    for item in statuses:
        if item.org_unit_id is not None:
            by_unit[item.org_unit_id].append(item)
    section_rows = []
    for unit_id, row in now.items():
        counts: dict[str, int] = defaultdict(int)
        for member in units.subtree(unit_id):
            for item in by_unit.get(member, []):
                counts[item.rag.value] += 1
        difference, percent = rules.variance(row.budget, row.forecast)
        earlier = then.get(unit_id)
        section_rows.append(
            FinanceRowRead(
                org_unit_id=unit_id,
                org_unit=units.names.get(unit_id, str(unit_id)),
                period=row.period,
                budget=row.budget,
                forecast=row.forecast,
                actual=row.actual,
                variance=difference,
                variance_percent=percent,
                previous_variance=(
                    rules.variance(earlier.budget, earlier.forecast)[0] if earlier else None
                ),
                note=row.note,
                performance=RagCounts(**counts),
            )
        )
    section_rows.sort(key=lambda r: r.org_unit.casefold())
    # Totals over the units without double counting a unit inside another that has figures.
    top = [
        r
        for r in section_rows
        if not any(
            other.org_unit_id != r.org_unit_id and r.org_unit_id in units.subtree(other.org_unit_id)
            for other in section_rows
        )
    ]
    budget = sum((r.budget for r in top), Decimal(0))
    forecasts = [r.forecast for r in top]
    forecast = (
        sum((f for f in forecasts if f is not None), Decimal(0))
        if top and all(f is not None for f in forecasts)
        else None
    )
    total_variance, total_percent = rules.variance(budget, forecast)
    return FinanceSectionRead(
        year=period.financial_year.code,
        rows=section_rows,
        budget=budget,
        forecast=forecast,
        variance=total_variance,
        variance_percent=total_percent,
    )
