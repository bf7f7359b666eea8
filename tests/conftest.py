"""Shared fixtures: an application on a migrated database, on SQLite and on PostgreSQL.

Every database test runs once per backend. PostgreSQL is used where it answers (the URL in
``GT_TEST_POSTGRES_URL``, by default the local server's ``test`` database); each run creates
its own throw-away database so parallel runs never meet.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from goldenthread.core.config import Settings
from goldenthread.core.migrate import upgrade
from goldenthread.main import create_app
from goldenthread.models import metadata
from tests.api.world import World, build_world

POSTGRES_URL = os.environ.get(
    "GT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
TEST_SECRET = "test-secret-key-that-is-long-enough-for-hs256"


def _postgres_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def _postgres_reachable() -> bool:
    try:
        conn = await asyncio.wait_for(asyncpg.connect(_postgres_dsn(POSTGRES_URL)), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


def settings_for(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "demo": False,
        # Argon2 at its cheapest: the tests exercise the flow, not the cost.
        "argon2_time_cost": 1,
        "argon2_memory_kib": 64,
        # One address signs in for the whole suite: the limits have their own tests.
        "rate_limit_sign_in_address": "100000/minute",
        "rate_limit_sign_in_account": "100000/minute",
        "rate_limit_client": "100000/minute",
        # What the staff gate read of an account is kept for the test (each test forgets it
        # on a fresh database), so tests that count a request's queries count only its own.
        "user_check_seconds": 3600,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "test.db"
        yield f"sqlite+aiosqlite:///{path}"
        return
    if not await _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} does not answer; CI needs it")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} does not answer")
    name = f"gt_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_postgres_dsn(POSTGRES_URL))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
async def app(database_url: str) -> AsyncIterator[FastAPI]:
    application = create_app(settings_for(database_url))
    await upgrade(application.state.engine)
    yield application
    await application.state.engine.dispose()


async def empty_tables(application: FastAPI) -> None:
    engine = application.state.engine
    # The figures-version counter is a single row the migrations create; it is kept.
    tables = [t.name for t in reversed(metadata.sorted_tables) if t.name != "figures_version"]
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """An HTTP client of the application, on a database emptied for this test."""
    await empty_tables(app)
    # Ids start again in the emptied tables: what the gates read of accounts is forgotten.
    app.state.staff_gate.forget_all()
    app.state.client_gate.forget_all()
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as http:
        yield http


@pytest.fixture
async def world(app: FastAPI, client: AsyncClient) -> World:
    """The client plus a small council with one account per role."""
    return await build_world(app, client)
