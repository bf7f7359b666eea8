"""The example partner client (examples/partner_sync.py) against a real server: it keeps an
exact copy of the feed across changes, deletions, indicators leaving and joining, and a new
status period; and its webhook receiver accepts only correctly signed events."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sqlite3
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import uvicorn

from goldenthread.core.config import PROJECT_ROOT
from goldenthread.main import create_app
from goldenthread.webhooks import rules
from tests.api.partners import Partner, partner_headers, register_client
from tests.api.receiver import free_port
from tests.api.world import World
from tests.conftest import settings_for


def _load_example() -> ModuleType:
    path = PROJECT_ROOT / "examples" / "partner_sync.py"
    spec = importlib.util.spec_from_file_location("partner_sync_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


example = _load_example()


@pytest.fixture
async def server(database_url: str, world: World) -> AsyncIterator[str]:
    """The application served by uvicorn on a free loopback port, over the test database."""
    application = create_app(settings_for(database_url, webhooks_enabled=False))
    port = free_port()
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    running = uvicorn.Server(config)
    task = asyncio.create_task(running.serve())
    for _ in range(1000):
        if running.started or task.done():
            break
        await asyncio.sleep(0.01)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    await task


def _copy(path: Path) -> dict[int, Any]:
    db = sqlite3.connect(path)
    try:
        copy: dict[int, Any] = {
            row[0]: {
                "code": row[1],
                "indicator": json.loads(row[2]),
                "status": json.loads(row[3]) if row[3] else None,
                "targets": {},
                "outturns": {},
            }
            for row in db.execute("SELECT id, code, definition, status FROM indicators")
        }
        for table in ("targets", "outturns"):
            for indicator_id, period, data in db.execute(
                f"SELECT indicator_id, period, data FROM {table}"
            ):
                copy[indicator_id][table][period] = json.loads(data)
        return copy
    finally:
        db.close()


async def _truth(world: World, headers: dict[str, str]) -> dict[int, Any]:
    page = (await world.client.get("/api/v1/feeds/laa?limit=500", headers=headers)).json()
    assert page["next_cursor"] is None
    return {
        item["id"]: {
            "code": item["code"],
            "indicator": item["indicator"],
            "status": item["status"],
            "targets": {t["period"]: t for t in item["targets"]},
            "outturns": {o["period"]: o for o in item["outturns"]},
        }
        for item in page["items"]
    }


async def _sync(base: str, partner: Partner, path: Path) -> Any:
    return await asyncio.to_thread(
        example.sync_once, base, partner.client_id, partner.secret, str(path)
    )


async def test_the_example_keeps_an_exact_copy(world: World, server: str, tmp_path: Path) -> None:
    perf = world.headers("perf")
    ids: dict[str, int] = {}
    for code, sets, shared in (
        ("NI 130", ["LAA"], False),
        ("NI 8", ["NI"], True),
        ("NI 16", ["LAA"], False),
        ("LPI ENV-07", ["LOCAL"], False),
        ("NI 39", ["LAA"], False),
    ):
        made = await world.create_indicator(
            code=code,
            sets=sets,
            shared_with_partners=shared,
            lead_organisation_id=world.health_id,
        )
        ids[code] = made["id"]
        url = f"/api/v1/indicators/{made['id']}"
        await world.client.put(f"{url}/targets/2008-09", json={"value": 50}, headers=perf)
        for period, value in (("2008-09-Q1", 40), ("2008-09-Q2", 45)):
            await world.client.put(f"{url}/outturns/{period}", json={"value": value}, headers=perf)
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    path = tmp_path / "copy.sqlite"

    first = await _sync(server, partner, path)
    assert first.outcome == "full" and first.items == 4
    assert _copy(path) == await _truth(world, headers)
    assert (await _sync(server, partner, path)).outcome == "not_modified"

    # Figures change and are deleted; the partner itself submits one.
    laa = f"/api/v1/indicators/{ids['NI 130']}"
    await world.client.put(
        f"{laa}/outturns/2008-09-Q2", json={"value": 51, "commentary": "Up"}, headers=headers
    )
    await world.client.delete(f"{laa}/outturns/2008-09-Q1", headers=perf)
    await world.client.delete(f"/api/v1/indicators/{ids['NI 16']}/targets/2008-09", headers=perf)
    await world.client.put(
        f"/api/v1/indicators/{ids['NI 8']}/targets/2008-09-Q2", json={"value": 20}, headers=perf
    )
    second = await _sync(server, partner, path)
    assert second.outcome == "changes"
    assert _copy(path) == await _truth(world, headers)

    # Indicators leave (out of the set, retired), join, and appear; private figures move.
    await world.client.patch(
        f"/api/v1/indicators/{ids['NI 16']}", json={"sets": ["NI"]}, headers=perf
    )
    await world.client.post(f"/api/v1/indicators/{ids['NI 39']}/retire", headers=perf)
    await world.client.patch(
        f"/api/v1/indicators/{ids['LPI ENV-07']}", json={"sets": ["LAA"]}, headers=perf
    )
    fresh = await world.create_indicator(code="NI 47", sets=["LAA"])
    await world.client.put(
        f"/api/v1/indicators/{fresh['id']}/outturns/2008-09-Q1", json={"value": 3}, headers=perf
    )
    third = await _sync(server, partner, path)
    assert third.outcome == "changes"
    copy = _copy(path)
    assert copy == await _truth(world, headers)
    assert {v["code"] for v in copy.values()} == {"NI 130", "NI 8", "LPI ENV-07", "NI 47"}

    # A later quarter gets data: every status moves, and the copy follows.
    await world.client.put(f"{laa}/outturns/2008-09-Q3", json={"value": 60}, headers=perf)
    fourth = await _sync(server, partner, path)
    assert fourth.outcome == "full"
    copy = _copy(path)
    assert copy == await _truth(world, headers)
    assert {v["status"]["period"] for v in copy.values() if v["status"]} == {"2008-09-Q3"}
    assert (await _sync(server, partner, path)).outcome == "not_modified"


def test_the_example_verifies_signatures_as_the_service_makes_them() -> None:
    body = b'{"id":"evt_1","type":"outturn.updated"}'
    now = int(time.time())
    header = rules.signature_header("whsec_abc", now, body)
    assert example.verify_signature("whsec_abc", header, body, now=now)
    assert not example.verify_signature("whsec_abc", header, body + b"x", now=now)
    assert not example.verify_signature("whsec_xyz", header, body, now=now)
    assert not example.verify_signature("whsec_abc", header, body, now=now + 301)
    assert not example.verify_signature("whsec_abc", "v1=deadbeef", body, now=now)
    rotated = f"{header},v1={'0' * 64}"  # several signatures: one valid is enough
    assert example.verify_signature("whsec_abc", rotated, body, now=now)


async def test_the_example_receiver_takes_only_signed_events_once() -> None:
    events: list[dict[str, Any]] = []
    port = free_port()
    server = example.make_webhook_server(port, "whsec_abc", events.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        body = json.dumps({"id": "evt_9", "type": "ping"}).encode()
        signed = {
            "Golden-Thread-Signature": rules.signature_header("whsec_abc", int(time.time()), body),
            "Golden-Thread-Delivery": "evt_9",
            "Content-Type": "application/json",
        }
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            assert (await http.post("/", content=body, headers=signed)).status_code == 204
            assert (await http.post("/", content=body, headers=signed)).status_code == 204
            forged = {**signed, "Golden-Thread-Signature": "t=1,v1=00"}
            assert (await http.post("/", content=body, headers=forged)).status_code == 401
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    assert events == [{"id": "evt_9", "type": "ping"}]
