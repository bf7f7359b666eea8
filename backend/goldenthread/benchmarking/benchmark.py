"""Where the council stands among its comparators: rank, quartile, median and thresholds for
one indicator or many, and the figures benchmark aims stand for.

The council's own value for a year is its stored annual outturn (or, for a monthly or
quarterly indicator, its complete year-end year-to-date), judged as the status rules show it;
where it has none, the imported value of the group member that is this council. Every answer
is built from a fixed number of queries, however many indicators or councils.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import rules
from goldenthread.benchmarking.models import (
    BenchmarkAim,
    ComparatorCouncil,
    ComparatorGroup,
    ComparatorGroupMember,
    ComparatorValue,
)
from goldenthread.benchmarking.schemas import (
    AimRead,
    BenchmarkRead,
    ComparatorRead,
    CouncilRead,
    OwnValueRead,
    StatisticsRead,
    SummaryItem,
    SummaryRead,
)
from goldenthread.benchmarking.service import summary_of
from goldenthread.core.principal import Principal
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Frequency, Period, financial_year_code
from goldenthread.status import service as status_service
from goldenthread.status.rules import Polarity

Source = Literal["outturn", "comparator"]
AIM_WORDS = {
    rules.AimKind.TOP_QUARTILE: "reach the top quartile",
    rules.AimKind.MEDIAN: "reach the median",
    rules.AimKind.OUT_OF_BOTTOM_QUARTILE: "leave the bottom quartile",
    rules.AimKind.RANK: "be ranked {rank} or better",
}


@dataclass(frozen=True)
class Own:
    value: Decimal | None
    source: Source | None
    quality: str | None


@dataclass
class Standing:
    """A cohort ranked: each council's value with its rank, and the council's own place."""

    comparators: list[ComparatorRead]
    rank: int | None
    quartile: int | None
    number_ranked: int
    stats: rules.Statistics


def _members_query(group_id: int) -> Any:
    return select(ComparatorGroupMember.council_id).where(
        ComparatorGroupMember.group_id == group_id
    )


Names = dict[int, tuple[str, str]]  # council id → (code, name)
Cohorts = dict[tuple[int, int], dict[int, tuple[Decimal, str]]]  # (indicator, year) → values


async def _values(
    session: AsyncSession, indicator_ids: Any, years: list[int], group_id: int
) -> tuple[Cohorts, Names]:
    """(indicator, year) → council → (value, label), for the group's members; and the
    councils' codes and names. One query."""
    found: Cohorts = defaultdict(dict)
    names: Names = {}
    if not years:
        return found, names
    rows = await session.execute(
        select(
            ComparatorValue.indicator_id,
            ComparatorValue.year,
            ComparatorValue.council_id,
            ComparatorValue.value,
            ComparatorValue.period_label,
            ComparatorCouncil.code,
            ComparatorCouncil.name,
        )
        .join(ComparatorCouncil, ComparatorCouncil.id == ComparatorValue.council_id)
        .where(
            ComparatorValue.indicator_id.in_(indicator_ids),
            ComparatorValue.year.in_(years),
            ComparatorValue.council_id.in_(_members_query(group_id)),
        )
    )
    for indicator_id, year, council_id, value, label, code, name in rows.all():
        found[(indicator_id, year)][council_id] = (value, label)
        names[council_id] = (code, name)
    return found, names


async def _with_us(session: AsyncSession, names: Names, us_id: int | None) -> Names:
    """The names, with the council itself even where it has no imported value."""
    if us_id is not None and us_id not in names:
        council = await session.get(ComparatorCouncil, us_id)
        if council is not None:
            names = {**names, us_id: (council.code, council.name)}
    return names


async def own_values(
    session: AsyncSession, conditions: list[ColumnElement[bool]], year: int
) -> dict[int, Own]:
    """The council's stored value of each indicator matching the conditions for the year:
    the annual outturn, or the year-end YTD when every period of the year is in."""
    with_figures = list(
        (
            await session.scalars(
                select(Outturn.indicator_id)
                .where(
                    Outturn.year == year,
                    Outturn.indicator_id.in_(select(Indicator.id).where(*conditions)),
                )
                .distinct()
            )
        ).all()
    )
    if not with_figures:
        return {}  # the common case for published data sets: no status to compute
    statuses = await status_service.compute_statuses(
        session, Period(year, Frequency.ANNUAL, 1), [Indicator.id.in_(with_figures)]
    )
    own: dict[int, Own] = {}
    for s in statuses:
        if s.actual is not None and not s.missing_periods:
            quality = getattr(s.data_quality, "value", s.data_quality)
            own[s.indicator_id] = Own(s.actual, "outturn", quality)
    return own


