"""Working days in England and Wales: Monday to Friday, less bank holidays.

Bank holidays come from the maintained ``holidays`` package rather than a list typed here:
substitute days (a holiday falling at a weekend) and one-off days (royal occasions) are
announced year by year, and the package is updated when they are. England and Wales share one
set of bank holidays (Scotland and Northern Ireland differ), which the package calls subdivision
``ENG`` of ``GB``.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "LONDON",
    "add_working_days",
    "bank_holiday_name",
    "is_working_day",
    "last_working_day_of_month",
    "today_in_london",
    "working_day_on_or_before",
]

LONDON = ZoneInfo("Europe/London")
# Counting working days never needs to walk further than this; a bound keeps a mistaken rule
# (or a bad year) from looping for ever.
_MAX_STEPS = 3660


@cache
def _bank_holidays() -> holidays.HolidayBase:
    # Years are filled in lazily as dates are looked up.
    return holidays.country_holidays("GB", subdiv="ENG")


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday's name, or None on an ordinary day."""
    name = _bank_holidays().get(day)
    return None if name is None else str(name)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted).

    ``count`` 0 gives ``start`` when it is a working day, else the next working day.
    """
    if count < 0:
        raise ValueError("count must be zero or more")
    day = start
    if count == 0:
        steps = 0
        while not is_working_day(day):
            day += timedelta(days=1)
            steps += 1
            if steps > _MAX_STEPS:
                raise ValueError("no working day found")
        return day
    counted = 0
    for _ in range(_MAX_STEPS):
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
            if counted == count:
                return day
    raise ValueError(f"{count} working days is too many")


def working_day_on_or_before(day: date) -> date:
    """``day`` if it is a working day, else the working day before it."""
    for _ in range(_MAX_STEPS):
        if is_working_day(day):
            return day
        day -= timedelta(days=1)
    raise ValueError("no working day found")


def last_working_day_of_month(year: int, month: int) -> date:
    days = calendar.monthrange(year, month)[1]
    return working_day_on_or_before(date(year, month, days))


def today_in_london() -> date:
    """Today's date where the council works: a server on UTC would otherwise be a day out for
    an hour every summer night."""
    return datetime.now(LONDON).date()
