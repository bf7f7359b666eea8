"""The RAG rule at its boundaries, tolerances, rounding and refused inputs, to the letter."""

from __future__ import annotations

import pytest

from goldenthread.status.rules import RULES, compute_status
from goldenthread.status.values import (
    Aggregation,
    Basis,
    IndicatorRules,
    PeriodValue,
    Polarity,
    Rag,
    TargetSource,
    TargetValue,
    Trend,
    Unit,
    round_half_up,
)
from tests.unit.status_helpers import (
    AMBER,
    BAND,
    GREEN,
    HIB,
    LIB,
    NONE,
    RED,
    A,
    D,
    M,
    Q,
    annual,
    fy,
    ind,
    q,
)

# (actual, target, expected): T = 65.0, w = 3.25, amber from 61.75 (shown as 61.8).
HIGHER = [
    ("65.0", "65", GREEN),
    ("65.1", "65", GREEN),
    ("100", "65", GREEN),
    ("64.9", "65", AMBER),
    ("61.8", "65", AMBER),
    ("61.75", "65", AMBER),
    ("61.7", "65", RED),
    ("61.74", "65", RED),
    ("64.95", "65", GREEN),
    ("64.949", "65", AMBER),
    ("65.0", "64.96", GREEN),
    ("64.9", "64.94", GREEN),
    ("0", "65", RED),
    # T = 60.0, w = 3: exactly at T - w is amber, one unit below is red.
    ("57.0", "60", AMBER),
    ("56.9", "60", RED),
    ("57.1", "60", AMBER),
    ("59.9", "60", AMBER),
    # T = 33.3, w = 1.665 (not rounded), so T - w = 31.635: 31.6 is red.
    ("31.7", "33.3", AMBER),
    ("31.6", "33.3", RED),
    # Negative target: w uses |T| = 10, so amber down to -10.5.
    ("-10.0", "-10", GREEN),
    ("-9.9", "-10", GREEN),
    ("-10.1", "-10", AMBER),
    ("-10.5", "-10", AMBER),
    ("-10.6", "-10", RED),
    ("-10.55", "-10", RED),
    # Zero target: zero width, so no amber zone.
    ("0.0", "0", GREEN),
    ("-0.1", "0", RED),
    ("-0.04", "0", GREEN),
]
# T = 14.0, w = 0.7, amber up to 14.7.
LOWER = [
    ("14.0", "14", GREEN),
    ("13.9", "14", GREEN),
    ("0", "14", GREEN),
    ("14.1", "14", AMBER),
    ("14.7", "14", AMBER),
    ("14.8", "14", RED),
    ("14.05", "14", AMBER),
    ("14.04", "14", GREEN),
    ("14.74", "14", AMBER),
    ("14.75", "14", RED),
    ("14.0", "13.95", GREEN),
    ("-10.0", "-10", GREEN),
    ("-9.5", "-10", AMBER),
    ("-9.4", "-10", RED),
    ("0.1", "0", RED),
    ("0.0", "0", GREEN),
]


@pytest.mark.parametrize(("actual", "target", "expected"), HIGHER)
def test_higher_is_better_boundaries(actual: str, target: str, expected: Rag) -> None:
    assert annual(ind(HIB), actual, target).rag is expected


@pytest.mark.parametrize(("actual", "target", "expected"), LOWER)
def test_lower_is_better_boundaries(actual: str, target: str, expected: Rag) -> None:
    assert annual(ind(LIB), actual, target).rag is expected


# Band [10.0, 14.0]: wL = 0.5 (amber from 9.5), wH = 0.7 (amber up to 14.7).
@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("10.0", GREEN),
        ("14.0", GREEN),
        ("12.0", GREEN),
        ("9.95", GREEN),
        ("14.04", GREEN),
        ("9.9", AMBER),
        ("9.5", AMBER),
        ("9.4", RED),
        ("9.45", AMBER),
        ("9.44", RED),
        ("14.1", AMBER),
        ("14.7", AMBER),
        ("14.8", RED),
        ("14.75", RED),
        ("-3", RED),
    ],
)
def test_target_band_boundaries(actual: str, expected: Rag) -> None:
    result = annual(ind(BAND, unit=Unit.DAYS), actual, low="10", high="14")
    assert result.rag is expected
    assert (result.target_low, result.target_high) == (D("10.0"), D("14.0"))
    assert (result.band_width_low, result.band_width_high) == (D("0.5"), D("0.7"))
    assert (result.amber_threshold_low, result.amber_threshold_high) == (D("9.5"), D("14.7"))
    assert result.band_width is None
    assert result.amber_threshold is None


@pytest.mark.parametrize(
    ("polarity", "actual", "target", "expected"),
    [
        (HIB, "2.5", "3", GREEN),
        (HIB, "2.4", "3", RED),
        (LIB, "2.5", "2", RED),
        (LIB, "2.49", "2", GREEN),
        (HIB, "-2.5", "-3", GREEN),
        (HIB, "1", "2.5", RED),
    ],
)
def test_rounding_half_up_with_no_decimal_places(
    polarity: Polarity, actual: str, target: str, expected: Rag
) -> None:
    result = annual(ind(polarity, dp=0, unit=Unit.COUNT), actual, target)
    assert result.rag is expected
    assert result.actual == round_half_up(D(actual), 0)


