"""What every benchmark needs: a free port, a server that has started, a throw-away
PostgreSQL database, and one run per backend."""

from __future__ import annotations

import asyncio
import os
import socket
import tempfile
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx

POSTGRES_URL = os.environ.get(
    "GT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_until_up(base: str, attempts: int = 300) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(attempts):
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the server did not start")


def _admin_dsn() -> str:
    return POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")


async def postgres_database() -> str | None:
    """A new empty database on the local server, or None where PostgreSQL does not answer."""
    try:
        admin = await asyncio.wait_for(asyncpg.connect(_admin_dsn()), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return None
    name = f"gt_bench_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + name


async def drop_postgres(url: str) -> None:
    admin = await asyncpg.connect(_admin_dsn())
    await admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await admin.close()


async def run_on_each_backend(bench_backend: Callable[[str, str], Awaitable[None]]) -> None:
    """SQLite in a temporary file, then PostgreSQL where it answers."""
    with tempfile.TemporaryDirectory() as folder:
        await bench_backend("SQLite", f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
    url = await postgres_database()
    if url is None:
        print("\nPostgreSQL: not reachable; skipped")
        return
    try:
        await bench_backend("PostgreSQL", url)
    finally:
        await drop_postgres(url)
