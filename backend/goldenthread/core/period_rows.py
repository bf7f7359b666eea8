"""Rows keyed by indicator and period (targets, outturns): read, guard and remove them alike."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.errors import NotFound, PreconditionFailed
from goldenthread.core.http import check_if_match, version_etag
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Actor

Row = TypeVar("Row")


class PeriodRow(Protocol):
    """The columns a target and an outturn share."""

    @property
    def id(self) -> int: ...
    @property
    def indicator_id(self) -> int: ...
    @property
    def period(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def updated_by_name(self) -> str: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def version(self) -> int: ...


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


async def find_period_row(
    session: AsyncSession, model: type[Row], indicator_id: int, period: str
) -> Row | None:
    table: Any = model
    return await session.scalar(
        select(model).where(table.indicator_id == indicator_id, table.period == period)
    )


async def get_period_row(
    session: AsyncSession, model: type[Row], indicator_id: int, period: str, *, missing: str
) -> Row:
    """The row for ``period``; a 404 saying ``missing`` when there is none."""
    row = await find_period_row(session, model, indicator_id, period)
    if row is None:
        raise NotFound(missing)
    return row


async def delete_period_row(
    session: AsyncSession, actor: Actor, row: PeriodRow, *, entity: str, audited: Iterable[str]
) -> None:
    """Remove a row, keeping its last state (the ``audited`` fields) in the audit trail."""
    audit.record(
        session,
        actor,
        action="delete",
        entity=entity,
        entity_id=row.id,
        indicator_id=row.indicator_id,
        period=row.period,
        before=audit.snapshot(row, audited),
        after=None,
    )
    await session.delete(row)
    await session.flush()


def stored_state(row: PeriodRow, **more: object) -> dict[str, object]:
    """What a 412 answer shows of the stored row, so the client can see who changed it."""
    return {
        "version": row.version,
        "updated_by_name": row.updated_by_name,
        "updated_at": row.updated_at.isoformat(),
        "value": str(row.value),
        **more,
    }


def check_row_if_match(
    request: Request, row: PeriodRow | None, what: str, current: dict[str, object] | None
) -> None:
    """Refuse (412) a write based on an old copy of ``row``; with no row, any copy is old.
    ``If-None-Match: *`` makes the write create-only: refused if the row already exists."""
    etag = version_etag(row.version) if row is not None else None
    create_only = "*" in {c.strip() for c in request.headers.get("if-none-match", "").split(",")}
    if row is not None and create_only:
        raise PreconditionFailed(
            f"{what} already exists; reload to see it before changing it.",
            current_etag=etag,
            current=current,
        )
    check_if_match(request, etag, what, current)
