"""Demo budget monitoring by service, for the finance section of the integrated report.

Net revenue budgets of the size a county council's services had in 2008-09, monitored at
months 4, 6, 8 and 10 with the outturn at month 12 (the council's monitoring timetable).
Each service's forecast variance follows a story told as a percent of its budget at each of
those months: children's placements and adult care packages overspending, landfill tax
rising, a hard winter on the roads, small underspends in the support services. The same story
is told for the last two complete years and the current year to date.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.principal import SYSTEM_ACTOR
from goldenthread.demo.series import LATEST_COMPLETE, DemoCalendar
from goldenthread.periods.rules import Frequency, Period
from goldenthread.reports import finance

MONITORING_MONTHS = (4, 6, 8, 10, 12)
YEAR_OFFSETS = (LATEST_COMPLETE - 1, LATEST_COMPLETE, LATEST_COMPLETE + 1)
YEARLY_GROWTH = Decimal("0.03")


@dataclass(frozen=True)
class ServiceBudget:
    unit: str  # org unit key
    budget: int  # net revenue budget of the first demo year, in pounds
    # Forecast variance at months 4, 6, 8, 10 and 12, as percent of budget (+ overspend).
    variance: tuple[str, str, str, str, str]
    note: str = ""  # the budget holder's explanation, where the variance is material


SERVICES: tuple[ServiceBudget, ...] = (
    ServiceBudget(
        "csc",
        38_500_000,
        ("1.5", "2.4", "3.1", "3.6", "3.4"),
        "Fourteen more external residential placements than budgeted.",
    ),
    ServiceBudget("learning", 21_200_000, ("0", "-0.3", "-0.5", "-0.6", "-0.8")),
    ServiceBudget("youth", 6_400_000, ("0", "0", "0.4", "0.5", "0.2")),
    ServiceBudget(
        "asc_ops",
        62_800_000,
        ("0.8", "1.2", "1.9", "2.2", "2.0"),
        "Home care packages for older people above the budgeted number.",
    ),
    ServiceBudget("commissioning", 14_300_000, ("0", "-0.4", "-0.6", "-0.9", "-1.1")),
    ServiceBudget(
        "waste",
        24_600_000,
        ("0.5", "1.0", "1.6", "2.0", "2.3"),
        "Landfill tax and tonnage above budget while the recycling rate lags its target.",
    ),
    ServiceBudget(
        "highways",
        18_900_000,
        ("-0.4", "-0.2", "0.3", "1.1", "0.9"),
        "Gritting and pothole repairs after a hard winter.",
    ),
    ServiceBudget("safer", 5_200_000, ("0", "-0.2", "-0.3", "-0.3", "-0.4")),
    ServiceBudget("policy", 2_100_000, ("0", "0", "-0.5", "-1.0", "-1.2")),
    ServiceBudget("hr", 3_300_000, ("0", "-0.6", "-0.8", "-1.0", "-1.3")),
    ServiceBudget("finance", 8_700_000, ("0", "0", "-0.2", "-0.4", "-0.5")),
)


def _pounds(value: Decimal) -> Decimal:
    """Rounded to the nearest thousand pounds, as budget reports show them."""
    return (value / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000


def figures(calendar: DemoCalendar, units: dict[str, int]) -> list[finance.FigureInput]:
    """The monitoring figures of every service for the demo years, up to today."""
    rows: list[finance.FigureInput] = []
    for offset in YEAR_OFFSETS:
        year = calendar.year(offset)
        for service in SERVICES:
            budget = _pounds(Decimal(service.budget) * (1 + YEARLY_GROWTH * offset))
            for month, percent in zip(MONITORING_MONTHS, service.variance, strict=True):
                period = Period(year, Frequency.MONTHLY, month)
                if not calendar.has_ended(period):
                    break
                forecast = _pounds(budget * (1 + Decimal(percent) / 100))
                # Spend to date runs a little behind the months elapsed (invoices lag).
                actual = _pounds(forecast * month / 12 * Decimal("0.97"))
                material = abs(Decimal(percent)) >= 1
                rows.append(
                    finance.FigureInput(
                        row=0,
                        org_unit_id=units[service.unit],
                        period=period.code,
                        year=year,
                        values={
                            "budget": budget,
                            "forecast": forecast,
                            "actual": actual,
                            "note": service.note if material and service.note else "",
                        },
                    )
                )
    return rows


async def load_finance(session: AsyncSession, units: dict[str, int], calendar: DemoCalendar) -> int:
    """Write the demo's budget monitoring through the finance service; the rows written."""
    created, _, _ = await finance.save_figures(session, SYSTEM_ACTOR, figures(calendar, units))
    return created
