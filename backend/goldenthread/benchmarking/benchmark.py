"""Where the council stands among its comparators: rank, quartile, median and thresholds for
one indicator (with its aims) or for many at once, as a report column.

The council's own value for a year is its stored annual outturn (or, for a monthly or
quarterly indicator, its complete year-end year-to-date), judged as the status rules show it;
where it has none, the imported value of the group member that is this council. Every answer
is built from a fixed number of queries, however many indicators or councils.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import rules
from goldenthread.benchmarking.aims import aims_for
from goldenthread.benchmarking.models import ComparatorGroup, ComparatorGroupMember, ComparatorValue
from goldenthread.benchmarking.schemas import (
    AimRead,
    BenchmarkRead,
    CouncilRead,
    OwnValueRead,
    StatisticsRead,
    SummaryItem,
    SummaryRead,
)
from goldenthread.benchmarking.service import summary_of
from goldenthread.benchmarking.standing import (
    Own,
    Standing,
    members_query,
    own_values,
    stand,
    values_of,
    with_us,
)
from goldenthread.core.principal import Principal
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import financial_year_code
from goldenthread.status.rules import Polarity


def _statistics(stats: rules.Statistics) -> StatisticsRead:
    return StatisticsRead(
        count=stats.count,
        lower_quartile=stats.lower_quartile,
        median=stats.median,
        upper_quartile=stats.upper_quartile,
        best=stats.best,
        worst=stats.worst,
        top_quartile_threshold=stats.top_quartile_threshold,
        bottom_quartile_threshold=stats.bottom_quartile_threshold,
    )


def _explain(
    indicator: Any, group: ComparatorGroup | None, year: int | None, standing: Standing | None
) -> str:
    if group is None or year is None or standing is None:
        return f"No comparator figures have been imported for {indicator.code}."
    where = f"{group.name} in {financial_year_code(year)}"
    if not rules.is_ranked(indicator.polarity):
        kind = "context data" if indicator.polarity is Polarity.NONE else "a target-band measure"
        return (
            f"{indicator.code} is {kind}, so it is not ranked; the values of "
            f"{standing.stats.count} councils in {where} are shown."
        )
    if standing.rank is None:
        return (
            f"{standing.number_ranked} councils are ranked in {where}; this council has no "
            "value to rank."
        )
    direction = (
        "higher is better" if indicator.polarity is Polarity.HIGHER_IS_BETTER else "lower is better"
    )
    return (
        f"Ranked {standing.rank} of {standing.number_ranked} in {where} ({direction}): "
        f"quartile {standing.quartile}, where 1 is the best."
    )


async def _available(
    session: AsyncSession, indicator_id: int
) -> tuple[list[ComparatorGroup], dict[int, list[int]]]:
    """The groups with values of this indicator, and the years each has: one query."""
    rows = (
        await session.execute(
            select(ComparatorGroup, ComparatorValue.year)
            .join(ComparatorGroupMember, ComparatorGroupMember.group_id == ComparatorGroup.id)
            .join(ComparatorValue, ComparatorValue.council_id == ComparatorGroupMember.council_id)
            .where(ComparatorValue.indicator_id == indicator_id)
            .distinct()
        )
    ).all()
    years: dict[int, list[int]] = defaultdict(list)
    groups: dict[int, ComparatorGroup] = {}
    for group, year in rows:
        groups[group.id] = group
        years[group.id].append(year)
    ordered = sorted(groups.values(), key=lambda g: g.code)
    return ordered, {g: sorted(y) for g, y in years.items()}


async def benchmark(
    session: AsyncSession,
    principal: Principal,
    indicator_id: int,
    *,
    year: int | None,
    group: ComparatorGroup | None,
) -> BenchmarkRead:
    """Rank and quartile of the council's value of one indicator among a group's values."""
    indicator = await indicators.get_indicator(session, indicator_id, principal)
    groups, years_by_group = await _available(session, indicator.id)
    if group is None and groups:
        # The first group with the council in it, else the first with any values.
        group = next((g for g in groups if g.us_council_id is not None), groups[0])
    years = years_by_group.get(group.id, []) if group is not None else []
    if year is None and years:
        year = years[-1]
    standing: Standing | None = None
    chosen = Own(None, None, None)
    us: CouncilRead | None = None
    aims: list[AimRead] = []
    if group is not None and year is not None:
        values, names = await values_of(session, [indicator.id], [year], group.id)
        names = await with_us(session, names, group.us_council_id)
        own = (await own_values(session, [Indicator.id == indicator.id], year)).get(indicator.id)
        standing, chosen = stand(
            indicator.polarity,
            names,
            values.get((indicator.id, year), {}),
            group.us_council_id,
            own,
        )
        if group.us_council_id in names:
            code, name = names[group.us_council_id]
            us = CouncilRead(id=group.us_council_id, code=code, name=name)
    aims = await aims_for(session, indicator, group_id=group.id if group else None)
    empty = rules.statistics([], indicator.polarity)
    return BenchmarkRead(
        indicator_id=indicator.id,
        code=indicator.code,
        title=indicator.title,
        unit=indicator.unit,
        decimal_places=indicator.decimal_places,
        polarity=indicator.polarity,
        year=financial_year_code(year) if year is not None else None,
        group=summary_of(group) if group is not None else None,
        ranked=rules.is_ranked(indicator.polarity),
        us=us,
        own=OwnValueRead(value=chosen.value, source=chosen.source, data_quality=chosen.quality),
        rank=standing.rank if standing else None,
        quartile=standing.quartile if standing else None,
        number_ranked=standing.number_ranked if standing else 0,
        statistics=_statistics(standing.stats if standing else empty),
        comparators=standing.comparators if standing else [],
        aims=aims,
        explanation=_explain(indicator, group, year, standing),
        available_groups=[summary_of(g) for g in groups],
        available_years=[financial_year_code(y) for y in years],
    )


async def summary(
    session: AsyncSession,
    group: ComparatorGroup,
    year: int | None,
    conditions: list[ColumnElement[bool]],
    *,
    include_comparators: bool = False,
) -> SummaryRead:
    """Rank and quartile of every indicator (matching the conditions) with values in the
    group for the year (default: the group's latest year), for report columns."""
    members_sub = members_query(group.id)
    if year is None:
        year = await session.scalar(
            select(func.max(ComparatorValue.year)).where(
                ComparatorValue.council_id.in_(members_sub)
            )
        )
    if year is None:
        return SummaryRead(group=summary_of(group), year=None, items=[])
    with_values = (
        select(ComparatorValue.indicator_id)
        .where(ComparatorValue.year == year, ComparatorValue.council_id.in_(members_sub))
        .distinct()
    )
    conditions = [*conditions, Indicator.id.in_(with_values)]
    rows = (
        await session.execute(
            select(Indicator.id, Indicator.code, Indicator.title, Indicator.polarity)
            .where(*conditions)
            .order_by(Indicator.code_key)
        )
    ).all()
    ids = [r.id for r in rows]
    values, names = await values_of(session, ids, [year], group.id)
    names = await with_us(session, names, group.us_council_id)
    own = await own_values(session, conditions, year) if ids else {}
    items = []
    for row in rows:
        standing, chosen = stand(
            row.polarity,
            names,
            values.get((row.id, year), {}),
            group.us_council_id,
            own.get(row.id),
        )
        items.append(
            SummaryItem(
                indicator_id=row.id,
                code=row.code,
                title=row.title,
                polarity=row.polarity,
                own_value=chosen.value,
                own_source=chosen.source,
                rank=standing.rank,
                quartile=standing.quartile,
                number_ranked=standing.number_ranked,
                median=standing.stats.median,
                top_quartile_threshold=standing.stats.top_quartile_threshold,
                comparators=standing.comparators if include_comparators else None,
            )
        )
    return SummaryRead(group=summary_of(group), year=financial_year_code(year), items=items)
