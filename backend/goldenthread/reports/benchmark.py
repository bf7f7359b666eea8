"""The benchmark column of the report: where the council ranks among a comparator group for
each exception and highlight, from the benchmarking summary in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking import benchmark as bench
from goldenthread.benchmarking import service as benchmarking
from goldenthread.benchmarking.models import ComparatorGroup, ComparatorValue
from goldenthread.benchmarking.schemas import GroupSummary
from goldenthread.benchmarking.standing import members_query
from goldenthread.core.errors import FieldError, NotFound, ValidationFailed
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import financial_year_code
from goldenthread.reports.schemas import BenchmarkCell

FIELD = "benchmark_group"
MAX_ID = 2**63 - 1


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def quartile_words(quartile: int, rank: int, ranked: int) -> str:
    """e.g. "2nd of 4 (rank 5 of 16)": the quartile first, as the report column reads."""
    return f"{ordinal(quartile)} of 4 (rank {rank} of {ranked})"


@dataclass(frozen=True)
class BenchmarkColumn:
    group: GroupSummary
    year: str | None
    cells: dict[int, BenchmarkCell]  # indicator id → its place; absent where no data


async def find_group(session: AsyncSession, ref: str) -> ComparatorGroup:
    """The group asked for; an unknown one is bad input naming the field."""
    if ref.strip().isdigit() and int(ref.strip()) > MAX_ID:
        message = f"There is no comparator group {ref.strip()!r}."
        raise ValidationFailed(message, [FieldError(FIELD, message)])
    try:
        return await benchmarking.find_group(session, ref)
    except NotFound as exc:
        raise ValidationFailed(exc.detail, [FieldError(FIELD, exc.detail)]) from exc


async def column(
    session: AsyncSession,
    group: ComparatorGroup,
    year: int | None,
    report_year: int,
    indicator_ids: set[int],
) -> BenchmarkColumn:
    """Rank and quartile of each indicator among the group, for the year asked or else the
    group's latest year with values not after the report's financial year."""
    if year is None:
        year = await session.scalar(
            select(func.max(ComparatorValue.year)).where(
                ComparatorValue.council_id.in_(members_query(group.id)),
                ComparatorValue.year <= report_year,
            )
        )
    summary_of = benchmarking.summary_of(group)
    if year is None or not indicator_ids:
        return BenchmarkColumn(
            summary_of, financial_year_code(year) if year is not None else None, {}
        )
    found = await bench.summary(session, group, year, [Indicator.id.in_(sorted(indicator_ids))])
    cells = {
        item.indicator_id: BenchmarkCell(
            rank=item.rank,
            ranked=item.number_ranked,
            quartile=item.quartile,
            group=group.name,
            group_code=group.code,
            year=financial_year_code(year),
            words=quartile_words(item.quartile, item.rank, item.number_ranked),
        )
        for item in found.items
        if item.rank is not None and item.quartile is not None
    }
    return BenchmarkColumn(summary_of, financial_year_code(year), cells)
