"""Rules of the integrated performance report, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from goldenthread.core.db import from_stored
from goldenthread.periods.rules import parse_period
from goldenthread.reports.rules import (
    ProgressPoint,
    ScopeKind,
    ScopeSpec,
    action_as_at,
    expected_percent,
    highlight_reason,
    parse_scope,
    previous_report_period,
    report_date,
    variance,
)
from goldenthread.status.values import Rag, Trend


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        ("2008-09-M08", "2008-09-M06"),
        ("2008-09-M02", "2007-08-M12"),
        ("2008-09-M01", "2007-08-M11"),
        ("2008-09-Q1", "2007-08-Q4"),
        ("2008-09-Q3", "2008-09-Q2"),
        ("2008-09", "2007-08"),
    ],
)
def test_the_previous_report_is_that_of_the_bi_monthly_cycle(period: str, previous: str) -> None:
    assert previous_report_period(parse_period(period)).code == previous


def test_scopes() -> None:
    assert parse_scope(None) == parse_scope(" Council ") == ScopeSpec(ScopeKind.COUNCIL)
    assert parse_scope("org_unit:12") == ScopeSpec(ScopeKind.ORG_UNIT, id=12)
    assert parse_scope("plan: 3").code == "plan:3"
    assert parse_scope("set:laa") == ScopeSpec(ScopeKind.SET, set_name="LAA")
    for bad in ("team:1", "org_unit:x", "plan:", "set:", "org_unit:-1", "org_unit:99999999999"):
        with pytest.raises(ValueError, match="not a scope"):
            parse_scope(bad)


def test_the_report_date_follows_the_data_deadline() -> None:
    assert report_date(date(2008, 10, 14), date(2026, 1, 1)) == date(2008, 10, 15)
    assert report_date(date(2026, 10, 14), date(2026, 10, 2)) == date(2026, 10, 2)


@pytest.mark.parametrize(
    ("now", "before", "trend", "trend_before", "reason"),
    [
        (Rag.GREEN, Rag.RED, Trend.WORSENING, Trend.WORSENING, "turned_green"),
        (Rag.GREEN, Rag.AMBER, Trend.NO_CHANGE, None, "turned_green"),
        (Rag.AMBER, Rag.RED, Trend.WORSENING, Trend.WORSENING, "moved_up"),
        (Rag.RED, Rag.RED, Trend.IMPROVING, Trend.WORSENING, "started_improving"),
        (Rag.GREEN, Rag.GREEN, Trend.IMPROVING, Trend.NO_CHANGE, "started_improving"),
        (Rag.GREEN, Rag.GREEN, Trend.IMPROVING, Trend.IMPROVING, None),
        (Rag.AMBER, Rag.GREEN, Trend.IMPROVING, Trend.WORSENING, None),
        (Rag.GREEN, Rag.NO_DATA, Trend.IMPROVING, Trend.NOT_COMPARABLE, None),
        (Rag.GREEN, None, Trend.IMPROVING, None, None),
        (Rag.NO_DATA, Rag.RED, Trend.NOT_COMPARABLE, Trend.WORSENING, None),
    ],
)
def test_highlights(
    now: Rag, before: Rag | None, trend: Trend, trend_before: Trend | None, reason: str | None
) -> None:
    assert highlight_reason(now, before, trend, trend_before) == reason


def _action(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "status": "in_progress",
        "percent_complete": 40,
        "start_on": date(2008, 9, 1),
        "due_on": date(2008, 10, 31),
        "completed_on": None,
        "updates": [],
        "as_of": date(2008, 10, 15),
        "today": date(2008, 10, 15),
        "at_risk_days": 30,
    }
    values.update(changes)
    return values


def test_actions_overdue_and_at_risk() -> None:
    # 44 of 60 days gone: 73% expected, 40% done.
    behind = action_as_at(**_action())  # type: ignore[arg-type]
    assert (behind.at_risk, behind.expected_percent, behind.days_left) == (True, 73, 16)
    assert not action_as_at(**_action(percent_complete=80)).at_risk  # type: ignore[arg-type]
    far = action_as_at(**_action(due_on=date(2009, 3, 31)))  # type: ignore[arg-type]
    assert not far.at_risk and not far.overdue
    late = action_as_at(**_action(due_on=date(2008, 10, 1)))  # type: ignore[arg-type]
    assert (late.overdue, late.days_overdue, late.at_risk) == (True, 14, False)
    for status in ("complete", "cancelled"):
        done = action_as_at(**_action(due_on=date(2008, 10, 1), status=status))  # type: ignore[arg-type]
        assert not done.overdue and not done.at_risk
    # No start date: the at-risk window before the due date is its schedule.
    unplanned = action_as_at(**_action(start_on=None, percent_complete=0))  # type: ignore[arg-type]
    assert unplanned.expected_percent == 47 and unplanned.at_risk


def test_an_earlier_report_date_sees_the_action_as_it_was() -> None:
    updates = [
        ProgressPoint(date(2008, 9, 10), "in_progress", 30),
        ProgressPoint(date(2008, 11, 20), "complete", 100),
    ]
    then = action_as_at(  # type: ignore[arg-type]
        **_action(
            status="complete",
            percent_complete=100,
            completed_on=date(2008, 11, 20),
            updates=updates,
            due_on=date(2008, 10, 1),
            today=date(2026, 1, 1),
        )
    )
    assert (then.status, then.percent_complete, then.overdue) == ("in_progress", 30, True)
    now = action_as_at(  # type: ignore[arg-type]
        **_action(
            status="complete",
            percent_complete=100,
            completed_on=date(2008, 11, 20),
            updates=updates,
            as_of=date(2008, 12, 1),
            today=date(2026, 1, 1),
        )
    )
    assert (now.status, now.overdue) == ("complete", False)


def test_expected_percent_and_variance() -> None:
    assert expected_percent(date(2008, 1, 1), date(2008, 1, 11), date(2008, 1, 6)) == 50
    assert expected_percent(date(2008, 1, 1), date(2008, 1, 11), date(2007, 1, 1)) == 0
    assert expected_percent(date(2008, 1, 1), date(2008, 1, 1), date(2008, 1, 1)) == 100
    assert variance(Decimal(1000), Decimal(1056)) == (Decimal(56), Decimal("5.6"))
    assert variance(Decimal(1000), None) == (None, None)
    assert variance(Decimal(0), Decimal(5)) == (Decimal(5), None)
    # Figures read from PostgreSQL come through the shared exact-decimal reader.
    assert str(from_stored(Decimal("1.10E+6"))) == "1100000"
    assert str(from_stored(Decimal("12.50"))) == "12.50"
