"""When the cycle's recurring events fall: every kind of rule, and their validation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cycle.rules import (
    Recurrence,
    RecurrenceRule,
    calendar_month,
    check_rule,
    describe,
    month_position,
    occurrences,
)
from goldenthread.periods.rules import Frequency
from goldenthread.periods.workdays import is_working_day
from goldenthread.reminders.rules import (
    Recipient,
    ReminderItem,
    ReminderKind,
    by_person,
    compose,
    long_date,
)


def _dates(rule: RecurrenceRule, year: int = 2008) -> list[tuple[int, date, date]]:
    return [(o.number, o.starts_on, o.due_on) for o in occurrences(rule, year)]


def test_monthly_is_due_on_each_months_last_working_day() -> None:
    found = occurrences(RecurrenceRule(Recurrence.MONTHLY), 2008)
    assert [o.number for o in found] == list(range(1, 13))
    assert found[0].starts_on == date(2008, 4, 1) and found[0].due_on == date(2008, 4, 30)
    assert found[1].due_on == date(2008, 5, 30)  # 31 May 2008 is a Saturday
    assert found[8].due_on == date(2008, 12, 31)
    assert found[11].due_on == date(2009, 3, 31)


def test_named_months_fall_in_financial_year_order() -> None:
    rule = RecurrenceRule(Recurrence.MONTHS, months=(1, 9))
    assert _dates(rule) == [
        (6, date(2008, 9, 1), date(2008, 9, 30)),
        (10, date(2009, 1, 1), date(2009, 1, 30)),  # 31 January 2009 is a Saturday
    ]


def test_a_window_runs_over_several_months() -> None:
    november_december = RecurrenceRule(Recurrence.MONTHS, months=(11,), window_months=2)
    assert _dates(november_december) == [(8, date(2008, 11, 1), date(2008, 12, 31))]
    april_may = RecurrenceRule(Recurrence.MONTHS, months=(4,), window_months=2)
    # 26 May 2008 is the spring bank holiday and 31 May a Saturday.
    assert _dates(april_may) == [(1, date(2008, 4, 1), date(2008, 5, 30))]
    february_march = RecurrenceRule(Recurrence.MONTHS, months=(2,), window_months=2)
    assert _dates(february_march) == [(11, date(2009, 2, 1), date(2009, 3, 31))]


def test_quarterly_in_a_month_of_each_quarter() -> None:
    second = RecurrenceRule(Recurrence.QUARTERLY, month_of_quarter=2)
    assert [(n, d) for n, _, d in _dates(second)] == [
        (1, date(2008, 5, 30)),
        (2, date(2008, 8, 29)),
        (3, date(2008, 11, 28)),
        (4, date(2009, 2, 27)),
    ]
    first = RecurrenceRule(Recurrence.QUARTERLY, month_of_quarter=1, window_months=3)
    assert next((s, d) for _, s, d in _dates(first)) == (date(2008, 4, 1), date(2008, 6, 30))
    assert [d for _, _, d in _dates(first)][-1] == date(2009, 3, 31)


def test_a_day_of_the_month_moves_back_to_a_working_day() -> None:
    rule = RecurrenceRule(Recurrence.MONTHS, months=(12, 2), day=26)
    # 26 December 2008 is Boxing Day; 25th is Christmas: Wednesday 24th. February is kept.
    assert [d for _, _, d in _dates(rule)] == [date(2008, 12, 24), date(2009, 2, 26)]
    short = RecurrenceRule(Recurrence.MONTHS, months=(2,), day=31)
    assert [d for _, _, d in _dates(short)] == [date(2009, 2, 27)]
    # 1 June 2008 is a Sunday: moving back would leave June, so the Monday after.
    first = RecurrenceRule(Recurrence.MONTHS, months=(6,), day=1)
    assert [d for _, _, d in _dates(first)] == [date(2008, 6, 2)]


def test_after_period_end_counts_working_days() -> None:
    rule = RecurrenceRule(Recurrence.AFTER_PERIOD_END, frequency=Frequency.MONTHLY, working_days=10)
    found = occurrences(rule, 2008)
    december = next(o for o in found if o.period == "2008-09-M09")
    assert december.starts_on == date(2009, 1, 1)
    assert december.due_on == date(2009, 1, 15)
    quarterly = RecurrenceRule(
        Recurrence.AFTER_PERIOD_END, frequency=Frequency.QUARTERLY, working_days=20
    )
    assert [o.period for o in occurrences(quarterly, 2008)] == [
        "2008-09-Q1",
        "2008-09-Q2",
        "2008-09-Q3",
        "2008-09-Q4",
    ]


@pytest.mark.parametrize(
    ("rule", "fields"),
    [
        (RecurrenceRule(Recurrence.MONTHS), {"months"}),
        (RecurrenceRule(Recurrence.MONTHS, months=(13,)), {"months"}),
        (RecurrenceRule(Recurrence.MONTHS, months=(9, 9)), {"months"}),
        (RecurrenceRule(Recurrence.MONTHLY, months=(9,)), {"months"}),
        (RecurrenceRule(Recurrence.MONTHLY, window_months=2), {"window_months"}),
        (RecurrenceRule(Recurrence.QUARTERLY), {"month_of_quarter"}),
        (RecurrenceRule(Recurrence.QUARTERLY, month_of_quarter=4), {"month_of_quarter"}),
        (
            RecurrenceRule(Recurrence.QUARTERLY, month_of_quarter=1, window_months=4),
            {"window_months"},
        ),
        (RecurrenceRule(Recurrence.MONTHS, months=(9,), month_of_quarter=1), {"month_of_quarter"}),
        (RecurrenceRule(Recurrence.AFTER_PERIOD_END), {"frequency", "working_days"}),
        (
            RecurrenceRule(
                Recurrence.AFTER_PERIOD_END, frequency=Frequency.MONTHLY, working_days=61
            ),
            {"working_days"},
        ),
        (
            RecurrenceRule(
                Recurrence.AFTER_PERIOD_END, frequency=Frequency.MONTHLY, working_days=5, day=3
            ),
            {"day"},
        ),
        (
            RecurrenceRule(Recurrence.MONTHS, months=(9,), frequency=Frequency.MONTHLY),
            {"frequency"},
        ),
        (RecurrenceRule(Recurrence.MONTHS, months=(9,), working_days=3), {"working_days"}),
        (RecurrenceRule(Recurrence.MONTHS, months=(9,), day=0), {"day"}),
        (RecurrenceRule(Recurrence.MONTHS, months=(9,), window_months=13), {"window_months"}),
    ],
)
def test_unsound_rules_name_the_fields_at_fault(rule: RecurrenceRule, fields: set[str]) -> None:
    assert {name for name, _ in check_rule(rule)} == fields


def test_rules_in_words() -> None:
    assert describe(RecurrenceRule(Recurrence.MONTHS, months=(1, 9))) == (
        "In September, January, by the last working day"
    )
    assert "second month" in describe(RecurrenceRule(Recurrence.QUARTERLY, month_of_quarter=2))
    assert describe(
        RecurrenceRule(Recurrence.AFTER_PERIOD_END, frequency=Frequency.MONTHLY, working_days=10)
    ) == ("10 working days after each monthly period ends")


RULES = st.one_of(
    st.builds(
        RecurrenceRule,
        recurrence=st.just(Recurrence.MONTHS),
        months=st.sets(st.integers(1, 12), min_size=1, max_size=12).map(tuple),
        window_months=st.integers(1, 12),
        day=st.none() | st.integers(1, 31),
    ),
    st.builds(
        RecurrenceRule,
        recurrence=st.just(Recurrence.QUARTERLY),
        month_of_quarter=st.integers(1, 3),
        window_months=st.integers(1, 3),
        day=st.none() | st.integers(1, 31),
    ),
    st.builds(
        RecurrenceRule, recurrence=st.just(Recurrence.MONTHLY), day=st.none() | st.integers(1, 31)
    ),
)


@given(RULES, st.integers(1990, 2040))
def test_every_occurrence_is_due_on_a_working_day_in_its_window(
    rule: RecurrenceRule, year: int
) -> None:
    assert check_rule(rule) == []
    found = occurrences(rule, year)
    assert len({o.number for o in found}) == len(found)
    for occurrence in found:
        assert is_working_day(occurrence.due_on)
        assert occurrence.starts_on <= occurrence.due_on
        # The window opens in the financial year and closes within its months.
        assert date(year, 4, 1) <= occurrence.starts_on <= date(year + 1, 3, 31)
        months = (occurrence.due_on.year - occurrence.starts_on.year) * 12 + (
            occurrence.due_on.month - occurrence.starts_on.month
        )
        assert months <= rule.window_months - 1


@given(st.integers(1, 12))
def test_month_positions_round_trip(month: int) -> None:
    year, back = calendar_month(2008, month_position(month))
    assert back == month
    assert year == (2008 if month >= 4 else 2009)


def test_reminders_are_keyed_per_person_and_thing_and_grouped_into_one_email() -> None:
    due = ReminderItem(ReminderKind.DATA_DUE, 4, "12:2008-09-M09", date(2009, 1, 15), "NI 192 due")
    late = ReminderItem(
        ReminderKind.DATA_OVERDUE, 4, "12:2008-09-M08", date(2008, 12, 12), "NI 192 late"
    )
    other = ReminderItem(ReminderKind.DATA_DUE, 5, "12:2008-09-M09", date(2009, 1, 15), "x")
    assert due.key == "data_due:12:2008-09-M09:u4"
    assert due.key != other.key
    grouped = by_person([due, late, other, due])
    assert [i.key for i in grouped[4]] == [due.key, late.key]
    message = compose(Recipient(4, "Owner Person", "owner@example.org"), grouped[4], app_url="x")
    assert message.subject == "Golden Thread reminder: 1 overdue, 1 due soon"
    # Most pressing first.
    assert message.body.index("NI 192 late") < message.body.index("NI 192 due")
    assert message.keys == [late.key, due.key]
    assert long_date(date(2009, 1, 15)) == "Thursday 15 January 2009"
