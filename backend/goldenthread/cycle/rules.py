"""When a recurring event of the annual cycle falls in a financial year (pure functions).

A template recurs in one of four ways:

* ``monthly``: every month of the financial year (April to March);
* ``quarterly``: once a quarter, in the first, second or third month of each quarter
  (the first month of the second quarter is July);
* ``months``: in named calendar months, e.g. September and January;
* ``after_period_end``: a number of working days after each period of a frequency ends
  (e.g. 10 working days after each month).

An occurrence runs from the first day of its month over ``window_months`` months
("November/December" is November with a window of two) and is due on the last working day of
the window, or on ``day`` of the window's last month (moved back to a working day, or forward
where moving back would leave the month). Each occurrence has a number that is stable whatever
else changes in the template: the financial-year position of its month (1 = April), its quarter,
or its period's position.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from goldenthread.periods.rules import Frequency, periods_in_year
from goldenthread.periods.workdays import (
    add_working_days,
    last_working_day_of_month,
    working_day_on_or_before,
)

MONTH_NAMES = tuple(calendar.month_name)  # index 1 = January
MAX_WINDOW_MONTHS = 12
MAX_WORKING_DAYS = 60
_FIRST_MONTH = 4  # the financial year starts in April


class Category(StrEnum):
    PLANNING = "planning"
    BUDGET = "budget"
    PERFORMANCE_REPORTING = "performance_reporting"
    COMMITMENTS = "commitments"
    APPRAISAL = "appraisal"
    RISK = "risk"
    PUBLICATION = "publication"
    PARTNERSHIP = "partnership"
    COMMUNICATIONS = "communications"


class Recurrence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    MONTHS = "months"
    AFTER_PERIOD_END = "after_period_end"


@dataclass(frozen=True)
class RecurrenceRule:
    recurrence: Recurrence
    months: tuple[int, ...] = ()
    month_of_quarter: int | None = None
    window_months: int = 1
    day: int | None = None
    frequency: Frequency | None = None
    working_days: int | None = None


@dataclass(frozen=True)
class Occurrence:
    number: int
    starts_on: date
    due_on: date
    period: str | None = None


@dataclass
class RuleProblems:
    """What is wrong with a rule, by field: empty when it is sound."""

    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, message: str) -> None:
        self.problems.append((name, message))


def month_position(month: int) -> int:
    """Calendar month (1 = January) to its place in the financial year (1 = April)."""
    return (month - _FIRST_MONTH) % 12 + 1


def calendar_month(year: int, position: int) -> tuple[int, int]:
    """Financial-year month position (1 = April) of financial year ``year`` to (year, month)."""
    month = (position - 1 + _FIRST_MONTH - 1) % 12 + 1
    return (year if month >= _FIRST_MONTH else year + 1), month


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def check_rule(rule: RecurrenceRule) -> list[tuple[str, str]]:
    """Every problem with the rule's fields, as (field, message)."""
    found = RuleProblems()
    kind = rule.recurrence
    if not 1 <= rule.window_months <= MAX_WINDOW_MONTHS:
        found.add("window_months", f"must be from 1 to {MAX_WINDOW_MONTHS}")
    if rule.day is not None and not 1 <= rule.day <= 31:
        found.add("day", "must be a day of the month from 1 to 31")
    if kind is Recurrence.MONTHS:
        if not rule.months:
            found.add("months", "name at least one month (1 = January … 12 = December)")
        if any(not 1 <= m <= 12 for m in rule.months):
            found.add("months", "months are numbered 1 (January) to 12 (December)")
        if len(set(rule.months)) != len(rule.months):
            found.add("months", "a month is named twice")
    elif rule.months:
        found.add("months", f"only a '{Recurrence.MONTHS.value}' rule names months")
    if kind is Recurrence.QUARTERLY:
        if rule.month_of_quarter is None or not 1 <= rule.month_of_quarter <= 3:
            found.add("month_of_quarter", "give 1, 2 or 3: the month of each quarter it falls in")
        if rule.window_months > 3:
            found.add("window_months", "a quarterly event's window is at most 3 months")
    elif rule.month_of_quarter is not None:
        found.add("month_of_quarter", f"only a '{Recurrence.QUARTERLY.value}' rule takes it")
    if kind is Recurrence.MONTHLY and rule.window_months != 1:
        found.add("window_months", "a monthly event's window is its month")
    if kind is Recurrence.AFTER_PERIOD_END:
        if rule.frequency is None:
            found.add("frequency", "give the frequency whose periods it follows")
        if rule.working_days is None or not 0 <= rule.working_days <= MAX_WORKING_DAYS:
            found.add(
                "working_days", f"give the working days after period end (0 to {MAX_WORKING_DAYS})"
            )
        if rule.day is not None:
            found.add("day", "a rule counted in working days takes no day of the month")
        if rule.window_months != 1:
            found.add("window_months", "a rule counted in working days has no window")
    else:
        if rule.frequency is not None:
            found.add("frequency", f"only an '{Recurrence.AFTER_PERIOD_END.value}' rule takes it")
        if rule.working_days is not None:
            found.add(
                "working_days", f"only an '{Recurrence.AFTER_PERIOD_END.value}' rule takes it"
            )
    return found.problems


