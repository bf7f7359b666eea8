"""Data-collection deadlines for the register: the rule, what is due and what is late.

Everything is computed from five queries however large the register: the rule, the org
units, the indicators, their outturns for the periods in view, and when each figure was first
handed in (from the audit trail).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import aliased

from goldenthread.audit import service as audit
from goldenthread.audit.models import AuditEntry
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Forbidden
from goldenthread.core.principal import Actor, Principal, Role, Via
from goldenthread.deadlines import rules
from goldenthread.deadlines.models import RULE_ROW_ID, DeadlineRuleRow
from goldenthread.deadlines.rules import DeadlineRule, DeadlineState
from goldenthread.deadlines.schemas import (
    DeadlineRead,
    DeadlineRuleRead,
    DeadlineRuleWrite,
)
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.organisations.tree import load_unit_tree
from goldenthread.outturns.models import Outturn, OutturnStatus
from goldenthread.periods.rules import Frequency, Period, periods_in_year
from goldenthread.periods.workdays import LONDON
from goldenthread.users.models import User

RULE_FIELDS = ("working_days_after", "due_soon_days", "lookback_days")
_STATUS = {status.value: status for status in OutturnStatus}


# --- the rule ----------------------------------------------------------------------------


async def get_rule_row(session: AsyncSession) -> DeadlineRuleRow | None:
    return await session.get(DeadlineRuleRow, RULE_ROW_ID, populate_existing=True)


def rule_of(row: DeadlineRuleRow | None) -> DeadlineRule:
    if row is None:
        return DeadlineRule()
    return DeadlineRule(row.working_days_after, row.due_soon_days, row.lookback_days)


def rule_read(row: DeadlineRuleRow | None) -> DeadlineRuleRead:
    rule = rule_of(row)
    return DeadlineRuleRead(
        working_days_after=rule.working_days_after,
        due_soon_days=rule.due_soon_days,
        lookback_days=rule.lookback_days,
        updated_by_name=row.updated_by_name if row else "",
        updated_at=row.updated_at if row else None,
        version=row.version if row else 0,
    )


async def put_rule(
    session: AsyncSession, actor: Actor, row: DeadlineRuleRow | None, data: DeadlineRuleWrite
) -> DeadlineRuleRow:
    """Set the rule; the row is created on first change (until then the defaults apply)."""
    before = audit.snapshot(row, RULE_FIELDS) if row else None
    if row is None:
        row = DeadlineRuleRow(id=RULE_ROW_ID)
        session.add(row)
    for name in RULE_FIELDS:
        setattr(row, name, getattr(data, name))
    after = audit.snapshot(row, RULE_FIELDS)
    if before == after:
        return row
    row.updated_by_name = actor.principal.name
    row.updated_at = utcnow()
    await session.flush()
    audit.record(
        session,
        actor,
        action="create" if before is None else "update",
        entity="deadline_rule",
        entity_id=RULE_ROW_ID,
        indicator_id=None,
        before=before,
        after=after,
    )
    return row


def check_may_see_all(principal: Principal) -> None:
    """Everyone sees their own deadlines; the register's, by person and directorate, are for
    the performance team, administrators and managers."""
    if not principal.has_role(Role.ADMIN, Role.PERFORMANCE, Role.MANAGER):
        raise Forbidden(
            "Only the performance team and managers may see everyone's deadlines; "
            "ask for your own with mine=true."
        )


# --- computing deadlines -----------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which indicators and periods to look at."""

    as_of: date
    year: int | None = None  # every period of this financial year, else the dashboard window
    person_id: int | None = None  # indicators this person owns or deputises for
    org_unit_id: int | None = None  # indicators of this unit and the units beneath it
    frequency: Frequency | None = None


@dataclass(slots=True)
class Deadline:
    """One indicator's figure for one period: when it is due and whether it is in. A plain
    object, so that a whole register's worth is cheap; ``read`` makes the API's shape."""

    indicator_id: int
    code: str
    title: str
    frequency: Frequency
    period: str
    period_end: date
    deadline: date
    state: DeadlineState
    outturn_status: OutturnStatus | None
    received_on: date | None
    late: bool
    days_overdue: int | None
    owner_id: int | None
    owner_name: str | None
    deputy_id: int | None
    org_unit_id: int | None
    directorate_id: int | None
    directorate: str | None
    # (deadline, code key, period): the order of lists and the key of cursors.
    sort_key: tuple[str, str, str]

    def read(self) -> DeadlineRead:
        return DeadlineRead(**{name: getattr(self, name) for name in DeadlineRead.model_fields})


@dataclass
class Deadlines:
    rule_row: DeadlineRuleRow | None
    items: list[Deadline]


def _codes_in_view(
    scope: Scope, rule: DeadlineRule, frequencies: set[Frequency], cache: dict[Period, date]
) -> dict[Frequency, list[Period]]:
    view: dict[Frequency, list[Period]] = {}
    for frequency in frequencies:
        if scope.year is not None:
            view[frequency] = periods_in_year(scope.year, frequency)
        else:
            view[frequency] = rules.periods_in_window(frequency, rule, scope.as_of, cache)
    return view


