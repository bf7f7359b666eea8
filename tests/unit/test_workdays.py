"""Working days in England and Wales, and data-collection deadlines built on them."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.deadlines.rules import (
    DeadlineRule,
    DeadlineState,
    is_late,
    periods_in_window,
    state_of,
)
from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import Frequency, Period, parse_period
from goldenthread.periods.workdays import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    last_working_day_of_month,
    working_day_on_or_before,
)

DAYS = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2008, 12, 25), "Christmas Day"),
        (date(2008, 12, 26), "Boxing Day"),
        (date(2009, 1, 1), "New Year's Day"),
        (date(2009, 4, 10), "Good Friday"),
        (date(2009, 4, 13), "Easter Monday"),
        (date(2009, 5, 4), "May Day"),
        # Substitute days: Christmas 2010 and Boxing Day fell at a weekend.
        (date(2010, 12, 27), "Christmas Day"),
        (date(2010, 12, 28), "Boxing Day"),
        # One-off and moved days: the early May holiday moved for VE Day in 2020.
        (date(2020, 5, 8), "May Day"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    ],
)
def test_bank_holidays_of_england_and_wales(day: date, name: str) -> None:
    assert day.weekday() < 5
    assert name in (bank_holiday_name(day) or "")
    assert not is_working_day(day)


def test_ordinary_weekdays_work_and_weekends_do_not() -> None:
    assert is_working_day(date(2008, 12, 24))
    assert is_working_day(date(2009, 1, 2))
    assert bank_holiday_name(date(2009, 1, 2)) is None
    assert not is_working_day(date(2009, 1, 3))  # Saturday
    assert not is_working_day(date(2009, 1, 4))  # Sunday
    # Scotland's 2 January is not a holiday in England and Wales.
    assert is_working_day(date(2009, 1, 2))


def test_england_and_wales_share_their_bank_holidays() -> None:
    years = range(2000, 2031)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)


def test_december_2008_monthly_figures_are_due_on_15_january_2009() -> None:
    # December ends Wednesday 31st. Thursday 1 January is New Year's Day; the tenth working
    # day is Thursday 15 January (weekdays alone would give the 14th).
    period = parse_period("2008-09-M09")
    assert period.end == date(2008, 12, 31)
    assert DeadlineRule().deadline(period) == date(2009, 1, 15)
    weekdays_only, day, counted = None, period.end, 0
    while counted < 10:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
            weekdays_only = day
    assert weekdays_only == date(2009, 1, 14)


def test_counting_across_christmas_skips_christmas_boxing_day_and_new_year() -> None:
    # From Friday 19 December 2008: 22, 23, 24, 29, 30, 31 December, 2, 5, 6, 7 January.
    assert add_working_days(date(2008, 12, 19), 10) == date(2009, 1, 7)
    assert add_working_days(date(2008, 12, 24), 1) == date(2008, 12, 29)
    assert add_working_days(date(2008, 12, 31), 1) == date(2009, 1, 2)


def test_zero_working_days_moves_forward_to_a_working_day() -> None:
    assert add_working_days(date(2008, 12, 25), 0) == date(2008, 12, 29)
    assert add_working_days(date(2008, 12, 24), 0) == date(2008, 12, 24)
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(date(2008, 12, 24), -1)


def test_last_working_day_of_a_month() -> None:
    assert last_working_day_of_month(2008, 5) == date(2008, 5, 30)  # 31st is a Saturday
    assert last_working_day_of_month(2008, 12) == date(2008, 12, 31)
    assert last_working_day_of_month(2009, 8) == date(2009, 8, 28)  # 31st: bank holiday
    assert working_day_on_or_before(date(2008, 12, 26)) == date(2008, 12, 24)


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_adding_working_days_lands_on_a_working_day_after_exactly_that_many(
    start: date, count: int
) -> None:
    result = add_working_days(start, count)
    assert is_working_day(result)
    between = [start + timedelta(days=n) for n in range(1, (result - start).days + 1)]
    assert sum(1 for d in between if is_working_day(d)) == count


@given(DAYS)
def test_working_day_on_or_before_is_the_latest_such_day(day: date) -> None:
    found = working_day_on_or_before(day)
    assert found <= day and is_working_day(found)
    assert all(
        not is_working_day(found + timedelta(days=n)) for n in range(1, (day - found).days + 1)
    )


RULE = DeadlineRule(working_days_after=10, due_soon_days=7, lookback_days=60)
DEC = parse_period("2008-09-M09")  # due 15 January 2009


@pytest.mark.parametrize(
    ("as_of", "status", "state"),
    [
        (date(2009, 1, 16), None, DeadlineState.OVERDUE),
        (date(2009, 1, 16), OutturnStatus.DRAFT, DeadlineState.OVERDUE),
        (date(2009, 1, 16), OutturnStatus.SUBMITTED, DeadlineState.RECEIVED),
        (date(2009, 1, 16), OutturnStatus.VERIFIED, DeadlineState.RECEIVED),
        (date(2009, 1, 16), OutturnStatus.QUALIFIED, DeadlineState.RECEIVED),
        (date(2009, 1, 15), None, DeadlineState.DUE_SOON),  # the deadline day itself
        (date(2009, 1, 8), None, DeadlineState.DUE_SOON),
        (date(2009, 1, 7), None, DeadlineState.DUE),
        (date(2008, 12, 31), None, DeadlineState.UPCOMING),  # the period's last day
    ],
)
def test_state_of_a_figure(as_of: date, status: OutturnStatus | None, state: DeadlineState) -> None:
    assert state_of(RULE, DEC, RULE.deadline(DEC), status, as_of) is state


def test_late_means_handed_in_after_the_deadline() -> None:
    deadline = date(2009, 1, 15)
    assert not is_late(deadline, date(2009, 1, 15))
    assert is_late(deadline, date(2009, 1, 16))
    assert not is_late(deadline, None)


def test_the_dashboard_window_holds_ended_periods_within_the_look_back() -> None:
    cache: dict[Period, date] = {}
    monthly = periods_in_window(Frequency.MONTHLY, RULE, date(2009, 1, 20), cache)
    # Deadlines from 21 November 2008: October (14 Nov) is out, November (12 Dec) and
    # December (15 Jan) are in; January has not ended.
    assert [p.code for p in monthly] == ["2008-09-M08", "2008-09-M09"]
    quarterly = periods_in_window(Frequency.QUARTERLY, RULE, date(2009, 1, 20), cache)
    assert [p.code for p in quarterly] == ["2008-09-Q3"]
    annual = periods_in_window(Frequency.ANNUAL, RULE, date(2009, 1, 20), cache)
    assert annual == []  # 2007-08 was due in April 2008, before the window
