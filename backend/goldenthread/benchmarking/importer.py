"""Comparator values in bulk: a CSV, Excel or JSON file of published figures, all rows or none.

Rows name the indicator (by its code in the register), the financial year, the council (by
code, with its name the first time it is met) and the value; optionally the period as
published (``2018-21`` for a three-year aggregate compared in 2020-21) and a group the council
is added to. Files are read by the outturn import's readers; values keep the published
precision (up to 30 significant digits), since a rank turns on exact ties.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.benchmarking.models import (
    ComparatorCouncil,
    ComparatorGroup,
    ComparatorGroupMember,
    ComparatorValue,
)
from goldenthread.core.config import Settings
from goldenthread.core.db import utcnow
from goldenthread.core.errors import FieldError, PayloadTooLarge, ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.imports.engine import Problem
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
from goldenthread.periods.rules import Frequency, PeriodError, financial_year_code, parse_period

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


def _dedupe(rows: list[ValueRow], outcome: Outcome, reject: Any) -> list[ValueRow]:
    first: dict[tuple[int, int, str], ValueRow] = {}
    unique = []
    for row in rows:
        key = (row.indicator_id, row.year, row.council_code)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            unique.append(row)
        elif earlier.value == row.value and earlier.period_label == row.period_label:
            outcome.unchanged += 1
            if row.group_code and row.group_code != earlier.group_code:
                unique.append(row)  # only its group membership is new
        else:
            where = f"row {earlier.row}" if earlier.row is not None else "an earlier row"
            reject(
                row.row,
                "value",
                str(row.value),
                f"{row.indicator_code} {financial_year_code(row.year)} {row.council_code} is "
                f"already in {where} with a different value: keep one of them",
            )
    return unique


async def write_values(
    session: AsyncSession,
    actor: Actor,
    rows: list[ValueRow],
    outcome: Outcome,
    *,
    reject: Any,
    dry_run: bool,
) -> None:
    """Create the councils and memberships the rows need, then create or update the values,
    with one audit entry per indicator (and per group whose members changed). A dry run
    counts the same without writing."""
    rows = _dedupe(rows, outcome, reject)
    councils = await _council_ids(session, {r.council_code for r in rows})
    names: dict[str, str] = {}
    for r in rows:
        if r.council_code not in councils and r.council_name:
            names.setdefault(r.council_code, r.council_name)
    for r in rows:
        if r.council_code not in councils and r.council_code not in names:
            reject(r.row, "council_name", None, f"required: {r.council_code} is a new council")
            names[r.council_code] = ""  # reported once
    if outcome.rejected:
        return
    existing = await _existing(session, rows)
    inserts: list[ValueRow] = []
    updates: list[tuple[int, ValueRow, Decimal]] = []
    seen: set[tuple[int, int, str]] = set()
    for r in rows:
        key = (r.indicator_id, r.year, r.council_code)
        if key in seen:
            continue  # a repeat kept only for its group
        seen.add(key)
        stored = existing.get(key)
        if stored is None:
            inserts.append(r)
        elif stored[1] != r.value or stored[2] != r.period_label:
            updates.append((stored[0], r, stored[1]))
        else:
            outcome.unchanged += 1
    outcome.created, outcome.updated = len(inserts), len(updates)
    outcome.councils_created = len(names)
    if dry_run:
        outcome.memberships_added = sum(
            len(v) for v in (await _new_members(session, rows)).values()
        )
        return
    now = utcnow()
    for code, name in sorted(names.items()):
        council = ComparatorCouncil(code=code, name=name, created_at=now)
        session.add(council)
        await session.flush()
        councils[code] = council.id
    await _add_members(session, actor, rows, councils, outcome)
    by = actor.principal.name
    before: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    after: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    created = [
        {
            "indicator_id": r.indicator_id,
            "year": r.year,
            "council_id": councils[r.council_code],
            "period_label": r.period_label,
            "value": r.value,
            "updated_by_name": by,
            "updated_at": now,
        }
        for r in inserts
    ]
    changed = [
        {
            "id": pk,
            "value": r.value,
            "period_label": r.period_label,
            "updated_by_name": by,
            "updated_at": now,
        }
        for pk, r, _ in updates
    ]
    for r in inserts:
        after[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(r.value)
    for _, r, old in updates:
        before[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(old)
        after[r.indicator_id][financial_year_code(r.year)][r.council_code] = str(r.value)
    for start in range(0, len(created), CHUNK_ROWS):
        await session.execute(insert(ComparatorValue), created[start : start + CHUNK_ROWS])
    for start in range(0, len(changed), CHUNK_ROWS):
        await session.execute(update(ComparatorValue), changed[start : start + CHUNK_ROWS])
    for indicator_id in sorted(after):
        audit.record(
            session,
            actor,
            action="import",
            entity="comparator_values",
            entity_id=indicator_id,
            indicator_id=indicator_id,
            before={y: dict(v) for y, v in before[indicator_id].items()} or None,
            after={y: dict(v) for y, v in after[indicator_id].items()},
        )
    await session.flush()


async def _council_ids(session: AsyncSession, codes: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    ordered = sorted(codes)
    for start in range(0, len(ordered), 1000):
        rows = await session.execute(
            select(ComparatorCouncil.code, ComparatorCouncil.id).where(
                ComparatorCouncil.code.in_(ordered[start : start + 1000])
            )
        )
        found.update((code, pk) for code, pk in rows.all())
    return found


async def _existing(
    session: AsyncSession, rows: list[ValueRow]
) -> dict[tuple[int, int, str], tuple[int, Decimal, str]]:
    """The stored values of the rows' indicators and years, by council code."""
    existing: dict[tuple[int, int, str], tuple[int, Decimal, str]] = {}
    indicator_ids = sorted({r.indicator_id for r in rows})
    years = sorted({r.year for r in rows})
    for start in range(0, len(indicator_ids), 500):
        stored_rows = await session.execute(
            select(
                ComparatorValue.indicator_id,
                ComparatorValue.year,
                ComparatorCouncil.code,
                ComparatorValue.id,
                ComparatorValue.value,
                ComparatorValue.period_label,
            )
            .join(ComparatorCouncil, ComparatorCouncil.id == ComparatorValue.council_id)
            .where(
                ComparatorValue.indicator_id.in_(indicator_ids[start : start + 500]),
                ComparatorValue.year.in_(years),
            )
        )
        for ind, year, code, pk, value, label in stored_rows.all():
            existing[(ind, year, code)] = (pk, value, label)
    return existing