def received_on_date(moment: datetime | None) -> date | None:
    """The London calendar day of the moment a figure was handed in (a moment without a
    zone is taken as it stands)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(LONDON).date()


async def compute(session: AsyncSession, scope: Scope) -> Deadlines:
    """Every (indicator, period) deadline in scope, in deadline order. Five queries."""
    rule_row = await get_rule_row(session)
    rule = rule_of(rule_row)
    # Plain Core queries on the session's connection: rows, not ORM entities, are needed.
    conn = await session.connection()
    units = await load_unit_tree(conn)
    conditions: list[ColumnElement[bool]] = [Indicator.lifecycle == Lifecycle.ACTIVE]
    if scope.person_id is not None:
        conditions.append(
            or_(Indicator.owner_id == scope.person_id, Indicator.deputy_id == scope.person_id)
        )
    if scope.org_unit_id is not None:
        conditions.append(Indicator.org_unit_id.in_(sorted(units.subtree(scope.org_unit_id))))
    if scope.frequency is not None:
        conditions.append(Indicator.frequency == scope.frequency)
    owner = aliased(User)
    indicators = (
        await conn.execute(
            select(
                Indicator.id,
                Indicator.code,
                Indicator.code_key,
                Indicator.title,
                Indicator.frequency,
                Indicator.owner_id,
                Indicator.deputy_id,
                Indicator.org_unit_id,
                owner.full_name,
            )
            .outerjoin(owner, owner.id == Indicator.owner_id)
            .where(*conditions)
        )
    ).all()
    if not indicators:
        return Deadlines(rule_row, [])
    deadline_of: dict[Period, date] = {}
    view = _codes_in_view(scope, rule, {row[4] for row in indicators}, deadline_of)
    # Each period's code, end and deadline, worked out once for the whole register.
    periods: dict[Frequency, list[tuple[Period, str, date, date, str]]] = {}
    for frequency, in_view in view.items():
        periods[frequency] = []
        for period in in_view:
            deadline = deadline_of.get(period) or rule.deadline(period)
            periods[frequency].append(
                (period, period.code, period.end, deadline, deadline.isoformat())
            )
    codes = sorted({entry[1] for entries in periods.values() for entry in entries})
    matching = select(Indicator.id).where(*conditions).scalar_subquery()
    statuses: dict[tuple[int, str], OutturnStatus] = {
        (indicator_id, code): _STATUS[status]
        for indicator_id, code, status in (
            await conn.execute(
                select(
                    Outturn.indicator_id, Outturn.period, type_coerce(Outturn.status, String())
                ).where(Outturn.indicator_id.in_(matching), Outturn.period.in_(codes))
            )
        ).all()
    }
    received = await first_handed_in(conn, matching, codes)
    as_of = scope.as_of
    items: list[Deadline] = []
    for (
        indicator_id,
        code,
        code_key,
        title,
        frequency,
        owner_id,
        deputy_id,
        org_unit_id,
        owner_name,
    ) in indicators:
        directorate = units.directorate(org_unit_id) if org_unit_id else None
        for period, period_code, period_end, deadline, deadline_text in periods[frequency]:
            status = statuses.get((indicator_id, period_code))
            state = rules.state_of(rule, period, deadline, status, as_of)
            received_on = (
                received_on_date(received.get((indicator_id, period_code)))
                if state is DeadlineState.RECEIVED
                else None
            )
            items.append(
                Deadline(
                    indicator_id=indicator_id,
                    code=code,
                    title=title,
                    frequency=frequency,
                    period=period_code,
                    period_end=period_end,
                    deadline=deadline,
                    state=state,
                    outturn_status=status,
                    received_on=received_on,
                    late=rules.is_late(deadline, received_on),
                    days_overdue=(as_of - deadline).days
                    if state is DeadlineState.OVERDUE
                    else None,
                    owner_id=owner_id,
                    owner_name=owner_name,
                    deputy_id=deputy_id,
                    org_unit_id=org_unit_id,
                    directorate_id=directorate[0] if directorate else None,
                    directorate=directorate[1] if directorate else None,
                    sort_key=(deadline_text, code_key, period_code),
                )
            )
    items.sort(key=attrgetter("sort_key"))
    return Deadlines(rule_row, items)


async def first_handed_in(
    conn: AsyncConnection, matching: Any, codes: list[str]
) -> dict[tuple[int, str], datetime]:
    """When each figure was first recorded as submitted or beyond, from the audit trail:
    keyed by (indicator id, period code), for the indicators the ``matching`` subquery selects
    and the period ``codes`` given.

    Entries made by the system itself (the demo loader, loading history from an old system)
    are left out: they record when the figures were loaded, not when they were handed in, and
    would make every historical figure look late.
    """
    status = AuditEntry.after["status"].as_string()
    rows = (
        await conn.execute(
            select(AuditEntry.indicator_id, AuditEntry.period, func.min(AuditEntry.at))
            .where(
                AuditEntry.entity == "outturn",
                AuditEntry.indicator_id.in_(matching),
                AuditEntry.period.in_(codes),
                AuditEntry.via != Via.SYSTEM.value,
                status.in_([s.value for s in rules.IN_STATUSES]),
            )
            .group_by(AuditEntry.indicator_id, AuditEntry.period)
        )
    ).all()
    found: dict[tuple[int, str], datetime] = {}
    for indicator_id, period, first in rows:
        if indicator_id is not None and period is not None and first is not None:
            found[(indicator_id, period)] = first
    return found
