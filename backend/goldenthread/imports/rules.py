"""Pure rules of import and export files: the column layouts, reading one cell, and keeping
spreadsheets from running text as formulas.

A cell arrives as text (CSV), as text, a number or a date (Excel), or as a JSON scalar. Every
rule here answers the stored value or raises :class:`CellError` with a plain message that
says how to write the cell instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from goldenthread.outturns.models import OutturnStatus

Cell = str | int | float | Decimal | bool | datetime | date | None

# The column layouts, in the order exports write them.
OUTTURN_COLUMNS = (
    "indicator_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "status",
)
TARGET_COLUMNS = ("indicator_code", "period", "value", "low", "high", "stretch_value", "note")
REQUIRED_COLUMNS = ("indicator_code", "period")
# Text columns a spreadsheet might run as formulas; numbers and period codes cannot start so.
TEXT_COLUMNS = frozenset({"indicator_code", "commentary", "note"})

MAX_CODE_CHARS = 40
MAX_PERIOD_CHARS = 20
MAX_NUMBER_CHARS = 60
MAX_COMMENTARY_CHARS = 8000
MAX_NOTE_CHARS = 4000
# Excel's own limit: no real cell is longer.
MAX_CELL_CHARS = 32767

# The limits of an amount in the API (24 digits, 8 after the point), so a figure that imports
# is one the single-row endpoints would also take.
MAX_DIGITS = 24
MAX_PLACES = 8
MAX_WHOLE_DIGITS = MAX_DIGITS - MAX_PLACES
_PLACES = Decimal(1).scaleb(-MAX_PLACES)

# Plain decimals within the limits need no further checks: the common case, kept fast.
PLAIN_NUMBER = re.compile(r"-?[0-9]{1,16}(?:\.[0-9]{1,8})?")
_PLAIN = PLAIN_NUMBER
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,[0-9]+")
_SPACED = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?")
_CURRENCY = "£$€"
_HEADER_SEPARATORS = re.compile(r"[\s\-]+")

FORMULA_STARTS = frozenset("=+-@\t\r")
_QUOTED_STARTS = FORMULA_STARTS | {"'"}

STATUS_CHOICES = ", ".join(s.value for s in OutturnStatus)
_STATUSES = {s.value: s for s in OutturnStatus}


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def normalise_header(name: object) -> str:
    """Header names match case-insensitively, with spaces or hyphens for underscores."""
    if name is None:
        return ""
    return _HEADER_SEPARATORS.sub("_", str(name).strip().casefold())


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe.

    Text that already starts with an apostrophe before such a character (or before another
    apostrophe) gets one more, so :func:`unneutralise` gives back exactly the original.
    """
    if text and (text[0] in FORMULA_STARTS or unneutralise(text) is not text):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The inverse of :func:`neutralise`: applied to the text cells of CSV and Excel files."""
    if len(text) > 1 and text[0] == "'" and text[1] in _QUOTED_STARTS:
        return text[1:]
    return text


def plain_decimal(value: Decimal) -> str:
    """A decimal written without an exponent, as files show it."""
    text = str(value)
    return format(value, "f") if "E" in text else text


def _checked(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise CellError("not a number")
    _, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0:
        places, total = 0, len(digits) + exponent
    else:
        places, total = -exponent, max(len(digits), -exponent)
    if total > MAX_DIGITS:
        raise CellError(f"too many digits: at most {MAX_DIGITS} in all")
    if places > MAX_PLACES:
        rounded = value.quantize(_PLACES, rounding=ROUND_HALF_UP).normalize()
        raise CellError(
            f"has {places} decimal places; at most {MAX_PLACES} are kept: round it, "
            f"e.g. {plain_decimal(rounded)}"
        )
    if total - places > MAX_WHOLE_DIGITS:
        raise CellError(f"too large: at most {MAX_WHOLE_DIGITS} digits before the decimal point")
    own = value.as_tuple().exponent
    if isinstance(own, int) and own > 0:
        return value.quantize(Decimal(1))  # 1E+3 is stored as 1000
    return value


def _text_amount(text: str, percent_ok: bool) -> Decimal:
    if len(text) > MAX_NUMBER_CHARS:
        raise CellError("not a number")
    if text.endswith("%"):
        inner = text[:-1].rstrip()
        if _NUMBER.fullmatch(inner):
            if percent_ok:
                return _checked(Decimal(inner))
            raise CellError(f"not a number: write {inner} without the %")
    if text[0] in _CURRENCY or text[-1] in _CURRENCY:
        inner = text.strip(_CURRENCY + " ")
        if _NUMBER.fullmatch(inner.replace(",", "")):
            symbol = text[0] if text[0] in _CURRENCY else text[-1]
            raise CellError(f"not a number: write {inner.replace(',', '')} without the {symbol}")
    if _THOUSANDS.fullmatch(text):
        commas = "commas" if text.count(",") > 1 else "comma"
        raise CellError(f"not a number: write {text.replace(',', '')} without the {commas}")
    if _DECIMAL_COMMA.fullmatch(text):
        raise CellError(f"not a number: use a point for decimals, e.g. {text.replace(',', '.')}")
    if _SPACED.fullmatch(text):
        raise CellError(f"not a number: write {text.replace(' ', '')} without the spaces")
    if _NUMBER.fullmatch(text):
        try:
            return _checked(Decimal(text))
        except InvalidOperation as exc:  # an exponent beyond the decimal context
            raise CellError("not a number") from exc
    raise CellError("not a number")


def parse_amount(cell: Cell, percent_ok: bool = False) -> Decimal | None:
    """A figure: empty gives None. ``percent_ok`` lets a percent indicator's value be written
    ``45%`` (meaning 45); elsewhere the % is refused with a suggestion."""
    if cell is None:
        return None
    kind = type(cell)
    if kind is str:
        text = cell.strip()  # type: ignore[union-attr]
        if not text:
            return None
        if _PLAIN.fullmatch(text):
            return Decimal(text)
        return _text_amount(text, percent_ok)
    if kind is bool:
        raise CellError("not a number: write the figure, not TRUE or FALSE")
    if kind is int:
        return _checked(Decimal(cell))  # type: ignore[arg-type]
    if kind is float:
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise CellError("not a number")
        # The shortest text that reads back as the same double: what the file holds.
        return _checked(Decimal(repr(cell)))
    if kind is Decimal:
        return _checked(cell)  # type: ignore[arg-type]
    raise CellError("not a number")


def cell_text(cell: Cell) -> str:
    """Any cell as the text it shows, surrounding spaces removed."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return repr(cell).removesuffix(".0")
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return plain_decimal(cell)
    return str(cell).strip()


