"""Benchmark aims (reach the top quartile, the median, a rank…) and the figures they stand
for on the comparators' values of a basis year (by default the latest by the aim's year), with
whether the council meets them."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import rules
from goldenthread.benchmarking.models import BenchmarkAim, ComparatorGroup, ComparatorValue
from goldenthread.benchmarking.schemas import AimRead
from goldenthread.benchmarking.service import summary_of
from goldenthread.benchmarking.standing import (
    Cohorts,
    Names,
    Own,
    members_query,
    own_values,
    stand,
    values_of,
)
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import financial_year_code

AIM_WORDS = {
    rules.AimKind.TOP_QUARTILE: "reach the top quartile",
    rules.AimKind.MEDIAN: "reach the median",
    rules.AimKind.OUT_OF_BOTTOM_QUARTILE: "leave the bottom quartile",
    rules.AimKind.RANK: "be ranked {rank} or better",
}


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
    figures = _Figures(session, indicator.id)
    return [
        await _resolve(session, indicator, aim, groups[aim.group_id], figures) for aim in aim_list
    ]


class _Figures:
    """The indicator's own value and its comparators' values by year, each read once however
    many of its aims share a year or a group."""

    def __init__(self, session: AsyncSession, indicator_id: int) -> None:
        self.session, self.indicator_id = session, indicator_id
        self._own: dict[int, Own | None] = {}
        self._values: dict[tuple[int, int], tuple[Cohorts, Names]] = {}

    async def own(self, year: int) -> Own | None:
        if year not in self._own:
            found = await own_values(self.session, [Indicator.id == self.indicator_id], year)
            self._own[year] = found.get(self.indicator_id)
        return self._own[year]

    async def values(self, group_id: int, year: int) -> tuple[Cohorts, Names]:
        key = (group_id, year)
        if key not in self._values:
            self._values[key] = await values_of(self.session, [self.indicator_id], [year], group_id)
        return self._values[key]


async def _resolve(
    session: AsyncSession,
    indicator: Indicator,
    aim: BenchmarkAim,
    group: ComparatorGroup,
    figures: _Figures,
) -> AimRead:
    basis = aim.basis_year
    if basis is None:
        basis = await session.scalar(
            select(func.max(ComparatorValue.year)).where(
                ComparatorValue.indicator_id == indicator.id,
                ComparatorValue.year <= aim.year,
                ComparatorValue.council_id.in_(members_query(group.id)),
            )
        )
    resolved: Decimal | None = None
    number = 0
    if basis is not None and rules.is_ranked(indicator.polarity):
        values, names = await figures.values(group.id, basis)
        own_then = await figures.own(basis)
        standing, _ = stand(
            indicator.polarity,
            names,
            values.get((indicator.id, basis), {}),
            group.us_council_id,
            own_then,
        )
        comparators = [c.value for c in standing.comparators]
        number = len(comparators)
        resolved = rules.resolve_aim(aim.aim, comparators, indicator.polarity, aim.rank)
    own_now = await figures.own(aim.year)
    if own_now is None and group.us_council_id is not None:
        mine = (await figures.values(group.id, aim.year))[0].get((indicator.id, aim.year), {})
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
