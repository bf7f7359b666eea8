"""Partner API clients: registration, the client-credentials grant, scopes, rotation,
revocation and the operator's commands."""

from __future__ import annotations

import base64
import sqlite3
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from jose import jwt
from sqlalchemy import update
from typer.testing import CliRunner

from goldenthread.cli import app as cli
from goldenthread.clients.models import ApiClient
from goldenthread.core.db import utcnow
from tests.api.partners import Partner, partner_headers, register_client, token_response
from tests.api.world import World

TOKEN_URL = "/api/v1/auth/token"


def _basic(client_id: str, secret: str) -> dict[str, str]:
    raw = f"{quote_plus(client_id)}:{quote_plus(secret)}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


async def test_secret_is_shown_once_and_stored_as_a_hash(world: World) -> None:
    partner = await register_client(world, scopes=("laa:read",))
    assert partner.secret.startswith("gts_") and len(partner.secret) > 40
    read = await world.client.get(f"/api/v1/clients/{partner.pk}", headers=world.headers("perf"))
    assert read.status_code == 200
    assert "client_secret" not in read.json() and partner.secret not in read.text
    listing = await world.client.get("/api/v1/clients", headers=world.headers("admin"))
    assert [c["client_id"] for c in listing.json()] == [partner.client_id]
    async with world.app.state.sessionmaker() as session:
        stored = await session.get(ApiClient, partner.pk)
        assert stored is not None
        assert stored.secret_hash.startswith("$argon2") and partner.secret not in stored.secret_hash


async def test_only_the_performance_team_manages_clients(world: World) -> None:
    partner = await register_client(world)
    for username in ("manager", "owner", "viewer"):
        response = await world.client.get("/api/v1/clients", headers=world.headers(username))
        assert response.status_code == 403, username
    as_client = await world.client.get(
        "/api/v1/clients", headers=await partner_headers(world, partner)
    )
    assert as_client.status_code == 403
    bad = await world.client.post(
        "/api/v1/clients",
        json={"name": "x", "organisation_id": 999999, "scopes": ["admin:everything"]},
        headers=world.headers("perf"),
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"scopes.0"}


async def test_client_credentials_give_a_short_lived_client_token(world: World) -> None:
    partner = await register_client(world)
    response = await token_response(world, partner)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    assert body["scope"] == "indicators:read laa:read outturns:write"
    claims = jwt.get_unverified_claims(body["access_token"])
    assert claims["kind"] == "client" and claims["sub"] == f"client:{partner.pk}"
    assert claims["org"] == world.health_id
    assert claims["exp"] - claims["iat"] == 15 * 60
    me = await world.client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["kind"] == "client" and me.json()["client_id"] == partner.client_id
    assert me.json()["organisation_id"] == world.health_id
    async with world.app.state.sessionmaker() as session:
        stored = await session.get(ApiClient, partner.pk)
        assert stored is not None and stored.last_used_at is not None


async def test_http_basic_credentials_are_accepted(world: World) -> None:
    partner = await register_client(world)
    response = await world.client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers=_basic(partner.client_id, partner.secret),
    )
    assert response.status_code == 200, response.text
    wrong = await world.client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers=_basic(partner.client_id, "not-the-secret"),
    )
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"].startswith("Basic")
    assert wrong.json()["error"] == "invalid_client"
    both = await world.client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "client_secret": partner.secret},
        headers=_basic(partner.client_id, partner.secret),
    )
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"
    garbled = await world.client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": "Basic !!!not base64"},
    )
    assert garbled.status_code == 400


async def test_wrong_secret_and_unknown_client_get_the_same_401(world: World) -> None:
    partner = await register_client(world)
    wrong = await token_response(world, Partner(partner.pk, partner.client_id, "nope", 0))
    unknown = await token_response(world, Partner(0, "no-such-client", partner.secret, 0))
    missing = await world.client.post(TOKEN_URL, data={"grant_type": "client_credentials"})
    assert wrong.status_code == unknown.status_code == missing.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.json()["error"] == unknown.json()["error"] == "invalid_client"
    assert wrong.headers["content-type"].startswith("application/problem+json")


async def test_scopes_can_be_narrowed_never_widened(world: World) -> None:
    partner = await register_client(world, scopes=("laa:read", "outturns:write"))
    narrowed = await token_response(world, partner, scope="laa:read")
    assert narrowed.status_code == 200
    assert jwt.get_unverified_claims(narrowed.json()["access_token"])["scopes"] == ["laa:read"]
    widened = await token_response(world, partner, scope="laa:read indicators:read")
    assert widened.status_code == 400
    assert widened.json()["error"] == "invalid_scope"
    assert "indicators:read" in widened.json()["detail"]
    invented = await token_response(world, partner, scope="admin")
    assert invented.status_code == 400


