"""Budget monitoring figures by service: listing them, and importing them like outturns.

A finance file is small (a row per service per monitoring period), so it is read whole,
checked row by row, and written only when every row is good: all or nothing, with each bad
row named by its row and column. Columns: ``org_unit`` (the unit's name, or its id),
``period``, ``budget``, ``forecast``, ``actual``, ``note``. Figures are in pounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from anyio import to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import PROBLEM_BASE
from goldenthread.core.principal import Actor
from goldenthread.imports.readers import BadItem, FileProblem, RowReader, TooManyRows, open_reader
from goldenthread.imports.rules import (
    MAX_NOTE_CHARS,
    CellError,
    cell_text,
    parse_amount,
    parse_period_cell,
    parse_text,
)
from goldenthread.imports.schemas import RowProblem
from goldenthread.imports.upload import Upload
from goldenthread.organisations.models import OrgUnit
from goldenthread.periods.rules import PeriodError, parse_period
from goldenthread.reports import rules
from goldenthread.reports.models import FinanceFigure
from goldenthread.reports.schemas import FinanceFigureRead, FinanceImportSummary

FINANCE_COLUMNS = ("org_unit", "period", "budget", "forecast", "actual", "note")
FINANCE_REQUIRED = ("org_unit", "period")
FIGURE_FIELDS = ("budget", "forecast", "actual", "note")
MAX_FINANCE_BYTES = 5_000_000
MAX_FINANCE_ROWS = 20_000
MAX_REPORTED = 200
MAX_SHOWN = 100


@dataclass
class FigureInput:
    """One unit's figures for one period; ``values`` holds budget, forecast, actual, note."""

    row: int  # the file row, or 0
    org_unit_id: int
    period: str
    year: int
    values: dict[str, Any]


class _Problems:
    def __init__(self) -> None:
        self.items: list[RowProblem] = []
        self.rows: set[int] = set()
        self.truncated = False

    def add(self, row: int | None, column: str | None, value: Any, message: str) -> None:
        if row is not None:
            self.rows.add(row)
        if len(self.items) >= MAX_REPORTED:
            self.truncated = True
            return
        shown = None if value is None else cell_text(value)[:MAX_SHOWN]
        where = f"row {row}" if row is not None else "file"
        self.items.append(
            RowProblem(
                field=f"{where}: {column}" if column else where,
                row=row,
                column=column,
                value=shown,
                message=message,
            )
        )


def _read_all(reader: RowReader) -> list[tuple[int, tuple[Any, ...]]]:
    rows: list[tuple[int, tuple[Any, ...]]] = []
    while chunk := reader.read(1000):
        rows.extend(chunk)
    return rows


async def _unit_lookup(session: AsyncSession) -> tuple[dict[int, str], dict[str, list[int]]]:
    units = (await session.execute(select(OrgUnit.id, OrgUnit.name))).all()
    by_name: dict[str, list[int]] = {}
    for unit_id, name in units:
        by_name.setdefault(" ".join(name.split()).casefold(), []).append(unit_id)
    return {unit_id: name for unit_id, name in units}, by_name


def _unit_of(
    cell: Any, names: dict[int, str], by_name: dict[str, list[int]]
) -> tuple[int | None, str | None]:
    text = cell_text(cell)
    if not text:
        return None, "required: the org unit's name or id"
    if text.isdigit() and int(text) in names:
        return int(text), None
    found = by_name.get(" ".join(text.split()).casefold(), [])
    if len(found) == 1:
        return found[0], None
    if found:
        return None, f"{len(found)} org units have this name: give the unit's id instead"
    return None, "no org unit has this name or id"


