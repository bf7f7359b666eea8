"""Year-to-date actuals and targets: profiles, pro rata, ratios and missing periods."""

from __future__ import annotations

import pytest

from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.rules import compute_status
from goldenthread.status.values import (
    Aggregation,
    Basis,
    PeriodValue,
    Rag,
    TargetSource,
    TargetValue,
    Trend,
    Unit,
)
from tests.unit.status_helpers import (
    AMBER,
    BAND,
    GREEN,
    HIB,
    LIB,
    D,
    M,
    Q,
    fy,
    goals,
    ind,
    m,
    q,
    values,
)


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
