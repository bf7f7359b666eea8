"""Reading one cell of an import file, and neutralising formula-like text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.imports.rules import (
    CellError,
    neutralise,
    normalise_header,
    parse_amount,
    parse_period_cell,
    parse_status,
    parse_text,
    plain_decimal,
    unneutralise,
)
from goldenthread.outturns.models import OutturnStatus


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("45", "45"),
        (" 45.50 ", "45.50"),
        ("-3.25", "-3.25"),
        ("+7", "7"),
        (".5", "0.5"),
        ("1e3", "1000"),
        ("1.5E+2", "150"),
        (12, "12"),
        (0.1, "0.1"),
        (4960.33613445, "4960.33613445"),
        (Decimal("2.50"), "2.50"),
        ("1234567890123456.12345678", "1234567890123456.12345678"),
        ("1.500000000000", "1.500000000000"),  # trailing zeros are not places kept
    ],
)
def test_numbers_are_read_exactly(cell: object, expected: str) -> None:
    value = parse_amount(cell)  # type: ignore[arg-type]
    assert value is not None and value == Decimal(expected)


def test_large_exponents_are_stored_without_them() -> None:
    value = parse_amount("1e3")
    assert value is not None and str(value) == "1000"


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_empty_cells_are_none(cell: object) -> None:
    assert parse_amount(cell) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1,234", "not a number: write 1234 without the comma"),
        ("1,234,567.5", "not a number: write 1234567.5 without the commas"),
        ("12,5", "not a number: use a point for decimals, e.g. 12.5"),
        ("45%", "not a number: write 45 without the %"),
        ("£1,200.50", "not a number: write 1200.50 without the £"),
        ("12 €", "not a number: write 12 without the €"),
        ("1 234 567", "not a number: write 1234567 without the spaces"),
        ("n/a", "not a number"),
        ("NaN", "not a number"),
        ("Infinity", "not a number"),
        ("1_000", "not a number"),
        ("٣", "not a number"),  # digits of another script
        (True, "not a number: write the figure, not TRUE or FALSE"),
        (float("nan"), "not a number"),
        ("12.123456789", "has 9 decimal places; at most 8 are kept: round it, e.g. 12.12345679"),
        ("1" * 25, "too many digits: at most 24 in all"),
        ("1" * 17, "too large: at most 16 digits before the decimal point"),
        ("1e9999", "too many digits: at most 24 in all"),
    ],
)
def test_what_is_not_a_number_says_how_to_write_it(cell: object, message: str) -> None:
    with pytest.raises(CellError) as raised:
        parse_amount(cell)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_percent_sign_is_taken_only_where_allowed() -> None:
    assert parse_amount("45 %", percent_ok=True) == Decimal(45)
    assert parse_amount("12.5%", percent_ok=True) == Decimal("12.5")
    with pytest.raises(CellError, match="without the %"):
        parse_amount("45%", percent_ok=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-5 fewer", "'-5 fewer"),
        ("@risk", "'@risk"),
        ("\tlead", "'\tlead"),
        ("'=quoted", "''=quoted"),
        ("''x", "'''x"),
        ("'Twas", "'Twas"),
        ("plain", "plain"),
        ("", ""),
        ("'", "'"),
    ],
)
def test_formula_like_text_is_neutralised(text: str, expected: str) -> None:
    assert neutralise(text) == expected
    assert unneutralise(neutralise(text)) == text


@given(st.text(max_size=30))
def test_neutralising_is_always_undone_exactly(text: str) -> None:
    shown = neutralise(text)
    assert unneutralise(shown) == text
    assert not shown or shown[0] not in "=+-@\t\r"


def test_headers_match_in_any_case_with_spaces_or_hyphens() -> None:
    assert normalise_header(" Indicator Code ") == "indicator_code"
    assert normalise_header("STRETCH-VALUE") == "stretch_value"
    assert normalise_header(None) == ""


def test_text_cells_are_trimmed_and_limited() -> None:
    assert parse_text("  '=x ", 10, spreadsheet=True) == "=x"
    assert parse_text("'=x", 10, spreadsheet=False) == "'=x"
    assert parse_text(12, 10, spreadsheet=True) == "12"
    assert parse_text(None, 10, spreadsheet=True) == ""
    with pytest.raises(CellError, match="longer than 3 characters"):
        parse_text("abcd", 3, spreadsheet=False)


def test_a_period_turned_into_a_date_is_refused_with_the_reason() -> None:
    assert parse_period_cell(" 2008-09 ") == "2008-09"
    for cell in (datetime(2008, 9, 1), date(2008, 9, 1)):
        with pytest.raises(CellError, match=r"a date \(September 2008\)"):
            parse_period_cell(cell)


def test_statuses_are_read_in_any_case() -> None:
    assert parse_status(" Verified ") is OutturnStatus.VERIFIED
    assert parse_status("") is None
    with pytest.raises(CellError, match="use draft, submitted, verified, qualified"):
        parse_status("approved")


def test_decimals_are_written_without_exponents() -> None:
    assert plain_decimal(Decimal("1E+2")) == "100"
    assert plain_decimal(Decimal("1E-8")) == "0.00000001"
    assert plain_decimal(Decimal("45.50")) == "45.50"
