"""Imports of targets, and of Excel workbooks."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook

from tests.api.importing import (
    XLSX_TYPE,
    csv_text,
    errors_by_row,
    send,
    stored_outturns,
    stored_targets,
    workbook,
)
from tests.api.world import World

TARGETS = "indicator_code,period,value,low,high,stretch_value,note"


async def test_targets_import_annual_and_profile_periods_and_bands(world: World) -> None:
    monthly = await world.create_indicator(frequency="monthly")
    band = await world.create_indicator(code="BV 12", polarity="target_band", unit="days")
    body = csv_text(
        TARGETS,
        "NI 192,2008-09,65,,,70,LAA target",
        "NI 192,2009-10,66,,,,",
        "NI 192,2008-09-M01,60,,,,profile",
        "BV 12,2008-09,,3,9,,",
    )
    response = await send(world, "targets", body)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 4
    stored = await stored_targets(world)
    annual = stored[(monthly["id"], "2008-09")]
    assert (str(annual.value), str(annual.stretch_value), annual.note) == ("65", "70", "LAA target")
    assert (
        str(stored[(band["id"], "2008-09")].low),
        str(stored[(band["id"], "2008-09")].high),
    ) == (
        "3",
        "9",
    )
    trail = await world.client.get(
        f"/api/v1/indicators/{band['id']}/audit", headers=world.headers("perf")
    )
    entry = trail.json()["items"][0]
    assert (entry["entity"], entry["action"], entry["via"]) == ("target", "create", "import")
    assert entry["after"] == {
        "period": "2008-09",
        "value": None,
        "low": "3",
        "high": "9",
        "stretch_value": None,
        "note": "",
    }
    again = await send(world, "targets", body.replace("LAA target", "LAA reward target"))
    assert again.json()["updated"] == 1 and again.json()["unchanged"] == 3


async def test_target_faults_are_named(world: World) -> None:
    await world.create_indicator(frequency="monthly")
    await world.create_indicator(code="BV 12", polarity="target_band", unit="days")
    body = csv_text(
        TARGETS,
        "NI 192,2008-09-Q1,65,,,,",  # a quarter for a monthly indicator
        "NI 192,2008-09,,,,,",  # no value
        "BV 12,2008-09,5,,,,",  # a band takes low and high
        "BV 12,2009-10,,9,3,,",  # upside down
    )
    response = await send(world, "targets", body)
    assert response.status_code == 422
    errors = errors_by_row(response)
    assert errors[2][0][0] == "period" and "2008-09-M01 or a financial year" in errors[2][0][2]
    assert errors[3] == [("value", None, "required")]
    assert {e[0] for e in errors[4]} == {"value", "low", "high"}
    assert errors[5] == [("high", "3", "must not be below low")]
    assert await stored_targets(world) == {}


async def test_workbooks_import_from_the_first_or_a_named_sheet(world: World) -> None:
    created = await world.create_indicator()
    rows = [
        ["Outturns return, quarter 1"],
        [],
        ["Indicator code", "Period", "Value", "Commentary"],
        ["NI 192", "2008-09-Q1", 45.5, "'=on track"],
        [None, None, None, None],
        ["NI 192", "2008-09-Q2", 46, 12],
    ]
    book = workbook(("Notes", [["nothing here"]]), ("Outturns", rows))
    first_sheet = await send(world, "outturns", book, content_type=XLSX_TYPE)
    assert first_sheet.status_code == 422
    assert "No header row" in first_sheet.json()["detail"]
    missing = await send(world, "outturns", book, content_type=XLSX_TYPE, sheet="Q1")
    assert missing.status_code == 422
    assert "its sheets are: Notes, Outturns" in missing.json()["detail"]
    named = await send(world, "outturns", book, content_type=XLSX_TYPE, sheet="Outturns")
    assert named.status_code == 200, named.text
    assert named.json()["format"] == "xlsx" and named.json()["created"] == 2
    stored = await stored_outturns(world)
    first = stored[(created["id"], "2008-09-Q1")]
    assert (str(first.value), first.commentary) == ("45.5", "=on track")
    assert stored[(created["id"], "2008-09-Q2")].commentary == "12"


async def test_a_period_that_excel_turned_into_a_date_is_explained(world: World) -> None:
    await world.create_indicator(frequency="annual")
    book = workbook(
        ("Sheet", [["indicator_code", "period", "value"], ["NI 192", datetime(2008, 9, 1), 4]])
    )
    response = await send(world, "outturns", book, content_type=XLSX_TYPE)
    assert response.status_code == 422
    (column, value, message), *_ = errors_by_row(response)[2]
    assert column == "period" and value is not None and value.startswith("2008-09-01")
    assert "September 2008" in message and "format the column as text" in message


async def test_a_workbook_sent_without_a_media_type_is_recognised(world: World) -> None:
    await world.create_indicator()
    book = workbook(("Sheet", [["indicator_code", "period", "value"], ["NI 192", "2008-09-Q1", 4]]))
    response = await send(world, "outturns", book, content_type="application/octet-stream")
    assert response.status_code == 200 and response.json()["format"] == "xlsx"


async def test_cells_formatted_as_percentages_are_read_as_shown(world: World) -> None:
    percent = await world.create_indicator()
    await world.create_indicator(code="BV 82a", unit="count", aggregation="sum")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator_code", "period", "value"])
    sheet.append(["NI 192", "2008-09-Q1", 0.455])
    sheet.append(["BV 82a", "2008-09-Q1", 0.45])
    for row in (2, 3):
        sheet.cell(row=row, column=3).number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    response = await send(world, "outturns", buffer.getvalue(), content_type=XLSX_TYPE)
    assert response.status_code == 422
    assert errors_by_row(response) == {
        3: [("value", "45%", "not a number: write 45 without the %")]
    }
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    response = await send(world, "outturns", buffer.getvalue(), content_type=XLSX_TYPE)
    assert response.status_code == 200, response.text
    stored = await stored_outturns(world)
    assert str(stored[(percent["id"], "2008-09-Q1")].value) == "45.5"  # as the sheet shows