def _parse_rows(
    raw: list[tuple[int, tuple[Any, ...]]],
    spreadsheet: bool,
    names: dict[int, str],
    by_name: dict[str, list[int]],
    problems: _Problems,
) -> list[FigureInput]:
    parsed: list[FigureInput] = []
    seen: dict[tuple[int, str], int] = {}
    for number, cells in raw:
        if cells and isinstance(cells[0], BadItem):
            bad = cells[0]
            problems.add(number, bad.column, None, bad.message)
            continue
        unit_cell, period_cell, budget_cell, forecast_cell, actual_cell, note_cell = cells
        before = len(problems.rows)
        unit_id, unit_problem = _unit_of(unit_cell, names, by_name)
        if unit_problem:
            problems.add(number, "org_unit", unit_cell, unit_problem)
        period_code = None
        try:
            text = parse_period_cell(period_cell)
            if not text:
                raise CellError("required: a period code like 2008-09-M06")
            period_code = parse_period(text).code
        except (CellError, PeriodError) as exc:
            problems.add(number, "period", period_cell, str(exc))
        values: dict[str, Any] = {}
        for column, cell in (
            ("budget", budget_cell),
            ("forecast", forecast_cell),
            ("actual", actual_cell),
        ):
            try:
                values[column] = parse_amount(cell)
            except CellError as exc:
                problems.add(number, column, cell, str(exc))
        if "budget" in values and values["budget"] is None:
            problems.add(number, "budget", budget_cell, "required: the year's budget in pounds")
        try:
            values["note"] = parse_text(note_cell, MAX_NOTE_CHARS, spreadsheet=spreadsheet)
        except CellError as exc:
            problems.add(number, "note", note_cell, str(exc))
        if len(problems.rows) > before or number in problems.rows:
            continue
        assert unit_id is not None and period_code is not None
        key = (unit_id, period_code)
        if key in seen:
            problems.add(
                number,
                "period",
                period_cell,
                f"the same org unit and period as row {seen[key]}: keep one",
            )
            continue
        seen[key] = number
        parsed.append(
            FigureInput(number, unit_id, period_code, parse_period(period_code).year, values)
        )
    return parsed


async def import_finance(
    session: AsyncSession,
    actor: Actor,
    upload: Upload,
    *,
    dry_run: bool,
    sheet: str | None,
    instance: str,
) -> tuple[int, dict[str, Any]]:
    """Check every row, then write all of them (or none): (HTTP status, body)."""
    problems = _Problems()
    warnings: list[str] = []
    parsed: list[FigureInput] = []
    rows_read = 0
    try:
        reader = open_reader(
            upload.file,
            upload.format,
            FINANCE_COLUMNS,
            max_rows=MAX_FINANCE_ROWS,
            max_unpacked=MAX_FINANCE_BYTES * 20,
            sheet=sheet,
            charset=upload.charset,
        )
        reader.required = FINANCE_REQUIRED
        try:
            raw = await to_thread.run_sync(_read_all, reader)
        finally:
            reader.close()
        rows_read = len(raw)
        warnings = [
            f"The column {name!r} is not one this import reads; it was ignored."
            for name in reader.unknown
        ]
        names, by_name = await _unit_lookup(session)
        parsed = _parse_rows(raw, reader.spreadsheet, names, by_name, problems)
    except FileProblem as exc:
        problems.add(None, None, None, str(exc))
    except TooManyRows as exc:
        problems.add(None, None, None, str(exc))
    created = updated = unchanged = 0
    if not problems.items:
        created, updated, unchanged = await save_figures(session, actor, parsed, dry_run=dry_run)
    written = not dry_run and not problems.items
    summary = FinanceImportSummary(
        format=upload.format,
        dry_run=dry_run,
        written=written,
        rows_read=rows_read,
        created=created,
        updated=updated,
        unchanged=unchanged,
        rejected=len(problems.rows),
        errors=problems.items,
        errors_truncated=problems.truncated,
        warnings=warnings,
    )
    body: dict[str, Any] = summary.model_dump(mode="json")
    if not problems.items:
        return 200, body
    detail = (
        f"{summary.rejected} of {rows_read} rows were rejected; nothing was written. Fix them "
        "and send the file again."
        if problems.rows
        else f"{problems.items[0].message} Nothing was written."
    )
    return 422, {
        "type": PROBLEM_BASE + "validation",
        "title": "Invalid data",
        "status": 422,
        "detail": detail,
        "instance": instance,
        **body,
    }


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: str(values[name]) if isinstance(values[name], Decimal) else values[name]
        for name in FIGURE_FIELDS
    }


