"""Exports in the imports' layout: a round trip changes nothing, and spreadsheets never run
text as formulas."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from tests.api.importing import XLSX_TYPE, csv_text, send
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

FORMULAS = ["=SUM(A1:A9)", "-5 on last year", "@risk", "+44 7700 900123", "'=already quoted"]


async def _figures(world: World) -> None:
    main = await world.create_indicator()
    await world.create_indicator(code="NI 195", aggregation="ratio", sets=["NI"])
    await world.create_indicator(
        code="BV 12", polarity="target_band", unit="days", org_unit_id=world.other_service_id
    )
    rows = [
        f'NI 192,2008-09-Q{q},{40 + q}.5,,,"{text}",{status}'
        for q, (text, status) in enumerate(
            zip(FORMULAS[:4], ["draft", "submitted", "verified", "qualified"], strict=True), 1
        )
    ]
    body = csv_text(
        "indicator_code,period,value,numerator,denominator,commentary,status",
        *rows,
        "NI 195,2008-09-Q1,,1,3,,",
        "BV 12,2008-09-Q1,7,,,,",
    )
    imported = await send(world, "outturns", body)
    assert imported.status_code == 200, imported.text
    # Stored as typed on screen: an apostrophe before an equals sign, and 24 digits.
    typed = await world.client.put(
        f"/api/v1/indicators/{main['id']}/outturns/2009-10-Q1",
        json={"value": "1234567890123456.12345678", "commentary": FORMULAS[4]},
        headers=world.headers("perf"),
    )
    assert typed.status_code == 201, typed.text
    targets = csv_text(
        "indicator_code,period,value,low,high,stretch_value,note",
        "NI 192,2008-09,65,,,70,=stretch",
        "BV 12,2008-09,,3,9,,",
    )
    assert (await send(world, "targets", targets)).status_code == 200


async def _export(world: World, kind: str, user: str = "perf", **params: str) -> bytes:
    response = await world.client.get(
        f"/api/v1/exports/{kind}", params=params, headers=world.headers(user)
    )
    assert response.status_code == 200, response.text
    assert "etag" not in response.headers  # streamed, not buffered to be hashed
    return response.content


async def test_every_format_re_imports_as_unchanged(world: World) -> None:
    await _figures(world)
    for kind, count in (("outturns", 7), ("targets", 2)):
        for file_format in ("csv", "xlsx", "json"):
            exported = await _export(world, kind, format=file_format)
            again = await send(world, kind, exported, content_type=None)
            assert again.status_code == 200, (kind, file_format, again.text)
            summary = again.json()
            assert summary["format"] == file_format
            assert (summary["rows_read"], summary["unchanged"]) == (count, count), summary
            assert summary["created"] == summary["updated"] == 0


async def test_formula_like_text_is_neutralised_in_spreadsheets_only(world: World) -> None:
    await _figures(world)
    text = (await _export(world, "outturns", format="csv")).decode("utf-8-sig")
    everything = list(csv.DictReader(io.StringIO(text)))
    assert [r["indicator_code"] for r in everything] == ["BV 12"] + ["NI 192"] * 5 + ["NI 195"]
    rows = everything[1:6]
    assert [r["commentary"] for r in rows[:4]] == ["'" + f for f in FORMULAS[:4]]
    assert rows[4]["commentary"] == "''=already quoted"
    assert rows[4]["value"] == "1234567890123456.12345678"
    ratio = everything[6]
    assert (ratio["value"], ratio["numerator"], ratio["denominator"]) == ("", "1", "3")
    assert list(everything[0]) == [
        "indicator_code",
        "period",
        "value",
        "numerator",
        "denominator",
        "commentary",
        "status",
    ]

    book = load_workbook(io.BytesIO(await _export(world, "outturns", format="xlsx")))
    sheet = book.worksheets[0]
    commentary = [sheet.cell(row=r, column=6) for r in range(3, 7)]
    assert [c.value for c in commentary] == ["'" + f for f in FORMULAS[:4]]
    assert {c.data_type for c in commentary} == {"s"}  # text, never a formula
    assert sheet.cell(row=7, column=3).value == "1234567890123456.12345678"  # no digit lost
    assert sheet.cell(row=3, column=3).value == 41.5

    items = json.loads(await _export(world, "outturns", format="json"))[1:6]
    assert [i["commentary"] for i in items[:4]] == FORMULAS[:4]
    assert items[0]["value"] == "41.5" and items[0]["numerator"] is None

    targets = (await _export(world, "targets")).decode("utf-8-sig")
    assert "'=stretch" in targets


async def test_filters_and_the_accept_header(world: World) -> None:
    await _figures(world)

    def codes(payload: bytes) -> list[tuple[str, str]]:
        return [(i["indicator_code"], i["period"]) for i in json.loads(payload)]

    by_year = await _export(world, "outturns", format="json", year="2009-10")
    assert codes(by_year) == [("NI 192", "2009-10-Q1")]
    by_set = await _export(world, "outturns", format="json", set="laa")
    assert {c for c, _ in codes(by_set)} == {"NI 192", "BV 12"}
    by_unit = await _export(world, "outturns", format="json", org_unit=str(world.other_service_id))
    assert codes(by_unit) == [("BV 12", "2008-09-Q1")]
    by_code = await _export(world, "outturns", format="json", code="ni 195")
    assert codes(by_code) == [("NI 195", "2008-09-Q1")]
    response = await world.client.get(
        "/api/v1/exports/targets",
        headers=world.headers("viewer", Accept=f"{XLSX_TYPE}, */*"),
    )
    assert response.headers["content-type"] == XLSX_TYPE
    assert 'filename="targets.xlsx"' in response.headers["content-disposition"]
    bad_year = await world.client.get(
        "/api/v1/exports/outturns?year=2008", headers=world.headers("perf")
    )
    assert bad_year.status_code == 422


async def test_partners_export_only_what_they_may_see(world: World) -> None:
    await _figures(world)
    hidden = await world.create_indicator(code="LPI 9", sets=["LOCAL"])
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    response = await world.client.get("/api/v1/exports/outturns?format=json", headers=headers)
    assert response.status_code == 200
    assert {i["indicator_code"] for i in response.json()} == {"NI 192", "BV 12"}
    unseen = await world.client.get(
        f"/api/v1/exports/outturns?indicator={hidden['id']}", headers=headers
    )
    assert unseen.status_code == 404
