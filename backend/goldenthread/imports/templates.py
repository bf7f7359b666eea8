"""Empty import files to fill in: the exact header row each import takes, nothing more.

No example row is given: the import would read it as data (and reject it, or worse, write
it), so a template holds the header alone.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from goldenthread.imports.rules import OUTTURN_COLUMNS, TARGET_COLUMNS

LAYOUTS = {"outturns": OUTTURN_COLUMNS, "targets": TARGET_COLUMNS}
# Text columns of the workbook: a spreadsheet would otherwise turn a period such as 2008-09
# into a date as it is typed.
TEXT_FORMAT = "@"
_TEXT_COLUMNS = frozenset({"indicator_code", "period", "commentary", "status", "note"})


def csv_template(kind: str) -> bytes:
    # The byte-order mark tells Excel the file is UTF-8; the import reads it either way.
    return ("\ufeff" + ",".join(LAYOUTS[kind]) + "\r\n").encode()


def xlsx_template(kind: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = kind
    columns = LAYOUTS[kind]
    sheet.append(list(columns))
    for position, name in enumerate(columns, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        if name in _TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template(kind: str, file_format: str) -> bytes:
    return xlsx_template(kind) if file_format == "xlsx" else csv_template(kind)
