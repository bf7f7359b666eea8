"""Trends, direction of travel, figures as shown and the explanation sentences."""

from __future__ import annotations

import pytest

from goldenthread.status.explain import format_value
from goldenthread.status.rules import compute_status, direction_of_travel
from goldenthread.status.values import (
    Aggregation,
    Polarity,
    StatusResult,
    TargetValue,
    Trend,
    Unit,
)
from tests.unit.status_helpers import (
    BAND,
    HIB,
    LIB,
    NONE,
    D,
    M,
    Q,
    annual,
    fy,
    goals,
    ind,
    m,
    q,
    values,
)


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
