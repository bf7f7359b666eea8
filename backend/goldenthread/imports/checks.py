"""Checks of a row's key cells shared by every kind of import: the indicator code (known,
visible and writable by the caller) and the period (well formed, of the indicator's
frequency). Each fault is reported with its row and column."""

from __future__ import annotations

from goldenthread.imports.engine import ImportRun
from goldenthread.imports.kinds import IndicatorRef
from goldenthread.imports.readers import BadItem
from goldenthread.imports.rules import CellError, parse_period_cell
from goldenthread.periods.rules import Period


def check_code(run: ImportRun, number: int, code: object) -> IndicatorRef | None:
    """The indicator of a row's code cell, rejecting the row when there is none to write."""
    if isinstance(code, BadItem):
        run.reject(number, code.column, None, code.message)
        return None
    ref = run.refs.get(code) if code is not None else None
    if ref is None:
        text = run.code_key(code) if code is not None else ""
        if text:
            run.reject(number, "indicator_code", code, f"unknown indicator code {text!r}")
        else:
            run.reject(number, "indicator_code", None, "required: the indicator's code")
        return None
    if ref.refusal is not None:
        run.reject(number, "indicator_code", code, ref.refusal)
        return None
    return ref


def check_period(
    run: ImportRun, number: int, cell: object, ref: IndicatorRef | None, allow_annual: bool
) -> tuple[Period, int] | None:
    try:
        text = cell if type(cell) is str else parse_period_cell(cell)  # type: ignore[arg-type]
    except CellError as exc:
        run.reject(number, "period", cell, str(exc))
        return None
    got = run.period(text, None if ref is None else ref.frequency, allow_annual)
    if type(got) is str:
        run.reject(number, "period", cell, got)
        return None
    return got  # type: ignore[return-value]
