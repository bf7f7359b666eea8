"""The indicator page's history, the dashboard's default period and the data-entry sheet."""

from __future__ import annotations

from typing import Any

from tests.api.world import World


async def _put(world: World, url: str, kind: str, period: str, body: dict[str, Any]) -> None:
    response = await world.client.put(
        f"{url}/{kind}/{period}", json=body, headers=world.headers("perf")
    )
    assert response.status_code in (200, 201), response.text


async def test_history_gives_a_status_per_period_over_the_years(world: World) -> None:
    created = await world.create_indicator(
        frequency="quarterly", aggregation="sum", unit="count", decimal_places=0
    )
    url = f"/api/v1/indicators/{created['id']}"
    for year in ("2007-08", "2008-09"):
        await _put(world, url, "targets", year, {"value": "400"})
    for quarter, value in (("2007-08-Q1", 90), ("2008-09-Q1", 120), ("2008-09-Q2", 60)):
        await _put(world, url, "outturns", quarter, {"value": value})
    response = await world.client.get(
        f"{url}/history",
        params={"from": "2007-08", "to": "2008-09"},
        headers=world.headers("viewer"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [i["period"] for i in body["items"]] == [
        "2007-08-Q1",
        "2007-08-Q2",
        "2007-08-Q3",
        "2007-08-Q4",
        "2008-09-Q1",
        "2008-09-Q2",
        "2008-09-Q3",
        "2008-09-Q4",
    ]
    by_period = {i["period"]: i for i in body["items"]}
    assert by_period["2008-09-Q1"]["rag"] == "green"  # 120 against 100 pro rata
    assert by_period["2008-09-Q1"]["trend"] == "improving"
    assert by_period["2008-09-Q2"]["rag"] == "red"  # 180 against 200, amber from 190
    assert by_period["2008-09-Q2"]["actual"] == "180"
    assert by_period["2007-08-Q2"]["rag"] == "no_data"
    default = await world.client.get(f"{url}/history", headers=world.headers("viewer"))
    assert default.json()["first_year"] == "2006-07"
    assert default.json()["last_year"] == "2008-09"
    backwards = await world.client.get(
        f"{url}/history",
        params={"from": "2009-10", "to": "2008-09"},
        headers=world.headers("viewer"),
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "from"


async def test_latest_period_is_the_last_ended_quarter_with_data(world: World) -> None:
    empty = await world.client.get("/api/v1/status/latest-period", headers=world.headers("viewer"))
    assert empty.json() == {"period": None}
    monthly = await world.create_indicator(code="M1", frequency="monthly")
    await _put(
        world, f"/api/v1/indicators/{monthly['id']}", "outturns", "2008-09-M07", {"value": 1}
    )
    latest = await world.client.get("/api/v1/status/latest-period", headers=world.headers("viewer"))
    assert latest.json() == {"period": "2008-09-Q2"}


async def test_data_entry_lists_my_indicators_with_the_period_due(world: World) -> None:
    quarterly = await world.create_indicator(code="Q1", frequency="quarterly")
    monthly = await world.create_indicator(code="M1", frequency="monthly", aggregation="ratio")
    await world.create_indicator(code="NOT MINE", owner_id=world.users["other"], deputy_id=None)
    annual = await world.create_indicator(
        code="A1", frequency="annual", owner_id=world.users["other"]
    )
    await _put(
        world, f"/api/v1/indicators/{quarterly['id']}", "targets", "2008-09", {"value": "60"}
    )
    await _put(
        world,
        f"/api/v1/indicators/{quarterly['id']}",
        "outturns",
        "2008-09-Q2",
        {"value": "58", "commentary": "close"},
    )
    mine = await world.client.get(
        "/api/v1/data-entry", params={"period": "2008-09-Q2"}, headers=world.headers("deputy")
    )
    assert mine.status_code == 200, mine.text
    rows = {r["indicator"]["code"]: r for r in mine.json()["rows"]}
    assert set(rows) == {"Q1", "M1", "A1"}
    assert rows["Q1"]["period"] == "2008-09-Q2"
    assert rows["Q1"]["outturn"]["value"] == "58"
    assert rows["Q1"]["outturn"]["version"] == 1
    assert rows["Q1"]["target"] == {"period": "2008-09", "value": "60", "low": None, "high": None}
    assert rows["M1"]["period"] == "2008-09-M06"
    assert rows["M1"]["outturn"] is None
    assert rows["M1"]["indicator"]["aggregation"] == "ratio"
    assert rows["A1"]["period"] == "2007-08"
    assert annual["id"] == rows["A1"]["indicator"]["id"]
    everything = await world.client.get(
        "/api/v1/data-entry",
        params={"period": "2008-09-Q2", "scope": "all"},
        headers=world.headers("perf"),
    )
    assert len(everything.json()["rows"]) == 4
    refused = await world.client.get(
        "/api/v1/data-entry",
        params={"period": "2008-09-Q2", "scope": "all"},
        headers=world.headers("owner"),
    )
    assert refused.status_code == 403
    assert monthly["id"] == rows["M1"]["indicator"]["id"]
