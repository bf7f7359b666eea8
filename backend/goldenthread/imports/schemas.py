"""Shapes of import answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class RowProblem(BaseModel):
    """One fault: the file row and column, the value found, and what to do about it."""

    field: str = Field(description="Where, as 'row 12: value' (or 'file' for the whole file).")
    row: int | None = Field(
        description="Spreadsheet row (the header is usually row 1), or position in a JSON array."
    )
    column: str | None
    value: str | None = Field(description="The offending value as found (shortened).")
    message: str


class ImportSummary(BaseModel):
    """The answer of every import, also carried by the 422 problem when rows are rejected."""

    kind: Literal["outturns", "targets"]
    format: Literal["csv", "xlsx", "json"]
    dry_run: bool
    written: bool = Field(description="Whether the rows were written (never for a dry run).")
    rows_read: int
    created: int
    updated: int
    unchanged: int = Field(description="Rows identical to what is stored (or repeated).")
    rejected: int
    errors: list[RowProblem] = Field(description="The rejected rows, first ones first.")
    errors_truncated: bool = Field(description="More rows were rejected than are listed.")
    warnings: list[str] = Field(description="E.g. columns the import does not read.")
