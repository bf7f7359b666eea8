"""Helpers for import and export tests: sending files and reading what was stored."""

from __future__ import annotations

import io
from typing import Any

from httpx import Response
from openpyxl import Workbook
from sqlalchemy import func, select

from goldenthread.audit.models import AuditEntry
from goldenthread.imports.upload import XLSX_TYPE
from goldenthread.outturns.models import Outturn
from goldenthread.targets.models import Target
from tests.api.world import World

CSV = "text/csv"


async def send(
    world: World,
    kind: str,
    body: bytes | str,
    *,
    user: str = "perf",
    content_type: str | None = CSV,
    headers: dict[str, str] | None = None,
    **params: Any,
) -> Response:
    """POST a file to the import endpoint of ``kind`` as the raw body."""
    sent = dict(headers or world.headers(user))
    if content_type is not None:
        sent["Content-Type"] = content_type
    query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
    content = body.encode() if isinstance(body, str) else body
    return await world.client.post(
        f"/api/v1/imports/{kind}", content=content, headers=sent, params=query
    )


def csv_text(*rows: str) -> str:
    return "\r\n".join(rows) + "\r\n"


def workbook(*sheets: tuple[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def stored_outturns(world: World) -> dict[tuple[int, str], Outturn]:
    async with world.app.state.sessionmaker(write=False) as session:
        rows = (await session.scalars(select(Outturn))).all()
    return {(o.indicator_id, o.period): o for o in rows}


async def stored_targets(world: World) -> dict[tuple[int, str], Target]:
    async with world.app.state.sessionmaker(write=False) as session:
        rows = (await session.scalars(select(Target))).all()
    return {(t.indicator_id, t.period): t for t in rows}


async def audit_count(world: World, entity: str) -> int:
    async with world.app.state.sessionmaker(write=False) as session:
        count = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == entity)
        )
    return int(count or 0)


def errors_by_row(response: Response) -> dict[int, list[tuple[str | None, str | None, str]]]:
    found: dict[int, list[tuple[str | None, str | None, str]]] = {}
    for error in response.json()["errors"]:
        found.setdefault(error["row"], []).append(
            (error["column"], error["value"], error["message"])
        )
    return found


__all__ = ["XLSX_TYPE"]
