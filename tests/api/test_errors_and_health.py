"""Errors are problem+json with the field at fault; probes answer."""

from __future__ import annotations

from tests.api.world import World, indicator_body


async def test_health_and_readiness(world: World) -> None:
    assert (await world.client.get("/healthz")).json() == {"status": "ok"}
    ready = await world.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"


async def test_non_json_body_gets_415(world: World) -> None:
    response = await world.client.post(
        "/api/v1/indicators",
        content=b"code=NI 1",
        headers=world.headers("perf", **{"Content-Type": "text/plain"}),
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


async def test_malformed_json_is_a_422_naming_the_body(world: World) -> None:
    response = await world.client.post(
        "/api/v1/indicators",
        content=b"{not json",
        headers=world.headers("perf", **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


async def test_oversized_body_gets_413(world: World) -> None:
    body = indicator_body(world, definition="x" * 1_100_000)
    response = await world.client.post(
        "/api/v1/indicators", json=body, headers=world.headers("perf")
    )
    assert response.status_code == 413


async def test_wrong_types_everywhere_never_give_a_500(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    bodies = [
        [],
        "text",
        42,
        None,
        {"value": "NaN"},
        {"value": "Infinity"},
        {"value": "1e999999"},
        {"value": [1]},
        {"value": {"a": 1}},
        {"value": True},
        {"value": "1,234"},
        {"value": "45%"},
        {"value": 1, "status": "approved"},
    ]
    for body in bodies:
        response = await world.client.put(
            f"{url}/outturns/2008-09-Q1", json=body, headers=world.headers("owner")
        )
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"], body
    for path in (
        "/api/v1/indicators/abc",
        "/api/v1/indicators?limit=0",
        "/api/v1/indicators?limit=100000",
        f"{url}/targets?year=2008",
        "/api/v1/status?period=2008-09-Q1&rag=purple",
    ):
        response = await world.client.get(path, headers=world.headers("viewer"))
        assert response.status_code == 422, path
        assert "Traceback" not in response.text


async def test_unknown_route_and_method_are_problems(world: World) -> None:
    missing = await world.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_oversized_body_without_a_length_gets_413(world: World) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"code": "X", "definition": "'
        for _ in range(120):
            yield b"x" * 10_000
        yield b'"}'

    response = await world.client.post(
        "/api/v1/indicators",
        content=chunks(),
        headers=world.headers("perf", **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
