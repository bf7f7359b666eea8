"""Appraisals: line-manager chains, who reads and writes, completion rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from goldenthread.appraisals.rules import (
    completion_rate,
    held_on_problem,
    line_managers,
    may_read,
    may_write,
    plan_covers,
    range_problem,
    reports_of,
    srd_window,
)

# chief (1) <- director (2) <- head (3) <- officer (4), assistant (5); outsider (6) alone.
MANAGERS: dict[int, int | None] = {1: None, 2: 1, 3: 2, 4: 3, 5: 3, 6: None}


def test_line_managers_nearest_first() -> None:
    assert line_managers(4, MANAGERS) == [3, 2, 1]
    assert line_managers(1, MANAGERS) == []
    assert line_managers(99, MANAGERS) == []


def test_a_loop_in_the_data_ends_the_chain() -> None:
    looped = {1: 2, 2: 3, 3: 1}
    assert line_managers(1, looped) == [2, 3]
    assert line_managers(1, {1: 1}) == []
    assert reports_of(1, looped) == {2, 3}


def test_reports_are_everyone_below() -> None:
    assert reports_of(2, MANAGERS) == {3, 4, 5}
    assert reports_of(3, MANAGERS) == {4, 5}
    assert reports_of(4, MANAGERS) == set()
    assert reports_of(6, MANAGERS) == set()


@pytest.mark.parametrize(
    ("viewer", "reads", "writes"),
    [
        (4, True, False),  # the person: reads, does not record
        (3, True, True),  # line manager
        (1, True, True),  # up the tree
        (6, True, True),  # the named reviewer, outside the chain
        (5, False, False),  # a colleague
    ],
)
def test_who_reads_and_writes_an_appraisal(viewer: int, reads: bool, writes: bool) -> None:
    assert may_read(viewer, 4, 6, MANAGERS) is reads
    assert may_write(viewer, 4, 6, MANAGERS) is writes


def test_a_person_reviewing_themself_still_only_reads() -> None:
    assert may_write(4, 4, 4, MANAGERS) is False


@pytest.mark.parametrize(
    ("appraised", "staff", "rate"),
    [
        (0, 10, Decimal("0.0")),
        (10, 10, Decimal("100.0")),
        (2, 3, Decimal("66.7")),
        (1, 3, Decimal("33.3")),
        (1, 8, Decimal("12.5")),
        (1, 16, Decimal("6.3")),  # 6.25 rounds half-up
        (0, 0, None),
    ],
)
def test_completion_rate(appraised: int, staff: int, rate: Decimal | None) -> None:
    assert completion_rate(appraised, staff) == rate


@pytest.mark.parametrize(("appraised", "staff"), [(3, 2), (-1, 4), (1, -1)])
def test_impossible_counts_are_refused(appraised: int, staff: int) -> None:
    with pytest.raises(ValueError, match=r"negative|more"):
        completion_rate(appraised, staff)


def test_ranges_and_the_srd_window() -> None:
    start, end = srd_window(2009)
    assert (start, end) == (date(2009, 2, 1), date(2009, 6, 30))
    assert range_problem(start, end) is None
    assert range_problem(start, start) is None
    assert "before it starts" in (range_problem(end, start) or "")


def test_held_on() -> None:
    today = date(2009, 7, 1)
    assert held_on_problem(2009, date(2009, 5, 20), today) is None
    assert held_on_problem(2009, date(2008, 4, 1), today) is None  # spring before the year
    assert "between" in (held_on_problem(2009, date(2008, 3, 31), today) or "")
    assert "future" in (held_on_problem(2009, date(2009, 7, 2), today) or "")


def test_plan_covers_year_codes() -> None:
    assert plan_covers("2008-09", "2010-11", "2009-10")
    assert plan_covers("2009-10", "2009-10", "2009-10")
    assert not plan_covers("2008-09", "2008-09", "2009-10")
    assert plan_covers("1999-00", "2000-01", "1999-00")
