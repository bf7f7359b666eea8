"""Reading an uploaded file a chunk of rows at a time: CSV, Excel (.xlsx) or a JSON array.

Each reader hands out rows as (row number, cells in the layout's column order), with None for
a column the file lacks. Row numbers are what a person sees: the spreadsheet row (the header
is usually row 1) or the position in the JSON array. Blank rows are skipped. Memory stays
flat: only the current chunk is held (and, for Excel, the workbook's shared strings, whose
size is checked before parsing).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import IO, Any

import ijson  # type: ignore[import-untyped]
from openpyxl import load_workbook

from goldenthread.imports.rules import REQUIRED_COLUMNS, Cell, normalise_header, plain_decimal

# (row number, cells in layout order); a cell is a Cell, or a BadItem first of all.
Row = tuple[int, tuple[Any, ...]]

# Where to look for the header row: files often carry a title or notes above it.
HEADER_SEARCH_ROWS = 20
# A zip member this many times larger than its compressed size is a zip bomb, not a workbook
# (real workbooks compress 5 to 20 times).
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
# Parts the Excel reader loads whole (the text table, the styles) get a bound of their own.
WHOLE_PARTS = ("sharedStrings.xml", "styles.xml", "workbook.xml")
MAX_WHOLE_PART_BYTES = 64_000_000
# A quoted CSV field that never closes would otherwise swallow the file.
CSV_FIELD_LIMIT = 1_000_000


class BadItem:
    """Stands in the first cell of a JSON item the import must reject whole."""

    __slots__ = ("column", "message")

    def __init__(self, column: str | None, message: str) -> None:
        self.column, self.message = column, message


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message says why (422)."""


class TooManyRows(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"The file has more than {limit} rows; split it into smaller files.")
        self.limit = limit


class RowReader:
    """Rows of one file in one layout. ``read`` is synchronous: call it in a worker thread."""

    spreadsheet = True  # text cells may carry formula neutralisation to undo
    # The columns that mark the header row (a layout of another kind sets its own).
    required: tuple[str, ...] = REQUIRED_COLUMNS

    def __init__(self, layout: tuple[str, ...], max_rows: int) -> None:
        self.layout = layout
        self.max_rows = max_rows
        self.rows_seen = 0
        self.present: set[str] = set()
        self.unknown: list[str] = []

    def _rows(self) -> Iterator[Row]:
        raise NotImplementedError

    def read(self, limit: int) -> list[Row]:
        rows = list(islice(self._iterator, limit))
        self.rows_seen += len(rows)
        if self.rows_seen > self.max_rows:
            raise TooManyRows(self.max_rows)
        return rows

    def close(self) -> None:
        return None

    def _start(self) -> None:
        self._iterator = self._rows()

    def _map_header(self, names: list[str]) -> list[int]:
        """Column positions of the layout in the file; a missing one points at the blank cell
        appended to every row."""
        seen: dict[str, int] = {}
        for position, name in enumerate(names):
            if not name:
                continue
            if name in seen:
                raise FileProblem(
                    f"The column {name!r} appears twice (columns {_column_letter(seen[name])} "
                    f"and {_column_letter(position)}); keep one."
                )
            seen[name] = position
        self.unknown = [n for n in seen if n not in self.layout]
        self.present = {n for n in seen if n in self.layout}
        return [seen.get(column, -1) for column in self.layout]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _is_header(names: list[str], required: tuple[str, ...] = REQUIRED_COLUMNS) -> bool:
    return all(column in names for column in required)


def _missing_header(
    first: list[str] | None, required: tuple[str, ...] = REQUIRED_COLUMNS
) -> FileProblem:
    wanted = " and ".join(required)
    names = [n for n in (first or []) if n]
    found = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return FileProblem(
        f"No header row naming {wanted} was found in the first {HEADER_SEARCH_ROWS} rows "
        f"(the first row names: {found or 'nothing'})."
    )


