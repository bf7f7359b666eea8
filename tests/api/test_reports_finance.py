"""Budget monitoring figures over HTTP: the all-or-nothing import from CSV, JSON and Excel,
who may import them, and the list."""

from __future__ import annotations

from sqlalchemy import select

from goldenthread.audit.models import AuditEntry
from goldenthread.imports.upload import XLSX_TYPE
from tests.api.importing import workbook
from tests.api.world import World


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