async def save_figures(
    session: AsyncSession, actor: Actor, figures: list[FigureInput], *, dry_run: bool = False
) -> tuple[int, int, int]:
    """Create or replace each unit's figures for each period (one per pair), audited: the
    counts created, updated and unchanged."""
    existing = await _existing(session, figures)
    created = updated = unchanged = 0
    changes: list[_Change] = []
    for item in figures:
        current = existing.get((item.org_unit_id, item.period))
        before = audit.snapshot(current, FIGURE_FIELDS) if current is not None else None
        if current is None:
            created += 1
        elif all(getattr(current, n) == item.values[n] for n in FIGURE_FIELDS):
            unchanged += 1
            continue
        else:
            updated += 1
        changes.append(_Change(item, current, before))
    if not dry_run and changes:
        await _write(session, actor, changes)
    return created, updated, unchanged


async def _existing(
    session: AsyncSession, parsed: list[FigureInput]
) -> dict[tuple[int, str], FinanceFigure]:
    if not parsed:
        return {}
    units = sorted({p.org_unit_id for p in parsed})
    rows = (
        await session.scalars(select(FinanceFigure).where(FinanceFigure.org_unit_id.in_(units)))
    ).all()
    return {(row.org_unit_id, row.period): row for row in rows}


async def _write(session: AsyncSession, actor: Actor, changes: list[_Change]) -> None:
    """Write the changed rows, then audit each with its id (known after the flush)."""
    for change in changes:
        figure = change.current
        if figure is None:
            figure = change.current = FinanceFigure(
                org_unit_id=change.item.org_unit_id,
                period=change.item.period,
                year=change.item.year,
            )
            session.add(figure)
        for name in FIGURE_FIELDS:
            setattr(figure, name, change.item.values[name])
        figure.updated_by_name = actor.principal.name
        figure.updated_at = utcnow()
    await session.flush()
    for change in changes:
        assert change.current is not None
        audit.record_change(
            session,
            actor,
            "create" if change.before is None else "update",
            "finance_figure",
            change.current.id,
            change.before,
            {"org_unit_id": change.item.org_unit_id, **_snapshot(change.item.values)},
            period=change.item.period,
        )
    await session.flush()


@dataclass
class _Change:
    item: FigureInput
    current: FinanceFigure | None
    before: dict[str, Any] | None


async def list_figures(
    session: AsyncSession, *, year: int | None, org_unit_id: int | None
) -> list[FinanceFigureRead]:
    query = (
        select(FinanceFigure, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == FinanceFigure.org_unit_id)
        .order_by(FinanceFigure.year, OrgUnit.name, FinanceFigure.period)
    )
    if year is not None:
        query = query.where(FinanceFigure.year == year)
    if org_unit_id is not None:
        query = query.where(FinanceFigure.org_unit_id == org_unit_id)
    reads = []
    for figure, unit_name in (await session.execute(query)).all():
        difference, percent = rules.variance(figure.budget, figure.forecast)
        reads.append(
            FinanceFigureRead(
                id=figure.id,
                org_unit_id=figure.org_unit_id,
                org_unit=unit_name,
                period=figure.period,
                budget=figure.budget,
                forecast=figure.forecast,
                actual=figure.actual,
                variance=difference,
                variance_percent=percent,
                note=figure.note,
                updated_by_name=figure.updated_by_name,
                updated_at=figure.updated_at,
            )
        )
    return reads
