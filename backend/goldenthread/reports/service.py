"""Building the integrated performance report for a period and a scope.

A fixed number of queries, however many indicators, actions or risks are in scope: the
org units, the deadline rule, the statuses now and at the previous report (five each, or
served by the status cache), the actions and their updates, the risks and their reviews, the
budget figures, the data deadlines (five per financial year judged) and the people's names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, ValidationFailed
from goldenthread.core.principal import Principal
from goldenthread.deadlines import service as deadlines
from goldenthread.organisations.tree import UnitTree, load_unit_tree
from goldenthread.periods.rules import Period
from goldenthread.reports import benchmark as benchmark_column
from goldenthread.reports import rules
from goldenthread.reports.rules import ScopeKind, ScopeSpec
from goldenthread.reports.schemas import (
    ActionsSectionRead,
    ExceptionRead,
    HeadlineRead,
    HighlightRead,
    IprRead,
    RisksSectionRead,
    ScopeRead,
)
from goldenthread.reports.scope import ResolvedScope, resolve
from goldenthread.reports.sections import actions as action_section
from goldenthread.reports.sections import data_quality as quality_section
from goldenthread.reports.sections import finance as finance_section
from goldenthread.reports.sections import people as people_section
from goldenthread.reports.sections import risks as risk_section
from goldenthread.status import service as status
from goldenthread.status.cache import StatusCache
from goldenthread.status.schemas import StatusRead, StatusSummary
from goldenthread.status.values import Rag

TITLE = "Integrated Performance Report"


@dataclass(frozen=True)
class IprRequest:
    period: Period
    scope: ScopeSpec
    compare_to: Period | None = None
    include_amber: bool = False
    at_risk_days: int = rules.DEFAULT_AT_RISK_DAYS
    top_risks: int = rules.DEFAULT_TOP_RISKS
    as_of: date | None = None
    benchmark_group: str | None = None
    benchmark_year: int | None = None


def check_compare_to(period: Period, compare_to: Period | None) -> None:
    if compare_to is not None and compare_to.end >= period.end:
        message = (
            f"{compare_to.code} does not end before {period.code}: compare with an earlier one"
        )
        raise ValidationFailed(message, [FieldError("compare_to", message)])


async def _statuses(
    session: AsyncSession,
    cache: StatusCache | None,
    principal: Principal,
    scope: ResolvedScope,
    period: Period,
    previous: Period,
) -> tuple[list[StatusRead], list[StatusRead]]:
    """The same statuses the register's status view gives for this scope, at the report's
    period and the one it compares with (from its cache where the scope is one of its
    filters), computed together from one load of the figures."""
    spec = scope.spec
    if cache is not None and spec.kind is not ScopeKind.PLAN:
        found = await status.register_statuses_at(
            session,
            cache,
            principal,
            [period, previous],
            set_name=spec.set_name,
            org_unit_id=spec.id if spec.kind is ScopeKind.ORG_UNIT else None,
            lifecycle="active",
        )
    else:
        found = await status.compute_statuses_at(session, [period, previous], scope.indicators)
    return found[period], found[previous]


def _headline(now: StatusSummary, then: StatusSummary) -> HeadlineRead:
    counts, before = now.counts.model_dump(), then.counts.model_dump()
    score, previous_score = now.direction_of_travel.score, then.direction_of_travel.score
    return HeadlineRead(
        total=now.total,
        counts=now.counts,
        direction_of_travel=now.direction_of_travel,
        previous_total=then.total,
        previous_counts=then.counts,
        previous_direction_of_travel=then.direction_of_travel,
        change={rag: counts[rag] - before[rag] for rag in counts},
        direction_of_travel_change=(
            None if score is None or previous_score is None else score - previous_score
        ),
    )


async def build_ipr(
    session: AsyncSession,
    principal: Principal,
    request: IprRequest,
    *,
    cache: StatusCache | None = None,
    today: date | None = None,
) -> IprRead:
    today = today or date.today()
    period = request.period
    check_compare_to(period, request.compare_to)
    group = (
        await benchmark_column.find_group(session, request.benchmark_group)
        if request.benchmark_group
        else None
    )
    conn = await session.connection()
    units = await load_unit_tree(conn)
    scope = await resolve(conn, request.scope, units)
    rule = deadlines.rule_of(await deadlines.get_rule_row(session))
    previous = request.compare_to or rules.previous_report_period(period)
    as_of = request.as_of or rules.report_date(rule.deadline(period), today)
    previous_as_of = min(
        rules.report_date(rule.deadline(previous), today), as_of - timedelta(days=1)
    )

    items, earlier = await _statuses(session, cache, principal, scope, period, previous)
    before = {item.indicator_id: item for item in earlier}
    headline = _headline(
        status.summarise(period, items, set()), status.summarise(previous, earlier, set())
    )

    actions = await action_section.load_actions(
        conn,
        scope,
        as_of=as_of,
        previous_as_of=previous_as_of,
        today=today,
        at_risk_days=request.at_risk_days,
    )
    risks = await risk_section.load_risks(conn, scope, as_of=as_of, previous_as_of=previous_as_of)
    finance_units = scope.finance_units
    if scope.add_indicator_units and finance_units is not None:
        finance_units = finance_units | units.with_ancestors(
            {i.org_unit_id for i in items if i.org_unit_id is not None}
        )
    finance = await finance_section.finance_section(
        conn, units, finance_units, period, previous, items
    )
    quality, quality_owners = await quality_section.data_quality(
        conn, scope, items, rule, as_of=as_of
    )

    judged = {Rag.RED, Rag.AMBER} if request.include_amber else {Rag.RED}
    exceptional = sorted(
        (i for i in items if i.rag in judged),
        key=lambda i: (i.rag is not Rag.RED, i.code.casefold()),
    )
    remedial: dict[int, list[action_section.ActionRow]] = {}
    for action in actions:
        if action.row.indicator_id is not None:
            remedial.setdefault(action.row.indicator_id, []).append(action)
    highlights = []
    for item in items:
        then = before.get(item.indicator_id)
        reason = rules.highlight_reason(
            item.rag, then.rag if then else None, item.trend, then.trend if then else None
        )
        if reason is not None:
            highlights.append((reason, item, then))
    highlights.sort(key=lambda h: (h[0], h[1].code.casefold()))
    overdue = [a for a in actions if a.as_at.overdue]
    at_risk = sorted(
        (a for a in actions if a.as_at.at_risk), key=lambda a: (a.row.due_on, a.row.id)
    )
    highest = risks[: request.top_risks]
    changed = [r for r in risks if r.previous_score is not None and r.previous_score != r.score]

    people = {i.owner_id for i in exceptional if i.owner_id}
    people |= {h[1].owner_id for h in highlights if h[1].owner_id}
    people |= {a.row.owner_id for a in actions if a.row.owner_id}
    people |= {r.row.owner_id for r in risks if r.row.owner_id}
    people |= {owner for owner in quality_owners.values() if owner}
    names = await people_section.names_of(conn, people)
    column = None
    if group is not None:
        column = await benchmark_column.column(
            session,
            group,
            request.benchmark_year,
            period.year,
            {i.indicator_id for i in exceptional} | {h[1].indicator_id for h in highlights},
        )
    cells = column.cells if column else {}
    for entry in quality.items:
        owner = quality_owners.get(entry.indicator_id)
        entry.owner_name = names.get(owner) if owner else None

    return IprRead(
        title=TITLE,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        previous_period=previous.code,
        previous_basis="compare_to" if request.compare_to else "cycle",
        as_of=as_of,
        previous_as_of=previous_as_of,
        scope=ScopeRead(
            kind=request.scope.kind,
            code=request.scope.code,
            id=request.scope.id,
            name=scope.name,
        ),
        include_amber=request.include_amber,
        benchmark_group=column.group if column else None,
        benchmark_year=column.year if column else None,
        generated_at=utcnow(),
        headline=headline,
        exceptions=[
            _exception(i, before.get(i.indicator_id), remedial, names, units).model_copy(
                update={"benchmark": cells.get(i.indicator_id)}
            )
            for i in exceptional
        ],
        highlights=[
            _highlight(r, i, t, names, units).model_copy(
                update={"benchmark": cells.get(i.indicator_id)}
            )
            for r, i, t in highlights
        ],
        actions=ActionsSectionRead(
            at_risk_days=request.at_risk_days,
            overdue=[a.read(names) for a in overdue],
            at_risk=[a.read(names) for a in at_risk],
            open_total=sum(1 for a in actions if a.as_at.status not in ("complete", "cancelled")),
        ),
        risks=RisksSectionRead(
            open_total=len(risks),
            highest=[r.read(names) for r in highest],
            changed=[r.read(names) for r in changed],
        ),
        finance=finance,
        data_quality=quality,
    )


def _exception(
    item: StatusRead,
    then: StatusRead | None,
    remedial: dict[int, list[action_section.ActionRow]],
    names: dict[int, str],
    units: UnitTree,
) -> ExceptionRead:
    return ExceptionRead(
        indicator_id=item.indicator_id,
        code=item.code,
        title=item.title,
        unit=item.unit,
        decimal_places=item.decimal_places,
        polarity=item.polarity,
        period=item.period,
        rag=item.rag,
        rag_words=rules.rag_words(item.rag),
        previous_rag=then.rag if then else None,
        actual=item.actual,
        target=item.target,
        low=item.low,
        high=item.high,
        trend=item.trend,
        explanation=item.explanation,
        commentary=item.commentary or None,
        data_quality=item.data_quality,
        owner_id=item.owner_id,
        owner_name=names.get(item.owner_id) if item.owner_id else None,
        org_unit_id=item.org_unit_id,
        org_unit=units.names.get(item.org_unit_id) if item.org_unit_id else None,
        remedial_actions=[a.read(names) for a in remedial.get(item.indicator_id, [])],
    )


def _highlight(
    reason: str,
    item: StatusRead,
    then: StatusRead | None,
    names: dict[int, str],
    units: UnitTree,
) -> HighlightRead:
    return HighlightRead(
        indicator_id=item.indicator_id,
        code=item.code,
        title=item.title,
        unit=item.unit,
        decimal_places=item.decimal_places,
        period=item.period,
        rag=item.rag,
        rag_words=rules.rag_words(item.rag),
        previous_rag=then.rag if then else None,
        trend=item.trend,
        reason=reason,
        reason_words=rules.HIGHLIGHT_WORDS[reason],
        actual=item.actual,
        target=item.target,
        explanation=item.explanation,
        commentary=item.commentary or None,
        owner_name=names.get(item.owner_id) if item.owner_id else None,
        org_unit=units.names.get(item.org_unit_id) if item.org_unit_id else None,
    )
