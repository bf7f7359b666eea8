"""Reading import files: encodings, separators, headers, JSON arrays and workbook guards."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from goldenthread.imports.readers import (
    BadItem,
    FileProblem,
    TooManyRows,
    check_zip,
    open_reader,
)
from goldenthread.imports.rules import OUTTURN_COLUMNS


def _rows(data: bytes, file_format: str = "csv", max_rows: int = 100) -> list[tuple[int, tuple]]:
    reader = open_reader(
        io.BytesIO(data),
        file_format,
        OUTTURN_COLUMNS,
        max_rows=max_rows,
        max_unpacked=10**9,
        sheet=None,
    )
    rows = []
    while chunk := reader.read(2):
        rows += chunk
    return rows


@pytest.mark.parametrize(
    "data",
    [
        b"indicator_code,period,value\nNI 1,2008-09,4\n",
        b"\xef\xbb\xbfindicator_code;period;value\r\nNI 1;2008-09;4\r\n",
        b"indicator_code\tperiod\tvalue\nNI 1\t2008-09\t4\n",
        "indicator_code,period,value\r\nNI 1,2008-09,4\r\n".encode("utf-16"),
    ],
)
def test_encodings_and_separators(data: bytes) -> None:
    assert _rows(data) == [(2, ("NI 1", "2008-09", "4", "", "", "", ""))]


def test_ragged_and_blank_rows_and_missing_columns() -> None:
    data = b"value,period,indicator_code,extra\n4,2008-09\n,,,\n\n5,2009-10,NI 2,x,y\n"
    assert _rows(data) == [
        (2, ("", "2008-09", "4", "", "", "", "")),
        (5, ("NI 2", "2009-10", "5", "", "", "", "")),
    ]


def test_duplicate_columns_and_bad_encodings_refuse_the_file() -> None:
    with pytest.raises(FileProblem, match="'period' appears twice \\(columns B and C\\)"):
        _rows(b"indicator_code,period,period\n")
    with pytest.raises(FileProblem, match="CSV UTF-8"):
        _rows(b"indicator_code,period,commentary\nNI 1,2008-09,\xa3 spent\n")


def test_the_row_limit_is_counted_as_rows_are_read() -> None:
    data = b"indicator_code,period\n" + b"NI 1,2008-09\n" * 5
    with pytest.raises(TooManyRows):
        _rows(data, max_rows=4)


def test_json_items_map_to_columns_by_name() -> None:
    data = b'[{"PERIOD": "2008-09", "indicator_code": "NI 1", "value": 4.5}, "x", {}]'
    rows = _rows(data, "json")
    assert rows[0] == (1, ("NI 1", "2008-09", pytest.approx(4.5), None, None, None, None))
    assert isinstance(rows[1][1][0], BadItem)
    assert len(rows) == 2  # an empty object is a blank row
    with pytest.raises(FileProblem, match="cannot be read"):
        _rows(b'[{"indicator_code": "NI 1",', "json")


def test_workbooks_are_checked_before_they_are_parsed() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/a.xml", random.Random(1).randbytes(2_000_000))
        archive.writestr("xl/b.xml", b"x" * 2_000_000)
    buffer.seek(0)
    with pytest.raises(FileProblem, match=r"xl/b\.xml expands 1024 times"):
        check_zip(buffer, max_unpacked=10**9)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/a.xml", random.Random(1).randbytes(2_000_000))
    check_zip(buffer, max_unpacked=10**9)  # what does not compress is no bomb
    with pytest.raises(FileProblem, match="unpacks to 2000000 bytes"):
        check_zip(buffer, max_unpacked=1_000_000)