async def test_rotation_keeps_the_old_secret_only_for_the_grace_period(world: World) -> None:
    partner = await register_client(world)
    rotated = await world.client.post(
        f"/api/v1/clients/{partner.pk}/rotate-secret",
        json={"grace_minutes": 30},
        headers=world.headers("perf"),
    )
    assert rotated.status_code == 200
    assert rotated.headers["cache-control"] == "no-store"
    new = Partner(partner.pk, partner.client_id, rotated.json()["client_secret"], 0)
    assert new.secret != partner.secret
    assert (await token_response(world, new)).status_code == 200
    assert (await token_response(world, partner)).status_code == 200  # within the grace period
    async with world.app.state.sessionmaker() as session:
        await session.execute(
            update(ApiClient)
            .where(ApiClient.id == partner.pk)
            .values(previous_secret_expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()
    assert (await token_response(world, partner)).status_code == 401  # rotated out
    assert (await token_response(world, new)).status_code == 200
    at_once = await world.client.post(
        f"/api/v1/clients/{partner.pk}/rotate-secret",
        json={"grace_minutes": 0},
        headers=world.headers("perf"),
    )
    newest = Partner(partner.pk, partner.client_id, at_once.json()["client_secret"], 0)
    assert (await token_response(world, new)).status_code == 401
    assert (await token_response(world, newest)).status_code == 200


async def test_revoking_stops_new_tokens_and_tokens_already_issued(world: World) -> None:
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    assert (await world.client.get("/api/v1/indicators", headers=headers)).status_code == 200
    revoked = await world.client.post(
        f"/api/v1/clients/{partner.pk}/revoke", headers=world.headers("perf")
    )
    assert revoked.status_code == 200 and revoked.json()["active"] is False
    after = await world.client.get("/api/v1/indicators", headers=headers)
    assert after.status_code == 401
    assert (await token_response(world, partner)).status_code == 401
    rotate = await world.client.post(
        f"/api/v1/clients/{partner.pk}/rotate-secret", headers=world.headers("perf")
    )
    assert rotate.status_code == 409


async def test_scopes_cut_after_issue_are_cut_from_live_tokens(world: World) -> None:
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    async with world.app.state.sessionmaker() as session:
        await session.execute(
            update(ApiClient).where(ApiClient.id == partner.pk).values(scopes=["laa:read"])
        )
        await session.commit()
    world.app.state.client_gate.forget(partner.pk)  # as the next check period would
    me = await world.client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["scopes"] == ["laa:read"]


def test_operator_commands_create_rotate_and_revoke_clients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "clients.db"
    monkeypatch.setenv("GT_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("GT_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("GT_ARGON2_MEMORY_KIB", "64")
    from goldenthread.core.config import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0
        with sqlite3.connect(database) as conn:
            conn.execute(
                "INSERT INTO organisations (name, short_name, kind) "
                "VALUES ('Anyshire Police', 'AP', 'police')"
            )
        unknown_org = runner.invoke(
            cli, ["create-client", "--name", "X", "--organisation", "Nobody", "--scope", "laa:read"]
        )
        assert unknown_org.exit_code == 1 and "Nobody" in unknown_org.output
        created = runner.invoke(
            cli,
            [
                "create-client",
                "--name",
                "Police feed",
                "--organisation",
                "AP",
                "--scope",
                "laa:read",
                "--scope",
                "outturns:write",
                "--client-id",
                "police-feed",
            ],
        )
        assert created.exit_code == 0, created.output
        assert "police-feed" in created.output and "gts_" in created.output
        rotated = runner.invoke(
            cli, ["rotate-client-secret", "police-feed", "--grace-minutes", "5"]
        )
        assert rotated.exit_code == 0 and "5 minutes" in rotated.output
        revoked = runner.invoke(cli, ["revoke-client", "police-feed"])
        assert revoked.exit_code == 0
        missing = runner.invoke(cli, ["revoke-client", "nobody-here"])
        assert missing.exit_code == 1
    finally:
        get_settings.cache_clear()
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "SELECT client_id, scopes, active, previous_secret_hash FROM api_clients"
        ).fetchall()
    assert rows == [("police-feed", '["laa:read", "outturns:write"]', 0, None)]