def parse_text(cell: Cell, limit: int, *, spreadsheet: bool) -> str:
    """A free-text cell (commentary, note): trimmed, formula neutralisation undone for
    spreadsheet files, at most ``limit`` characters."""
    text = cell_text(cell)
    if spreadsheet:
        text = unneutralise(text)
    if len(text) > limit:
        raise CellError(f"longer than {limit} characters ({len(text)}): shorten it")
    return text


def parse_period_cell(cell: Cell) -> str:
    """The text of a period cell; a date is refused, since spreadsheets turn 2008-09 into
    September 2008."""
    if isinstance(cell, datetime | date):
        raise CellError(
            f"a date ({cell:%B %Y}), not a period code: the spreadsheet turned the code into a "
            "date; format the column as text and write e.g. 2008-09, 2008-09-Q1 or 2008-09-M01"
        )
    text = cell_text(cell)
    if len(text) > MAX_PERIOD_CHARS:
        raise CellError("not a period: expected a code like 2008-09, 2008-09-Q1 or 2008-09-M01")
    return text


def parse_status(cell: Cell) -> OutturnStatus | None:
    text = cell_text(cell)
    if not text:
        return None
    status = _STATUSES.get(text.lower())
    if status is None:
        raise CellError(f"not a status: use {STATUS_CHOICES}")
    return status
