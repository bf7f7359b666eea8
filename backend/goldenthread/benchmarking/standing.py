"""Ranking a cohort: the comparator values of a group's members, the council's own value
standing in for its imported one, and where that places the council. A fixed number of
queries for any number of indicators or councils."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import rules
from goldenthread.benchmarking.models import (
    ComparatorCouncil,
    ComparatorGroupMember,
    ComparatorValue,
)
from goldenthread.benchmarking.schemas import ComparatorRead
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Frequency, Period
from goldenthread.status import service as status_service
from goldenthread.status.rules import Polarity

Source = Literal["outturn", "comparator"]


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


def members_query(group_id: int) -> Any:
    return select(ComparatorGroupMember.council_id).where(
        ComparatorGroupMember.group_id == group_id
    )


Names = dict[int, tuple[str, str]]  # council id → (code, name)
Cohorts = dict[tuple[int, int], dict[int, tuple[Decimal, str]]]  # (indicator, year) → values


async def values_of(
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
            ComparatorValue.council_id.in_(members_query(group_id)),
        )
    )
    for indicator_id, year, council_id, value, label, code, name in rows.all():
        found[(indicator_id, year)][council_id] = (value, label)
        names[council_id] = (code, name)
    return found, names


async def with_us(session: AsyncSession, names: Names, us_id: int | None) -> Names:
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
