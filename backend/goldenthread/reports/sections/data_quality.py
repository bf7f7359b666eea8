"""The report's data-quality section: figures missing, handed in late, unverified or
qualified, with the owners of their indicators."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.deadlines import rules as deadline_rules
from goldenthread.deadlines import service as deadline_service
from goldenthread.deadlines.rules import DeadlineRule
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import parse_period
from goldenthread.reports.schemas import DataQualityItemRead, DataQualityRead
from goldenthread.reports.scope import ResolvedScope
from goldenthread.status.schemas import StatusRead

UNVERIFIED = frozenset({OutturnStatus.DRAFT, OutturnStatus.SUBMITTED})


async def data_quality(
    conn: AsyncConnection,
    scope: ResolvedScope,
    statuses: list[StatusRead],
    rule: DeadlineRule,
    *,
    as_of: date,
) -> tuple[DataQualityRead, dict[int, int | None]]:
    """The figures judged in this report (each indicator's own period), by the data-deadline
    rule: missing (no outturn, deadline passed by the report date), late (handed in after its
    deadline, by the audit trail as the deadlines view reads it), unverified (draft or
    submitted) and qualified. One query; also each listed indicator's owner id."""
    codes = sorted({s.period for s in statuses})
    matching = select(Indicator.id).where(*scope.indicators).scalar_subquery()
    received = await deadline_service.first_handed_in(conn, matching, codes)
    deadline_of = {code: rule.deadline(parse_period(code)) for code in codes}
    counts = {"due": 0, "missing": 0, "late": 0, "unverified": 0, "qualified": 0, "not_yet_due": 0}
    items: list[DataQualityItemRead] = []
    owners: dict[int, int | None] = {}
    for item in statuses:
        deadline = deadline_of[item.period]
        status = item.data_quality
        passed = deadline < as_of
        received_on = (
            deadline_service.received_on_date(received.get((item.indicator_id, item.period)))
            if deadline_rules.is_in(status)
            else None
        )
        issues: list[Any] = []
        if status is None and passed:
            issues.append("missing")
        if deadline_rules.is_late(deadline, received_on):
            issues.append("late")
        if status in UNVERIFIED:
            issues.append("unverified")
        if status is OutturnStatus.QUALIFIED:
            issues.append("qualified")
        if passed:
            counts["due"] += 1
        elif not deadline_rules.is_in(status):
            counts["not_yet_due"] += 1
        for issue in issues:
            counts[issue] += 1
        if issues:
            owners[item.indicator_id] = item.owner_id
            items.append(
                DataQualityItemRead(
                    indicator_id=item.indicator_id,
                    code=item.code,
                    title=item.title,
                    period=item.period,
                    deadline=deadline,
                    issues=issues,
                    outturn_status=status,
                    received_on=received_on,
                    owner_name=None,
                )
            )
    items.sort(key=lambda i: (i.code.casefold(), i.period))
    return DataQualityRead(**counts, items=items), owners
