"""Reading rows keyed by indicator and period (targets, outturns) a page at a time."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.pagination import decode_cursor, encode_cursor

Row = TypeVar("Row")


async def list_period_rows(
    session: AsyncSession,
    model: type[Row],
    indicator_id: int,
    *,
    year: int | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Row], str | None]:
    """Rows of one indicator in period order (year, then code), optionally one year's."""
    table: Any = model
    query = (
        select(model)
        .where(table.indicator_id == indicator_id)
        .order_by(table.year, table.period)
        .limit(limit + 1)
    )
    if year is not None:
        query = query.where(table.year == year)
    if cursor:
        after_year, after_period = decode_cursor(cursor)
        query = query.where(
            (table.year > int(after_year))
            | ((table.year == int(after_year)) & (table.period > str(after_period)))
        )
    rows = list((await session.scalars(query)).all())
    next_cursor = None
    if len(rows) > limit:
        last: Any = rows[limit - 1]
        next_cursor = encode_cursor([last.year, last.period])
    return rows[:limit], next_cursor
