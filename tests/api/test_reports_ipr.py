"""The integrated performance report over HTTP: its sections, scopes, downloads and access."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import pypdfium2 as pdfium
from openpyxl import load_workbook
from sqlalchemy import case, event, select, update

from goldenthread.actions.models import Action, ActionProgress, ActionStatus
from goldenthread.audit.models import AuditEntry
from goldenthread.imports.upload import XLSX_TYPE
from goldenthread.risks.models import Risk, RiskReview
from tests.api.importing import workbook
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

PERIOD = "2008-09-Q2"  # compared with 2008-09-Q1; report dates 15 Oct and 15 Jul 2008
TODAY = date(2026, 1, 1)


async def _put(world: World, url: str, kind: str, period: str, body: dict[str, Any]) -> None:
    response = await world.client.put(
        f"{url}/{kind}/{period}", json=body, headers=world.headers("perf")
    )
    assert response.status_code in (200, 201), response.text


async def _indicator(
    world: World,
    code: str,
    q1: str | None,
    q2: str | None,
    *,
    unit: int | None = None,
    status: str = "verified",
    note: str = "",
) -> int:
    created = await world.create_indicator(
        code=code,
        title=f"Indicator {code}",
        aggregation="last",
        decimal_places=0,
        unit="count",
        org_unit_id=unit or world.service_id,
    )
    url = f"/api/v1/indicators/{created['id']}"
    await _put(world, url, "targets", "2008-09", {"value": "50"})
    await _put(world, url, "outturns", "2007-08-Q2", {"value": "45"})
    if q1 is not None:
        await _put(world, url, "outturns", "2008-09-Q1", {"value": q1, "status": "verified"})
    if q2 is not None:
        await _put(
            world, url, "outturns", PERIOD, {"value": q2, "status": status, "commentary": note}
        )
    return int(created["id"])


async def _build(world: World) -> dict[str, int]:
    """Red, turned green, moved up to amber, red elsewhere, and missing: with actions, risks
    and a budget beside them."""
    ids = {
        "RED": await _indicator(
            world, "RED 1", "48", "40", status="submitted", note="Depot closed for repairs"
        ),
        "GREEN": await _indicator(world, "GRN 1", "40", "55"),
        "AMBER": await _indicator(world, "AMB 1", "40", "48", note="Recovering"),
        "ELSEWHERE": await _indicator(world, "RED 2", "40", "41", unit=world.other_service_id),
        "MISSING": await _indicator(world, "MIS 1", "52", None),
    }
    async with world.app.state.sessionmaker() as session:
        # Handed in on time, except the green one: a week after the deadline of 14 October.
        handed_in = case(
            (AuditEntry.indicator_id == ids["GREEN"], datetime(2008, 10, 21, 9, tzinfo=UTC)),
            else_=datetime(2008, 10, 10, 9, tzinfo=UTC),
        )
        await session.execute(
            update(AuditEntry).where(AuditEntry.entity == "outturn").values(at=handed_in)
        )

        def action(**fields: Any) -> Action:
            values: dict[str, Any] = {
                "organisation_id": world.council_id,
                "org_unit_id": world.service_id,
                "owner_id": world.users["manager"],
                "status": ActionStatus.IN_PROGRESS,
            }
            values.update(fields)
            return Action(**values)

        remedial = action(
            title="Reopen the depot",
            indicator_id=ids["RED"],
            start_on=date(2008, 7, 1),
            due_on=date(2008, 12, 31),
            percent_complete=60,
        )
        overdue = action(
            title="Replace the weighbridge", due_on=date(2008, 9, 1), percent_complete=50
        )
        at_risk = action(
            title="Retender the haulage contract",
            start_on=date(2008, 9, 1),
            due_on=date(2008, 10, 30),
            percent_complete=10,
        )
        done = action(
            title="Publish the waste strategy",
            due_on=date(2008, 8, 1),
            status=ActionStatus.COMPLETE,
            percent_complete=100,
            completed_on=date(2008, 7, 20),
        )
        elsewhere = action(
            title="Review the finance system",
            org_unit_id=world.other_service_id,
            due_on=date(2008, 8, 1),
        )
        session.add_all([remedial, overdue, at_risk, done, elsewhere])
        await session.flush()
        session.add_all(
            [
                ActionProgress(
                    action_id=remedial.id,
                    reported_on=date(2008, 7, 10),
                    note="Contractor appointed",
                    percent_complete=20,
                    author_name="Manager Person",
                ),
                ActionProgress(
                    action_id=remedial.id,
                    reported_on=date(2008, 9, 20),
                    note="Roof repaired; reopening in December",
                    percent_complete=60,
                    author_name="Manager Person",
                ),
            ]
        )
        rising = Risk(
            code="CR 01",
            code_key="cr 01",
            title="Landfill capacity runs out",
            owner_id=world.users["manager"],
            org_unit_id=world.service_id,
            category="strategic",
            inherent_likelihood=5,
            inherent_impact=5,
            residual_likelihood=4,
            residual_impact=5,
            control="treat",
        )
        steady = Risk(
            code="CR 02",
            code_key="cr 02",
            title="Depot staff shortages",
            org_unit_id=world.service_id,
            category="operational",
            inherent_likelihood=3,
            inherent_impact=3,
            residual_likelihood=2,
            residual_impact=2,
            control="tolerate",
        )
        session.add_all([rising, steady])
        await session.flush()
        session.add_all(
            [
                RiskReview(
                    risk_id=rising.id,
                    period="2008-09-Q1",
                    likelihood=3,
                    impact=4,
                    reviewed_on=date(2008, 7, 5),
                    reviewer_name="Perf Person",
                ),
                RiskReview(
                    risk_id=rising.id,
                    period="2008-09-Q2",
                    likelihood=4,
                    impact=5,
                    reviewed_on=date(2008, 10, 1),
                    reviewer_name="Perf Person",
                ),
            ]
        )
        await session.commit()
        ids["remedial"], ids["overdue"], ids["at_risk"] = remedial.id, overdue.id, at_risk.id
        ids["elsewhere_action"] = elsewhere.id
    finance = "org_unit,period,budget,forecast,actual,note\n" + (
        "Waste,2008-09-M06,1000000,1100000,520000,Haulage costs up\n"
        f"{world.other_service_id},2008-09-M06,500000,480000,240000,\n"
    )
    response = await world.client.post(
        "/api/v1/reports/finance/import",
        content=finance,
        headers=world.headers("perf", **{"Content-Type": "text/csv"}),
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2
    return ids


async def _ipr(world: World, user: str = "viewer", **params: Any) -> dict[str, Any]:
    response = await world.client.get(
        "/api/v1/reports/ipr", params={"period": PERIOD, **params}, headers=world.headers(user)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_report_has_every_section(world: World) -> None:
    ids = await _build(world)
    report = await _ipr(world)
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
    ids = await _build(world)
    unit = await _ipr(world, scope=f"org_unit:{world.directorate_id}", include_amber="true")
    assert unit["scope"]["name"] == "Environment"
    assert [e["code"] for e in unit["exceptions"]] == ["RED 1", "AMB 1"]
    assert ids["elsewhere_action"] not in [a["id"] for a in unit["actions"]["overdue"]]
    assert [r["org_unit"] for r in unit["finance"]["rows"]] == ["Waste"]
    laa = await _ipr(world, scope="set:laa")
    assert laa["scope"]["code"] == "set:LAA" and laa["headline"]["total"] == 5
    earlier = await _ipr(world, compare_to="2007-08-Q2")
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
    await _build(world)
    report = await _ipr(world)
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
    await _indicator(world, "RED 9", "40", "40", note='=HYPERLINK("x")')
    response = await world.client.get(
        "/api/v1/reports/ipr.xlsx", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    sheet = load_workbook(io.BytesIO(response.content))["Exceptions"]
    assert sheet["H2"].value == '\'=HYPERLINK("x")' and sheet["H2"].data_type == "s"


async def test_staff_read_it_and_partners_are_not_told(world: World) -> None:
    for user in ("admin", "perf", "manager", "owner", "viewer"):
        await _ipr(world, user)
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    for path in ("/api/v1/reports/ipr", "/api/v1/reports/ipr.pdf", "/api/v1/reports/finance"):
        response = await world.client.get(path, params={"period": PERIOD}, headers=headers)
        assert response.status_code == 404, path


async def test_finance_import_is_all_or_nothing_and_for_the_performance_team(
    world: World,
) -> None:
    good = [
        {"org_unit": "Waste", "period": "2008-09-M04", "budget": "900000", "forecast": 950000},
    ]
    refused = await world.client.post(
        "/api/v1/reports/finance/import", json=good, headers=world.headers("manager")
    )
    assert refused.status_code == 403
    bad = [
        *good,
        {"org_unit": "Nowhere", "period": "2008-09", "budget": "1"},
        {"org_unit": "Waste", "period": "2008-09-M13", "budget": "£5"},
        {"org_unit": "Waste", "period": "2008-09-M04", "budget": "2"},
    ]
    response = await world.client.post(
        "/api/v1/reports/finance/import", json=bad, headers=world.headers("perf")
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["rejected"] == 3 and body["written"] is False
    fields = {e["field"] for e in body["errors"]}
    assert {"row 2: org_unit", "row 3: period", "row 3: budget", "row 4: period"} <= fields
    listed = await world.client.get("/api/v1/reports/finance", headers=world.headers("viewer"))
    assert listed.json()["items"] == []
    dry = await world.client.post(
        "/api/v1/reports/finance/import?dry_run=true", json=good, headers=world.headers("perf")
    )
    assert dry.json()["created"] == 1 and dry.json()["written"] is False
    for expected in ("created", "unchanged"):
        done = await world.client.post(
            "/api/v1/reports/finance/import", json=good, headers=world.headers("admin")
        )
        assert done.status_code == 200 and done.json()[expected] == 1, done.text
    listed = await world.client.get(
        "/api/v1/reports/finance", params={"year": "2008-09"}, headers=world.headers("viewer")
    )
    (item,) = listed.json()["items"]
    assert item["variance"] == "50000" and item["variance_percent"] == "5.6"
    async with world.app.state.sessionmaker() as session:
        trail = (
            await session.scalars(select(AuditEntry).where(AuditEntry.entity == "finance_figure"))
        ).all()
    assert [(e.action, e.entity_id, e.via, e.period) for e in trail] == [
        ("create", item["id"], "import", "2008-09-M04")
    ]
    assert trail[0].after is not None and trail[0].after["budget"] == "900000"


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
            await _ipr(world)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    await _build(world)
    few = await queries()
    for n in range(4):
        await _indicator(world, f"MORE {n}", "40", "40")
    assert await queries() == few
    assert few <= 30


async def test_finance_from_a_workbook_with_a_title_above_the_header(world: World) -> None:
    book = workbook(
        (
            "Budget monitoring",
            [
                ["Revenue budget monitoring, month 6"],
                [],
                ["Org unit", "Period", "Budget", "Forecast", "Actual", "Note", "Cost centre"],
                ["waste", "2008-09-M06", 1000000, 1020000, 480000, "'=SUM(A1)", "W100"],
            ],
        )
    )
    response = await world.client.post(
        "/api/v1/reports/finance/import",
        content=book,
        headers=world.headers("perf", **{"Content-Type": XLSX_TYPE}),
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
    assert response.json()["warnings"] == [
        "The column 'cost_centre' is not one this import reads; it was ignored."
    ]
    listed = await world.client.get("/api/v1/reports/finance", headers=world.headers("viewer"))
    (item,) = listed.json()["items"]
    assert (item["org_unit"], item["variance"], item["note"]) == ("Waste", "20000", "=SUM(A1)")
    headless = await world.client.post(
        "/api/v1/reports/finance/import",
        content="unit,when\nWaste,2008-09-M06\n",
        headers=world.headers("perf", **{"Content-Type": "text/csv"}),
    )
    assert headless.status_code == 422
    assert "org_unit and period" in headless.json()["detail"]
