"""Webhooks: registration and who may manage them, the outbox written with the change, signed
delivery to a real local receiver, retries with back-off, giving up, and the dispatcher's
start and stop."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from goldenthread.core.db import utcnow
from goldenthread.webhooks import rules
from goldenthread.webhooks.dispatcher import Dispatcher
from goldenthread.webhooks.models import WebhookDelivery
from tests.api.partners import Partner, partner_headers, register_client
from tests.api.receiver import Receiver
from tests.api.world import World
from tests.conftest import settings_for


async def _laa_and_private(world: World) -> tuple[int, int]:
    laa = await world.create_indicator(
        code="NI 130", sets=["LAA"], lead_organisation_id=world.health_id
    )
    private = await world.create_indicator(code="LPI ENV-07", sets=["LOCAL"])
    return laa["id"], private["id"]


async def _subscribe(world: World, url: str) -> tuple[Partner, dict[str, str], dict[str, Any]]:
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    response = await world.client.post("/api/v1/webhooks", json={"url": url}, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["secret"].startswith("whsec_")
    return partner, headers, response.json()


def _dispatcher(world: World, **overrides: object) -> Dispatcher:
    settings = world.app.state.settings
    if overrides:
        settings = settings_for(settings.database_url, **overrides)
    return Dispatcher(world.app.state.sessionmaker, settings)


async def _deliveries(world: World) -> list[WebhookDelivery]:
    async with world.app.state.sessionmaker() as session:
        return list(
            (await session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id))).all()
        )


async def test_a_change_is_queued_with_it_and_delivered_signed_afterwards(world: World) -> None:
    laa, private = await _laa_and_private(world)
    async with Receiver() as receiver:
        _, headers, hook = await _subscribe(world, receiver.url)
        perf = world.headers("perf")
        await world.client.put(
            f"/api/v1/indicators/{laa}/targets/2008-09", json={"value": 50}, headers=perf
        )
        changed = await world.client.put(
            f"/api/v1/indicators/{laa}/outturns/2008-09-Q1", json={"value": 55}, headers=perf
        )
        assert changed.status_code == 201
        await world.client.put(
            f"/api/v1/indicators/{private}/outturns/2008-09-Q1", json={"value": 1}, headers=perf
        )
        # The request that made the change returned without calling the receiver.
        assert receiver.received == []
        queued = await world.client.get(
            f"/api/v1/webhooks/{hook['id']}/deliveries", headers=headers
        )
        assert [d["event_type"] for d in queued.json()] == ["outturn.created", "target.created"]
        assert all(d["attempts"] == 0 and d["delivered_at"] is None for d in queued.json())

        dispatcher = _dispatcher(world)
        try:
            assert await dispatcher.run_once() == 2
        finally:
            await dispatcher.stop()
        assert len(receiver.received) == 2
        now = int(time.time())
        for request in receiver.received:
            assert request.path == "/hooks/golden-thread"
            assert request.headers["content-type"] == "application/json"
            signature = request.headers[rules.SIGNATURE_HEADER.lower()]
            assert rules.verify(hook["secret"], signature, request.body, now)
            assert not rules.verify(hook["secret"], signature, request.body + b" ", now)
            assert not rules.verify("whsec_other", signature, request.body, now)
        (request,) = [r for r in receiver.received if b"outturn.created" in r.body]
        event = json.loads(request.body)
        assert event["type"] == "outturn.created"
        assert request.headers["golden-thread-event"] == "outturn.created"
        assert request.headers["golden-thread-delivery"] == event["id"]
        assert event["indicator"] == {"id": laa, "code": "NI 130"}
        assert event["period"] == "2008-09-Q1"
        assert event["status"]["rag"] == "green" and event["status"]["period"] == "2008-09-Q1"
    assert all(d.delivered_at is not None and d.attempts == 1 for d in await _deliveries(world))
    keeper = _dispatcher(world)
    assert await keeper.prune(utcnow() - timedelta(days=30)) == 0  # recent: kept for the log
    assert await keeper.prune(utcnow() + timedelta(seconds=1)) == 2
    assert await _deliveries(world) == []


async def test_a_failing_receiver_is_retried_with_back_off_then_given_up(world: World) -> None:
    laa, _ = await _laa_and_private(world)
    async with Receiver(fail_first=1) as receiver:
        await _subscribe(world, receiver.url)
        await world.client.put(
            f"/api/v1/indicators/{laa}/outturns/2008-09-Q1",
            json={"value": 5},
            headers=world.headers("perf"),
        )
        dispatcher = _dispatcher(world)
        try:
            assert await dispatcher.run_once() == 1
            (delivery,) = await _deliveries(world)
            assert delivery.attempts == 1 and delivery.last_status == 500
            assert delivery.delivered_at is None and delivery.failed_at is None
            wait = (delivery.next_attempt_at - utcnow()).total_seconds()
            assert 5 < wait <= 10 * 1.25 + 1  # the first back-off step, with jitter
            assert await dispatcher.run_once() == 0  # not due yet
            await _make_due(world)
            assert await dispatcher.run_once() == 1
        finally:
            await dispatcher.stop()
        (delivery,) = await _deliveries(world)
        assert delivery.delivered_at is not None and delivery.attempts == 2
        assert len(receiver.received) == 2
        assert receiver.received[0].body == receiver.received[1].body  # the same event again

    async with Receiver(fail_first=99) as failing:
        partner = await register_client(world)
        headers = await partner_headers(world, partner)
        hook = await world.client.post(
            "/api/v1/webhooks", json={"url": failing.url}, headers=headers
        )
        await world.client.post(f"/api/v1/webhooks/{hook.json()['id']}/ping", headers=headers)
        quitter = _dispatcher(world, webhook_max_attempts=2)
        try:
            await quitter.run_once()
            await _make_due(world)
            await quitter.run_once()
            await _make_due(world)
            assert await quitter.run_once() == 0  # given up: never tried again
        finally:
            await quitter.stop()
        ping = [d for d in await _deliveries(world) if d.event_type == "ping"]
        assert len(ping) == 1 and ping[0].failed_at is not None and ping[0].attempts == 2
        assert len(failing.received) == 2
        shown = await world.client.get(f"/api/v1/webhooks/{hook.json()['id']}", headers=headers)
        assert shown.json()["last_error"] == "the receiver answered 500"


async def _make_due(world: World) -> None:
    async with world.app.state.sessionmaker() as session:
        await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.delivered_at.is_(None))
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()


async def test_the_dispatcher_wakes_on_commit_and_stops_when_told(world: World) -> None:
    laa, _ = await _laa_and_private(world)
    async with Receiver() as receiver:
        await _subscribe(world, receiver.url)
        dispatcher = _dispatcher(world, webhook_poll_seconds=60)
        dispatcher.start()
        try:
            assert dispatcher.running
            await world.client.put(
                f"/api/v1/indicators/{laa}/outturns/2008-09-Q2",
                json={"value": 5},
                headers=world.headers("perf"),
            )
            # The poll is a minute: an arrival now means the commit woke the dispatcher.
            await asyncio.wait_for(receiver.arrived.wait(), timeout=30)
        finally:
            await dispatcher.stop()
        assert not dispatcher.running
        await dispatcher.stop()  # twice is harmless
    assert json.loads(receiver.received[0].body)["type"] == "outturn.created"


async def test_private_targets_are_refused_where_not_allowed(world: World) -> None:
    laa, _ = await _laa_and_private(world)
    async with Receiver() as receiver:
        await _subscribe(world, receiver.url)
        await world.client.put(
            f"/api/v1/indicators/{laa}/outturns/2008-09-Q3",
            json={"value": 5},
            headers=world.headers("perf"),
        )
        strict = _dispatcher(world, webhook_allow_private=False)
        try:
            assert await strict.run_once() == 1
        finally:
            await strict.stop()
        assert receiver.received == []
    (delivery,) = await _deliveries(world)
    assert delivery.last_error is not None and delivery.last_error.startswith("refused")


async def test_who_may_manage_which_webhooks(world: World) -> None:
    partner, headers, hook = await _subscribe(world, "https://partner.example/hooks")
    other = await partner_headers(world, await register_client(world))
    url = f"/api/v1/webhooks/{hook['id']}"
    assert (await world.client.get(url, headers=other)).status_code == 404
    assert (await world.client.delete(url, headers=other)).status_code == 404
    assert (await world.client.get("/api/v1/webhooks", headers=other)).json() == []
    mine = await world.client.get("/api/v1/webhooks", headers=headers)
    assert [h["id"] for h in mine.json()] == [hook["id"]]
    assert "secret" not in mine.json()[0]
    staff = await world.client.post(
        "/api/v1/webhooks",
        json={"url": "https://partner.example/other", "client_pk": partner.pk},
        headers=world.headers("perf"),
    )
    assert staff.status_code == 201 and staff.json()["client_pk"] == partner.pk
    assert (
        await world.client.get("/api/v1/webhooks", headers=world.headers("viewer"))
    ).status_code == 403
    for bad in ("ftp://partner.example/x", "https://user:pw@partner.example/x", "not a url"):
        refused = await world.client.post("/api/v1/webhooks", json={"url": bad}, headers=headers)
        assert refused.status_code == 422, bad
        assert refused.json()["errors"][0]["field"] == "url"
    no_scope = await partner_headers(
        world, await register_client(world, scopes=("outturns:write",))
    )
    assert (
        await world.client.post(
            "/api/v1/webhooks", json={"url": "https://a.example/x"}, headers=no_scope
        )
    ).status_code == 403
    rotated = await world.client.post(f"{url}/rotate-secret", headers=headers)
    assert rotated.status_code == 200 and rotated.json()["secret"] != hook["secret"]
    assert (await world.client.delete(url, headers=headers)).status_code == 204
    assert (await world.client.get(url, headers=headers)).status_code == 404
