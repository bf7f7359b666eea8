"""Status over HTTP: one indicator explained, many with counts, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.api.world import World


async def _put(world: World, url: str, kind: str, period: str, body: dict[str, Any]) -> None:
    response = await world.client.put(
        f"{url}/{kind}/{period}", json=body, headers=world.headers("perf")
    )
    assert response.status_code in (200, 201), response.text


async def test_red_percentage_at_q2_is_explained(world: World) -> None:
    created = await world.create_indicator(
        frequency="quarterly", aggregation="last", decimal_places=1
    )
    url = f"/api/v1/indicators/{created['id']}"
    await _put(world, url, "targets", "2008-09", {"value": "65.0"})
    await _put(world, url, "outturns", "2008-09-Q1", {"value": "63.0"})
    await _put(
        world, url, "outturns", "2008-09-Q2", {"value": "61.2", "commentary": "Depot closed"}
    )
    await _put(world, url, "outturns", "2007-08-Q2", {"value": "60.0"})
    response = await world.client.get(
        f"{url}/status", params={"period": "2008-09-Q2"}, headers=world.headers("viewer")
    )
    assert response.status_code == 200, response.text
    status = response.json()
    assert status["rag"] == "red"
    assert status["actual"] == "61.2" and status["target"] == "65.0"
    assert status["band_width"] == "3.25"
    assert status["basis"] == "ytd" and status["trend"] == "improving"
    assert status["short_trend"] == "worsening"
    assert status["commentary"] == "Depot closed"
    assert status["explanation"].startswith("Red: 61.2% against a target of 65.0%")
    assert "amber from 61.8%" in status["explanation"]


async def test_status_of_a_period_of_another_frequency_uses_the_latest_ended_period(
    world: World,
) -> None:
    created = await world.create_indicator(frequency="quarterly")
    url = f"/api/v1/indicators/{created['id']}"
    await _put(world, url, "targets", "2008-09", {"value": "50"})
    await _put(world, url, "outturns", "2008-09-Q1", {"value": "55"})
    response = await world.client.get(
        f"{url}/status", params={"period": "2008-09-M05"}, headers=world.headers("viewer")
    )
    body = response.json()
    assert body["requested_period"] == "2008-09-M05" and body["period"] == "2008-09-Q1"
    assert body["rag"] == "green"


async def test_bad_period_is_a_field_error(world: World) -> None:
    created = await world.create_indicator()
    response = await world.client.get(
        f"/api/v1/indicators/{created['id']}/status",
        params={"period": "2008-13"},
        headers=world.headers("viewer"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"
    missing = await world.client.get("/api/v1/status", headers=world.headers("viewer"))
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "period"


async def _build(world: World, count: int, start: int) -> None:
    for n in range(start, start + count):
        created = await world.create_indicator(code=f"T{n:03d}", sets=["DOT"] if n % 2 else [])
        url = f"/api/v1/indicators/{created['id']}"
        await _put(world, url, "targets", "2008-09", {"value": "50"})
        await _put(world, url, "outturns", "2008-09-Q1", {"value": str(40 + n % 15)})
        await _put(world, url, "outturns", "2007-08-Q1", {"value": "47"})


async def test_summary_counts_and_direction_of_travel(world: World) -> None:
    await _build(world, 15, 0)
    response = await world.client.get(
        "/api/v1/status", params={"period": "2008-09-Q1"}, headers=world.headers("viewer")
    )
    summary = response.json()
    assert summary["total"] == 15
    # Values 40..54 against 50 with w = 2.5: 50+ green, 47.5..49.9 amber, below red.
    assert summary["counts"] == {
        "green": 5,
        "amber": 2,
        "red": 8,
        "no_target": 0,
        "no_data": 0,
        "not_applicable": 0,
    }
    dot = summary["direction_of_travel"]
    assert (dot["improving"], dot["worsening"], dot["no_change"]) == (7, 7, 1)
    assert dot["score"] == "46.7"
    basket = await world.client.get(
        "/api/v1/status",
        params={"period": "2008-09-Q1", "set": "dot", "rag": "red"},
        headers=world.headers("viewer"),
    )
    body = basket.json()
    assert body["total"] == 7
    assert {i["rag"] for i in body["items"]} == {"red"}
    assert len(body["items"]) == body["counts"]["red"]


async def test_many_indicators_take_a_fixed_number_of_queries(world: World) -> None:
    engine = world.app.state.engine.sync_engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def queries_for_status() -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            response = await world.client.get(
                "/api/v1/status", params={"period": "2008-09-Q1"}, headers=world.headers("viewer")
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len(statements)

    await _build(world, 3, 0)
    few = await queries_for_status()
    await _build(world, 12, 3)
    many = await queries_for_status()
    assert few == many
    assert many <= 8


async def test_register_status_follows_every_change_of_the_figures(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    await _put(world, url, "targets", "2008-09", {"value": "50"})
    await _put(world, url, "outturns", "2008-09-Q1", {"value": "55"})

    async def rag() -> str:
        response = await world.client.get(
            "/api/v1/status", params={"period": "2008-09-Q1"}, headers=world.headers("viewer")
        )
        return str(response.json()["items"][0]["rag"])

    assert await rag() == "green"
    assert await rag() == "green"  # answered again from the cache
    await _put(world, url, "outturns", "2008-09-Q1", {"value": "40"})
    assert await rag() == "red"
    await _put(world, url, "targets", "2008-09", {"value": "41"})
    assert await rag() == "amber"
    patched = await world.client.patch(
        url, json={"polarity": "none"}, headers=world.headers("perf")
    )
    assert patched.status_code == 200
    assert await rag() == "not_applicable"
