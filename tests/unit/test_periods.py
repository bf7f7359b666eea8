"""Financial-year periods: codes, boundaries, navigation and strict parsing."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.periods.rules import (
    EXPECTED_FORMS,
    MAX_YEAR,
    MIN_YEAR,
    PERIODS_PER_YEAR,
    Frequency,
    Period,
    PeriodError,
    financial_year_code,
    latest_period_ending_by,
    parse_period,
    period_containing,
    period_of,
    periods_in_year,
)

M, Q, A = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL

# Written out by hand (not computed) so the tests do not share the code's logic.
MONTHS_2008 = [
    ("2008-09-M01", date(2008, 4, 1), date(2008, 4, 30)),
    ("2008-09-M02", date(2008, 5, 1), date(2008, 5, 31)),
    ("2008-09-M03", date(2008, 6, 1), date(2008, 6, 30)),
    ("2008-09-M04", date(2008, 7, 1), date(2008, 7, 31)),
    ("2008-09-M05", date(2008, 8, 1), date(2008, 8, 31)),
    ("2008-09-M06", date(2008, 9, 1), date(2008, 9, 30)),
    ("2008-09-M07", date(2008, 10, 1), date(2008, 10, 31)),
    ("2008-09-M08", date(2008, 11, 1), date(2008, 11, 30)),
    ("2008-09-M09", date(2008, 12, 1), date(2008, 12, 31)),
    ("2008-09-M10", date(2009, 1, 1), date(2009, 1, 31)),
    ("2008-09-M11", date(2009, 2, 1), date(2009, 2, 28)),
    ("2008-09-M12", date(2009, 3, 1), date(2009, 3, 31)),
]
MONTHS_2011_LEAP = [
    ("2011-12-M01", date(2011, 4, 1), date(2011, 4, 30)),
    ("2011-12-M02", date(2011, 5, 1), date(2011, 5, 31)),
    ("2011-12-M03", date(2011, 6, 1), date(2011, 6, 30)),
    ("2011-12-M04", date(2011, 7, 1), date(2011, 7, 31)),
    ("2011-12-M05", date(2011, 8, 1), date(2011, 8, 31)),
    ("2011-12-M06", date(2011, 9, 1), date(2011, 9, 30)),
    ("2011-12-M07", date(2011, 10, 1), date(2011, 10, 31)),
    ("2011-12-M08", date(2011, 11, 1), date(2011, 11, 30)),
    ("2011-12-M09", date(2011, 12, 1), date(2011, 12, 31)),
    ("2011-12-M10", date(2012, 1, 1), date(2012, 1, 31)),
    ("2011-12-M11", date(2012, 2, 1), date(2012, 2, 29)),
    ("2011-12-M12", date(2012, 3, 1), date(2012, 3, 31)),
]
MONTHS_1999 = [
    ("1999-00-M01", date(1999, 4, 1), date(1999, 4, 30)),
    ("1999-00-M09", date(1999, 12, 1), date(1999, 12, 31)),
    ("1999-00-M10", date(2000, 1, 1), date(2000, 1, 31)),
    ("1999-00-M11", date(2000, 2, 1), date(2000, 2, 29)),  # 2000 is a leap year
    ("1999-00-M12", date(2000, 3, 1), date(2000, 3, 31)),
]
QUARTERS = [
    ("2008-09-Q1", date(2008, 4, 1), date(2008, 6, 30)),
    ("2008-09-Q2", date(2008, 7, 1), date(2008, 9, 30)),
    ("2008-09-Q3", date(2008, 10, 1), date(2008, 12, 31)),
    ("2008-09-Q4", date(2009, 1, 1), date(2009, 3, 31)),
    ("1999-00-Q1", date(1999, 4, 1), date(1999, 6, 30)),
    ("1999-00-Q3", date(1999, 10, 1), date(1999, 12, 31)),
    ("1999-00-Q4", date(2000, 1, 1), date(2000, 3, 31)),
    ("2011-12-Q4", date(2012, 1, 1), date(2012, 3, 31)),
]
YEARS = [
    ("2008-09", date(2008, 4, 1), date(2009, 3, 31)),
    ("1999-00", date(1999, 4, 1), date(2000, 3, 31)),
    ("2011-12", date(2011, 4, 1), date(2012, 3, 31)),
    ("1900-01", date(1900, 4, 1), date(1901, 3, 31)),
    ("2199-00", date(2199, 4, 1), date(2200, 3, 31)),
]
ALL_SPANS = MONTHS_2008 + MONTHS_2011_LEAP + MONTHS_1999 + QUARTERS + YEARS


def test_frequency_values_and_counts() -> None:
    assert [f.value for f in Frequency] == ["monthly", "quarterly", "annual"]
    assert PERIODS_PER_YEAR == {M: 12, Q: 4, A: 1}


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2008, "2008-09"),
        (1999, "1999-00"),
        (2009, "2009-10"),
        (1900, "1900-01"),
        (2199, "2199-00"),
        (2000, "2000-01"),
        (2099, "2099-00"),
    ],
)
def test_financial_year_code(year: int, code: str) -> None:
    assert financial_year_code(year) == code


@pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1, -1])
def test_financial_year_code_out_of_range(year: int) -> None:
    with pytest.raises(PeriodError):
        financial_year_code(year)


@pytest.mark.parametrize(("code", "start", "end"), ALL_SPANS)
def test_start_and_end(code: str, start: date, end: date) -> None:
    period = parse_period(code)
    assert (period.start, period.end) == (start, end)
    assert period.code == code
    assert str(period) == code


def test_months_have_expected_positions_and_year() -> None:
    assert parse_period("2008-09-M10") == Period(2008, M, 10)
    assert parse_period("2008-09-M10").start.year == 2009  # January is in the next calendar year
    assert parse_period("2008-09-Q4") == Period(2008, Q, 4)
    assert parse_period("2008-09") == Period(2008, A, 1)
    assert parse_period("1999-00-M12") == Period(1999, M, 12)


@pytest.mark.parametrize("months", [MONTHS_2008, MONTHS_2011_LEAP])
def test_months_tile_the_year(months: list[tuple[str, date, date]]) -> None:
    year = parse_period(months[0][0]).financial_year
    assert months[0][1] == year.start
    assert months[-1][2] == year.end
    for (_, _, end), (_, start, _) in pairwise(months):
        assert start == end + timedelta(days=1)


def test_leap_day_is_in_m11_and_q4() -> None:
    leap_day = date(2012, 2, 29)
    assert period_containing(M, leap_day) == parse_period("2011-12-M11")
    assert period_containing(Q, leap_day) == parse_period("2011-12-Q4")
    assert period_containing(A, leap_day) == parse_period("2011-12")
    assert parse_period("2011-12-M11").end == leap_day
    assert parse_period("2011-12").end - parse_period("2011-12").start == timedelta(days=365)
    assert parse_period("2008-09").end - parse_period("2008-09").start == timedelta(days=364)


def test_periods_per_year_and_financial_year() -> None:
    assert parse_period("2008-09-M05").periods_per_year == 12
    assert parse_period("2008-09-Q2").periods_per_year == 4
    assert parse_period("2008-09").periods_per_year == 1
    for code in ("2008-09-M12", "2008-09-Q4", "2008-09"):
        assert parse_period(code).financial_year == Period(2008, A, 1)


@pytest.mark.parametrize(
    ("code", "previous", "following"),
    [
        ("2008-09-M01", "2007-08-M12", "2008-09-M02"),
        ("2008-09-M09", "2008-09-M08", "2008-09-M10"),
        ("2008-09-M12", "2008-09-M11", "2009-10-M01"),
        ("1999-00-M12", "1999-00-M11", "2000-01-M01"),
        ("2000-01-M01", "1999-00-M12", "2000-01-M02"),
        ("2008-09-Q1", "2007-08-Q4", "2008-09-Q2"),
        ("2008-09-Q4", "2008-09-Q3", "2009-10-Q1"),
        ("2008-09", "2007-08", "2009-10"),
        ("1999-00", "1998-99", "2000-01"),
    ],
)
def test_previous_and_next(code: str, previous: str, following: str) -> None:
    period = parse_period(code)
    assert period.previous() == parse_period(previous)
    assert period.next() == parse_period(following)
    assert period.previous().next() == period
    assert period.next().previous() == period


@pytest.mark.parametrize(
    ("code", "expected"),
    [("2008-09-M01", "2007-08-M01"), ("2008-09-Q4", "2007-08-Q4"), ("2000-01", "1999-00")],
)
def test_same_period_last_year(code: str, expected: str) -> None:
    assert parse_period(code).same_period_last_year() == parse_period(expected)


def test_navigation_beyond_supported_years_raises() -> None:
    with pytest.raises(PeriodError):
        Period(MIN_YEAR, M, 1).previous()
    with pytest.raises(PeriodError):
        Period(MAX_YEAR, Q, 4).next()
    with pytest.raises(PeriodError):
        Period(MIN_YEAR, A, 1).same_period_last_year()


def test_periods_to_date() -> None:
    assert parse_period("2008-09-M03").periods_to_date() == [
        parse_period("2008-09-M01"),
        parse_period("2008-09-M02"),
        parse_period("2008-09-M03"),
    ]
    assert parse_period("2008-09-Q1").periods_to_date() == [parse_period("2008-09-Q1")]
    assert parse_period("2008-09").periods_to_date() == [parse_period("2008-09")]
    assert len(parse_period("2008-09-M12").periods_to_date()) == 12


def test_periods_in_year() -> None:
    assert [p.code for p in periods_in_year(2008, Q)] == [
        "2008-09-Q1",
        "2008-09-Q2",
        "2008-09-Q3",
        "2008-09-Q4",
    ]
    assert [p.code for p in periods_in_year(2008, M)] == [c for c, _, _ in MONTHS_2008]
    assert periods_in_year(1999, A) == [parse_period("1999-00")]


def test_period_of_validates_position() -> None:
    assert period_of(M, 2008, 12) == parse_period("2008-09-M12")
    assert period_of(Q, 2008, 1) == parse_period("2008-09-Q1")
    assert period_of(A, 2008, 1) == parse_period("2008-09")
    for frequency, position in [(M, 0), (M, 13), (Q, 0), (Q, 5), (A, 0), (A, 2), (M, -1)]:
        with pytest.raises(PeriodError, match="out of range"):
            period_of(frequency, 2008, position)
    with pytest.raises(PeriodError):
        period_of(M, 1899, 1)
    with pytest.raises(PeriodError):
        period_of(M, 2200, 1)


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


def test_period_constructor_validates_and_coerces() -> None:
    with pytest.raises(PeriodError):
        Period(2008, M, 13)
    with pytest.raises(PeriodError):
        Period(2008, "fortnightly", 1)  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        Period(True, M, 1)
    coerced = Period(2008, "monthly", 1)  # type: ignore[arg-type]
    assert coerced == Period(2008, M, 1)
    assert hash(coerced) == hash(Period(2008, M, 1))
    assert coerced.frequency is M


def test_period_is_hashable_and_ordered_within_a_frequency() -> None:
    codes = ["2009-10-M01", "2008-09-M12", "2008-09-M02", "2008-09-M10"]
    ordered = sorted(parse_period(c) for c in codes)
    assert [p.code for p in ordered] == ["2008-09-M02", "2008-09-M10", "2008-09-M12", "2009-10-M01"]
    assert {parse_period("2008-09-Q1"): 1}[Period(2008, Q, 1)] == 1


@pytest.mark.parametrize("year", [2008, 2011, 1999])
def test_period_containing_every_day_round_trips(year: int) -> None:
    day = date(year, 4, 1)
    while day <= date(year + 1, 3, 31):
        for frequency in Frequency:
            period = period_containing(frequency, day)
            assert period.year == year
            assert period.start <= day <= period.end
            assert period_containing(frequency, period.start) == period
            assert period_containing(frequency, period.end) == period
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("frequency", "day", "expected"),
    [
        (Q, date(2008, 6, 30), "2008-09-Q1"),
        (Q, date(2008, 6, 29), "2007-08-Q4"),
        (Q, date(2008, 7, 1), "2008-09-Q1"),
        (Q, date(2009, 3, 31), "2008-09-Q4"),
        (Q, date(2009, 1, 1), "2008-09-Q3"),
        (M, date(2008, 4, 30), "2008-09-M01"),
        (M, date(2008, 4, 29), "2007-08-M12"),
        (M, date(2009, 2, 28), "2008-09-M11"),
        (M, date(2012, 2, 28), "2011-12-M10"),
        (M, date(2012, 2, 29), "2011-12-M11"),
        (A, date(2009, 3, 31), "2008-09"),
        (A, date(2009, 3, 30), "2007-08"),
        (A, date(2008, 4, 1), "2007-08"),
    ],
)
def test_latest_period_ending_by(frequency: Frequency, day: date, expected: str) -> None:
    assert latest_period_ending_by(frequency, day) == parse_period(expected)


def test_latest_period_ending_by_every_day_of_a_year() -> None:
    day = date(2011, 4, 1)
    while day <= date(2012, 3, 31):
        for frequency in Frequency:
            period = latest_period_ending_by(frequency, day)
            assert period.end <= day < period.next().end
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (" 2008-09-Q1 ", "2008-09-Q1"),
        ("\t2008-09\n", "2008-09"),
        ("2008-09-q2", "2008-09-Q2"),
        ("2008-09-m07", "2008-09-M07"),
        ("1999-00-M12", "1999-00-M12"),
        ("2008-09", "2008-09"),  # the financial year, never September 2008
    ],
)
def test_lenient_but_unambiguous_forms_are_normalised(code: str, expected: str) -> None:
    assert parse_period(code).code == expected


MALFORMED = [
    "",
    "   ",
    "2008-10",
    "2008-9",
    "08-09",
    "2008/09",
    "2008-2009",
    "2008",
    "2008-",
    "2008-09-",
    "2008-09-M1",
    "2008-09-M13",
    "2008-09-M00",
    "2008-09-M001",
    "2008-09-Q0",
    "2008-09-Q5",
    "2008-09-Q01",
    "2008-09-H1",
    "H1",
    "Q1",
    "M01",
    "2008-09-Q1-x",
    "2008-09-Q",
    "2008-09-M",
    "2008-09-X1",
    "2008-09 Q1",
    "2008 -09",
    "2008-09-Q1x",
    "1999-2000",
    "1999-01",
    "1899-00",
    "2200-01",
    "20O8-09",
    "2008_09",
    "2008-09/Q1",
    "FY2008-09",
    "2008-09-M10-M11",
    "-2008-09",
    "2008-09--Q1",
    "\uff12\uff10\uff10\uff18-09",  # full-width digits
]


@pytest.mark.parametrize("code", MALFORMED)
def test_malformed_codes_are_rejected_with_helpful_messages(code: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(code)
    message = str(caught.value)
    assert f"'{code}' is not a period" in message
    assert code in message
    assert EXPECTED_FORMS in message
    assert "2008-09-Q1" in message
    assert "2008-09-M01 (M01 = April)" in message


def test_generic_message_matches_the_documented_form() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("2008-9")
    assert str(caught.value).startswith(
        "'2008-9' is not a period: expected a financial year like 2008-09, a quarter like "
        "2008-09-Q1 or a month like 2008-09-M01 (M01 = April)"
    )


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("2008-10", "2008-10: the second part must be the year after 2008, i.e. 2008-09"),
        ("1999-01", "the second part must be the year after 1999, i.e. 1999-00"),
        ("2008-2009", "last two digits of the next year, i.e. 2008-09"),
        ("2008/09", "use a hyphen"),
        ("08-09", "four-digit year"),
        ("2008-09-M1", "two digits from M01 to M12"),
        ("2008-09-M13", "M01 to M12"),
        ("2008-09-Q5", "Q1, Q2, Q3 or Q4"),
        ("2008-09-H1", "a quarter (Q1-Q4) or a month (M01-M12)"),
        ("2008-09-Q1-x", "unexpected text"),
        ("1899-00", "between 1900 and 2199"),
    ],
)
def test_specific_hints(code: str, hint: str) -> None:
    with pytest.raises(PeriodError, match="is not a period") as caught:
        parse_period(code)
    assert hint in str(caught.value)


def test_non_string_is_rejected() -> None:
    with pytest.raises(PeriodError, match="must be text"):
        parse_period(200809)  # type: ignore[arg-type]


periods = st.sampled_from(list(Frequency)).flatmap(
    lambda frequency: st.builds(
        Period,
        st.integers(MIN_YEAR, MAX_YEAR),
        st.just(frequency),
        st.integers(1, PERIODS_PER_YEAR[frequency]),
    )
)


@given(periods)
def test_parse_round_trips_any_period(period: Period) -> None:
    assert parse_period(period.code) == period
    assert parse_period(f"  {period.code.lower()} ") == period


@given(periods)
def test_periods_are_contiguous(period: Period) -> None:
    assert period.start <= period.end
    assert period_containing(period.frequency, period.start) == period
    assert period_containing(period.frequency, period.end) == period
    if period.year < MAX_YEAR:
        assert period.next().start == period.end + timedelta(days=1)
        assert period.next().previous() == period
    assert period.financial_year.start <= period.start
    assert period.end <= period.financial_year.end


@given(
    st.dates(min_value=date(MIN_YEAR + 1, 4, 1), max_value=date(MAX_YEAR, 3, 31)),
    st.sampled_from(list(Frequency)),
)
def test_latest_period_ending_by_any_day(day: date, frequency: Frequency) -> None:
    period = latest_period_ending_by(frequency, day)
    assert period.end <= day < period.next().end
