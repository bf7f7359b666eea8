"""Rate limits: per partner client, and sign-in attempts per account and per address; counted
in memory, and in Redis (as several workers would share them)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as redis
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from goldenthread.main import create_app
from tests.api.partners import Partner, register_client
from tests.api.world import PASSWORD, World
from tests.conftest import settings_for

REDIS_URL = os.environ.get("GT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def _redis_reachable() -> bool:
    client = redis.from_url(REDIS_URL)
    try:
        return bool(await asyncio.wait_for(client.ping(), timeout=3))
    except (OSError, redis.RedisError, TimeoutError):
        return False
    finally:
        await client.aclose()


@pytest.fixture(params=["memory", "redis"])
async def limited(
    request: pytest.FixtureRequest, database_url: str, world: World
) -> AsyncIterator[tuple[FastAPI, str | None]]:
    """A second application over the test database, with tight limits."""
    redis_url = None
    prefix = f"gt-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not await _redis_reachable():
            if os.environ.get("CI"):
                pytest.fail(f"Redis at {REDIS_URL} does not answer; CI needs it")
            pytest.skip(f"Redis at {REDIS_URL} does not answer")
        redis_url = REDIS_URL
    application = create_app(
        settings_for(
            database_url,
            redis_url=redis_url,
            rate_limit_key_prefix=prefix,
            rate_limit_client="3/minute",
            rate_limit_sign_in_address="5/minute",
            rate_limit_sign_in_account="2/minute",
        )
    )
    yield application, (prefix if redis_url else None)
    await application.state.rate_limits.close()
    await application.state.engine.dispose()
    if redis_url:
        client = redis.from_url(redis_url)
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


def _client(application: FastAPI, address: str = "192.0.2.10") -> AsyncClient:
    return AsyncClient(
        transport=ASGITransport(app=application, client=(address, 40000)),
        base_url="http://testserver",
    )


def _assert_429(response: object) -> None:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 120
    assert response.json()["retry_after"] == retry_after


async def test_failed_sign_ins_lock_the_account_not_the_others(
    limited: tuple[FastAPI, str | None],
) -> None:
    application, _ = limited
    async with _client(application, "192.0.2.1") as http, _client(application, "192.0.2.2") as b:
        for _ in range(2):
            wrong = await http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "owner", "password": "wrong"},
            )
            assert wrong.status_code == 401
        # Even the right password, and from another address, waits now.
        _assert_429(
            await b.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": "owner", "password": PASSWORD},
            )
        )
        other = await b.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": "deputy", "password": PASSWORD},
        )
        assert other.status_code == 200


async def test_sign_in_attempts_are_limited_per_address(
    limited: tuple[FastAPI, str | None], world: World
) -> None:
    application, _ = limited
    partner = await register_client(world)
    async with _client(application, "192.0.2.3") as http, _client(application, "192.0.2.4") as b:
        for n in range(5):
            response = await http.post(
                "/api/v1/auth/token",
                data={"grant_type": "password", "username": f"nobody{n}", "password": "x"},
            )
            assert response.status_code == 401
        _assert_429(
            await http.post(
                "/api/v1/auth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": partner.client_id,
                    "client_secret": partner.secret,
                },
            )
        )
        elsewhere = await b.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": partner.client_id,
                "client_secret": partner.secret,
            },
        )
        assert elsewhere.status_code == 200


async def _token(http: AsyncClient, partner: Partner) -> dict[str, str]:
    response = await http.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": partner.client_id,
            "client_secret": partner.secret,
        },
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_each_client_has_its_own_request_allowance(
    limited: tuple[FastAPI, str | None], world: World
) -> None:
    application, redis_prefix = limited
    first = await register_client(world)
    second = await register_client(world)
    async with _client(application, "192.0.2.5") as http:
        headers = await _token(http, first)
        for _ in range(3):
            assert (await http.get("/api/v1/indicators", headers=headers)).status_code == 200
        _assert_429(await http.get("/api/v1/feeds/laa", headers=headers))
        other = await _token(http, second)
        assert (await http.get("/api/v1/indicators", headers=other)).status_code == 200
        # Staff are not counted against partner allowances.
        staff = await http.get("/api/v1/indicators", headers=world.headers("viewer"))
        assert staff.status_code == 200
    if redis_prefix is not None:
        store = redis.from_url(REDIS_URL)
        keys = [k.decode() async for k in store.scan_iter(match=f"{redis_prefix}*")]
        await store.aclose()
        assert any(first.client_id in k for k in keys), keys
