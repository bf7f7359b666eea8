"""Builders and short names shared by the status rule tests."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.rules import compute_status
from goldenthread.status.values import (
    Aggregation,
    IndicatorRules,
    PeriodValue,
    Polarity,
    Rag,
    StatusResult,
    TargetValue,
    Unit,
)

D = Decimal
M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL
HIB, LIB = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
BAND, NONE = Polarity.TARGET_BAND, Polarity.NONE
GREEN, AMBER, RED = Rag.GREEN, Rag.AMBER, Rag.RED


def m(position: int, year: int = 2008) -> Period:
    return Period(year, M, position)


def q(position: int, year: int = 2008) -> Period:
    return Period(year, Q, position)


def fy(year: int = 2008) -> Period:
    return Period(year, A, 1)


def dec(text: str | None) -> Decimal | None:
    return None if text is None else D(text)


def ind(
    polarity: Polarity = HIB,
    frequency: Frequency = A,
    aggregation: Aggregation = Aggregation.MEAN,
    dp: int = 1,
    unit: Unit = Unit.PERCENT,
    pct: str | None = "5",
    absolute: str | None = None,
    multiplier: str = "1",
) -> IndicatorRules:
    return IndicatorRules(
        code="NI 1",
        polarity=polarity,
        frequency=frequency,
        aggregation=aggregation,
        multiplier=D(multiplier),
        decimal_places=dp,
        unit=unit,
        tolerance_percent=dec(pct),
        tolerance_absolute=dec(absolute),
    )


def annual(
    rules: IndicatorRules,
    actual: str | None,
    target: str | None = None,
    low: str | None = None,
    high: str | None = None,
) -> StatusResult:
    outturns = {} if actual is None else {fy(): PeriodValue(D(actual))}
    targets = {fy(): TargetValue(dec(target), dec(low), dec(high))}
    return compute_status(rules, fy(), outturns, targets)


def values(periods: list[Period], numbers: Sequence[str | None]) -> dict[Period, PeriodValue]:
    return {p: PeriodValue(D(v)) for p, v in zip(periods, numbers, strict=True) if v is not None}


def goals(periods: list[Period], numbers: list[str]) -> dict[Period, TargetValue]:
    return {p: TargetValue(D(v)) for p, v in zip(periods, numbers, strict=True)}
