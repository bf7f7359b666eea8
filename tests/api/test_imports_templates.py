"""Import templates: the header row the import takes, in CSV or Excel, for staff."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from goldenthread.imports.rules import OUTTURN_COLUMNS, TARGET_COLUMNS
from tests.api.importing import XLSX_TYPE, send, stored_outturns, stored_targets
from tests.api.partners import partner_headers, register_client
from tests.api.world import World


async def _template(world: World, kind: str, **params: str) -> bytes:
    response = await world.client.get(
        f"/api/v1/imports/templates/{kind}", params=params, headers=world.headers("perf")
    )
    assert response.status_code == 200, response.text
    fmt = params.get("format", "csv")
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{kind}-template.{fmt}"'
    )
    assert response.headers["content-type"].startswith("text/csv" if fmt == "csv" else XLSX_TYPE)
    return response.content


async def test_a_filled_csv_template_imports(world: World) -> None:
    indicator = await world.create_indicator()
    template = await _template(world, "outturns")
    text = template.decode("utf-8-sig")
    assert text == ",".join(OUTTURN_COLUMNS) + "\r\n"  # the header alone: no example row
    filled = text + "NI 192,2008-09-Q1,45.5,,,On plan,draft\r\n"
    imported = await send(world, "outturns", "\ufeff" + filled)
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 1 and imported.json()["warnings"] == []
    stored = await stored_outturns(world)
    assert str(stored[(indicator["id"], "2008-09-Q1")].value) == "45.5"

    # The empty template itself is a file of no rows, not an error.
    empty = await send(world, "outturns", template, dry_run=True)
    assert empty.status_code == 200 and empty.json()["rows_read"] == 0


async def test_a_filled_excel_template_imports(world: World) -> None:
    indicator = await world.create_indicator()
    book = load_workbook(io.BytesIO(await _template(world, "targets", format="xlsx")))
    sheet = book.worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())] == list(TARGET_COLUMNS)
    assert sheet.max_row == 1
    sheet.append(["NI 192", "2008-09", 65, None, None, 70, "Agreed"])
    buffer = io.BytesIO()
    book.save(buffer)
    imported = await send(world, "targets", buffer.getvalue(), content_type=XLSX_TYPE)
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 1 and imported.json()["warnings"] == []
    stored = await stored_targets(world)
    assert stored[(indicator["id"], "2008-09")].note == "Agreed"


async def test_templates_are_for_staff_and_known_kinds_and_formats(world: World) -> None:
    assert (await world.client.get("/api/v1/imports/templates/outturns")).status_code == 401
    partner = await register_client(world)
    as_partner = await world.client.get(
        "/api/v1/imports/templates/outturns", headers=await partner_headers(world, partner)
    )
    assert as_partner.status_code == 403
    for path, params in (("plans", {}), ("outturns", {"format": "json"})):
        bad = await world.client.get(
            f"/api/v1/imports/templates/{path}", params=params, headers=world.headers("perf")
        )
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")
