"""Rules of appraisals (SRD/PDR): who sees one, and the completion rate (pure functions).

An appraisal is personal. The person sees their own; so do its reviewer and the person's
line managers, all the way up the chain of ``manager_id``. No one else does, however senior
their role: the performance team sees completion rates, never content.

The completion rate of an org unit over a date range is the share of its staff (active
accounts of the unit and every unit beneath it) who had an appraisal held within the range,
as a percentage rounded half-up to one decimal place. The council tracks it "in a 12 month
period, and between February and June each year".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

RATE_PLACES = Decimal("0.1")
MAX_CHAIN = 50  # far deeper than any organisation; guards against a loop in the data


def line_managers(person_id: int, manager_of: Mapping[int, int | None]) -> list[int]:
    """The person's line manager, theirs, and so on up, nearest first (a loop ends it)."""
    chain: list[int] = []
    current = manager_of.get(person_id)
    while current is not None and current != person_id and current not in chain:
        chain.append(current)
        if len(chain) >= MAX_CHAIN:
            break
        current = manager_of.get(current)
    return chain


def reports_of(viewer_id: int, manager_of: Mapping[int, int | None]) -> set[int]:
    """Everyone whose chain of line managers includes ``viewer_id``."""
    children: dict[int, list[int]] = {}
    for person, manager in manager_of.items():
        if manager is not None:
            children.setdefault(manager, []).append(person)
    found: set[int] = set()
    stack = list(children.get(viewer_id, []))
    while stack:
        person = stack.pop()
        if person in found or person == viewer_id:
            continue
        found.add(person)
        stack.extend(children.get(person, []))
    return found


def may_read(
    viewer_id: int, person_id: int, reviewer_id: int | None, manager_of: Mapping[int, int | None]
) -> bool:
    if viewer_id in (person_id, reviewer_id):
        return True
    return viewer_id in line_managers(person_id, manager_of)


def may_write(
    viewer_id: int, person_id: int, reviewer_id: int | None, manager_of: Mapping[int, int | None]
) -> bool:
    """The reviewer and the line managers record an appraisal; the person reads it."""
    if viewer_id == person_id:
        return False
    return viewer_id == reviewer_id or viewer_id in line_managers(person_id, manager_of)


def completion_rate(appraised: int, staff: int) -> Decimal | None:
    """Percentage of staff appraised, one decimal place; None when there are no staff."""
    if appraised < 0 or staff < 0:
        raise ValueError("counts cannot be negative")
    if appraised > staff:
        raise ValueError("more appraised than staff")
    if staff == 0:
        return None
    return (Decimal(appraised) * 100 / Decimal(staff)).quantize(RATE_PLACES, ROUND_HALF_UP)


def range_problem(start: date, end: date) -> str | None:
    if end < start:
        return f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})"
    return None


def held_on_problem(year: int, held_on: date, today: date) -> str | None:
    """Why the appraisal for financial year ``year`` (2008 = 2008-09) cannot have been held on
    ``held_on``, or None. The review that sets a year's objectives is often held in the
    spring before the year starts, so the 12 months before it count as well."""
    earliest, latest = date(year - 1, 4, 1), date(year + 1, 3, 31)
    if held_on > today:
        return f"{held_on.isoformat()} is in the future"
    if not earliest <= held_on <= latest:
        return (
            f"an appraisal for this year is held between {earliest.isoformat()} and "
            f"{latest.isoformat()}"
        )
    return None


def srd_window(calendar_year: int) -> tuple[date, date]:
    """The SRD season of a calendar year: 1 February to 30 June."""
    return date(calendar_year, 2, 1), date(calendar_year, 6, 30)


def plan_covers(start_year: str, end_year: str, year_code: str) -> bool:
    """Whether a plan spanning financial years ``start_year``-``end_year`` (codes such as
    2008-09, which sort as they run) covers ``year_code``."""
    return start_year <= year_code <= end_year