async def _new_members(session: AsyncSession, rows: list[ValueRow]) -> dict[int, set[str]]:
    """Group id → codes of the councils the rows add to it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.group_code:
            wanted[r.group_code].add(r.council_code)
    if not wanted:
        return {}
    groups = {
        code: pk
        for code, pk in (
            await session.execute(
                select(ComparatorGroup.code, ComparatorGroup.id).where(
                    ComparatorGroup.code.in_(sorted(wanted))
                )
            )
        ).all()
    }
    present: dict[int, set[str]] = defaultdict(set)
    for group_id, code in (
        await session.execute(
            select(ComparatorGroupMember.group_id, ComparatorCouncil.code)
            .join(ComparatorCouncil, ComparatorCouncil.id == ComparatorGroupMember.council_id)
            .where(ComparatorGroupMember.group_id.in_(list(groups.values())))
        )
    ).all():
        present[group_id].add(code)
    return {
        groups[g]: codes - present[groups[g]]
        for g, codes in wanted.items()
        if codes - present[groups[g]]
    }


async def _add_members(
    session: AsyncSession,
    actor: Actor,
    rows: list[ValueRow],
    councils: dict[str, int],
    outcome: Outcome,
) -> None:
    for group_id, codes in sorted((await _new_members(session, rows)).items()):
        new = sorted(codes)
        await session.execute(
            insert(ComparatorGroupMember),
            [{"group_id": group_id, "council_id": councils[c]} for c in new],
        )
        outcome.memberships_added += len(new)
        audit.record(
            session,
            actor,
            action="update",
            entity="comparator_group",
            entity_id=group_id,
            indicator_id=None,
            before=None,
            after={"members_added": new},
        )


def refuse(outcome: Outcome, summary: dict[str, Any]) -> ValidationFailed:
    """The 422 answer of a file with rejected rows: problem+json carrying the summary."""
    file_problem = next((p.message for p in outcome.problems if p.row is None), None)
    if file_problem is not None and outcome.rows_read == 0:
        detail = f"{file_problem} Nothing was written."
    else:
        detail = (
            f"{outcome.rejected} of {outcome.rows_read} rows were rejected; nothing was "
            "written. Fix them and send the file again."
        )
    body = {k: v for k, v in summary.items() if k != "errors"}
    return ValidationFailed(detail, summary["errors"], **body)
