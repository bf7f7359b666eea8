"""Rules of a manager's annual commitments, the balanced scorecard (pure functions).

A director's or head of service's commitments for a financial year are rows in four
quadrants. They are agreed with, and signed off by, the manager's own line manager, and
reviewed formally twice a year, usually in September and January.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Quadrant(StrEnum):
    CUSTOMERS = "customers"
    OPERATIONS = "operations"
    RESOURCES = "resources"
    INNOVATION_AND_LEARNING = "innovation_and_learning"


QUADRANT_LABELS = {
    Quadrant.CUSTOMERS: "Our Customers",
    Quadrant.OPERATIONS: "Our Operations",
    Quadrant.RESOURCES: "Our Resources",
    Quadrant.INNOVATION_AND_LEARNING: "Our Innovation and Learning",
}


class ReviewKind(StrEnum):
    SEPTEMBER = "september"
    JANUARY = "january"


# The calendar month each formal review is named after.
REVIEW_MONTH = {ReviewKind.SEPTEMBER: 9, ReviewKind.JANUARY: 1}

# Fields of a row that stay open to change once the commitments are signed off: what is
# agreed is fixed, how it is going is not.
OPEN_AFTER_SIGN_OFF = frozenset({"progress"})


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of financial year ``year`` (2008 = 2008-09)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def usual_review_day(kind: ReviewKind, year: int) -> date:
    """The first of the review's month within the financial year (January is next year's)."""
    month = REVIEW_MONTH[kind]
    return date(year + (1 if month < 4 else 0), month, 1)


def review_date_problem(kind: ReviewKind, year: int, held_on: date, today: date) -> str | None:
    """Why a review of the year's commitments cannot be dated ``held_on``, or None. Reviews
    are usually in their month but may slip, so any day of the financial year is accepted;
    a January review cannot come before the September one's month."""
    first, last = year_bounds(year)
    if not first <= held_on <= last:
        return (
            f"the review must be held within the financial year, {first.isoformat()} to "
            f"{last.isoformat()}"
        )
    if held_on > today:
        return f"{held_on.isoformat()} is in the future"
    if kind is ReviewKind.JANUARY and held_on < usual_review_day(ReviewKind.SEPTEMBER, year):
        return "the January review cannot be held before September"
    return None


class SignOffRefusal(StrEnum):
    ALREADY = "these commitments are already signed off"
    NO_LINE_MANAGER = "the manager has no line manager recorded, so no one can sign these off"
    OWN = "a manager cannot sign off their own commitments"
    NOT_LINE_MANAGER = "only the manager's own line manager may sign off these commitments"

    @property
    def is_permission(self) -> bool:
        """A refusal of who is asking (403), not of the state of the commitments (409)."""
        return self in (SignOffRefusal.OWN, SignOffRefusal.NOT_LINE_MANAGER)


def sign_off_refusal(
    signer_id: int, manager_id: int, line_manager_id: int | None, signed_off: bool
) -> SignOffRefusal | None:
    """Why ``signer_id`` may not sign off the commitments of ``manager_id``, or None: only
    the manager's own line manager may, and once."""
    if signer_id == manager_id:
        return SignOffRefusal.OWN
    if line_manager_id is None:
        return SignOffRefusal.NO_LINE_MANAGER
    if signer_id != line_manager_id:
        return SignOffRefusal.NOT_LINE_MANAGER
    if signed_off:
        return SignOffRefusal.ALREADY
    return None


def locked_fields(changed: set[str], signed_off: bool) -> list[str]:
    """The changed fields of a row that may not change now (sorted)."""
    if not signed_off:
        return []
    return sorted(changed - OPEN_AFTER_SIGN_OFF)
