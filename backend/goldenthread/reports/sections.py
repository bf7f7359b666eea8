"""The report's sections beyond indicator status: actions, risks, finance and data quality.

Each reads what it needs for the whole scope in one or two queries; nothing is read per
indicator, action or risk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.actions.models import Action, ActionProgress
from goldenthread.deadlines import rules as deadline_rules
from goldenthread.deadlines import service as deadline_service
from goldenthread.deadlines.rules import DeadlineRule
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import OutturnStatus
from goldenthread.periods.rules import Period, parse_period
from goldenthread.reports import rules
from goldenthread.reports.models import FinanceFigure
from goldenthread.reports.schemas import (
    ActionItemRead,
    DataQualityItemRead,
    DataQualityRead,
    FinanceRowRead,
    FinanceSectionRead,
    ProgressUpdateRead,
    RiskItemRead,
)
from goldenthread.reports.scope import ResolvedScope, Units, open_risks
from goldenthread.risks import rules as risk_rules
from goldenthread.risks.models import Risk, RiskReview
from goldenthread.status.schemas import RagCounts, StatusRead
from goldenthread.users.models import User

# --- actions -----------------------------------------------------------------------------


@dataclass
class ActionRow:
    """An action with its state on the report date; owner names are filled in at the end."""

    row: Any
    as_at: rules.ActionAsAt
    updates: list[ProgressUpdateRead]
    since_previous: list[ProgressUpdateRead]

    def read(self, names: dict[int, str]) -> ActionItemRead:
        r = self.row
        return ActionItemRead(
            id=r.id,
            code=r.code,
            title=r.title,
            is_milestone=r.parent_id is not None,
            parent_id=r.parent_id,
            indicator_id=r.indicator_id,
            objective_id=r.objective_id,
            owner_id=r.owner_id,
            owner_name=names.get(r.owner_id) if r.owner_id else None,
            org_unit_id=r.org_unit_id,
            start_on=r.start_on,
            due_on=r.due_on,
            status=self.as_at.status,
            percent_complete=self.as_at.percent_complete,
            expected_percent=self.as_at.expected_percent,
            overdue=self.as_at.overdue,
            at_risk=self.as_at.at_risk,
            days_overdue=self.as_at.days_overdue,
            days_left=self.as_at.days_left,
            latest_update=self.updates[-1] if self.updates else None,
            updates_since_previous=self.since_previous,
        )


async def load_actions(
    conn: AsyncConnection,
    scope: ResolvedScope,
    *,
    as_of: date,
    previous_as_of: date,
    today: date,
    at_risk_days: int,
) -> list[ActionRow]:
    """Every action and milestone in scope as it stood on the report date. Two queries."""
    actions = (
        await conn.execute(
            select(
                Action.id,
                Action.code,
                Action.title,
                Action.parent_id,
                Action.indicator_id,
                Action.objective_id,
                Action.owner_id,
                Action.org_unit_id,
                Action.start_on,
                Action.due_on,
                Action.status,
                Action.percent_complete,
                Action.completed_on,
            )
            .where(scope.actions)
            .order_by(Action.due_on, Action.id)
        )
    ).all()
    if not actions:
        return []
    updates: dict[int, list[Any]] = defaultdict(list)
    for update in (
        await conn.execute(
            select(
                ActionProgress.action_id,
                ActionProgress.reported_on,
                ActionProgress.note,
                ActionProgress.status,
                ActionProgress.percent_complete,
                ActionProgress.author_name,
            )
            .where(
                ActionProgress.action_id.in_(select(Action.id).where(scope.actions)),
                ActionProgress.reported_on <= as_of,
            )
            .order_by(ActionProgress.reported_on, ActionProgress.id)
        )
    ).all():
        updates[update.action_id].append(update)
    rows = []
    for action in actions:
        own = updates.get(action.id, [])
        reads = [
            ProgressUpdateRead(
                reported_on=u.reported_on,
                note=u.note,
                status=_text(u.status),
                percent_complete=u.percent_complete,
                author_name=u.author_name,
            )
            for u in own
        ]
        as_at = rules.action_as_at(
            status=str(_text(action.status)),
            percent_complete=action.percent_complete,
            start_on=action.start_on,
            due_on=action.due_on,
            completed_on=action.completed_on,
            updates=[
                rules.ProgressPoint(u.reported_on, _text(u.status), u.percent_complete) for u in own
            ],
            as_of=as_of,
            today=today,
            at_risk_days=at_risk_days,
        )
        since = [u for u in reads if u.reported_on > previous_as_of]
        rows.append(ActionRow(action, as_at, reads, since))
    return rows


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


# --- risks -------------------------------------------------------------------------------


@dataclass
class RiskRow:
    row: Any
    likelihood: int
    impact: int
    score: int
    previous_score: int | None

    def read(self, names: dict[int, str]) -> RiskItemRead:
        r = self.row
        change = None if self.previous_score is None else self.score - self.previous_score
        return RiskItemRead(
            id=r.id,
            code=r.code,
            title=r.title,
            category=str(_text(r.category)),
            owner_name=names.get(r.owner_id) if r.owner_id else None,
            org_unit_id=r.org_unit_id,
            likelihood=self.likelihood,
            impact=self.impact,
            score=self.score,
            band=risk_rules.band_of_score(self.score).value,
            previous_score=self.previous_score,
            change=change,
        )


def _score_on(reviews: list[Any], day: date) -> tuple[int, int] | None:
    """The residual scores set by the review current on ``day``, if one had been held."""
    held = [r for r in reviews if r.reviewed_on <= day]
    latest = risk_rules.latest_review(
        risk_rules.ReviewKey(r.period, r.reviewed_on, r.id) for r in held
    )
    if latest is None:
        return None
    found = next(r for r in held if r.id == latest.sequence)
    return found.likelihood, found.impact


async def load_risks(
    conn: AsyncConnection, scope: ResolvedScope, *, as_of: date, previous_as_of: date
) -> list[RiskRow]:
    """Open risks in scope, scored as at the report date and the previous one. Two queries."""
    conditions = open_risks(scope)
    risks = (
        await conn.execute(
            select(
                Risk.id,
                Risk.code,
                Risk.code_key,
                Risk.title,
                Risk.category,
                Risk.owner_id,
                Risk.org_unit_id,
                Risk.residual_likelihood,
                Risk.residual_impact,
            ).where(*conditions)
        )
    ).all()
    if not risks:
        return []
    reviews: dict[int, list[Any]] = defaultdict(list)
    for review in (
        await conn.execute(
            select(
                RiskReview.id,
                RiskReview.risk_id,
                RiskReview.period,
                RiskReview.likelihood,
                RiskReview.impact,
                RiskReview.reviewed_on,
            ).where(
                RiskReview.risk_id.in_(select(Risk.id).where(*conditions)),
                RiskReview.reviewed_on <= as_of,
            )
        )
    ).all():
        reviews[review.risk_id].append(review)
    rows = []
    for risk in risks:
        own = reviews.get(risk.id, [])
        now = _score_on(own, as_of) or (risk.residual_likelihood, risk.residual_impact)
        before = _score_on(own, previous_as_of)
        rows.append(
            RiskRow(
                risk,
                now[0],
                now[1],
                now[0] * now[1],
                None if before is None else before[0] * before[1],
            )
        )
    rows.sort(key=lambda r: (-r.score, r.row.code_key))
    return rows


# --- finance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    org_unit_id: int
    period: str
    budget: Decimal
    forecast: Decimal | None
    actual: Decimal | None
    note: str


def _plain(value: Decimal) -> Decimal:
    found = rules.plain(value)
    assert found is not None
    return found


def _latest_by_unit(rows: Iterable[Any], period: Period) -> dict[int, Any]:
    """Each unit's latest monitoring figures of the period's year, up to the period's end."""
    found: dict[int, tuple[date, Any]] = {}
    for row in rows:
        monitored = parse_period(row.period)
        if monitored.year != period.year or monitored.end > period.end:
            continue
        kept = found.get(row.org_unit_id)
        if kept is None or monitored.end > kept[0]:
            found[row.org_unit_id] = (monitored.end, row)
    return {unit: row for unit, (_, row) in found.items()}


