"""Traffic-light (RAG) status of a performance indicator for one period.

Values are judged *rounded half-up to the indicator's decimal places*, because
what councillors see is what must be judged: an outturn shown as 65.0% can
never be amber against a target shown as 65.0%. All arithmetic is
:class:`decimal.Decimal`, on the checked values of ``values.py``. Choices the
service rules leave open are marked "Decision:". ``year_to_date.py`` derives
the year-to-date actual and target, and ``explain.py`` the trends and the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status import explain
from goldenthread.status.values import (
    DECIMAL_CONTEXT,
    Aggregation,
    Basis,
    IndicatorRules,
    PeriodValue,
    Polarity,
    Rag,
    StatusResult,
    TargetSource,
    TargetValue,
    Trend,
    Unit,
    round_half_up,
    round_optional,
)
from goldenthread.status.year_to_date import headline_actual, target_fields, ytd_target

# The value types live in values.py; they are named here too because the rest of the
# application has always imported them from this module.
__all__ = [
    "RULES",
    "Aggregation",
    "Basis",
    "DirectionOfTravel",
    "IndicatorRules",
    "PeriodValue",
    "Polarity",
    "Rag",
    "StatusResult",
    "TargetSource",
    "TargetValue",
    "Trend",
    "Unit",
    "compute_status",
    "direction_of_travel",
    "judge",
]

RULES: dict[Polarity, str] = {
    Polarity.HIGHER_IS_BETTER: "higher_is_better: green if A >= T; amber if T - w <= A < T;"
    " red if A < T - w",
    Polarity.LOWER_IS_BETTER: "lower_is_better: green if A <= T; amber if T < A <= T + w;"
    " red if A > T + w",
    Polarity.TARGET_BAND: "target_band: green if L <= A <= H; amber if L - wL <= A < L"
    " or H < A <= H + wH; red if A < L - wL or A > H + wH",
    Polarity.NONE: "none: not_applicable, no judgement is made",
}

_ONE_SIDED = (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER)


def judge(
    ind: IndicatorRules,
    actual: Decimal,
    target: Decimal | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Rag:
    """Apply the RAG rule to values that are already rounded for display."""
    a = actual  # named as in the rule text (A, T, w)
    if ind.polarity is Polarity.NONE:
        return Rag.NOT_APPLICABLE
    if ind.polarity is Polarity.TARGET_BAND:
        if low is None or high is None:
            return Rag.NO_TARGET
        if low <= a <= high:
            return Rag.GREEN
        if low - ind.width(low) <= a < low or high < a <= high + ind.width(high):
            return Rag.AMBER
        return Rag.RED
    if target is None:
        return Rag.NO_TARGET
    w = ind.width(target)
    if ind.polarity is Polarity.HIGHER_IS_BETTER:
        if a >= target:
            return Rag.GREEN
        return Rag.AMBER if a >= target - w else Rag.RED
    if a <= target:
        return Rag.GREEN
    return Rag.AMBER if a <= target + w else Rag.RED


def compute_status(
    ind: IndicatorRules,
    period: Period,
    outturns: Mapping[Period, PeriodValue],
    targets: Mapping[Period, TargetValue],
) -> StatusResult:
    """Judge ``period`` (of the indicator's own frequency) and explain why.

    Decision: polarity none is checked first (not_applicable), then a missing
    actual (no_data), then a missing target (no_target), so "no data" is
    reported even when the target is missing too.
    """
    if period.frequency is not ind.frequency:
        raise ValueError(
            f"{ind.code} is a {ind.frequency.value} indicator but {period.code} is a "
            f"{period.frequency.value} period"
        )
    dp = ind.decimal_places
    with localcontext(DECIMAL_CONTEXT):
        ytd = headline_actual(ind, period, outturns)
        actual = round_optional(ytd.value, dp)
        goal = ytd_target(ind, period, outturns, targets)
        target, low, high, stretch = (round_optional(v, dp) for v in target_fields(goal))
        width = threshold = width_low = width_high = threshold_low = threshold_high = None
        if target is not None and ind.polarity in _ONE_SIDED:
            width = ind.width(target)
            up = ind.polarity is Polarity.HIGHER_IS_BETTER
            threshold = target - width if up else target + width
        if low is not None and high is not None and ind.polarity is Polarity.TARGET_BAND:
            width_low, width_high = ind.width(low), ind.width(high)
            threshold_low, threshold_high = low - width_low, high + width_high
        if ind.polarity is Polarity.NONE:
            rag = Rag.NOT_APPLICABLE
        elif actual is None:
            rag = Rag.NO_DATA
        elif goal is None:
            rag = Rag.NO_TARGET
        else:
            rag = judge(ind, actual, target, low, high)
        trends = explain.trends(ind, period, actual, low, high, outturns, targets)
    result = StatusResult(
        code=ind.code,
        period=period,
        rag=rag,
        basis=Basis.ANNUAL if period.frequency is Frequency.ANNUAL else Basis.YTD,
        actual=actual,
        actual_unrounded=ytd.value,
        target=target,
        target_unrounded=goal.value if goal else None,
        target_low=low,
        target_high=high,
        stretch_value=stretch,
        band_width=width,
        band_width_low=width_low,
        band_width_high=width_high,
        amber_threshold=threshold,
        amber_threshold_low=threshold_low,
        amber_threshold_high=threshold_high,
        target_source=goal.source if goal else None,
        annual_target=goal.annual if goal else None,
        rule=RULES[ind.polarity],
        periods_used=ytd.periods_used,
        missing_periods=ytd.missing_periods,
        previous_year_actual=trends.previous_year_actual,
        trend=trends.trend,
        period_value=trends.period_value,
        previous_period_value=trends.previous_period_value,
        short_trend=trends.short_trend,
        explanation="",
    )
    return replace(result, explanation=explain.explain_status(ind, result))


@dataclass(frozen=True)
class DirectionOfTravel:
    improving: int
    worsening: int
    no_change: int
    not_comparable: int
    score: Decimal | None
    not_applicable: int = 0


def direction_of_travel(trends: Iterable[Trend]) -> DirectionOfTravel:
    """Share of comparable indicators that improved, as a percentage to 1 dp.

    Decision: not_applicable trends (context indicators) are counted
    separately and, like not_comparable ones, do not affect the score.
    """
    counts = dict.fromkeys(Trend, 0)
    for trend in trends:
        counts[Trend(trend)] += 1
    comparable = counts[Trend.IMPROVING] + counts[Trend.WORSENING] + counts[Trend.NO_CHANGE]
    score = None
    if comparable:
        with localcontext(DECIMAL_CONTEXT):
            score = round_half_up(Decimal(counts[Trend.IMPROVING]) * Decimal(100) / comparable, 1)
    return DirectionOfTravel(
        improving=counts[Trend.IMPROVING],
        worsening=counts[Trend.WORSENING],
        no_change=counts[Trend.NO_CHANGE],
        not_comparable=counts[Trend.NOT_COMPARABLE],
        score=score,
        not_applicable=counts[Trend.NOT_APPLICABLE],
    )