def _window(rule: RecurrenceRule, year: int, month: int, number: int) -> Occurrence:
    last_year, last_month = _add_months(year, month, rule.window_months - 1)
    if rule.day is None:
        due = last_working_day_of_month(last_year, last_month)
    else:
        days = calendar.monthrange(last_year, last_month)[1]
        target = date(last_year, last_month, min(rule.day, days))
        due = working_day_on_or_before(target)
        if due.month != last_month:
            # Early in a month that opens with holidays: the first working day after instead.
            due = add_working_days(target, 0)
    return Occurrence(number=number, starts_on=date(year, month, 1), due_on=due)


def occurrences(rule: RecurrenceRule, year: int) -> list[Occurrence]:
    """The rule's occurrences in financial year ``year`` (2008 = 2008-09), in date order.

    The rule must be sound (see :func:`check_rule`).
    """
    kind = rule.recurrence
    if kind is Recurrence.AFTER_PERIOD_END:
        assert rule.frequency is not None and rule.working_days is not None
        return [
            Occurrence(
                number=p.position,
                starts_on=p.end + timedelta(days=1),
                due_on=add_working_days(p.end, rule.working_days),
                period=p.code,
            )
            for p in periods_in_year(year, rule.frequency)
        ]
    if kind is Recurrence.MONTHLY:
        positions = list(range(1, 13))
    elif kind is Recurrence.QUARTERLY:
        assert rule.month_of_quarter is not None
        positions = [q * 3 + rule.month_of_quarter for q in range(4)]
    else:
        positions = sorted(month_position(m) for m in rule.months)
    found = []
    for position in positions:
        cal_year, month = calendar_month(year, position)
        number = (position - 1) // 3 + 1 if kind is Recurrence.QUARTERLY else position
        found.append(_window(rule, cal_year, month, number))
    return found


def describe(rule: RecurrenceRule) -> str:
    """The rule in words, for people reading a template."""
    kind = rule.recurrence
    window = f" (over {rule.window_months} months)" if rule.window_months > 1 else ""
    when = "by the last working day" if rule.day is None else f"by day {rule.day}"
    if kind is Recurrence.MONTHLY:
        return f"Every month, {when}"
    if kind is Recurrence.QUARTERLY:
        ordinal = {1: "first", 2: "second", 3: "third"}.get(rule.month_of_quarter or 0, "?")
        return f"Every quarter, in its {ordinal} month{window}, {when}"
    if kind is Recurrence.MONTHS:
        ordered = sorted(rule.months, key=month_position)
        names = ", ".join(MONTH_NAMES[m] for m in ordered)
        return f"In {names}{window}, {when}"
    frequency = rule.frequency.value if rule.frequency else "?"
    return f"{rule.working_days} working days after each {frequency} period ends"