class CsvReader(RowReader):
    """UTF-8 (with or without BOM) or UTF-16 text; comma, semicolon or tab separated."""

    def __init__(
        self,
        file: IO[bytes],
        layout: tuple[str, ...],
        max_rows: int,
        charset: str | None = None,
    ) -> None:
        super().__init__(layout, max_rows)
        start = file.read(4)
        file.seek(0)
        if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            encoding = "utf-16"
        elif charset and codecs.lookup(charset).name not in ("utf-8", "utf-8-sig"):
            encoding = charset  # declared by the sender, e.g. windows-1252 from old Excel
        else:
            encoding = "utf-8-sig"
        self.text = io.TextIOWrapper(file, encoding=encoding, newline="")
        try:
            sample = self.text.read(64_000)
        except UnicodeDecodeError as exc:
            raise _not_utf8() from exc
        self.text.seek(0)
        first_line = sample.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first_line.count)
        csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
        self.records = csv.reader(self.text, delimiter=delimiter, strict=False)
        self._start()

    def _rows(self) -> Iterator[Row]:
        records = enumerate(self._guard(self.records), start=1)
        first: list[str] | None = None
        for number, record in records:
            names = [normalise_header(c) for c in record]
            if first is None and any(names):
                first = names
            if _is_header(names, self.required):
                break
            if number >= HEADER_SEARCH_ROWS:
                raise _missing_header(first, self.required)
        else:
            raise _missing_header(first, self.required)
        pick = itemgetter(*self._map_header(names))
        width = len(names)
        pad = [""] * width
        for number, record in records:
            if not any(record):
                continue
            if len(record) < width:
                record += pad[len(record) :]
            record.append("")
            yield number, pick(record)

    def _guard(self, records: Iterator[list[str]]) -> Iterator[list[str]]:
        try:
            yield from records
        except UnicodeDecodeError as exc:
            raise _not_utf8() from exc
        except csv.Error as exc:
            raise FileProblem(
                f"The CSV file cannot be read after row {self.records.line_num}: {exc} "
                "(is a quote left open?)."
            ) from exc


def _not_utf8() -> FileProblem:
    return FileProblem(
        "The file is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8' and send it again."
    )


class JsonReader(RowReader):
    """A JSON array of objects; keys match the layout's columns case-insensitively."""

    spreadsheet = False

    def __init__(self, file: IO[bytes], layout: tuple[str, ...], max_rows: int) -> None:
        super().__init__(layout, max_rows)
        head = file.read(1024).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
        file.seek(0)
        if not head.startswith(b"["):
            raise FileProblem("The JSON must be an array of objects: [{...}, {...}].")
        self.file = file
        self.positions = {name: i for i, name in enumerate(layout)}
        self._start()

    def _rows(self) -> Iterator[Row]:
        positions, width = self.positions, len(self.layout)
        names: dict[str, str] = {}
        unknown: set[str] = set()
        try:
            for number, item in enumerate(ijson.items(self.file, "item", use_float=False), 1):
                cells: list[Any] = [None] * width
                if not isinstance(item, dict):
                    yield number, (BadItem(None, "each item of the array must be an object"),)
                    continue
                bad: BadItem | None = None
                for key, value in item.items():
                    name = names.get(key)
                    if name is None:
                        name = normalise_header(key)
                        if len(names) < 1000:
                            names[key] = name
                    position = positions.get(name)
                    if position is None:
                        if name not in unknown and len(unknown) < 50:
                            unknown.add(name)
                            self.unknown.append(name)
                        continue
                    self.present.add(name)
                    if isinstance(value, dict | list):
                        bad = BadItem(name, "give a single value, not a list or an object")
                    cells[position] = value
                if bad is not None:
                    yield number, (bad,)
                elif any(c is not None and c != "" for c in cells):
                    yield number, tuple(cells)
        except ijson.JSONError as exc:
            raise FileProblem(f"The JSON cannot be read: {exc}.") from exc
        except UnicodeDecodeError as exc:
            raise FileProblem("The JSON is not UTF-8 text.") from exc


