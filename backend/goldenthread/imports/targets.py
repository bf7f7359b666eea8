"""Importing targets: the single-row rules (``targets.rules``, ``indicators.rules``) applied
to every row, then written in bulk with the audit trail, as ``targets.service.put_target``
would write them one at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from json import dumps
from typing import Any

from goldenthread.imports.checks import check_code, check_period
from goldenthread.imports.engine import ImportRun
from goldenthread.imports.kinds import IndicatorRef, RowTable
from goldenthread.imports.readers import BadItem, Row
from goldenthread.imports.rules import (
    MAX_NOTE_CHARS,
    TARGET_COLUMNS,
    CellError,
    parse_amount,
    parse_text,
)
from goldenthread.periods.rules import Period
from goldenthread.targets.rules import target_errors

TABLE = "targets"
EXISTING = (
    "indicator_id",
    "period",
    "id",
    "value",
    "low",
    "high",
    "stretch_value",
    "note",
    "version",
)
# A new row: what differs from row to row, then what a batch of rows shares.
INSERT = (
    "indicator_id",
    "period",
    "year",
    "value",
    "low",
    "high",
    "stretch_value",
    "note",
)
FIXED = ("updated_by_name", "updated_by", "created_at", "updated_at", "version")
UPDATE = (
    "value",
    "low",
    "high",
    "stretch_value",
    "note",
    "updated_by_name",
    "updated_by",
    "updated_at",
)
# What the audit trail keeps of a target (``targets.service.AUDITED_FIELDS``).
SNAPSHOT = ("period", "value", "low", "high", "stretch_value", "note")


def _inserted(row: tuple[Any, ...], _fixed: dict[str, Any]) -> str:
    """The audit JSON of a row laid out as ``INSERT``."""
    return snapshot(row[1], row[3], row[4], row[5], row[6], row[7])


ROWS = RowTable("target", TABLE, INSERT, FIXED, UPDATE, SNAPSHOT, _inserted)
_COLUMN_INDEX = {name: i for i, name in enumerate(TARGET_COLUMNS)}


@dataclass(slots=True)
class TargetRow:
    row: int
    ref: IndicatorRef
    period: Period
    slot: int
    figures: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    note: str
    repeat: bool = False


def _j(value: object) -> str:
    return "null" if value is None else f'"{value}"'


def snapshot(
    period: str, value: object, low: object, high: object, stretch: object, note: str
) -> str:
    """The audit trail's JSON of a target, as ``audit.service.snapshot`` makes it."""
    return (
        f'{{"period": "{period}", "value": {_j(value)}, "low": {_j(low)}, "high": {_j(high)}, '
        f'"stretch_value": {_j(stretch)}, "note": {dumps(note)}}}'
    )


class TargetImport:
    name: str = "targets"
    layout: tuple[str, ...] = TARGET_COLUMNS
    table = ROWS

    def validate(self, run: ImportRun, rows: Sequence[Row]) -> list[TargetRow]:
        valid: list[TargetRow] = []
        reject, spreadsheet = run.reject, run.spreadsheet
        for number, cells in rows:
            ref = check_code(run, number, cells[0])
            if ref is None and isinstance(cells[0], BadItem):
                continue
            period = check_period(run, number, cells[1], ref, True)
            ok = True  # every cell read; the figures' rules still to check
            percent = ref is not None and ref.percent
            figures: list[Decimal | None] = []
            for position in (2, 3, 4, 5):
                try:
                    figures.append(parse_amount(cells[position], percent))
                except CellError as exc:
                    reject(number, TARGET_COLUMNS[position], cells[position], str(exc))
                    ok = False
            try:
                note = parse_text(cells[6], MAX_NOTE_CHARS, spreadsheet=spreadsheet)
            except CellError as exc:
                reject(number, "note", None, str(exc))
                ok = False
            if not ok or ref is None:
                continue
            errors = target_errors(ref.polarity, figures[0], figures[1], figures[2])
            if errors:
                for error in errors:
                    column = error["field"]
                    reject(number, column, cells[_COLUMN_INDEX[column]], error["message"])
                continue
            if period is None:
                continue
            valid.append(
                TargetRow(number, ref, period[0], period[1], tuple(figures), note)  # type: ignore[arg-type]
            )
        return valid

    def same_request(self, first: TargetRow, other: TargetRow) -> bool:
        return first.figures == other.figures and first.note == other.note

    async def write(self, run: ImportRun, rows: list[TargetRow]) -> None:
        if not rows:
            return
        bulk = run.bulk
        existing = await run.stored_rows(rows, EXISTING)
        principal = run.actor.principal
        by, name, now = principal.label, principal.name, bulk.timestamp(run.now)
        dec = bulk.decimal
        creates: list[TargetRow] = []
        updates: list[tuple[Any, ...]] = []
        audits: list[tuple[Any, ...]] = []
        for item in rows:
            old = existing.get((item.ref.id, item.period.code))
            if old is None:
                if item.repeat:
                    run.reject_repeat(item, None)
                    continue
                creates.append(item)
                continue
            stored = [None if v is None else Decimal(v) for v in old[3:7]]
            same = [a == b for a, b in zip(stored, item.figures, strict=True)]
            if all(same) and old[7] == item.note:
                run.counts.unchanged += 1
                continue
            if item.repeat:
                run.reject_repeat(item, None)
                continue
            # Equal figures keep their stored form (65 stays 65 when 65.0 is sent).
            figures = [old[3 + i] if same[i] else dec(item.figures[i]) for i in range(4)]
            updates.append((old[2], old[8], *figures, item.note, name, by, now))
            audits.append(
                run.audit_row(
                    "update",
                    "target",
                    old[2],
                    item,
                    snapshot(item.period.code, old[3], old[4], old[5], old[6], old[7]),
                    snapshot(
                        item.period.code, figures[0], figures[1], figures[2], figures[3], item.note
                    ),
                )
            )
        inserts = [
            (
                item.ref.id,
                item.period.code,
                item.period.year,
                *[dec(f) for f in item.figures],
                item.note,
            )
            for item in creates
        ]
        created = {(name, by, now, now, 1): inserts} if inserts else {}
        await run.stage_rows(created, updates, audits)