async def finance_section(
    conn: AsyncConnection,
    units: Units,
    finance_units: set[int] | None,
    period: Period,
    previous: Period,
    statuses: list[StatusRead],
) -> FinanceSectionRead:
    """Budget, forecast outturn and variance by service, beside its indicators' statuses.
    One query."""
    query = select(
        FinanceFigure.org_unit_id,
        FinanceFigure.period,
        FinanceFigure.budget,
        FinanceFigure.forecast,
        FinanceFigure.actual,
        FinanceFigure.note,
    ).where(FinanceFigure.year.in_(sorted({period.year, previous.year})))
    if finance_units is not None:
        query = query.where(FinanceFigure.org_unit_id.in_(sorted(finance_units)))
    rows = [
        Figures(
            r.org_unit_id,
            r.period,
            _plain(r.budget),
            rules.plain(r.forecast),
            rules.plain(r.actual),
            r.note,
        )
        for r in (await conn.execute(query)).all()
    ]
    now = _latest_by_unit(rows, period)
    then = _latest_by_unit(rows, previous)
    by_unit: dict[int, list[StatusRead]] = defaultdict(list)
    for item in statuses:
        if item.org_unit_id is not None:
            by_unit[item.org_unit_id].append(item)
    section_rows = []
    for unit_id, row in now.items():
        counts: dict[str, int] = defaultdict(int)
        for member in units.subtree(unit_id):
            for item in by_unit.get(member, []):
                counts[item.rag.value] += 1
        difference, percent = rules.variance(row.budget, row.forecast)
        earlier = then.get(unit_id)
        section_rows.append(
            FinanceRowRead(
                org_unit_id=unit_id,
                org_unit=units.names.get(unit_id, str(unit_id)),
                period=row.period,
                budget=row.budget,
                forecast=row.forecast,
                actual=row.actual,
                variance=difference,
                variance_percent=percent,
                previous_variance=(
                    rules.variance(earlier.budget, earlier.forecast)[0] if earlier else None
                ),
                note=row.note,
                performance=RagCounts(**counts),
            )
        )
    section_rows.sort(key=lambda r: r.org_unit.casefold())
    # Totals over the units without double counting a unit inside another that has figures.
    top = [
        r
        for r in section_rows
        if not any(
            other.org_unit_id != r.org_unit_id and r.org_unit_id in units.subtree(other.org_unit_id)
            for other in section_rows
        )
    ]
    budget = sum((r.budget for r in top), Decimal(0))
    forecasts = [r.forecast for r in top]
    forecast = (
        sum((f for f in forecasts if f is not None), Decimal(0))
        if top and all(f is not None for f in forecasts)
        else None
    )
    total_variance, total_percent = rules.variance(_plain(budget), rules.plain(forecast))
    return FinanceSectionRead(
        year=period.financial_year.code,
        rows=section_rows,
        budget=_plain(budget),
        forecast=rules.plain(forecast),
        variance=total_variance,
        variance_percent=total_percent,
    )


# --- data quality ------------------------------------------------------------------------

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
    received = await deadline_service._first_handed_in(conn, matching, codes)
    deadline_of = {code: rule.deadline(parse_period(code)) for code in codes}
    counts = {"due": 0, "missing": 0, "late": 0, "unverified": 0, "qualified": 0, "not_yet_due": 0}
    items: list[DataQualityItemRead] = []
    owners: dict[int, int | None] = {}
    for item in statuses:
        deadline = deadline_of[item.period]
        status = item.data_quality
        passed = deadline < as_of
        received_on = (
            deadline_service._received_on(received.get((item.indicator_id, item.period)))
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


# --- people ------------------------------------------------------------------------------


async def names_of(conn: AsyncConnection, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await conn.execute(select(User.id, User.full_name).where(User.id.in_(sorted(user_ids))))
    return {user_id: name for user_id, name in rows.all()}