def check_zip(file: IO[bytes], max_unpacked: int) -> None:
    """Refuse what is not a workbook, and zip bombs, before any XML is parsed."""
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile as exc:
        raise FileProblem("The file is not an Excel workbook (.xlsx).") from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise FileProblem("The workbook has too many parts to be a spreadsheet.")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1_000_000 and ratio > MAX_ZIP_RATIO:
            raise FileProblem(
                f"The workbook part {member.filename} expands {ratio:.0f} times: refused as a "
                "zip bomb."
            )
        if member.filename.endswith(WHOLE_PARTS) and member.file_size > MAX_WHOLE_PART_BYTES:
            raise FileProblem(
                f"The workbook part {member.filename} is too large; split the workbook."
            )
    if total > max_unpacked:
        raise FileProblem(
            f"The workbook unpacks to {total} bytes, more than the {max_unpacked} allowed; "
            "split it into smaller files."
        )
    file.seek(0)


class XlsxReader(RowReader):
    """The first worksheet of a workbook, or the one named; cached formula results are read."""

    def __init__(
        self,
        file: IO[bytes],
        layout: tuple[str, ...],
        max_rows: int,
        sheet: str | None,
        max_unpacked: int,
    ) -> None:
        super().__init__(layout, max_rows)
        check_zip(file, max_unpacked)
        try:
            self.workbook = load_workbook(file, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise FileProblem(f"The workbook cannot be read: {exc}.") from exc
        names = self.workbook.sheetnames
        if sheet is None:
            if not self.workbook.worksheets:
                raise FileProblem("The workbook has no worksheet.")
            self.sheet = self.workbook.worksheets[0]
        elif sheet in names:
            self.sheet = self.workbook[sheet]
        else:
            self.workbook.close()
            raise FileProblem(
                f"The workbook has no sheet {sheet!r}; its sheets are: {', '.join(names)}."
            )
        self._start()

    def _rows(self) -> Iterator[Row]:
        records = enumerate(map(_shown, self.sheet.iter_rows()), start=1)
        first: list[str] | None = None
        for number, record in records:
            names = [normalise_header(c) for c in record]
            if first is None and any(names):
                first = names
            if _is_header(names, self.required):
                break
            if number >= HEADER_SEARCH_ROWS:
                raise _missing_header(first, self.required)
        else:
            raise _missing_header(first, self.required)
        pick = itemgetter(*self._map_header(names))
        width = len(names)
        pad: list[Cell] = [None] * width
        for number, record in records:
            if not any(record) and all(c is None or c == "" for c in record):
                continue
            cells = record
            if len(cells) < width:
                cells += pad[len(cells) :]
            cells.append(None)
            yield number, pick(cells)

    def close(self) -> None:
        self.workbook.close()


def _shown(record: tuple[Any, ...]) -> list[Cell]:
    """A row's values as the sheet shows them: a number formatted as a percentage is the
    text 45% (for 0.45), which the figure rules take for percent indicators only."""
    values: list[Cell] = []
    for cell in record:
        value = cell.value
        if (
            type(value) in (int, float)
            and "%" in (getattr(cell, "number_format", None) or "")
            and value == value  # not NaN
        ):
            value = plain_decimal(Decimal(repr(value)).scaleb(2).normalize()) + "%"
        values.append(value)
    return values


def open_reader(
    file: IO[bytes],
    file_format: str,
    layout: tuple[str, ...],
    *,
    max_rows: int,
    max_unpacked: int,
    sheet: str | None,
    charset: str | None = None,
) -> RowReader:
    """A reader of the file; raises :class:`FileProblem` for what cannot be read at all."""
    if file_format == "xlsx":
        return XlsxReader(file, layout, max_rows, sheet, max_unpacked)
    if file_format == "json":
        return JsonReader(file, layout, max_rows)
    return CsvReader(file, layout, max_rows, charset)
