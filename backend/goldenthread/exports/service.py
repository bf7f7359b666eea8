"""Exports of outturns and targets in the imports' column layout, so that a file exported and
imported again changes nothing.

The rows stream from the database a batch at a time. The response outlives the request's
session, so the stream reads in a read transaction of its own. Text cells that a spreadsheet
would run as formulas are neutralised in CSV and Excel files (the import undoes it); JSON
carries the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anyio import to_thread
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.db import Sessions, as_stored, from_stored
from goldenthread.core.principal import Principal
from goldenthread.imports.rules import (
    OUTTURN_COLUMNS,
    TARGET_COLUMNS,
    TEXT_COLUMNS,
    neutralise,
    plain_decimal,
)
from goldenthread.imports.upload import XLSX_TYPE
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import Outturn
from goldenthread.status.rules import Aggregation
from goldenthread.targets.models import Target

FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE, "json": "application/json"}
_ACCEPT = (("text/csv", "csv"), (XLSX_TYPE, "xlsx"), ("application/json", "json"))
BATCH_ROWS = 2000
# Doubles keep 15 significant digits exactly; longer figures go to Excel as text.
EXACT_DOUBLE_DIGITS = 15
STREAM_BYTES = 256 * 1024


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[str, ...]
    query: Callable[[], Select[Any]]
    decimal_columns: frozenset[int]


def _outturns() -> Select[Any]:
    return (
        select(
            Indicator.code,
            Outturn.period,
            as_stored(Outturn.value),
            as_stored(Outturn.numerator),
            as_stored(Outturn.denominator),
            Outturn.commentary,
            as_stored(Outturn.status),
            Indicator.aggregation,
        )
        .join(Indicator, Indicator.id == Outturn.indicator_id)
        .order_by(Indicator.code_key, Outturn.year, Outturn.period)
    )


def _targets() -> Select[Any]:
    return (
        select(
            Indicator.code,
            Target.period,
            as_stored(Target.value),
            as_stored(Target.low),
            as_stored(Target.high),
            as_stored(Target.stretch_value),
            Target.note,
        )
        .join(Indicator, Indicator.id == Target.indicator_id)
        .order_by(Indicator.code_key, Target.year, Target.period)
    )


KINDS = {
    "outturns": Kind("outturns", OUTTURN_COLUMNS, _outturns, frozenset({2, 3, 4})),
    "targets": Kind("targets", TARGET_COLUMNS, _targets, frozenset({2, 3, 4, 5})),
}


def choose_format(requested: str | None, accept: str | None) -> str:
    """The ``format`` asked for, else the first of the Accept header's known types, else CSV."""
    if requested:
        return requested
    if accept:
        offered = [part.split(";", 1)[0].strip().lower() for part in accept.split(",")]
        for media in offered:
            for media_type, name in _ACCEPT:
                if media == media_type:
                    return name
    return "csv"


async def conditions(
    session: AsyncSession,
    principal: Principal,
    kind: str,
    *,
    set_name: str | None,
    org_unit_id: int | None,
    indicator_id: int | None,
    code: str | None,
    year: int | None,
) -> list[ColumnElement[bool]]:
    """The filters as SQL, checked first so a bad filter is a problem answer, not a broken
    stream: only the indicators the caller may see, active ones."""
    found: list[ColumnElement[bool]] = [indicators.visible_to(principal)]
    found += await indicators.filter_conditions(
        session, code=code, set_name=set_name, org_unit_id=org_unit_id
    )
    if indicator_id is not None:
        await indicators.get_indicator(session, indicator_id, principal)  # 404 if not visible
        found.append(Indicator.id == indicator_id)
    if year is not None:
        table: Any = Outturn if kind == "outturns" else Target
        found.append(table.year == year)
    return found


def _rows(record: Sequence[Any], kind: Kind) -> list[Any]:
    """A row as typed cells: decimals as Decimal, blanks as None, the rest as text."""
    cells: list[Any] = list(record[: len(kind.columns)])
    for position in kind.decimal_columns:
        cells[position] = from_stored(cells[position])
    if kind.name == "outturns" and record[7] == Aggregation.RATIO:
        cells[2] = None  # a ratio's value is worked out on import: leave it out
    return cells


async def _batches(
    sessions: Sessions, kind: Kind, where: list[ColumnElement[bool]]
) -> AsyncIterator[list[list[Any]]]:
    async with sessions(write=False) as session:
        result = await session.stream(
            kind.query().where(*where).execution_options(yield_per=BATCH_ROWS)
        )
        async for partition in result.partitions(BATCH_ROWS):
            yield [_rows(record, kind) for record in partition]


def _text_cells(cells: list[Any], kind: Kind, spreadsheet: bool) -> list[Any]:
    out: list[Any] = []
    for column, value in zip(kind.columns, cells, strict=True):
        if value is None:
            out.append(None)
        elif isinstance(value, Decimal):
            out.append(plain_decimal(value))
        elif spreadsheet and column in TEXT_COLUMNS:
            out.append(neutralise(str(value)))
        else:
            out.append(value)
    return out


async def csv_stream(
    sessions: Sessions, kind: Kind, where: list[ColumnElement[bool]]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(kind.columns)
    # The byte-order mark tells Excel the file is UTF-8; the import reads it either way.
    yield b"\xef\xbb\xbf" + buffer.getvalue().encode()
    async for batch in _batches(sessions, kind, where):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(
            [["" if c is None else c for c in _text_cells(r, kind, True)] for r in batch]
        )
        yield buffer.getvalue().encode()


async def json_stream(
    sessions: Sessions, kind: Kind, where: list[ColumnElement[bool]]
) -> AsyncIterator[bytes]:
    yield b"["
    separator = "\n"
    async for batch in _batches(sessions, kind, where):
        parts = []
        for cells in batch:
            item = dict(zip(kind.columns, _text_cells(cells, kind, False), strict=True))
            parts.append(separator + json.dumps(item, ensure_ascii=False))
            separator = ",\n"
        yield "".join(parts).encode()
    yield b"\n]\n"


def _xlsx_cell(column: str, value: Any) -> Any:
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) > EXACT_DOUBLE_DIGITS:
            return plain_decimal(value)  # as text, so no digit is lost
        return value
    if value is not None and column in TEXT_COLUMNS:
        # A workbook cannot hold control characters: they are shown as the replacement mark.
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(str(value)))
    return value


async def xlsx_stream(
    sessions: Sessions, kind: Kind, where: list[ColumnElement[bool]]
) -> AsyncIterator[bytes]:
    """A write-only workbook spools its rows to disk as they come; the finished file is then
    streamed, so memory stays flat however many rows there are."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind.name)
    sheet.append(list(kind.columns))

    def append(batch: list[list[Any]]) -> None:
        for cells in batch:
            sheet.append([_xlsx_cell(c, v) for c, v in zip(kind.columns, cells, strict=True)])

    async for batch in _batches(sessions, kind, where):
        await to_thread.run_sync(append, batch)
    with tempfile.TemporaryFile() as spool:
        await to_thread.run_sync(workbook.save, spool)
        spool.seek(0)
        while chunk := await to_thread.run_sync(spool.read, STREAM_BYTES):
            yield chunk


STREAMS = {"csv": csv_stream, "xlsx": xlsx_stream, "json": json_stream}