def stand(
    polarity: Polarity,
    names: Names,
    values: dict[int, tuple[Decimal, str]],
    us_id: int | None,
    own: Own | None,
) -> tuple[Standing, Own]:
    """Rank a cohort, the council's own value standing in for its imported one."""
    cohort = dict(values)
    chosen = Own(None, None, None)
    if us_id is not None:
        if own is not None and own.value is not None:
            cohort[us_id] = (own.value, "")
            chosen = own
        elif us_id in cohort:
            chosen = Own(cohort[us_id][0], "comparator", None)
    ids = sorted(cohort, key=lambda c: names.get(c, ("", ""))[1].lower())
    figures = [cohort[c][0] for c in ids]
    ranked = rules.is_ranked(polarity)
    places = rules.ranks(figures, polarity) if ranked else [None] * len(ids)
    n = len(ids)
    # Built from values already typed and checked: no second validation per council.
    comparators = [
        ComparatorRead.model_construct(
            council_id=c,
            code=names.get(c, ("?", "?"))[0],
            name=names.get(c, ("?", "?"))[1],
            value=cohort[c][0],
            period_label=cohort[c][1],
            is_us=c == us_id,
            rank=place,
            quartile=rules.quartile(place, n) if place is not None else None,
        )
        for c, place in zip(ids, places, strict=True)
    ]
    if ranked:
        comparators.sort(key=lambda r: (r.rank, r.name.lower()))
    mine = next((r for r in comparators if r.is_us), None)
    standing = Standing(
        comparators=comparators,
        rank=mine.rank if mine else None,
        quartile=mine.quartile if mine else None,
        number_ranked=n if ranked else 0,
        stats=rules.statistics(figures, polarity),
    )
    return standing, chosen


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
        values, names = await _values(session, [indicator.id], [year], group.id)
        names = await _with_us(session, names, group.us_council_id)
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
    members_sub = _members_query(group.id)
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
    values, names = await _values(session, ids, [year], group.id)
    names = await _with_us(session, names, group.us_council_id)
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


async def aims_for(
    session: AsyncSession,
    indicator: Indicator,
    *,
    group_id: int | None = None,
    aim_list: list[BenchmarkAim] | None = None,
) -> list[AimRead]:
    """The indicator's aims (of one group, or all), each with the figure it stands for."""
    if aim_list is None:
        query = select(BenchmarkAim).where(BenchmarkAim.indicator_id == indicator.id)
        if group_id is not None:
            query = query.where(BenchmarkAim.group_id == group_id)
        aim_list = list((await session.scalars(query.order_by(BenchmarkAim.year))).all())
    if not aim_list:
        return []
    groups = {
        g.id: g
        for g in (
            await session.scalars(
                select(ComparatorGroup).where(
                    ComparatorGroup.id.in_({a.group_id for a in aim_list})
                )
            )
        ).all()
    }
    return [await _resolve(session, indicator, aim, groups[aim.group_id]) for aim in aim_list]


async def _resolve(
    session: AsyncSession, indicator: Indicator, aim: BenchmarkAim, group: ComparatorGroup
) -> AimRead:
    basis = aim.basis_year
    if basis is None:
        basis = await session.scalar(
            select(func.max(ComparatorValue.year)).where(
                ComparatorValue.indicator_id == indicator.id,
                ComparatorValue.year <= aim.year,
                ComparatorValue.council_id.in_(_members_query(group.id)),
            )
        )
    resolved: Decimal | None = None
    number = 0
    if basis is not None and rules.is_ranked(indicator.polarity):
        values, names = await _values(session, [indicator.id], [basis], group.id)
        own_then = (await own_values(session, [Indicator.id == indicator.id], basis)).get(
            indicator.id
        )
        standing, _ = stand(
            indicator.polarity,
            names,
            values.get((indicator.id, basis), {}),
            group.us_council_id,
            own_then,
        )
        figures = [c.value for c in standing.comparators]
        number = len(figures)
        resolved = rules.resolve_aim(aim.aim, figures, indicator.polarity, aim.rank)
    own_now = (await own_values(session, [Indicator.id == indicator.id], aim.year)).get(
        indicator.id
    )
    if own_now is None and group.us_council_id is not None:
        mine = (await _values(session, [indicator.id], [aim.year], group.id))[0].get(
            (indicator.id, aim.year), {}
        )
        if group.us_council_id in mine:
            own_now = Own(mine[group.us_council_id][0], "comparator", None)
    own_value = own_now.value if own_now else None
    met = (
        rules.aim_met(own_value, resolved, indicator.polarity)
        if rules.is_ranked(indicator.polarity)
        else None
    )
    words = AIM_WORDS[aim.aim].format(rank=aim.rank)
    target_year = financial_year_code(aim.year)
    if not rules.is_ranked(indicator.polarity):
        explanation = f"Aim to {words} of {group.name}: this indicator is not ranked."
    elif resolved is None:
        explanation = (
            f"Aim to {words} of {group.name} by {target_year}: there are not enough comparator "
            "figures to say what that means yet."
        )
    else:
        explanation = (
            f"Aim to {words} of {group.name} by {target_year}: {resolved} on the "
            f"{financial_year_code(basis)} figures of {number} councils."  # type: ignore[arg-type]
        )
    return AimRead(
        id=aim.id,
        indicator_id=indicator.id,
        period=target_year,
        group=summary_of(group),
        aim=aim.aim,
        rank=aim.rank,
        basis_year=financial_year_code(aim.basis_year) if aim.basis_year is not None else None,
        note=aim.note,
        resolved_value=resolved,
        basis_used=financial_year_code(basis) if basis is not None else None,
        number_ranked=number,
        own_value=own_value,
        met=met,
        explanation=explanation,
        version=aim.version,
        updated_by_name=aim.updated_by_name,
        updated_at=aim.updated_at,
    )
