"""Administrators change accounts: a disabled account and a changed role take effect on the
tokens already issued, and an administrator cannot lock the council out by mistake."""

from __future__ import annotations

from typing import Any

from tests.api.world import PASSWORD, World, indicator_body


async def _patch(world: World, who: str, username: str, **fields: Any) -> Any:
    return await world.client.patch(
        f"/api/v1/users/{world.users[username]}", json=fields, headers=world.headers(who)
    )


async def _sign_in(world: World, username: str) -> int:
    response = await world.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": PASSWORD},
    )
    return response.status_code


async def test_a_disabled_account_stops_at_once_and_comes_back_when_enabled(
    world: World,
) -> None:
    token = world.headers("owner")  # issued before the account is disabled
    assert (await world.client.get("/api/v1/auth/me", headers=token)).status_code == 200
    disabled = await _patch(world, "admin", "owner", active=False)
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["active"] is False
    refused = await world.client.get("/api/v1/indicators", headers=token)
    assert refused.status_code == 401
    assert "disabled" in refused.json()["detail"]
    assert await _sign_in(world, "owner") == 401
    assert (await _patch(world, "admin", "owner", active=True)).status_code == 200
    assert (await world.client.get("/api/v1/indicators", headers=token)).status_code == 200
    assert await _sign_in(world, "owner") == 200


async def test_a_changed_role_applies_to_tokens_already_issued(world: World) -> None:
    token = world.headers("perf")
    url = "/api/v1/indicators"
    before = await world.client.post(url, json=indicator_body(world), headers=token)
    assert before.status_code == 201, before.text
    demoted = await _patch(world, "admin", "perf", role="viewer")
    assert demoted.json()["role"] == "viewer"
    me = await world.client.get("/api/v1/auth/me", headers=token)
    assert me.json()["role"] == "viewer"
    after = await world.client.post(url, json=indicator_body(world, code="NI 193"), headers=token)
    assert after.status_code == 403


async def test_only_administrators_change_accounts(world: World) -> None:
    assert (await _patch(world, "perf", "owner", active=False)).status_code == 403
    missing = await world.client.patch(
        "/api/v1/users/999999", json={"active": False}, headers=world.headers("admin")
    )
    assert missing.status_code == 404


async def test_an_administrator_cannot_disable_or_demote_themself(world: World) -> None:
    response = await _patch(world, "admin", "admin", active=False, role="viewer")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"active", "role"}
    assert (
        await world.client.get("/api/v1/users", headers=world.headers("admin"))
    ).status_code == 200


async def test_bad_changes_name_the_field_and_change_nothing(world: World) -> None:
    nulled = await _patch(world, "admin", "owner", full_name=None, active=False)
    assert nulled.status_code == 422
    assert [e["field"] for e in nulled.json()["errors"]] == ["full_name"]
    elsewhere = await _patch(world, "admin", "owner", org_unit_id=999999)
    assert elsewhere.status_code == 422
    assert "org_unit_id" in {e["field"] for e in elsewhere.json()["errors"]}
    unknown = await _patch(world, "admin", "owner", password="new-password-123")
    assert unknown.status_code == 422
    users = (await world.client.get("/api/v1/users", headers=world.headers("admin"))).json()
    owner = next(u for u in users if u["username"] == "owner")
    assert owner["active"] is True and owner["full_name"] == "Owner Person"


async def test_account_changes_are_in_the_audit_trail(world: World) -> None:
    moved = await _patch(
        world, "admin", "owner", org_unit_id=world.other_service_id, job_title="Analyst"
    )
    assert moved.status_code == 200, moved.text
    same = await _patch(world, "admin", "owner", job_title="Analyst")  # nothing changes
    assert same.status_code == 200
    trail = await world.client.get(
        "/api/v1/audit", params={"entity": "user"}, headers=world.headers("admin")
    )
    entries = [e for e in trail.json()["items"] if e["entity_id"] == world.users["owner"]]
    assert len(entries) == 1
    assert entries[0]["before"] == {"org_unit_id": world.service_id, "job_title": None}
    assert entries[0]["after"] == {"org_unit_id": world.other_service_id, "job_title": "Analyst"}
    assert entries[0]["actor_name"] == "admin"
