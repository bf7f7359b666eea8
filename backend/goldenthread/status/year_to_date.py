"""Year-to-date figures: the actual at a period and the target it is judged against.

The actual adds up (or averages, or takes the last of) the periods so far by the
indicator's aggregation; the target comes from a complete period profile, else
from the annual target, pro rata for sums. Both are unrounded here: rounding for
display and judging happens in ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.values import (
    DECIMAL_CONTEXT,
    Aggregation,
    IndicatorRules,
    PeriodValue,
    Polarity,
    TargetSource,
    TargetValue,
)


@dataclass(frozen=True)
class YtdActual:
    value: Decimal | None  # unrounded
    periods_used: list[Period]
    missing_periods: list[Period]


def period_value(ind: IndicatorRules, outturn: PeriodValue | None) -> Decimal | None:
    """The single-period figure; for ratios, numerator/denominator when no value is given.

    Decision: a zero denominator gives no value rather than an error.
    """
    if outturn is None:
        return None
    if outturn.value is not None:
        return outturn.value
    num, den = outturn.numerator, outturn.denominator
    if ind.aggregation is Aggregation.RATIO and num is not None and den:
        with localcontext(DECIMAL_CONTEXT):
            return num / den * ind.multiplier
    return None


def ytd_actual(
    ind: IndicatorRules, period: Period, outturns: Mapping[Period, PeriodValue]
) -> YtdActual:
    """The year-to-date actual at ``period`` (the period itself for annual indicators).

    Decision: for ``last`` (and annual indicators) only ``period`` is needed, so
    earlier gaps are not reported as missing. For ``ratio``, periods lacking a
    numerator or denominator are missing; if no period has both, the mean of the
    period values is used (mirroring the fallback for ratio targets). A zero
    total denominator gives no value.
    """
    if period.frequency is Frequency.ANNUAL or ind.aggregation is Aggregation.LAST:
        single = period_value(ind, outturns.get(period))
        return YtdActual(single, *_used_missing([(period, single)]))
    window = period.periods_to_date()
    with localcontext(DECIMAL_CONTEXT):
        if ind.aggregation is Aggregation.RATIO:
            fractions = [(p, _fraction(outturns.get(p))) for p in window]
            both = [f for _, f in fractions if f is not None]
            if both:
                den = sum((d for _, d in both), Decimal(0))
                num = sum((n for n, _ in both), Decimal(0))
                value = num / den * ind.multiplier if den else None
                return YtdActual(value, *_used_missing(fractions))
        values = [(p, period_value(ind, outturns.get(p))) for p in window]
        present = [v for _, v in values if v is not None]
        total: Decimal | None = sum(present, Decimal(0)) if present else None
        if total is not None and ind.aggregation is not Aggregation.SUM:
            total /= len(present)
        return YtdActual(total, *_used_missing(values))


def _fraction(outturn: PeriodValue | None) -> tuple[Decimal, Decimal] | None:
    if outturn is None or outturn.numerator is None or outturn.denominator is None:
        return None
    return outturn.numerator, outturn.denominator


def _used_missing(pairs: Sequence[tuple[Period, object]]) -> tuple[list[Period], list[Period]]:
    return [p for p, v in pairs if v is not None], [p for p, v in pairs if v is None]


def headline_actual(
    ind: IndicatorRules, period: Period, outturns: Mapping[Period, PeriodValue]
) -> YtdActual:
    """The YTD actual at ``period``, which only exists when ``period`` has an outturn."""
    ytd = ytd_actual(ind, period, outturns)
    if period_value(ind, outturns.get(period)) is None:
        return YtdActual(None, ytd.periods_used, ytd.missing_periods)
    return ytd


@dataclass(frozen=True)
class YtdTarget:
    """A target for one comparison, unrounded; ``annual`` is what it was derived from."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    source: TargetSource
    annual: TargetValue | None = None


def _usable(ind: IndicatorRules, target: TargetValue | None) -> bool:
    """Whether a target can judge this indicator (a band needs both ends)."""
    if target is None:
        return False
    has_band = target.low is not None and target.high is not None
    if ind.polarity is Polarity.TARGET_BAND:
        return has_band
    if ind.polarity is Polarity.NONE:
        return target.value is not None or has_band
    return target.value is not None


def target_fields(target: TargetValue | YtdTarget | None) -> list[Decimal | None]:
    if target is None:
        return [None, None, None, None]
    return [target.value, target.low, target.high, target.stretch_value]


def ytd_target(
    ind: IndicatorRules,
    period: Period,
    outturns: Mapping[Period, PeriodValue],
    targets: Mapping[Period, TargetValue],
) -> YtdTarget | None:
    """The (unrounded) target the actual at ``period`` is judged against, if any.

    Decision: a period profile must be complete (every period 1..P has a usable
    target) even for ``last``; otherwise the annual target is used.
    """
    window = period.periods_to_date()
    if period.frequency is not Frequency.ANNUAL:
        profile = [t for p in window if (t := targets.get(p)) is not None and _usable(ind, t)]
        if len(profile) == len(window):
            columns = zip(*(target_fields(t) for t in profile), strict=True)
            with localcontext(DECIMAL_CONTEXT):
                a, b, c, d = (_aggregate(ind, window, list(col), outturns) for col in columns)
            return YtdTarget(a, b, c, d, source=TargetSource.PERIOD_PROFILE)
    annual = targets.get(period.financial_year)
    if annual is None or not _usable(ind, annual):
        return None
    a, b, c, d = target_fields(annual)
    if period.frequency is Frequency.ANNUAL or ind.aggregation is not Aggregation.SUM:
        return YtdTarget(a, b, c, d, source=TargetSource.ANNUAL, annual=annual)
    with localcontext(DECIMAL_CONTEXT):
        # Multiply before dividing so that e.g. 1200 at M05 is exactly 500.
        a, b, c, d = (
            None if v is None else v * len(window) / period.periods_per_year for v in (a, b, c, d)
        )
    return YtdTarget(a, b, c, d, source=TargetSource.ANNUAL_PRO_RATA, annual=annual)


def _aggregate(
    ind: IndicatorRules,
    window: list[Period],
    column: list[Decimal | None],
    outturns: Mapping[Period, PeriodValue],
) -> Decimal | None:
    """Combine one target field over a complete profile by the aggregation."""
    values = [v for v in column if v is not None]
    if len(values) < len(column):
        return None  # e.g. a stretch value not given for every period
    if ind.aggregation is Aggregation.SUM:
        return sum(values, Decimal(0))
    if ind.aggregation is Aggregation.LAST:
        return values[-1]
    if ind.aggregation is Aggregation.RATIO:
        # What the YTD ratio would be if every period exactly hit its own target.
        weighted = [
            (t, o.denominator)
            for t, p in zip(values, window, strict=True)
            if (o := outturns.get(p)) is not None and o.denominator is not None
        ]
        den = sum((d for _, d in weighted), Decimal(0))
        if den:
            return sum((t * d for t, d in weighted), Decimal(0)) / den
    return sum(values, Decimal(0)) / len(values)
