"""The integrated performance report over HTTP: its sections, scopes, downloads and access."""

from __future__ import annotations

import io
from typing import Any

import pypdfium2 as pdfium
from openpyxl import load_workbook
from sqlalchemy import event

from tests.api.ipr_world import PERIOD, build, get_ipr, put_indicator
from tests.api.partners import partner_headers, register_client
from tests.api.world import World


async def test_the_report_has_every_section(world: World) -> None:
    ids = await build(world)
    report = await get_ipr(world)
    assert report["previous_period"] == "2008-09-Q1" and report["previous_basis"] == "cycle"
    assert report["as_of"] == "2008-10-15" and report["previous_as_of"] == "2008-07-15"
    headline = report["headline"]
    assert headline["counts"]["red"] == 2 and headline["previous_counts"]["red"] == 3
    assert headline["change"]["red"] == -1 and headline["change"]["green"] == 0

    statuses = await world.client.get(
        "/api/v1/status", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    red = {i["code"] for i in statuses.json()["items"] if i["rag"] == "red"}
    assert [e["code"] for e in report["exceptions"]] == sorted(red) == ["RED 1", "RED 2"]
    first = report["exceptions"][0]
    assert first["rag_words"].startswith("Red") and first["previous_rag"] == "amber"
    assert first["commentary"] == "Depot closed for repairs"
    assert first["explanation"].startswith("Red:")
    (action,) = first["remedial_actions"]
    assert action["id"] == ids["remedial"] and action["owner_name"] == "Manager Person"
    assert [u["note"] for u in action["updates_since_previous"]] == [
        "Roof repaired; reopening in December"
    ]
    assert report["exceptions"][1]["remedial_actions"] == []

    assert [(h["code"], h["reason"]) for h in report["highlights"]] == [
        ("AMB 1", "moved_up"),
        ("GRN 1", "turned_green"),
    ]
    actions = report["actions"]
    assert [a["id"] for a in actions["overdue"]] == [ids["elsewhere_action"], ids["overdue"]]
    assert actions["overdue"][1]["days_overdue"] == 44
    assert [a["id"] for a in actions["at_risk"]] == [ids["at_risk"]]
    assert actions["at_risk"][0]["expected_percent"] == 75

    risks = report["risks"]
    assert [r["code"] for r in risks["highest"]] == ["CR 01", "CR 02"]
    assert risks["highest"][0]["score"] == 20 and risks["highest"][0]["band"] == "very_high"
    assert [(r["code"], r["previous_score"], r["change"]) for r in risks["changed"]] == [
        ("CR 01", 12, 8)
    ]

    finance = report["finance"]
    waste = next(r for r in finance["rows"] if r["org_unit"] == "Waste")
    assert waste["variance"] == "100000" and waste["variance_percent"] == "10.0"
    assert waste["performance"]["red"] == 1 and waste["performance"]["green"] == 1
    assert finance["budget"] == "1500000" and finance["variance"] == "80000"

    quality = report["data_quality"]
    issues = {(i["code"], tuple(i["issues"])) for i in quality["items"]}
    assert issues == {
        ("MIS 1", ("missing",)),
        ("RED 1", ("unverified",)),
        ("GRN 1", ("late",)),
    }
    assert quality["due"] == 5 and quality["missing"] == 1 and quality["late"] == 1


async def test_scopes_amber_and_comparison(world: World) -> None:
    ids = await build(world)
    unit = await get_ipr(world, scope=f"org_unit:{world.directorate_id}", include_amber="true")
    assert unit["scope"]["name"] == "Environment"
    assert [e["code"] for e in unit["exceptions"]] == ["RED 1", "AMB 1"]
    assert ids["elsewhere_action"] not in [a["id"] for a in unit["actions"]["overdue"]]
    assert [r["org_unit"] for r in unit["finance"]["rows"]] == ["Waste"]
    laa = await get_ipr(world, scope="set:laa")
    assert laa["scope"]["code"] == "set:LAA" and laa["headline"]["total"] == 5
    earlier = await get_ipr(world, compare_to="2007-08-Q2")
    assert earlier["previous_basis"] == "compare_to"
    assert earlier["headline"]["previous_counts"]["no_target"] == 5
    for params, field in (
        ({"scope": "team:1"}, "scope"),
        ({"compare_to": "2008-09-Q3"}, "compare_to"),
        ({"period": "2008-13"}, "period"),
    ):
        response = await world.client.get(
            "/api/v1/reports/ipr",
            params={"period": PERIOD, **params},
            headers=world.headers("viewer"),
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    missing = await world.client.get(
        "/api/v1/reports/ipr",
        params={"period": PERIOD, "scope": "org_unit:99999"},
        headers=world.headers("viewer"),
    )
    assert missing.status_code == 404


async def test_downloads_hold_the_exceptions(world: World) -> None:
    await build(world)
    report = await get_ipr(world)
    codes = [e["code"] for e in report["exceptions"]]
    response = await world.client.get(
        "/api/v1/reports/ipr.xlsx", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    assert response.status_code == 200, response.text
    assert "spreadsheetml" in response.headers["content-type"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Summary", "Exceptions", "Highlights"]
    rows = list(workbook["Exceptions"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == codes
    assert rows[1][2] == "Red (below target)" and rows[1][7] == "Depot closed for repairs"
    assert "Reopen the depot" in str(rows[1][10])

    response = await world.client.get(
        "/api/v1/reports/ipr.pdf", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    document = pdfium.PdfDocument(response.content)
    try:
        pages = []
        for page in document:
            image = page.render(scale=1).to_pil()
            assert image.width > 500 and image.getextrema() != ((255, 255),) * 3
            pages.append(page.get_textpage().get_text_range())
        text = "\n".join(pages).replace("\r", "")
    finally:
        document.close()
    for exception in report["exceptions"]:
        assert f"{exception['code']} {exception['title']}" in text
    assert "Status: Red (below target)" in text
    assert "Depot closed for repairs" in text and "Reopen the depot" in text
    assert "Integrated Performance Report" in text and "Scope: Whole council" in text


async def test_formula_text_is_neutralised_in_the_workbook(world: World) -> None:
    await put_indicator(world, "RED 9", "40", "40", note='=HYPERLINK("x")')
    response = await world.client.get(
        "/api/v1/reports/ipr.xlsx", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    sheet = load_workbook(io.BytesIO(response.content))["Exceptions"]
    assert sheet["H2"].value == '\'=HYPERLINK("x")' and sheet["H2"].data_type == "s"


async def test_staff_read_it_and_partners_are_not_told(world: World) -> None:
    for user in ("admin", "perf", "manager", "owner", "viewer"):
        await get_ipr(world, user)
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    for path in ("/api/v1/reports/ipr", "/api/v1/reports/ipr.pdf", "/api/v1/reports/finance"):
        response = await world.client.get(path, params={"period": PERIOD}, headers=headers)
        assert response.status_code == 404, path


async def test_the_report_takes_a_fixed_number_of_queries(world: World) -> None:
    engine = world.app.state.engine.sync_engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def queries() -> int:
        world.app.state.status_cache = type(world.app.state.status_cache)(4)
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            await get_ipr(world)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    await build(world)
    few = await queries()
    for n in range(4):
        await put_indicator(world, f"MORE {n}", "40", "40")
    assert await queries() == few
    assert few <= 30
