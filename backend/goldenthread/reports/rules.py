"""Rules of the integrated performance report (pure functions, no database).

The report follows the council's reporting cycle: it is bi-monthly, so the report before a
monthly period's report is the one two months earlier (M08 is compared with M06); a quarterly
period's report is compared with the previous quarter's, a year's with the year before.
``compare_to`` overrides this.

The *report date* is the day the report is compiled: the day after the period's data deadline
(the figures are then in), or today while that day has not come yet. What is overdue, at risk
or missing is judged on that day, and "since the previous report" means after the previous
report's date, up to and including this one's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from goldenthread.actions import rules as action_rules
from goldenthread.actions.models import ActionStatus
from goldenthread.periods.rules import Frequency, Period, period_of
from goldenthread.status.values import Rag, Trend

# How many months back the previous report of the bi-monthly cycle is.
REPORT_CYCLE_MONTHS = 2
DEFAULT_AT_RISK_DAYS = 30
DEFAULT_TOP_RISKS = 5

RAG_WORDS = {
    Rag.GREEN: "Green (on target)",
    Rag.AMBER: "Amber (just below target)",
    Rag.RED: "Red (below target)",
    Rag.NO_TARGET: "No target",
    Rag.NO_DATA: "No data",
    Rag.NOT_APPLICABLE: "Not judged",
}
TREND_WORDS = {
    Trend.IMPROVING: "Improving",
    Trend.WORSENING: "Worsening",
    Trend.NO_CHANGE: "No change",
    Trend.NOT_COMPARABLE: "Not comparable",
    Trend.NOT_APPLICABLE: "Not applicable",
}
# Judged statuses, worst first: a move up this ladder is an improvement.
_LADDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


class ScopeKind(StrEnum):
    COUNCIL = "council"
    ORG_UNIT = "org_unit"
    PLAN = "plan"
    SET = "set"


@dataclass(frozen=True)
class ScopeSpec:
    kind: ScopeKind
    id: int | None = None  # org unit or plan
    set_name: str | None = None

    @property
    def code(self) -> str:
        if self.kind is ScopeKind.COUNCIL:
            return "council"
        if self.kind is ScopeKind.SET:
            return f"set:{self.set_name}"
        return f"{self.kind.value}:{self.id}"


SCOPE_FORMS = "council, org_unit:<id>, plan:<id> or set:<name> (e.g. set:LAA)"


def parse_scope(text: str | None) -> ScopeSpec:
    """``council`` (the default), ``org_unit:12`` (with the units beneath), ``plan:3`` (with
    the plans beneath) or ``set:LAA``; raises ValueError naming the accepted forms."""
    value = (text or "").strip()
    if not value or value.lower() == "council":
        return ScopeSpec(ScopeKind.COUNCIL)
    kind, sep, rest = value.partition(":")
    kind, rest = kind.strip().lower(), rest.strip()
    if sep and kind == "set" and rest and len(rest) <= 40:
        return ScopeSpec(ScopeKind.SET, set_name=rest.upper())
    if sep and kind in (ScopeKind.ORG_UNIT, ScopeKind.PLAN) and rest.isdigit() and len(rest) < 10:
        return ScopeSpec(ScopeKind(kind), id=int(rest))
    raise ValueError(f"{value!r} is not a scope: use {SCOPE_FORMS}")


def previous_report_period(period: Period) -> Period:
    """The period of the previous report in the bi-monthly cycle."""
    if period.frequency is Frequency.MONTHLY:
        index = period.year * 12 + period.position - 1 - REPORT_CYCLE_MONTHS
        return period_of(Frequency.MONTHLY, index // 12, index % 12 + 1)
    return period.previous()


def report_date(data_deadline: date, today: date) -> date:
    """The day the report is compiled: the day after the data deadline, or today if earlier."""
    return min(data_deadline + timedelta(days=1), today)


def rag_words(rag: Rag) -> str:
    return RAG_WORDS[rag]


def highlight_reason(
    rag: Rag, previous_rag: Rag | None, trend: Trend, previous_trend: Trend | None
) -> str | None:
    """Why an indicator is a highlight (celebrating success), or None.

    ``turned_green``: green now, amber or red at the previous report; ``moved_up``: amber now,
    red at the previous report; ``started_improving``: still judged the same or better, and now
    better than a year ago where at the previous report it was not.
    """
    now, before = _LADDER.get(rag), _LADDER.get(previous_rag) if previous_rag else None
    if now is not None and before is not None and now > before:
        return "turned_green" if rag is Rag.GREEN else "moved_up"
    if (
        trend is Trend.IMPROVING
        and previous_trend in (Trend.WORSENING, Trend.NO_CHANGE)
        and now is not None
        and (before is None or now >= before)
    ):
        return "started_improving"
    return None


HIGHLIGHT_WORDS = {
    "turned_green": "Turned green since the previous report",
    "moved_up": "Moved from red to amber since the previous report",
    "started_improving": "Now improving on last year (it was not at the previous report)",
}


# --- actions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPoint:
    reported_on: date
    status: str | None
    percent_complete: int | None


@dataclass(frozen=True)
class ActionAsAt:
    """An action as it stood on the report date."""

    status: str
    percent_complete: int
    overdue: bool
    at_risk: bool
    expected_percent: int | None  # where the schedule says it should be by the report date
    days_overdue: int | None
    days_left: int | None


def action_as_at(
    *,
    status: str,
    percent_complete: int,
    start_on: date | None,
    due_on: date | None,
    completed_on: date | None,
    updates: list[ProgressPoint],
    as_of: date,
    today: date,
    at_risk_days: int,
) -> ActionAsAt:
    """Status and percent complete on ``as_of``, from the action and its dated updates.

    For a report date before today, completion after that date does not count and the percent
    is the one last reported by then (the current one where nothing was reported by then).

    - overdue: past its due date on the report date and neither complete nor cancelled;
    - at risk: not overdue, due within ``at_risk_days`` of the report date and behind schedule,
      that is its percent complete is below the share of its schedule already elapsed (the
      schedule runs from the start date, or ``at_risk_days`` before the due date where none
      is given, to the due date).
    """
    state, percent = status, percent_complete
    if as_of < today:
        done_by_then = status == ActionStatus.COMPLETE and (
            completed_on is None or completed_on <= as_of
        )
        earlier = [u for u in updates if u.reported_on <= as_of]
        if not done_by_then and status != ActionStatus.CANCELLED:
            last_status = next((u.status for u in reversed(earlier) if u.status), None)
            last_percent = next(
                (u.percent_complete for u in reversed(earlier) if u.percent_complete is not None),
                None,
            )
            if status == ActionStatus.COMPLETE:
                # Finished after the report date: as it was then.
                state = last_status or ActionStatus.IN_PROGRESS
                if state == ActionStatus.COMPLETE:
                    state = ActionStatus.IN_PROGRESS
                percent = min(last_percent if last_percent is not None else 0, 99)
            elif last_percent is not None:
                percent = last_percent
    open_ = state not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
    overdue = action_rules.is_overdue(ActionStatus(state), due_on, as_of)
    expected: int | None = None
    at_risk = False
    days_left = (due_on - as_of).days if due_on is not None else None
    if open_ and due_on is not None and not overdue:
        start = start_on if start_on is not None else due_on - timedelta(days=at_risk_days)
        expected = expected_percent(start, due_on, as_of)
        at_risk = days_left is not None and days_left <= at_risk_days and percent < expected
    return ActionAsAt(
        status=str(state),
        percent_complete=percent,
        overdue=overdue,
        at_risk=at_risk,
        expected_percent=expected,
        days_overdue=(as_of - due_on).days if overdue and due_on is not None else None,
        days_left=days_left if open_ and not overdue else None,
    )


def expected_percent(start: date, due: date, as_of: date) -> int:
    """The share of the schedule from ``start`` to ``due`` elapsed by ``as_of``, 0 to 100."""
    span = (due - start).days
    if span <= 0:
        return 100 if as_of >= due else 0
    elapsed = min(max((as_of - start).days, 0), span)
    return int((Decimal(elapsed) * 100 / span).to_integral_value(rounding=ROUND_HALF_UP))


# --- finance -----------------------------------------------------------------------------


def variance(budget: Decimal, forecast: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """Forecast outturn less budget (positive: an overspend), and that as a percent of the
    budget to one decimal place."""
    if forecast is None:
        return None, None
    difference = forecast - budget
    if budget == 0:
        return difference, None
    percent = (difference * 100 / budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return difference, percent
