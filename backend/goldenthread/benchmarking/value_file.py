"""Reading a file of comparator values: its columns, and every row checked against the
register (indicator codes, financial years, council codes, comparator groups).

Rows name the indicator (by its code in the register), the financial year, the council (by
code, with its name the first time it is met) and the value; optionally the period as
published (``2018-21`` for a three-year aggregate compared in 2020-21) and a group the council
is added to. Files are read by the outturn import's readers; values keep the published
precision (up to 30 significant digits), since a rank turns on exact ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.benchmarking.models import ComparatorGroup
from goldenthread.core.config import Settings
from goldenthread.core.errors import FieldError, PayloadTooLarge
from goldenthread.imports.problems import Problem
from goldenthread.imports.readers import BadItem, FileProblem, TooManyRows, open_reader
from goldenthread.imports.rules import (
    Cell,
    CellError,
    cell_text,
    parse_amount,
    parse_period_cell,
    unneutralise,
)
from goldenthread.imports.upload import Upload
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.rules import normalise_code
from goldenthread.periods.rules import Frequency, PeriodError, parse_period

LAYOUT = (
    "indicator_code",
    "period",
    "council_code",
    "council_name",
    "value",
    "period_label",
    "group",
)
REQUIRED = ("indicator_code", "period", "council_code", "value")
CHUNK_ROWS = 5000
MAX_ROWS = 500_000
MAX_SIGNIFICANT_DIGITS = 30
MAX_EXPONENT = 30
MAX_LABEL_CHARS = 16
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


@dataclass(slots=True)
class ValueRow:
    """One validated row: what the file says, resolved against the register."""

    row: int | None
    indicator_id: int
    indicator_code: str
    year: int
    council_code: str
    council_name: str
    value: Decimal
    period_label: str = ""
    group_code: str | None = None


@dataclass
class Outcome:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    councils_created: int = 0
    memberships_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    truncated: bool = False


def parse_value(cell: Cell) -> Decimal:
    """A published figure, kept exactly; the outturn rules' messages for what is not one."""
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise CellError("not a number")
        cell = repr(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        cell = str(cell)
    if isinstance(cell, str) and _NUMBER.fullmatch(text := cell.strip()):
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise CellError("not a number") from exc
        _sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        if len(digits) > MAX_SIGNIFICANT_DIGITS or abs(exponent) > MAX_EXPONENT:
            raise CellError(f"too many digits: at most {MAX_SIGNIFICANT_DIGITS} significant")
        return value
    if isinstance(cell, Decimal) and cell.is_finite():
        return cell
    amount = parse_amount(cell)  # raises with a message saying how to write it
    if amount is None:
        raise CellError("required: the published value (leave out councils with no value)")
    return amount


class _Validator:
    def __init__(self, session: AsyncSession, spreadsheet: bool, max_problems: int) -> None:
        self.session = session
        self.spreadsheet = spreadsheet
        self.max_problems = max_problems
        self.outcome = Outcome()
        self.indicators: dict[str, tuple[int, str] | None] = {}
        self.groups: dict[str, int | None] = {}
        self.years: dict[str, int | str] = {}
        self.rows: list[ValueRow] = []
        self._bad_rows: set[int | None] = set()

    def reject(self, row: int | None, column: str | None, value: object, message: str) -> None:
        if row not in self._bad_rows or row is None:
            self._bad_rows.add(row)
            self.outcome.rejected += 1
        if len(self.outcome.problems) >= self.max_problems:
            self.outcome.truncated = True
            return
        shown = None if value is None else cell_text(value)[:200] or None  # type: ignore[arg-type]
        self.outcome.problems.append(Problem(row, column, shown, message))

    def text(self, cell: Cell) -> str:
        text = cell_text(cell)
        return unneutralise(text) if self.spreadsheet else text

    async def resolve(self, cells: list[tuple[Any, ...]]) -> None:
        """One query for the indicator codes and one for the group codes not met before."""
        codes = {normalise_code(self.text(c[0]))[1] for c in cells if c[0] is not None}
        fresh = [k for k in codes if k not in self.indicators and 0 < len(k) <= 40]
        for start in range(0, len(fresh), 1000):
            found = await self.session.execute(
                select(Indicator.code_key, Indicator.id, Indicator.code).where(
                    Indicator.code_key.in_(fresh[start : start + 1000])
                )
            )
            for key, indicator_id, code in found.all():
                self.indicators[key] = (indicator_id, code)
        for key in fresh:
            self.indicators.setdefault(key, None)
        groups = {self.text(c[6]).upper() for c in cells if c[6] not in (None, "")}
        wanted = [g for g in groups if g not in self.groups and len(g) <= 40]
        if wanted:
            found_groups = await self.session.execute(
                select(ComparatorGroup.code, ComparatorGroup.id).where(
                    ComparatorGroup.code.in_(wanted)
                )
            )
            for code, group_id in found_groups.all():
                self.groups[code] = group_id
            for code in wanted:
                self.groups.setdefault(code, None)

    def year(self, cell: Cell) -> int | str:
        try:
            text = parse_period_cell(cell)
        except CellError as exc:
            return str(exc)
        known = self.years.get(text)
        if known is None:
            try:
                period = parse_period(text)
                if period.frequency is not Frequency.ANNUAL:
                    raise PeriodError(f"{text} is not a financial year: expected e.g. 2021-22")
                known = period.year
            except PeriodError as exc:
                known = str(exc)
            if len(self.years) < 10_000:
                self.years[text] = known
        return known

    def check(self, number: int, cells: tuple[Any, ...]) -> None:
        first = cells[0] if cells else None
        if isinstance(first, BadItem):
            self.reject(number, first.column, None, first.message)
            return
        code_text = self.text(cells[0])
        if not code_text:
            self.reject(number, "indicator_code", None, "required")
            return
        indicator = self.indicators.get(normalise_code(code_text)[1])
        if indicator is None:
            self.reject(number, "indicator_code", code_text, "no indicator has this code")
            return
        year = self.year(cells[1])
        if isinstance(year, str):
            self.reject(number, "period", cells[1], year or "required")
            return
        council = self.text(cells[2]).upper()
        if not council or len(council) > 40:
            message = "required" if not council else "longer than 40 characters"
            self.reject(number, "council_code", cells[2], message)
            return
        name = self.text(cells[3])
        if len(name) > 200:
            self.reject(number, "council_name", cells[3], "longer than 200 characters")
            return
        try:
            value = parse_value(cells[4])
        except CellError as exc:
            self.reject(number, "value", cells[4], str(exc))
            return
        label = self.text(cells[5])
        if len(label) > MAX_LABEL_CHARS:
            self.reject(number, "period_label", cells[5], "longer than 16 characters")
            return
        group = self.text(cells[6]).upper() or None
        if group is not None and self.groups.get(group) is None:
            self.reject(number, "group", cells[6], "no comparator group has this code")
            return
        self.rows.append(
            ValueRow(number, indicator[0], indicator[1], year, council, name, value, label, group)
        )


async def read_upload(
    session: AsyncSession, settings: Settings, upload: Upload, sheet: str | None
) -> tuple[list[ValueRow], Outcome, list[str]]:
    """The file's rows, validated; problems are collected, not raised."""
    try:
        reader = open_reader(
            upload.file,
            upload.format,
            LAYOUT,
            max_rows=min(settings.import_max_rows, MAX_ROWS),
            max_unpacked=settings.import_max_unpacked_bytes,
            sheet=sheet,
            charset=upload.charset,
        )
    except FileProblem as exc:
        outcome = Outcome()
        outcome.problems.append(Problem(None, None, None, str(exc)))
        outcome.rejected = 1
        return [], outcome, []
    validator = _Validator(session, reader.spreadsheet, settings.import_max_reported_errors)
    checked = upload.format == "json"  # a JSON item lacking a key is that row's fault
    try:
        while chunk := reader.read(CHUNK_ROWS):
            validator.outcome.rows_read += len(chunk)
            if not checked:
                checked = True
                missing = [c for c in REQUIRED if c not in reader.present]
                if missing:
                    raise FileProblem(f"The file has no column {' or '.join(missing)}.")
            await validator.resolve([c for _, c in chunk if not isinstance(c[0], BadItem)])
            for number, cells in chunk:
                validator.check(number, cells)
    except FileProblem as exc:
        validator.reject(None, None, None, str(exc))
    except TooManyRows as exc:
        raise PayloadTooLarge(
            str(exc), [FieldError("body", f"more than {exc.limit} rows")]
        ) from exc
    finally:
        reader.close()
    warnings = [
        f"The column {name!r} is not one this import reads; it was ignored."
        for name in reader.unknown
    ]
    return validator.rows, validator.outcome, warnings