def test_round_half_up() -> None:
    assert round_half_up(D("64.95"), 1) == D("65.0")
    assert round_half_up(D("2.5"), 0) == D("3")
    assert round_half_up(D("-2.5"), 0) == D("-3")
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert str(round_half_up(D("7"), 2)) == "7.00"


@pytest.mark.parametrize(
    ("polarity", "absolute", "actual", "expected"),
    [
        (HIB, "1", "64.0", AMBER),
        (HIB, "1", "63.9", RED),
        (HIB, "0", "64.9", RED),
        (LIB, "1", "66.0", AMBER),
        (LIB, "1", "66.1", RED),
        (LIB, "0", "65.1", RED),
        (HIB, "10", "55.0", AMBER),
    ],
)
def test_tolerance_absolute_overrides_percent(
    polarity: Polarity, absolute: str, actual: str, expected: Rag
) -> None:
    result = annual(ind(polarity, absolute=absolute, pct="50"), actual, "65")
    assert result.rag is expected
    assert result.band_width == D(absolute)


def test_tolerance_percent_other_than_default_and_none_means_five() -> None:
    assert annual(ind(HIB, pct="10"), "45.0", "50").rag is AMBER
    assert annual(ind(HIB, pct="10"), "44.9", "50").rag is RED
    assert annual(ind(HIB, pct=None), "47.5", "50").rag is AMBER
    assert annual(ind(HIB, pct=None), "47.4", "50").rag is RED
    assert annual(ind(HIB, pct="0"), "49.9", "50").rag is RED


def test_band_uses_absolute_tolerance_on_both_sides_and_rounded_ends() -> None:
    rules = ind(BAND, absolute="1")
    assert annual(rules, "9.0", low="10", high="14").rag is AMBER
    assert annual(rules, "8.9", low="10", high="14").rag is RED
    assert annual(rules, "15.0", low="10", high="14").rag is AMBER
    assert annual(rules, "15.1", low="10", high="14").rag is RED
    # Ends are rounded before judging: [9.96, 14.04] is shown and judged as [10.0, 14.0].
    assert annual(ind(BAND), "14.1", low="9.96", high="14.04").rag is AMBER


def test_result_records_the_rule_figures() -> None:
    result = annual(ind(HIB), "61.2", "64.96")
    assert result.rag is RED
    assert result.basis is Basis.ANNUAL
    assert (result.actual, result.actual_unrounded) == (D("61.2"), D("61.2"))
    assert (result.target, result.target_unrounded) == (D("65.0"), D("64.96"))
    assert result.band_width == D("3.25")  # from the rounded target, not 64.96
    assert result.amber_threshold == D("61.75")
    assert result.target_source is TargetSource.ANNUAL
    assert result.rule == RULES[HIB]
    assert result.rule == (
        "higher_is_better: green if A >= T; amber if T - w <= A < T; red if A < T - w"
    )
    assert result.periods_used == [fy()]
    assert result.missing_periods == []
    assert annual(ind(LIB), "1", "14").amber_threshold == D("14.70")


def test_no_data_no_target_and_not_applicable() -> None:
    assert annual(ind(HIB), None, "65").rag is Rag.NO_DATA
    assert annual(ind(HIB), None, None).rag is Rag.NO_DATA  # no data is checked first
    assert annual(ind(HIB), "61.2", None).rag is Rag.NO_TARGET
    assert annual(ind(HIB), "61.2", low="1", high="2").rag is Rag.NO_TARGET  # needs a value
    assert annual(ind(BAND), "61.2", "65").rag is Rag.NO_TARGET  # a band needs both ends
    assert annual(ind(BAND), "61.2", low="60").rag is Rag.NO_TARGET
    context = annual(ind(NONE, unit=Unit.COUNT, dp=0), "1234", "1000")
    assert context.rag is Rag.NOT_APPLICABLE
    assert (context.actual, context.target) == (D("1234"), D("1000"))
    assert context.trend is Trend.NOT_APPLICABLE
    assert context.short_trend is Trend.NOT_APPLICABLE
    assert annual(ind(NONE), None, None).rag is Rag.NOT_APPLICABLE
    no_data = annual(ind(HIB), None, "65")
    assert (no_data.actual, no_data.target, no_data.missing_periods) == (None, D("65.0"), [fy()])


def test_period_must_be_of_the_indicators_frequency() -> None:
    with pytest.raises(ValueError, match="quarterly"):
        compute_status(ind(HIB, frequency=M), q(1), {}, {})


def test_inputs_refuse_floats_and_accept_ints_and_strings_for_enums() -> None:
    with pytest.raises(TypeError):
        PeriodValue(61.2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        TargetValue(low=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        PeriodValue(D("NaN"))
    assert PeriodValue(61).value == D(61)  # type: ignore[arg-type]
    rules = IndicatorRules("X", "lower_is_better", "quarterly", "sum")  # type: ignore[arg-type]
    assert (rules.polarity, rules.frequency, rules.aggregation) == (LIB, Q, Aggregation.SUM)
    assert (rules.multiplier, rules.tolerance_percent) == (D(1), D(5))
    assert rules.tolerance_absolute is None
    with pytest.raises(ValueError, match="decimal_places"):
        ind(dp=-1)
    with pytest.raises(ValueError, match="tolerance_percent"):
        ind(pct="-1")
    with pytest.raises(ValueError, match="multiplier"):
        ind(multiplier="0")
    with pytest.raises(ValueError, match="sideways"):
        IndicatorRules("X", "sideways", A, Aggregation.SUM)  # type: ignore[arg-type]
