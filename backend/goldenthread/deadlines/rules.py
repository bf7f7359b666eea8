"""Data-collection deadlines (pure functions).

A period's figure is due a set number of working days after the period ends (default 10),
counting only working days in England and Wales. Whether it is *in* depends on its outturn's
data-quality status: ``submitted``, ``verified`` and ``qualified`` are in (the owner has handed
the figure over; audit qualifying it later does not make it missing), while ``draft`` is not in
(the owner is still working on it) and neither is no outturn at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import Frequency, Period, period_containing
from goldenthread.periods.workdays import add_working_days

IN_STATUSES = frozenset({OutturnStatus.SUBMITTED, OutturnStatus.VERIFIED, OutturnStatus.QUALIFIED})
DEFAULT_WORKING_DAYS = 10
DEFAULT_DUE_SOON_DAYS = 7
DEFAULT_LOOKBACK_DAYS = 400


class DeadlineState(StrEnum):
    RECEIVED = "received"  # the figure is in (submitted, verified or qualified)
    OVERDUE = "overdue"  # not in, and the deadline has passed
    DUE_SOON = "due_soon"  # not in, and the deadline is within the due-soon window
    DUE = "due"  # not in; the period has ended, the deadline is further off
    UPCOMING = "upcoming"  # the period has not ended yet


@dataclass(frozen=True)
class DeadlineRule:
    working_days_after: int = DEFAULT_WORKING_DAYS
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    lookback_days: int = DEFAULT_LOOKBACK_DAYS

    def deadline(self, period: Period) -> date:
        return add_working_days(period.end, self.working_days_after)


def is_in(status: OutturnStatus | None) -> bool:
    return status in IN_STATUSES


def state_of(
    rule: DeadlineRule, period: Period, deadline: date, status: OutturnStatus | None, as_of: date
) -> DeadlineState:
    if is_in(status):
        return DeadlineState.RECEIVED
    if deadline < as_of:
        return DeadlineState.OVERDUE
    if (deadline - as_of).days <= rule.due_soon_days:
        return DeadlineState.DUE_SOON
    if period.end < as_of:
        return DeadlineState.DUE
    return DeadlineState.UPCOMING


def is_late(deadline: date, received_on: date | None) -> bool:
    return received_on is not None and received_on > deadline


def periods_in_window(
    frequency: Frequency, rule: DeadlineRule, as_of: date, deadlines: dict[Period, date]
) -> list[Period]:
    """The periods of a frequency a dashboard shows on ``as_of``: those that have ended (or
    whose deadline is already within the due-soon window) and whose deadline falls no more than
    ``lookback_days`` before ``as_of``. ``deadlines`` caches each period's deadline."""
    earliest = as_of - timedelta(days=rule.lookback_days)
    found: list[Period] = []
    period = period_containing(frequency, as_of)
    # Walk back from the current period; deadlines only move earlier as periods do.
    for _ in range(400):
        deadline = deadlines.get(period)
        if deadline is None:
            deadline = deadlines[period] = rule.deadline(period)
        if deadline < earliest:
            break
        ended = period.end < as_of
        if ended or (deadline - as_of).days <= rule.due_soon_days:
            found.append(period)
        period = period.previous()
    found.reverse()
    return found
