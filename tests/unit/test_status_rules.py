"""RAG status rules, year-to-date figures, trends and explanations, to the letter."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.explain import format_value
from goldenthread.status.rules import (
    RULES,
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
    compute_status,
    direction_of_travel,
    round_half_up,
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


def test_ytd_sum_with_a_period_profile() -> None:
    rules = ind(LIB, frequency=M, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    outturns = values([m(1), m(2), m(3)], ["100", "90", "120"])
    targets = goals([m(1), m(2), m(3), m(4)], ["100", "100", "105", "100"])
    result = compute_status(rules, m(3), outturns, targets)
    assert (result.actual, result.target) == (D("310"), D("305"))
    assert result.target_source is TargetSource.PERIOD_PROFILE
    assert result.basis is Basis.YTD
    assert result.periods_used == [m(1), m(2), m(3)]
    assert result.rag is AMBER  # 310 <= 305 + 15.25


@pytest.mark.parametrize(
    ("frequency", "position", "dp", "expected"),
    [
        (M, 5, 2, "416.67"),
        (M, 5, 0, "417"),
        (M, 12, 0, "1000"),
        (M, 1, 1, "83.3"),
        (Q, 2, 0, "500"),
        (Q, 1, 2, "250.00"),
        (Q, 4, 0, "1000"),
    ],
)
def test_ytd_sum_pro_rata_from_the_annual_target(
    frequency: Frequency, position: int, dp: int, expected: str
) -> None:
    rules = ind(HIB, frequency=frequency, aggregation=Aggregation.SUM, dp=dp, unit=Unit.COUNT)
    period = Period(2008, frequency, position)
    result = compute_status(rules, period, values([period], ["1"]), {fy(): TargetValue(D(1000))})
    assert str(result.target) == expected
    assert result.target_source is TargetSource.ANNUAL_PRO_RATA
    assert result.target_unrounded == D(1000) * position / (12 if frequency is M else 4)


def test_incomplete_profile_falls_back_to_the_annual_target() -> None:
    rules = ind(HIB, frequency=M, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    outturns = values([m(1), m(2)], ["10", "10"])
    partial = goals([m(1)], ["50"])
    result = compute_status(rules, m(2), outturns, {**partial, fy(): TargetValue(D(1200))})
    assert (result.target, result.target_source) == (D("200"), TargetSource.ANNUAL_PRO_RATA)
    assert compute_status(rules, m(2), outturns, partial).rag is Rag.NO_TARGET
    blank = {m(1): TargetValue(D(50)), m(2): TargetValue()}  # an entry without a value
    assert compute_status(rules, m(2), outturns, blank).rag is Rag.NO_TARGET


@pytest.mark.parametrize(
    ("aggregation", "actual", "target", "source"),
    [
        (Aggregation.MEAN, "20.0", "62.0", TargetSource.PERIOD_PROFILE),
        (Aggregation.LAST, "30.0", "64.0", TargetSource.PERIOD_PROFILE),
        (Aggregation.SUM, "60.0", "186.0", TargetSource.PERIOD_PROFILE),
    ],
)
def test_ytd_mean_last_and_sum_with_profiles(
    aggregation: Aggregation, actual: str, target: str, source: TargetSource
) -> None:
    rules = ind(HIB, frequency=Q, aggregation=aggregation)
    outturns = values([q(1), q(2), q(3)], ["10", "20", "30"])
    targets = goals([q(1), q(2), q(3)], ["60", "62", "64"])
    result = compute_status(rules, q(3), outturns, {**targets, fy(): TargetValue(D(99))})
    assert (str(result.actual), str(result.target)) == (actual, target)
    assert result.target_source is source


@pytest.mark.parametrize("aggregation", [Aggregation.MEAN, Aggregation.LAST, Aggregation.RATIO])
def test_non_sum_ytd_target_is_the_annual_target(aggregation: Aggregation) -> None:
    rules = ind(HIB, frequency=M, aggregation=aggregation)
    result = compute_status(rules, m(5), values([m(5)], ["50"]), {fy(): TargetValue(D(65))})
    assert (result.target, result.target_source) == (D("65.0"), TargetSource.ANNUAL)


def test_ytd_mean_and_last_with_missing_periods() -> None:
    outturns = values([m(1), m(2), m(3), m(4)], ["10", None, "20", "40"])
    mean = compute_status(ind(HIB, M, Aggregation.MEAN), m(4), outturns, {fy(): TargetValue(D(1))})
    assert mean.actual_unrounded == D("70") / 3
    assert mean.missing_periods == [m(2)]
    assert mean.periods_used == [m(1), m(3), m(4)]
    last = compute_status(ind(HIB, M, Aggregation.LAST), m(4), outturns, {fy(): TargetValue(D(1))})
    assert (last.actual, last.periods_used, last.missing_periods) == (D("40.0"), [m(4)], [])


def test_ytd_ratio_actual_and_weighted_profile_target() -> None:
    rules = ind(HIB, frequency=Q, aggregation=Aggregation.RATIO, multiplier="100")
    outturns = {
        q(1): PeriodValue(numerator=D(40), denominator=D(100)),
        q(2): PeriodValue(numerator=D(240), denominator=D(300)),
    }
    targets = goals([q(1), q(2)], ["50", "80"])
    result = compute_status(rules, q(2), outturns, targets)
    assert result.actual == D("70.0")  # 280 / 400 x 100, not the mean of 40% and 80%
    assert result.target == D("72.5")  # (50 x 100 + 80 x 300) / 400
    assert result.target_source is TargetSource.PERIOD_PROFILE
    assert result.rag is AMBER
    assert (result.period_value, result.previous_period_value) == (D("80.0"), D("40.0"))
    assert result.short_trend is Trend.IMPROVING


def test_ytd_ratio_profile_without_denominators_is_the_plain_mean() -> None:
    rules = ind(HIB, frequency=Q, aggregation=Aggregation.RATIO, multiplier="100")
    outturns = values([q(1), q(2)], ["40", "80"])
    result = compute_status(rules, q(2), outturns, goals([q(1), q(2)], ["50", "80"]))
    assert result.target == D("65.0")
    assert result.actual == D("60.0")  # no numerators anywhere: mean of the values


def test_ytd_ratio_skips_periods_without_both_parts() -> None:
    rules = ind(HIB, frequency=M, aggregation=Aggregation.RATIO, multiplier="100")
    outturns = {
        m(1): PeriodValue(numerator=D(1), denominator=D(4)),
        m(2): PeriodValue(numerator=D(9)),
        m(3): PeriodValue(numerator=D(3), denominator=D(4)),
    }
    result = compute_status(rules, m(3), outturns, {fy(): TargetValue(D(50))})
    assert result.actual == D("50.0")
    assert (result.periods_used, result.missing_periods) == ([m(1), m(3)], [m(2)])
    assert result.explanation.endswith("year to date at M03 (M02 missing)")


def test_ratio_period_value_from_numerator_and_denominator() -> None:
    rules = ind(HIB, aggregation=Aggregation.RATIO, multiplier="100")
    outturns = {fy(): PeriodValue(numerator=D(2), denominator=D(3))}
    result = compute_status(rules, fy(), outturns, {fy(): TargetValue(D(60))})
    assert (result.actual, result.rag) == (D("66.7"), GREEN)
    zero = {fy(): PeriodValue(numerator=D(2), denominator=D(0))}
    assert compute_status(rules, fy(), zero, {fy(): TargetValue(D(60))}).rag is Rag.NO_DATA
    given = {fy(): PeriodValue(D("12.5"), numerator=D(2), denominator=D(3))}
    assert compute_status(rules, fy(), given, {}).actual == D("12.5")  # the value wins


def test_ratio_with_denominators_adding_to_zero_is_no_data() -> None:
    rules = ind(HIB, frequency=Q, aggregation=Aggregation.RATIO, multiplier="100")
    outturns = {
        q(1): PeriodValue(numerator=D(1), denominator=D(0)),
        q(2): PeriodValue(D(5), numerator=D(1), denominator=D(0)),
    }
    result = compute_status(rules, q(2), outturns, {fy(): TargetValue(D(50))})
    assert (result.rag, result.actual) == (Rag.NO_DATA, None)
    assert "denominators add up to zero" in result.explanation


def test_missing_current_period_is_no_data_even_with_earlier_data() -> None:
    rules = ind(HIB, frequency=M, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    outturns = values([m(1), m(2)], ["5", "5"])
    result = compute_status(rules, m(3), outturns, {fy(): TargetValue(D(1))})
    assert (result.rag, result.actual) == (Rag.NO_DATA, None)
    assert result.missing_periods == [m(3)]
    assert result.explanation == "No data: no outturn for 2008-09-M03 yet"


def test_band_target_pro_rata_for_sums_and_stretch_values() -> None:
    rules = ind(BAND, frequency=Q, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    targets = {fy(): TargetValue(D(1000), D(800), D(1200), D(1100))}
    result = compute_status(rules, q(2), values([q(1), q(2)], ["300", "320"]), targets)
    assert (result.target_low, result.target_high) == (D("400"), D("600"))
    assert (result.target, result.stretch_value) == (D("500"), D("550"))
    assert result.rag is AMBER  # 620 <= 600 + 30
    assert result.explanation == (
        "Amber: 620, outside the year-to-date target band 400 to 600 (pro rata from the annual"
        " target band 800 to 1,200, amber up to 630); year to date at Q2"
    )


def test_annual_stretch_value_is_reported() -> None:
    result = compute_status(
        ind(HIB), fy(), values([fy()], ["70"]), {fy(): TargetValue(D(65), stretch_value=D("68.04"))}
    )
    assert result.stretch_value == D("68.0")


def with_history(polarity: Polarity, now: str | None, before: str | None) -> StatusResult:
    rules = ind(polarity, frequency=Q)
    outturns = values([q(1), q(2), q(1, 2007), q(2, 2007)], ["50", now, "50", before])
    return compute_status(rules, q(2), outturns, {fy(): TargetValue(D(60), D(40), D(60))})


@pytest.mark.parametrize(
    ("polarity", "now", "before", "expected"),
    [
        (HIB, "60", "50", Trend.IMPROVING),
        (HIB, "40", "50", Trend.WORSENING),
        (HIB, "50.04", "50", Trend.NO_CHANGE),
        (LIB, "40", "50", Trend.IMPROVING),
        (LIB, "60", "50", Trend.WORSENING),
        (LIB, "50", "50", Trend.NO_CHANGE),
        (HIB, "60", None, Trend.NOT_COMPARABLE),
        (HIB, None, "50", Trend.NOT_COMPARABLE),
        (NONE, "60", "50", Trend.NOT_APPLICABLE),
    ],
)
def test_trend_against_last_year_to_date(
    polarity: Polarity, now: str | None, before: str | None, expected: Trend
) -> None:
    assert with_history(polarity, now, before).trend is expected


def test_trend_compares_year_to_date_figures() -> None:
    result = with_history(HIB, "60", "52")
    assert (result.actual, result.previous_year_actual) == (D("55.0"), D("51.0"))


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        ("70", "80", Trend.IMPROVING),
        ("30", "20", Trend.IMPROVING),
        ("45", "55", Trend.NO_CHANGE),
        ("80", "70", Trend.WORSENING),
        ("65", "35", Trend.NO_CHANGE),
        ("70", "50", Trend.WORSENING),
    ],
)
def test_band_trend_is_distance_from_the_band(now: str, before: str, expected: Trend) -> None:
    rules = ind(BAND)
    outturns = values([fy(), fy(2007)], [now, before])
    result = compute_status(rules, fy(), outturns, {fy(): TargetValue(low=D(40), high=D(60))})
    assert result.trend is expected
    last_years_band = {fy(2007): TargetValue(low=D(40), high=D(60))}
    assert compute_status(rules, fy(), outturns, last_years_band).trend is expected
    assert compute_status(rules, fy(), outturns, {}).trend is Trend.NOT_COMPARABLE


@pytest.mark.parametrize(
    ("polarity", "m01", "m12", "expected"),
    [
        (HIB, "5", "4", Trend.IMPROVING),
        (HIB, "3", "4", Trend.WORSENING),
        (LIB, "3", "4", Trend.IMPROVING),
        (LIB, "5", "4", Trend.WORSENING),
        (HIB, "4", "4", Trend.NO_CHANGE),
        (HIB, "4", None, Trend.NOT_COMPARABLE),
        (BAND, "11", "20", Trend.IMPROVING),
        (BAND, "20", "11", Trend.WORSENING),
        (NONE, "5", "4", Trend.NOT_APPLICABLE),
    ],
)
def test_short_trend_m01_against_last_years_m12(
    polarity: Polarity, m01: str, m12: str | None, expected: Trend
) -> None:
    rules = ind(polarity, frequency=M, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    outturns = values([m(1), m(12, 2007)], [m01, m12])
    # Annual band 60..120 for a sum: one month is judged against 5..10.
    targets = {fy(): TargetValue(D(60), D(60), D(120))}
    result = compute_status(rules, m(1), outturns, targets)
    assert result.short_trend is expected
    assert result.previous_period_value == (None if m12 is None else D(m12))


def test_short_trend_for_quarters_and_years() -> None:
    outturns = values([q(1), q(4, 2007)], ["10", "12"])
    result = compute_status(ind(LIB, frequency=Q), q(1), outturns, {})
    assert (result.short_trend, result.period_value) == (Trend.IMPROVING, D("10.0"))
    yearly = compute_status(ind(HIB), fy(), values([fy(), fy(2007)], ["1", "2"]), {})
    assert yearly.short_trend is yearly.trend is Trend.WORSENING
    assert yearly.previous_period_value == yearly.previous_year_actual == D("2.0")


def test_direction_of_travel() -> None:
    dot = direction_of_travel(
        [
            Trend.IMPROVING,
            Trend.IMPROVING,
            Trend.WORSENING,
            Trend.NOT_COMPARABLE,
            Trend.NOT_APPLICABLE,
            Trend.NO_CHANGE,
            Trend.IMPROVING,
        ]
    )
    assert (dot.improving, dot.worsening, dot.no_change) == (3, 1, 1)
    assert (dot.not_comparable, dot.not_applicable, dot.score) == (1, 1, D("60.0"))
    assert direction_of_travel([Trend.IMPROVING] * 2 + [Trend.WORSENING]).score == D("66.7")
    assert direction_of_travel([Trend.IMPROVING] + [Trend.NO_CHANGE] * 5).score == D("16.7")
    assert direction_of_travel([Trend.WORSENING]).score == D("0.0")
    assert direction_of_travel([Trend.NOT_COMPARABLE, Trend.NOT_APPLICABLE]).score is None
    assert direction_of_travel([]).score is None
    assert direction_of_travel(iter([Trend.IMPROVING])).score == D("100.0")


@pytest.mark.parametrize(
    ("value", "unit", "dp", "shown"),
    [
        ("61.24", Unit.PERCENT, 1, "61.2%"),
        ("1234.5", Unit.CURRENCY, 2, "£1,234.50"),
        ("-5", Unit.CURRENCY, 2, "-£5.00"),
        ("1234", Unit.COUNT, 0, "1,234"),
        ("1234567.891", Unit.COUNT, 1, "1,234,567.9"),
        ("12.45", Unit.DAYS, 1, "12.5 days"),
        ("1", Unit.DAYS, 0, "1 day"),
        ("1", Unit.YES_NO, 0, "Yes"),
        ("0", Unit.YES_NO, 0, "No"),
        ("1234.5", Unit.RATIO, 2, "1234.50"),
        ("7.25", Unit.SCORE, 1, "7.3"),
        ("-0.04", Unit.PERCENT, 1, "0.0%"),
        ("2.5", Unit.COUNT, 0, "3"),
    ],
)
def test_format_value(value: str, unit: Unit, dp: int, shown: str) -> None:
    assert format_value(D(value), unit, dp) == shown


def test_explanations_of_the_documented_examples() -> None:
    q2 = compute_status(
        ind(HIB, frequency=Q),
        q(2),
        values([q(1), q(2)], ["60", "62.4"]),
        {fy(): TargetValue(D(65))},
    )
    assert q2.explanation == (
        "Red: 61.2% against a target of 65.0% (amber from 61.8%); higher is better; "
        "year to date at Q2"
    )
    rules = ind(LIB, frequency=M, aggregation=Aggregation.SUM, dp=0, unit=Unit.COUNT)
    m05 = compute_status(
        rules,
        m(5),
        values([m(1), m(2), m(4), m(5)], ["100"] * 3 + ["112"]),
        {fy(): TargetValue(D(1000))},
    )
    assert m05.explanation == (
        "Green: 412 against a year-to-date target of 417 (pro rata from the annual target of "
        "1,000); lower is better; year to date at M05 (M03 missing)"
    )
    band = annual(ind(BAND, unit=Unit.DAYS), "14.2", low="10", high="14")
    assert band.explanation == (
        "Amber: 14.2 days, outside the target band 10.0 days to 14.0 days "
        "(amber up to 14.7 days); year 2008-09"
    )
    no_data = compute_status(ind(HIB, frequency=Q), q(2), {}, {fy(): TargetValue(D(65))})
    assert no_data.explanation == "No data: no outturn for 2008-09-Q2 yet"
    no_target = annual(ind(HIB), "61.2")
    assert no_target.explanation == "No target: no target set for 2008-09; actual 61.2%"
    context = annual(ind(NONE, unit=Unit.COUNT, dp=0), "1234")
    assert context.explanation == (
        "Not applicable: context indicator with no judgement; actual 1,234"
    )


@pytest.mark.parametrize(
    ("result", "explanation"),
    [
        (
            annual(ind(BAND, unit=Unit.DAYS), "9.0", low="10", high="14"),
            "Red: 9.0 days, outside the target band 10.0 days to 14.0 days (amber from 9.5 days); "
            "year 2008-09",
        ),
        (
            annual(ind(BAND, unit=Unit.DAYS), "12.0", low="10", high="14"),
            "Green: 12.0 days, within the target band 10.0 days to 14.0 days; year 2008-09",
        ),
        (
            annual(ind(HIB, dp=2, unit=Unit.CURRENCY), "1234.5", "1000"),
            "Green: £1,234.50 against a target of £1,000.00; higher is better; year 2008-09",
        ),
        (
            annual(ind(LIB, absolute="0"), "14.1", "14"),
            "Red: 14.1% against a target of 14.0%; lower is better; year 2008-09",
        ),
        (
            annual(ind(LIB), "14.5", "14"),
            "Amber: 14.5% against a target of 14.0% (amber up to 14.7%); lower is better; "
            "year 2008-09",
        ),
        (
            annual(ind(NONE), None),
            "Not applicable: context indicator with no judgement; no outturn for 2008-09 yet",
        ),
        (
            compute_status(
                ind(HIB, M, Aggregation.SUM, 0, Unit.COUNT),
                m(4),
                values([m(1), m(4)], ["1", "2"]),
                goals([m(1), m(2), m(3), m(4)], ["100"] * 4),
            ),
            "Red: 3 against a year-to-date target of 400 (from the monthly targets, "
            "amber from 380); higher is better; year to date at M04 (M02 and M03 missing)",
        ),
        # T - w = 2.85 is shown as 3, the target itself: no shown value is amber.
        (
            annual(ind(HIB, dp=0, unit=Unit.COUNT), "2", "3"),
            "Red: 2 against a target of 3; higher is better; year 2008-09",
        ),
        (
            compute_status(
                ind(HIB, frequency=Q),
                q(2),
                values([q(1), q(2), q(1, 2007), q(2, 2007)], ["70", "70", "60", "60"]),
                {fy(): TargetValue(D(65))},
            ),
            "Green: 70.0% against a target of 65.0%; higher is better; year to date at Q2; "
            "improving on last year",
        ),
    ],
)
def test_other_explanations(result: StatusResult, explanation: str) -> None:
    assert result.explanation == explanation


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
