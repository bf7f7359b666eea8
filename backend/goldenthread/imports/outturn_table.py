"""Where an outturn import writes: the outturns table's columns as the bulk statements lay
them out, and the audit trail's JSON of a row, made as text for speed exactly as
``audit.service.snapshot`` would make it."""

from __future__ import annotations

from json import dumps
from typing import Any

from goldenthread.imports.kinds import RowTable

TABLE = "outturns"
EXISTING = (
    "indicator_id",
    "period",
    "id",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "status",
    "provenance",
    "verified_by_name",
    "verified_at",
    "version",
)
# A new row: what differs from row to row, then what a batch of rows shares (the status asked
# for and its verifier, and who, when and how).
INSERT = (
    "indicator_id",
    "period",
    "year",
    "value",
    "numerator",
    "denominator",
    "commentary",
)
FIXED = (
    "status",
    "verified_by_name",
    "verified_at",
    "provenance",
    "updated_by",
    "updated_by_name",
    "created_at",
    "updated_at",
    "version",
)
UPDATE = (
    "value",
    "numerator",
    "denominator",
    "commentary",
    "status",
    "provenance",
    "updated_by",
    "updated_by_name",
    "verified_by_name",
    "verified_at",
    "updated_at",
)
# What the audit trail keeps of an outturn (``outturns.service.AUDITED_FIELDS``).
SNAPSHOT = ("period", "value", "numerator", "denominator", "commentary", "status", "provenance")


def _inserted(row: tuple[Any, ...], fixed: dict[str, Any]) -> str:
    """The audit JSON of a row laid out as ``INSERT`` with ``FIXED``: :func:`snapshot`,
    inlined, as it is made for every row an import creates."""
    value, numerator, denominator, commentary = row[3], row[4], row[5], row[6]
    value = "null" if value is None else f'"{value}"'
    numerator = "null" if numerator is None else f'"{numerator}"'
    denominator = "null" if denominator is None else f'"{denominator}"'
    commentary = dumps(commentary) if commentary else '""'
    return (
        f'{{"period": "{row[1]}", "value": {value}, "numerator": {numerator}, '
        f'"denominator": {denominator}, "commentary": {commentary}, '
        f'"status": "{fixed["status"]}", "provenance": "{fixed["provenance"]}"}}'
    )


ROWS = RowTable("outturn", TABLE, INSERT, FIXED, UPDATE, SNAPSHOT, _inserted)


def _j(value: object) -> str:
    return "null" if value is None else f'"{value}"'


def snapshot(
    period: str,
    value: object,
    numerator: object,
    denominator: object,
    commentary: str,
    status: str,
    provenance: str,
) -> str:
    """The audit trail's JSON of an outturn, as ``audit.service.snapshot`` makes it."""
    return (
        f'{{"period": "{period}", "value": {_j(value)}, "numerator": {_j(numerator)}, '
        f'"denominator": {_j(denominator)}, "commentary": {dumps(commentary)}, '
        f'"status": "{status}", "provenance": "{provenance}"}}'
    )
