"""Traffic-light (RAG) status of a performance indicator for one period.

Values are judged *rounded half-up to the indicator's decimal places*, because
what councillors see is what must be judged: an outturn shown as 65.0% can
never be amber against a target shown as 65.0%. All arithmetic is
:class:`decimal.Decimal`; floats are refused at the edges so binary rounding
can never move a value across a boundary. Choices the service rules leave
open are marked "Decision:". ``explain.py`` derives the year-to-date target
and the trends, and words the explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum

from goldenthread.periods.rules import Frequency, Period


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    TARGET_BAND = "target_band"
    NONE = "none"


class Aggregation(StrEnum):
    SUM = "sum"
    RATIO = "ratio"
    LAST = "last"
    MEAN = "mean"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    CURRENCY = "currency"
    RATIO = "ratio"
    DAYS = "days"
    SCORE = "score"
    YES_NO = "yes_no"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"


class Trend(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no_change"
    NOT_COMPARABLE = "not_comparable"
    NOT_APPLICABLE = "not_applicable"


class Basis(StrEnum):
    ANNUAL = "annual"
    YTD = "ytd"


class TargetSource(StrEnum):
    ANNUAL = "annual"
    ANNUAL_PRO_RATA = "annual_pro_rata"
    PERIOD_PROFILE = "period_profile"


DEFAULT_TOLERANCE_PERCENT = Decimal(5)

RULES: dict[Polarity, str] = {
    Polarity.HIGHER_IS_BETTER: "higher_is_better: green if A >= T; amber if T - w <= A < T;"
    " red if A < T - w",
    Polarity.LOWER_IS_BETTER: "lower_is_better: green if A <= T; amber if T < A <= T + w;"
    " red if A > T + w",
    Polarity.TARGET_BAND: "target_band: green if L <= A <= H; amber if L - wL <= A < L"
    " or H < A <= H + wH; red if A < L - wL or A > H + wH",
    Polarity.NONE: "none: not_applicable, no judgement is made",
}

# A fixed context so results never depend on a caller's thread-local context.
DECIMAL_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
_HUNDRED = Decimal(100)
_ONE_SIDED = (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER)


def _decimal(name: str, value: object, *, optional: bool = True) -> Decimal | None:
    if value is None and optional:
        return None
    if value.__class__ is Decimal:  # the common case, read from the database: no copy needed
        assert isinstance(value, Decimal)
        if value.is_finite():
            return value
    # Floats (and bools, which are ints) are refused: a float has already lost
    # the exact decimal the user typed.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal, got {value!r}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round as people do on paper: 64.95 -> 65.0, 2.5 -> 3, -2.5 -> -3."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_optional(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(value, places)


@dataclass(frozen=True)
class IndicatorRules:
    """The fixed parameters that decide how an indicator is judged.

    Decision: ``decimal_places`` and ``unit`` need defaults (0, count) so the
    fields can stay in the documented order after ``multiplier``. A
    ``tolerance_percent`` of None means the default 5%.
    """

    code: str
    polarity: Polarity
    frequency: Frequency
    aggregation: Aggregation
    multiplier: Decimal = Decimal(1)
    decimal_places: int = 0
    unit: Unit = Unit.COUNT
    tolerance_percent: Decimal | None = DEFAULT_TOLERANCE_PERCENT
    tolerance_absolute: Decimal | None = None

    def __post_init__(self) -> None:
        _set(self, "polarity", Polarity(self.polarity))
        _set(self, "frequency", Frequency(self.frequency))
        _set(self, "aggregation", Aggregation(self.aggregation))
        _set(self, "unit", Unit(self.unit))
        _set(self, "multiplier", _decimal("multiplier", self.multiplier, optional=False))
        if self.multiplier <= 0:
            raise ValueError(f"multiplier must be positive, got {self.multiplier}")
        places = self.decimal_places
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise ValueError(f"decimal_places must be a whole number >= 0, got {places!r}")
        for name in ("tolerance_percent", "tolerance_absolute"):
            value = _decimal(name, getattr(self, name))
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative, got {value}")
            _set(self, name, value)

    def width(self, target: Decimal) -> Decimal:
        """Amber band width for a (rounded) target; deliberately not rounded."""
        if self.tolerance_absolute is not None:
            return self.tolerance_absolute
        percent = self.tolerance_percent
        return abs(target) * (DEFAULT_TOLERANCE_PERCENT if percent is None else percent) / _HUNDRED


@dataclass(frozen=True)
class PeriodValue:
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    def __post_init__(self) -> None:
        for name in ("value", "numerator", "denominator"):
            _set(self, name, _decimal(name, getattr(self, name)))

    @classmethod
    def stored(
        cls, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
    ) -> PeriodValue:
        """From storage, whose figures are exact finite decimals already: no re-checking,
        as reports build tens of thousands of these per request."""
        made = object.__new__(cls)
        made.__dict__.update(value=value, numerator=numerator, denominator=denominator)
        return made


@dataclass(frozen=True)
class TargetValue:
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    stretch_value: Decimal | None = None

    def __post_init__(self) -> None:
        # Decision: low > high is not rejected here (stored targets are read in
        # bulk and one bad row must not break a whole report); such a band is
        # simply never green.
        for name in ("value", "low", "high", "stretch_value"):
            _set(self, name, _decimal(name, getattr(self, name)))


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


@dataclass(frozen=True)
class StatusResult:
    """Everything needed to show and explain one indicator's status.

    Displayed figures (``actual``, ``target``, ``target_low``/``high``,
    ``stretch_value``, ``previous_year_actual``, ``period_value``,
    ``previous_period_value``) are rounded half-up; widths and thresholds
    are exact, as the rule uses them. For a band, ``band_width`` and
    ``amber_threshold`` are None and the ``_low``/``_high`` pairs are set.
    """

    code: str
    period: Period
    rag: Rag
    basis: Basis
    actual: Decimal | None
    actual_unrounded: Decimal | None
    target: Decimal | None
    target_unrounded: Decimal | None
    target_low: Decimal | None
    target_high: Decimal | None
    stretch_value: Decimal | None
    band_width: Decimal | None
    band_width_low: Decimal | None
    band_width_high: Decimal | None
    amber_threshold: Decimal | None
    amber_threshold_low: Decimal | None
    amber_threshold_high: Decimal | None
    target_source: TargetSource | None
    annual_target: TargetValue | None
    rule: str
    periods_used: list[Period]
    missing_periods: list[Period]
    previous_year_actual: Decimal | None
    trend: Trend
    period_value: Decimal | None
    previous_period_value: Decimal | None
    short_trend: Trend
    explanation: str


def headline_actual(
    ind: IndicatorRules, period: Period, outturns: Mapping[Period, PeriodValue]
) -> YtdActual:
    """The YTD actual at ``period``, which only exists when ``period`` has an outturn."""
    ytd = ytd_actual(ind, period, outturns)
    if period_value(ind, outturns.get(period)) is None:
        return YtdActual(None, ytd.periods_used, ytd.missing_periods)
    return ytd


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
    # Imported here because explain.py builds on the types defined in this module.
    from goldenthread.status import explain

    if period.frequency is not ind.frequency:
        raise ValueError(
            f"{ind.code} is a {ind.frequency.value} indicator but {period.code} is a "
            f"{period.frequency.value} period"
        )
    dp = ind.decimal_places
    with localcontext(DECIMAL_CONTEXT):
        ytd = headline_actual(ind, period, outturns)
        actual = round_optional(ytd.value, dp)
        goal = explain.ytd_target(ind, period, outturns, targets)
        target, low, high, stretch = (round_optional(v, dp) for v in explain.target_fields(goal))
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
            score = round_half_up(Decimal(counts[Trend.IMPROVING]) * _HUNDRED / comparable, 1)
    return DirectionOfTravel(
        improving=counts[Trend.IMPROVING],
        worsening=counts[Trend.WORSENING],
        no_change=counts[Trend.NO_CHANGE],
        not_comparable=counts[Trend.NOT_COMPARABLE],
        score=score,
        not_applicable=counts[Trend.NOT_APPLICABLE],
    )
