"""Property-based checks of the RAG rule, year-to-date arithmetic and trends."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.explain import RAG_LABELS
from goldenthread.status.rules import compute_status, direction_of_travel
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
)
from tests.unit.status_helpers import BAND, HIB, LIB, fy, m

RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
YEAR, LAST_YEAR = fy(2008), fy(2007)

Tolerance = tuple[Decimal | None, Decimal | None]

numbers = st.decimals(
    min_value=-10_000, max_value=10_000, places=4, allow_nan=False, allow_infinity=False
)
places = st.integers(min_value=0, max_value=3)


@st.composite
def tolerances(draw: st.DrawFn) -> Tolerance:
    """(tolerance_percent, tolerance_absolute): percent only, or an absolute override."""
    percent = draw(st.none() | st.decimals(min_value=0, max_value=50, places=2))
    absolute = draw(st.none() | st.decimals(min_value=0, max_value=100, places=3))
    return percent, absolute


def rules(
    polarity: Polarity,
    dp: int,
    tolerance: Tolerance,
    frequency: Frequency = Frequency.ANNUAL,
    aggregation: Aggregation = Aggregation.MEAN,
    multiplier: Decimal = Decimal(1),
) -> IndicatorRules:
    return IndicatorRules(
        code="P",
        polarity=polarity,
        frequency=frequency,
        aggregation=aggregation,
        multiplier=multiplier,
        decimal_places=dp,
        unit=Unit.SCORE,
        tolerance_percent=tolerance[0],
        tolerance_absolute=tolerance[1],
    )


def status(
    ind: IndicatorRules,
    actual: Decimal,
    target: Decimal | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> StatusResult:
    return compute_status(
        ind, YEAR, {YEAR: PeriodValue(actual)}, {YEAR: TargetValue(target, low, high)}
    )


def rag(
    ind: IndicatorRules,
    actual: Decimal,
    target: Decimal | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Rag:
    return status(ind, actual, target, low, high).rag


@given(numbers, numbers, numbers, places, tolerances())
def test_raising_the_actual_never_worsens_higher_is_better(
    a: Decimal, b: Decimal, target: Decimal, dp: int, tolerance: Tolerance
) -> None:
    ind = rules(HIB, dp, tolerance)
    low, high = sorted((a, b))
    assert RANK[rag(ind, high, target)] >= RANK[rag(ind, low, target)]


@given(numbers, numbers, numbers, places, tolerances())
def test_lowering_the_actual_never_worsens_lower_is_better(
    a: Decimal, b: Decimal, target: Decimal, dp: int, tolerance: Tolerance
) -> None:
    ind = rules(LIB, dp, tolerance)
    low, high = sorted((a, b))
    assert RANK[rag(ind, low, target)] >= RANK[rag(ind, high, target)]


@given(st.data(), numbers, numbers, numbers, places, tolerances())
def test_moving_toward_the_band_never_worsens_target_band(
    data: st.DataObject,
    a: Decimal,
    b: Decimal,
    actual: Decimal,
    dp: int,
    tolerance: Tolerance,
) -> None:
    ind = rules(BAND, dp, tolerance)
    low, high = sorted((a, b))
    nearest = min(max(actual, low), high)
    closer = data.draw(
        st.decimals(min_value=min(actual, nearest), max_value=max(actual, nearest), places=4)
    )
    assert RANK[rag(ind, closer, low=low, high=high)] >= RANK[rag(ind, actual, low=low, high=high)]


@given(numbers, numbers, places, tolerances())
def test_higher_is_better_mirrors_lower_is_better(
    actual: Decimal, target: Decimal, dp: int, tolerance: Tolerance
) -> None:
    # Half-up rounding is symmetric about zero and w uses |T|, so negating both
    # values swaps the two polarities exactly.
    assert rag(rules(HIB, dp, tolerance), actual, target) is rag(
        rules(LIB, dp, tolerance), -actual, -target
    )


@given(numbers, numbers, numbers, places, tolerances())
def test_target_band_mirrors_about_zero(
    actual: Decimal,
    a: Decimal,
    b: Decimal,
    dp: int,
    tolerance: Tolerance,
) -> None:
    low, high = sorted((a, b))
    ind = rules(BAND, dp, tolerance)
    assert rag(ind, actual, low=low, high=high) is rag(ind, -actual, low=-high, high=-low)


@given(numbers, numbers, places, tolerances(), st.sampled_from([HIB, LIB]))
def test_only_the_rounded_values_are_judged(
    actual: Decimal,
    target: Decimal,
    dp: int,
    tolerance: Tolerance,
    polarity: Polarity,
) -> None:
    ind = rules(polarity, dp, tolerance)
    shown = status(ind, actual, target)
    assert shown.actual == round_half_up(actual, dp)
    assert shown.target == round_half_up(target, dp)
    assert shown.rag is rag(ind, round_half_up(actual, dp), round_half_up(target, dp))


@given(
    numbers,
    numbers,
    places,
    st.decimals(min_value=0, max_value=100, places=3),
    st.integers(min_value=-10_000, max_value=10_000),
    st.sampled_from([HIB, LIB]),
)
def test_shifting_actual_and_target_by_whole_units_keeps_the_status(
    actual: Decimal, target: Decimal, dp: int, absolute: Decimal, steps: int, polarity: Polarity
) -> None:
    # With an absolute tolerance w does not depend on T, and a shift by a whole
    # number of displayed units commutes with rounding.
    ind = rules(polarity, dp, (None, absolute))
    shift = Decimal(steps).scaleb(-dp)
    assert rag(ind, actual + shift, target + shift) is rag(ind, actual, target)


@given(numbers, numbers, places, st.sampled_from([HIB, LIB]))
def test_without_tolerance_there_is_no_amber(
    actual: Decimal, target: Decimal, dp: int, polarity: Polarity
) -> None:
    result = rag(rules(polarity, dp, (None, Decimal(0))), actual, target)
    assert result in (Rag.GREEN, Rag.RED)
    meets = round_half_up(actual, dp) >= round_half_up(target, dp)
    if polarity is LIB:
        meets = round_half_up(actual, dp) <= round_half_up(target, dp)
    assert (result is Rag.GREEN) is meets


@given(numbers, numbers, places, tolerances(), st.sampled_from([HIB, LIB, BAND]))
def test_explanation_is_one_sentence_led_by_the_status(
    actual: Decimal,
    target: Decimal,
    dp: int,
    tolerance: Tolerance,
    polarity: Polarity,
) -> None:
    low, high = sorted((target, target + 10))
    result = status(rules(polarity, dp, tolerance), actual, target, low, high)
    assert result.explanation.startswith(f"{RAG_LABELS[result.rag]}: ")
    assert "\n" not in result.explanation


def months(count: int) -> list[Period]:
    return m(count).periods_to_date()


@given(st.lists(st.tuples(numbers, numbers), min_size=1, max_size=12), places)
def test_ytd_sum_with_a_full_profile_is_the_sum_of_the_values(
    pairs: list[tuple[Decimal, Decimal]], dp: int
) -> None:
    ind = rules(HIB, dp, (None, None), Frequency.MONTHLY, Aggregation.SUM)
    window = months(len(pairs))
    outturns = {p: PeriodValue(v) for p, (v, _) in zip(window, pairs, strict=True)}
    targets = {p: TargetValue(t) for p, (_, t) in zip(window, pairs, strict=True)}
    targets[YEAR] = TargetValue(Decimal(1))  # ignored: the profile is complete
    result = compute_status(ind, window[-1], outturns, targets)
    assert result.actual_unrounded == sum((v for v, _ in pairs), Decimal(0))
    assert result.target_unrounded == sum((t for _, t in pairs), Decimal(0))
    assert result.target_source is TargetSource.PERIOD_PROFILE
    assert result.periods_used == window
    assert result.missing_periods == []


@given(st.lists(numbers, min_size=1, max_size=12), places)
def test_ytd_mean_is_the_mean_of_the_values(values: list[Decimal], dp: int) -> None:
    ind = rules(HIB, dp, (None, None), Frequency.MONTHLY, Aggregation.MEAN)
    window = months(len(values))
    outturns = {p: PeriodValue(v) for p, v in zip(window, values, strict=True)}
    result = compute_status(ind, window[-1], outturns, {})
    assert result.actual == round_half_up(sum(values, Decimal(0)) / len(values), dp)


@given(numbers, st.integers(min_value=1, max_value=12), places)
def test_sum_pro_rata_grows_to_the_annual_target(annual: Decimal, position: int, dp: int) -> None:
    ind = rules(HIB, dp, (None, None), Frequency.MONTHLY, Aggregation.SUM)
    window = months(12)
    outturns = {p: PeriodValue(Decimal(1)) for p in window}
    targets = {YEAR: TargetValue(annual)}
    at = compute_status(ind, window[position - 1], outturns, targets)
    assert at.target_source is TargetSource.ANNUAL_PRO_RATA
    assert at.target == round_half_up(annual * position / 12, dp)
    assert compute_status(ind, window[-1], outturns, targets).target_unrounded == annual


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=100, places=2),
            st.integers(min_value=1, max_value=100_000),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([Decimal(1), Decimal(100)]),
    places,
)
def test_ratio_hitting_every_period_target_hits_the_ytd_target(
    periods: list[tuple[Decimal, int]], multiplier: Decimal, dp: int
) -> None:
    ind = rules(HIB, dp, (None, None), Frequency.MONTHLY, Aggregation.RATIO, multiplier)
    window = months(len(periods))
    outturns = {
        p: PeriodValue(numerator=t * d / multiplier, denominator=Decimal(d))
        for p, (t, d) in zip(window, periods, strict=True)
    }
    targets = {p: TargetValue(t) for p, (t, _) in zip(window, periods, strict=True)}
    result = compute_status(ind, window[-1], outturns, targets)
    assert result.actual == result.target
    assert result.rag is Rag.GREEN


@given(numbers, numbers, places, st.sampled_from([HIB, LIB, BAND]))
def test_trend_is_antisymmetric(a: Decimal, b: Decimal, dp: int, polarity: Polarity) -> None:
    ind = rules(polarity, dp, (None, None))
    targets = {YEAR: TargetValue(Decimal(0), Decimal(-100), Decimal(100))}

    def trend(now: Decimal, before: Decimal) -> Trend:
        outturns = {YEAR: PeriodValue(now), LAST_YEAR: PeriodValue(before)}
        return compute_status(ind, YEAR, outturns, targets).trend

    flipped = {
        Trend.IMPROVING: Trend.WORSENING,
        Trend.WORSENING: Trend.IMPROVING,
        Trend.NO_CHANGE: Trend.NO_CHANGE,
    }
    assert trend(b, a) is flipped[trend(a, b)]
    assert trend(a, a) is Trend.NO_CHANGE


@given(st.lists(st.sampled_from(list(Trend))))
def test_direction_of_travel_score(trends: list[Trend]) -> None:
    dot = direction_of_travel(trends)
    counted = dot.improving + dot.worsening + dot.no_change
    assert counted + dot.not_comparable + dot.not_applicable == len(trends)
    if counted == 0:
        assert dot.score is None
    else:
        assert dot.score is not None
        assert Decimal(0) <= dot.score <= Decimal(100)
        assert dot.score == round_half_up(Decimal(100) * dot.improving / counted, 1)
