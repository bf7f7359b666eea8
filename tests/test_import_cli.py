"""The command line's import and export, against a stand-in server and a real one."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from goldenthread.cli import app
from goldenthread.core.config import Settings
from goldenthread.core.db import create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Principal, PrincipalKind, Role
from goldenthread.core.security import issue_token
from goldenthread.imports import client as cli_client
from goldenthread.indicators.models import Indicator
from goldenthread.organisations.models import Organisation, OrganisationKind
from goldenthread.users.models import User

SUMMARY = {
    "kind": "outturns",
    "format": "csv",
    "dry_run": False,
    "written": True,
    "rows_read": 2,
    "created": 2,
    "updated": 0,
    "unchanged": 0,
    "rejected": 0,
    "errors": [],
    "errors_truncated": False,
    "warnings": [],
}


class StandIn:
    """A stand-in server that records what it was sent."""

    def __init__(self, answer: httpx.Response) -> None:
        self.answer = answer
        self.requests: list[tuple[httpx.Request, bytes]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request, request.read()))
        if request.url.path == "/api/v1/auth/token":
            return httpx.Response(200, json={"access_token": "issued", "token_type": "bearer"})
        return self.answer


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    server = StandIn(httpx.Response(200, json=SUMMARY))

    def make(url: str) -> httpx.Client:
        return httpx.Client(base_url=url, transport=httpx.MockTransport(server))

    monkeypatch.setattr(cli_client, "make_client", make)
    return server


def _file(tmp_path: Path, name: str = "q1.csv") -> Path:
    path = tmp_path / name
    path.write_text("indicator_code,period,value\nNI 192,2008-09-Q1,4\nNI 192,2008-09-Q2,5\n")
    return path


def test_import_sends_the_file_and_prints_the_summary(stand_in: StandIn, tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "import",
            "outturns",
            str(path),
            "--url",
            "http://gt",
            "--token",
            "t0k",
            "--dry-run",
            "--idempotency-key",
            "k1",
        ],
    )
    assert result.exit_code == 0, result.output
    request, body = stand_in.requests[0]
    assert request.url.path == "/api/v1/imports/outturns"
    assert request.url.params["dry_run"] == "true"
    assert request.headers["authorization"] == "Bearer t0k"
    assert request.headers["content-type"] == "text/csv"
    assert request.headers["idempotency-key"] == "k1"
    assert body == path.read_bytes()
    assert "rows read" in result.output and "Imported." in result.output


def test_rejected_rows_are_tabled_and_exit_1(stand_in: StandIn, tmp_path: Path) -> None:
    error = {
        "field": "row 3: value",
        "row": 3,
        "column": "value",
        "value": "1,234",
        "message": "not a number: write 1234 without the comma",
    }
    rejected = {**SUMMARY, "written": False, "rejected": 1, "created": 1, "errors": [error]}
    stand_in.answer = httpx.Response(422, json={"status": 422, "detail": "x", **rejected})
    result = CliRunner().invoke(
        app,
        [
            "import",
            "targets",
            str(_file(tmp_path)),
            "--url",
            "http://gt",
            "--client-id",
            "partner",
            "--client-secret",
            "s3cret",
        ],
    )
    assert result.exit_code == 1
    token_request, form = stand_in.requests[0]
    assert token_request.url.path == "/api/v1/auth/token"
    assert b"grant_type=client_credentials" in form
    assert stand_in.requests[1][0].headers["authorization"] == "Bearer issued"
    assert "write 1234 without the comma" in result.output
    assert "Nothing was written" in result.output


def test_other_failures_exit_2_with_the_reason(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.answer = httpx.Response(413, json={"status": 413, "detail": "The file is larger"})
    result = CliRunner().invoke(
        app, ["import", "outturns", str(_file(tmp_path)), "--url", "http://gt", "--token", "t"]
    )
    assert result.exit_code == 2
    assert "413: The file is larger" in result.output
    no_auth = CliRunner().invoke(
        app, ["import", "outturns", str(_file(tmp_path)), "--url", "http://gt"]
    )
    assert no_auth.exit_code == 2 and "--token" in no_auth.output
    wrong_kind = CliRunner().invoke(
        app,
        [
            "import",
            "outturns",
            str(_file(tmp_path, "q1.ods")),
            "--url",
            "http://gt",
            "--token",
            "t",
        ],
    )
    assert wrong_kind.exit_code == 2 and ".csv, .xlsx or .json" in wrong_kind.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _prepare(url: str) -> None:
    engine = create_engine(Settings(database_url=url, secret_key="k" * 40, demo=False))
    await upgrade(engine)
    async with engine.begin() as conn:
        await conn.execute(
            insert(Organisation),
            [
                {
                    "id": 1,
                    "name": "CLI Council",
                    "short_name": "CC",
                    "kind": OrganisationKind.COUNCIL,
                }
            ],
        )
        await conn.execute(
            insert(User),
            [
                {
                    "id": 1,
                    "username": "perf",
                    "full_name": "Perf",
                    "role": Role.PERFORMANCE,
                    "organisation_id": 1,
                    "password_hash": "x",
                    "email": "perf@example.org",
                }
            ],
        )
        await conn.execute(
            insert(Indicator),
            [
                {
                    "code": "NI 192",
                    "code_key": "ni 192",
                    "title": "Recycling",
                    "definition": "",
                    "procedure_note": "",
                    "unit": "percent",
                    "decimal_places": 1,
                    "polarity": "higher_is_better",
                    "frequency": "quarterly",
                    "aggregation": "last",
                    "multiplier": Decimal(1),
                    "tolerance_percent": Decimal(5),
                    "organisation_id": 1,
                    "shared_with_partners": False,
                    "public": False,
                    "lifecycle": "active",
                    "version": 1,
                }
            ],
        )
    await engine.dispose()


def test_import_and_export_against_a_running_server(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(_prepare(url))
    port = _free_port()
    env: dict[str, Any] = {
        **os.environ,
        "GT_DATABASE_URL": url,
        "GT_SECRET_KEY": "k" * 40,
        "GT_DEMO": "false",
    }
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
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        principal = Principal(
            kind=PrincipalKind.USER, id=1, name="Perf", organisation_id=1, role=Role.PERFORMANCE
        )
        token = issue_token(principal, Settings(secret_key="k" * 40))[0]
        runner = CliRunner()
        common = ["--url", base, "--token", token]
        imported = runner.invoke(app, ["import", "outturns", str(_file(tmp_path)), *common])
        assert imported.exit_code == 0, imported.output
        assert "Imported." in imported.output
        exported = tmp_path / "out.json"
        result = runner.invoke(
            app, ["export", "outturns", *common, "--format", "json", "--output", str(exported)]
        )
        assert result.exit_code == 0, result.output
        assert [i["value"] for i in json.loads(exported.read_text())] == ["4", "5"]
        again = runner.invoke(app, ["import", "outturns", str(exported), *common])
        assert again.exit_code == 0
        assert "│         2 │       0 │       0 │         2 │" in again.output
    finally:
        server.terminate()
        server.wait(timeout=10)
