"""What every benchmark needs: a free port, a server that has started, tokens to call it with,
requests driven at it and timed, a throw-away PostgreSQL database, and one run per backend."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.core.config import Settings
from goldenthread.core.principal import Principal, PrincipalKind, Role
from goldenthread.core.security import issue_token
from goldenthread.organisations.models import OrgUnit, OrgUnitLevel

POSTGRES_URL = os.environ.get(
    "GT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SECRET = "benchmark-secret-key-benchmark-secret-key"


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


def token(user_id: int = 1, role: Role = Role.VIEWER) -> str:
    """A signed access token for a staff user of the benchmark's server."""
    principal = Principal(
        kind=PrincipalKind.USER, id=user_id, name="Bench", organisation_id=1, role=role
    )
    return issue_token(principal, Settings(secret_key=SECRET))[0]


def bearer(user_id: int = 1, role: Role = Role.VIEWER) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(user_id, role)}"}


class Server:
    """The API in one uvicorn worker on a free port, on the database at ``url``, for the
    length of an ``async with`` block; ``env`` adds settings (GT_…) to the usual ones."""

    def __init__(self, url: str, env: dict[str, str] | None = None) -> None:
        self.url = url
        self.env = env or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Server:
        env = {
            **os.environ,
            "GT_DATABASE_URL": self.url,
            "GT_SECRET_KEY": SECRET,
            "GT_DEMO": "false",
            **self.env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "goldenthread.main:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
        )
        try:
            await wait_until_up(self.base)
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def __aexit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def peak_mb(self) -> float:
        """The server's peak resident memory so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM"))
        return int(line.split()[1]) / 1024


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    body_bytes: int = 0  # of the last answer

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def line(self, *, body: bool = False) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000
        if not body:
            return (
                f"  {self.name:<34} {self.rate:>8.1f} req/s   p50 {p50:>7.1f} ms   "
                f"p95 {p95:>7.1f} ms"
            )
        size = f"{self.body_bytes / 1024:,.0f} KiB" if self.body_bytes else "empty"
        return (
            f"  {self.name:<38} {self.rate:>8.1f} req/s   p50 {p50:>7.1f} ms   "
            f"p95 {p95:>7.1f} ms   body {size}"
        )


async def drive(
    base: str,
    name: str,
    paths: list[str],
    concurrency: int,
    headers: dict[str, str],
    expect: int = 200,
) -> Result:
    """GET every path (after one warm-up request) from ``concurrency`` clients at once;
    any answer but ``expect`` stops the run."""
    latencies: list[float] = []
    queue = list(reversed(paths))
    size = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=120
    ) as client:

        async def worker() -> None:
            nonlocal size
            while queue:
                path = queue.pop()
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                if response.status_code != expect:
                    raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
                size = len(response.content)

        await client.get(paths[0])  # warm up
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Result(name, len(paths), elapsed, latencies, size)


async def add_services(
    conn: AsyncConnection, org: int, directorates: tuple[str, ...], per_directorate: int
) -> list[int]:
    """Directorates with ``per_directorate`` services beneath each, as org units; the
    services' ids."""
    services: list[int] = []
    for name in directorates:
        directorate = (
            await conn.execute(
                insert(OrgUnit).returning(OrgUnit.id),
                [{"organisation_id": org, "name": name, "level": OrgUnitLevel.DIRECTORATE}],
            )
        ).scalar_one()
        rows = [
            {
                "organisation_id": org,
                "parent_id": directorate,
                "name": f"{name} service {n}",
                "level": OrgUnitLevel.SERVICE,
            }
            for n in range(per_directorate)
        ]
        services += list(
            (await conn.execute(insert(OrgUnit).returning(OrgUnit.id), rows)).scalars()
        )
    return services


def _admin_dsn() -> str:
    return POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")


async def postgres_reachable() -> bool:
    try:
        conn = await asyncio.wait_for(asyncpg.connect(_admin_dsn()), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


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
