"""The figures and parameters the status rules take and give, checked at the edges.

All arithmetic is :class:`decimal.Decimal`; floats are refused here so binary
rounding can never move a value across a boundary. Choices the service rules
leave open are marked "Decision:".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
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

# A fixed context so results never depend on a caller's thread-local context.
DECIMAL_CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
_HUNDRED = Decimal(100)


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
