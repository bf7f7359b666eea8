"""What a status is compared with, and how it is put into words.

* trends: this year to date against last year, this period against the last;
* the one-sentence explanation for councillors, with figures shown exactly as
  judged (rounded half-up to the indicator's decimal places) in its unit.

The year-to-date target the RAG rule uses comes from ``year_to_date.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from goldenthread.periods.rules import Period, PeriodError
from goldenthread.status.values import (
    Aggregation,
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
from goldenthread.status.year_to_date import headline_actual, period_value, ytd_target

__all__ = [
    "RAG_LABELS",
    "Trends",
    "compare",
    "explain_status",
    "format_value",
    "period_band",
    "trends",
]

_Formatter = Callable[[Decimal], str]

RAG_LABELS: dict[Rag, str] = {
    Rag.GREEN: "Green",
    Rag.AMBER: "Amber",
    Rag.RED: "Red",
    Rag.NO_TARGET: "No target",
    Rag.NO_DATA: "No data",
    Rag.NOT_APPLICABLE: "Not applicable",
}

_TREND_PHRASES: dict[Trend, str] = {
    Trend.IMPROVING: "improving on last year",
    Trend.WORSENING: "worse than last year",
    Trend.NO_CHANGE: "the same as last year",
}


def compare(
    polarity: Polarity,
    current: Decimal | None,
    previous: Decimal | None,
    band: tuple[Decimal, Decimal] | None = None,
) -> Trend:
    """Direction of travel from ``previous`` to ``current`` (both already rounded)."""
    if polarity is Polarity.NONE:
        return Trend.NOT_APPLICABLE
    if current is None or previous is None:
        return Trend.NOT_COMPARABLE
    if polarity is Polarity.TARGET_BAND:
        if band is None:
            return Trend.NOT_COMPARABLE
        low, high = band
        # Negated distance outside the band, so that "greater is better" below.
        current = -max(low - current, Decimal(0), current - high)
        previous = -max(low - previous, Decimal(0), previous - high)
    elif polarity is Polarity.LOWER_IS_BETTER:
        current, previous = -current, -previous
    if current > previous:
        return Trend.IMPROVING
    return Trend.WORSENING if current < previous else Trend.NO_CHANGE


def period_band(
    ind: IndicatorRules, period: Period, targets: Mapping[Period, TargetValue]
) -> tuple[Decimal, Decimal] | None:
    """The (unrounded) band a single period's own value is judged against.

    Decision: the period's own target band if set, else the annual band
    (divided by the periods per year for sum indicators, as one period
    contributes only its share of an annual total).
    """
    own = targets.get(period)
    if own is not None and own.low is not None and own.high is not None:
        return own.low, own.high
    annual = targets.get(period.financial_year)
    if annual is None or annual.low is None or annual.high is None:
        return None
    if ind.aggregation is Aggregation.SUM:
        count = Decimal(period.periods_per_year)
        return annual.low / count, annual.high / count
    return annual.low, annual.high


@dataclass(frozen=True)
class Trends:
    previous_year_actual: Decimal | None
    trend: Trend
    period_value: Decimal | None
    previous_period_value: Decimal | None
    short_trend: Trend


def _shifted(period: Period, *, years: bool) -> Period | None:
    try:
        return period.same_period_last_year() if years else period.previous()
    except PeriodError:
        return None  # before the earliest supported year: nothing to compare with


def _band(low: Decimal | None, high: Decimal | None, places: int) -> tuple[Decimal, Decimal] | None:
    if low is None or high is None:
        return None
    return round_half_up(low, places), round_half_up(high, places)


def trends(
    ind: IndicatorRules,
    period: Period,
    actual: Decimal | None,
    low: Decimal | None,
    high: Decimal | None,
    outturns: Mapping[Period, PeriodValue],
    targets: Mapping[Period, TargetValue],
) -> Trends:
    """Year-on-year (YTD) and period-on-period comparisons of rounded values.

    ``actual``, ``low`` and ``high`` are this period's rounded YTD actual and
    band. Decision: for a band, the short-term trend uses this period's
    :func:`period_band`, else the previous period's.
    """
    dp, is_band = ind.decimal_places, ind.polarity is Polarity.TARGET_BAND
    last_year = _shifted(period, years=True)
    before = headline_actual(ind, last_year, outturns).value if last_year else None
    last_year_actual = round_optional(before, dp)
    band = _band(low, high, dp)
    if is_band and band is None and last_year is not None:
        old = ytd_target(ind, last_year, outturns, targets)
        band = _band(old.low, old.high, dp) if old else None

    previous = _shifted(period, years=False)
    now = round_optional(period_value(ind, outturns.get(period)), dp)
    then = round_optional(period_value(ind, outturns.get(previous)), dp) if previous else None
    short_band = None
    if is_band:
        found = period_band(ind, period, targets)
        if found is None and previous is not None:
            found = period_band(ind, previous, targets)
        short_band = _band(*found, dp) if found else None
    return Trends(
        previous_year_actual=last_year_actual,
        trend=compare(ind.polarity, actual, last_year_actual, band),
        period_value=now,
        previous_period_value=then,
        short_trend=compare(ind.polarity, now, then, short_band),
    )


def format_value(value: Decimal, unit: Unit, places: int) -> str:
    """Show a value as a person would write it: ``61.2%``, ``£1,234.50``, ``1,234``."""
    shown = round_half_up(value, places)
    if shown == 0:
        shown = abs(shown)  # never show "-0.0"
    grouped = f"{abs(shown):,.{places}f}"
    sign = "-" if shown < 0 else ""
    if unit is Unit.PERCENT:
        return f"{sign}{grouped}%"
    if unit is Unit.CURRENCY:
        return f"{sign}£{grouped}"
    if unit is Unit.COUNT:
        return f"{sign}{grouped}"
    if unit is Unit.DAYS:
        return f"{sign}{grouped} {'day' if grouped == '1' else 'days'}"
    if unit is Unit.YES_NO and shown in (0, 1):
        return "Yes" if shown == 1 else "No"
    # Ratios and scores are plain numbers; separators would suggest counts.
    return f"{shown:.{places}f}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def explain_status(ind: IndicatorRules, result: StatusResult) -> str:
    """The explanation sentence stored on :class:`StatusResult`."""

    def fmt(value: Decimal) -> str:
        return format_value(value, ind.unit, ind.decimal_places)

    period = result.period
    actual = result.actual
    if result.rag is Rag.NOT_APPLICABLE:
        shown = f"actual {fmt(actual)}" if actual is not None else _no_outturn(result)
        return f"Not applicable: context indicator with no judgement; {shown}"
    if result.rag is Rag.NO_DATA or actual is None:
        if result.period_value is not None:
            # The period has an outturn but the ratio's denominators sum to zero.
            return (
                f"No data: the year-to-date figure at {period.code} cannot be "
                "calculated because the denominators add up to zero"
            )
        return f"No data: {_no_outturn(result)}"
    if result.rag is Rag.NO_TARGET:
        return f"No target: no target set for {period.financial_year.code}; actual {fmt(actual)}"

    label = RAG_LABELS[result.rag]
    low, high, target = result.target_low, result.target_high, result.target
    if ind.polarity is Polarity.TARGET_BAND and low is not None and high is not None:
        band = _band_phrase(result, actual, low, high, fmt, ind.decimal_places)
        parts = [f"{label}: {fmt(actual)}, {band}"]
    elif target is not None:
        against = _target_phrase(result, target, fmt, ind.decimal_places)
        parts = [f"{label}: {fmt(actual)} against {against}"]
        better = "higher" if ind.polarity is Polarity.HIGHER_IS_BETTER else "lower"
        parts.append(f"{better} is better")
    else:  # unreachable for results built by compute_status
        parts = [f"{label}: {fmt(actual)}"]
    parts.append(_basis_phrase(result))
    if result.trend in _TREND_PHRASES:
        parts.append(_TREND_PHRASES[result.trend])
    return "; ".join(parts)


def _no_outturn(result: StatusResult) -> str:
    return f"no outturn for {result.period.code} yet"


def _basis_phrase(result: StatusResult) -> str:
    period = result.period
    if not period.suffix:
        return f"year {period.code}"
    phrase = f"year to date at {period.suffix}"
    if result.missing_periods:
        phrase += f" ({_join([p.suffix for p in result.missing_periods])} missing)"
    return phrase


def _source_note(result: StatusResult, fmt: _Formatter, *, band: bool) -> str | None:
    """Where a year-to-date target came from, if it is not simply the annual one."""
    annual = result.annual_target
    if result.target_source is TargetSource.ANNUAL_PRO_RATA and annual is not None:
        if band and annual.low is not None and annual.high is not None:
            return f"pro rata from the annual target band {fmt(annual.low)} to {fmt(annual.high)}"
        if annual.value is not None:
            return f"pro rata from the annual target of {fmt(annual.value)}"
    if result.target_source is TargetSource.PERIOD_PROFILE:
        return f"from the {result.period.frequency.value} targets"
    return None


def _notes(notes: list[str | None]) -> str:
    present = [n for n in notes if n]
    return f" ({', '.join(present)})" if present else ""


def _target_phrase(result: StatusResult, target: Decimal, fmt: _Formatter, places: int) -> str:
    derived = result.target_source in (TargetSource.ANNUAL_PRO_RATA, TargetSource.PERIOD_PROFILE)
    name = "a year-to-date target" if derived else "a target"
    amber = None
    if result.rag is not Rag.GREEN and result.amber_threshold is not None:
        direction = "from" if result.amber_threshold < target else "up to"
        amber = _amber(direction, result.amber_threshold, target, fmt, places)
    note = _notes([_source_note(result, fmt, band=False), amber])
    return f"{name} of {fmt(target)}{note}"


def _band_phrase(
    result: StatusResult,
    actual: Decimal,
    low: Decimal,
    high: Decimal,
    fmt: _Formatter,
    places: int,
) -> str:
    derived = result.target_source in (TargetSource.ANNUAL_PRO_RATA, TargetSource.PERIOD_PROFILE)
    name = "the year-to-date target band" if derived else "the target band"
    band = f"{name} {fmt(low)} to {fmt(high)}"
    source = _source_note(result, fmt, band=True)
    if result.rag is Rag.GREEN:
        return f"within {band}{_notes([source])}"
    amber = None
    if actual < low and result.amber_threshold_low is not None:
        amber = _amber("from", result.amber_threshold_low, low, fmt, places)
    elif actual > high and result.amber_threshold_high is not None:
        amber = _amber("up to", result.amber_threshold_high, high, fmt, places)
    return f"outside {band}{_notes([source, amber])}"


def _amber(
    direction: str, threshold: Decimal, edge: Decimal, fmt: _Formatter, places: int
) -> str | None:
    # Show the first value a person could see that is amber: the exact threshold rounded
    # towards the target (61.75 -> "amber from 61.8"; 14.75 -> "amber up to 14.7", as 14.8 is
    # red). When that is the target itself (zero or sub-unit width) no shown value can be
    # amber, so "amber from 65.0%" would only mislead.
    quantum = Decimal(1).scaleb(-places)
    rounding = ROUND_CEILING if direction == "from" else ROUND_FLOOR
    shown = fmt(threshold.quantize(quantum, rounding=rounding))
    return None if shown == fmt(edge) else f"amber {direction} {shown}"
