"""Killing the server in the middle of an import leaves the database exactly as before."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import insert

from goldenthread.core.config import Settings
from goldenthread.core.db import create_engine
from goldenthread.core.principal import Principal, PrincipalKind, Role
from goldenthread.core.security import issue_token
from goldenthread.indicators.models import Indicator
from tests.test_import_cli import _free_port, _prepare

SECRET = "k" * 40
ROWS = 60_000  # far more than a server imports in the moment before it is killed
INDICATORS = 20  # monthly, 300 years of months each


def _serve(url: str, port: int, **env: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 — our own server, on the loopback address
        [
            sys.executable,
            "-m",
            "uvicorn",
            "goldenthread.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env={
            **os.environ,
            "GT_DATABASE_URL": url,
            "GT_SECRET_KEY": SECRET,
            "GT_DEMO": "false",
            **env,
        },
    )
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


async def _indicators(url: str) -> None:
    engine = create_engine(Settings(database_url=url, secret_key=SECRET, demo=False))
    async with engine.begin() as conn:
        await conn.execute(
            insert(Indicator),
            [
                {
                    "code": f"K {n:03d}",
                    "code_key": f"k {n:03d}",
                    "title": f"K {n}",
                    "definition": "",
                    "procedure_note": "",
                    "unit": "count",
                    "decimal_places": 0,
                    "polarity": "higher_is_better",
                    "frequency": "monthly",
                    "aggregation": "sum",
                    "multiplier": Decimal(1),
                    "tolerance_percent": Decimal(5),
                    "organisation_id": 1,
                    "shared_with_partners": False,
                    "public": False,
                    "lifecycle": "active",
                    "version": 1,
                }
                for n in range(INDICATORS)
            ],
        )
    await engine.dispose()


def _file(path: Path) -> None:
    with path.open("w") as out:
        out.write("indicator_code,period,value\n")
        for n in range(ROWS):
            month = n // INDICATORS
            year = 1900 + month // 12
            period = f"{year}-{(year + 1) % 100:02d}-M{month % 12 + 1:02d}"
            out.write(f"K {n % INDICATORS:03d},{period},{n % 997}\n")


def _counts(database: Path) -> tuple[int, int]:
    with sqlite3.connect(database) as connection:
        outturns = connection.execute("SELECT count(*) FROM outturns").fetchone()[0]
        audit = connection.execute(
            "SELECT count(*) FROM audit_entries WHERE entity = 'outturn'"
        ).fetchone()[0]
    return int(outturns), int(audit)


def test_a_killed_import_leaves_nothing_behind(tmp_path: Path) -> None:
    database = tmp_path / "kill.db"
    url = f"sqlite+aiosqlite:///{database}"
    asyncio.run(_prepare(url))
    asyncio.run(_indicators(url))
    upload = tmp_path / "big.csv"
    _file(upload)
    token = issue_token(
        Principal(
            kind=PrincipalKind.USER, id=1, name="Perf", organisation_id=1, role=Role.PERFORMANCE
        ),
        Settings(secret_key=SECRET),
    )[0]
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "text/csv",
        "Idempotency-Key": "big-file",
    }
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/api/v1/imports/outturns"
    server = _serve(url, port)
    sent = threading.Event()
    outcome: list[object] = []

    def body() -> Iterator[bytes]:
        with upload.open("rb") as source:
            while block := source.read(1 << 20):
                yield block
        sent.set()

    def post() -> None:
        try:
            outcome.append(httpx.post(endpoint, content=body(), headers=headers, timeout=120))
        except httpx.TransportError as exc:
            outcome.append(exc)

    client = threading.Thread(target=post)
    client.start()
    try:
        assert sent.wait(60)
        time.sleep(0.3)  # the server is now reading and writing rows
        server.send_signal(signal.SIGKILL)
        server.wait(10)
    finally:
        if server.poll() is None:
            server.kill()
    client.join(30)
    assert isinstance(outcome[0], httpx.TransportError)  # no answer: it died mid-import
    assert _counts(database) == (0, 0)

    # Restarted, the server still knows the key the killed request claimed (for the big file):
    # a retry of the same file takes it over once the claim is stale; another file is refused.
    server = _serve(url, port)
    try:
        small = b"indicator_code,period,value\nNI 192,2008-09-Q1,4\n"
        other = httpx.post(endpoint, content=small, headers=headers, timeout=30)
        assert other.status_code == 422
        assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    finally:
        server.terminate()
        server.wait(10)
    assert _counts(database) == (0, 0)
