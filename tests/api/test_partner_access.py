"""What a partner client may see and do: shared and LAA indicators only, 404 for the rest,
outturns only for the indicators its own organisation leads, and never another's rights."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from jose import jwt

from tests.api.partners import add_organisation, partner_headers, register_client
from tests.api.world import World, indicator_body
from tests.conftest import TEST_SECRET

PERIOD = "2008-09-Q1"


@dataclass
class Register:
    ours: dict[str, Any]  # LAA, led by the health trust (the partner's organisation)
    shared: dict[str, Any]  # shared with partners, not LAA, led by nobody
    private: dict[str, Any]  # neither: council only
    theirs: dict[str, Any]  # LAA, led by the police
    retired_private: dict[str, Any]
    police_id: int


async def _register(world: World) -> Register:
    police = await add_organisation(world, "Test Constabulary")
    ours = await world.create_indicator(
        code="NI 130", sets=["LAA", "NI"], lead_organisation_id=world.health_id
    )
    shared = await world.create_indicator(code="NI 8", sets=["NI"], shared_with_partners=True)
    private = await world.create_indicator(code="LPI ENV-07", sets=["LOCAL"])
    theirs = await world.create_indicator(code="NI 16", sets=["LAA"], lead_organisation_id=police)
    retired = await world.create_indicator(code="LPI OLD-01", sets=["LOCAL"])
    perf = world.headers("perf")
    for indicator in (ours, shared, private, theirs):
        url = f"/api/v1/indicators/{indicator['id']}"
        assert (
            await world.client.put(f"{url}/targets/2008-09", json={"value": 50}, headers=perf)
        ).status_code == 201
        assert (
            await world.client.put(f"{url}/outturns/{PERIOD}", json={"value": 40}, headers=perf)
        ).status_code == 201
    await world.client.post(f"/api/v1/indicators/{retired['id']}/retire", headers=perf)
    return Register(ours, shared, private, theirs, retired, police)


async def test_a_partner_lists_only_shared_and_laa_indicators(world: World) -> None:
    reg = await _register(world)
    headers = await partner_headers(world, await register_client(world))
    listing = await world.client.get("/api/v1/indicators?lifecycle=all", headers=headers)
    assert listing.status_code == 200
    assert {i["code"] for i in listing.json()["items"]} == {"NI 130", "NI 8", "NI 16"}
    by_code = await world.client.get("/api/v1/indicators?code=LPI ENV-07", headers=headers)
    assert by_code.json()["items"] == []
    searched = await world.client.get("/api/v1/indicators?q=ENV", headers=headers)
    assert searched.json()["items"] == []
    statuses = await world.client.get(f"/api/v1/status?period={PERIOD}", headers=headers)
    assert statuses.status_code == 200
    assert {s["code"] for s in statuses.json()["items"]} == {"NI 130", "NI 8", "NI 16"}
    assert statuses.json()["total"] == 3
    assert reg.private["id"] not in {s["indicator_id"] for s in statuses.json()["items"]}


async def test_every_read_of_a_hidden_indicator_is_a_404_like_a_missing_one(
    world: World,
) -> None:
    reg = await _register(world)
    headers = await partner_headers(world, await register_client(world))
    hidden = reg.private["id"]
    missing = hidden + 1000
    paths = [
        "/api/v1/indicators/{id}",
        "/api/v1/indicators/{id}/targets",
        "/api/v1/indicators/{id}/targets/2008-09",
        "/api/v1/indicators/{id}/outturns",
        f"/api/v1/indicators/{{id}}/outturns/{PERIOD}",
        f"/api/v1/indicators/{{id}}/status?period={PERIOD}",
        "/api/v1/indicators/{id}/history",
    ]
    for path in paths:
        seen = await world.client.get(path.format(id=reg.ours["id"]), headers=headers)
        assert seen.status_code == 200, path
        for indicator_id in (hidden, reg.retired_private["id"], missing):
            response = await world.client.get(path.format(id=indicator_id), headers=headers)
            assert response.status_code == 404, (path, indicator_id)
            assert response.json()["detail"] == f"There is no indicator {indicator_id}."
            assert "LPI" not in response.text


async def test_staff_only_reads_are_refused_to_partners(world: World) -> None:
    reg = await _register(world)
    headers = await partner_headers(world, await register_client(world))
    for path in (
        "/api/v1/audit",
        f"/api/v1/audit?indicator_id={reg.ours['id']}",
        f"/api/v1/indicators/{reg.ours['id']}/audit",
        "/api/v1/users",
        "/api/v1/organisations",
        "/api/v1/org-units",
        f"/api/v1/data-entry?period={PERIOD}",
        "/api/v1/clients",
    ):
        response = await world.client.get(path, headers=headers)
        assert response.status_code == 403, path
        assert "Person" not in response.text  # no staff names leak in the refusal


async def test_a_partner_writes_outturns_only_for_what_it_leads(world: World) -> None:
    reg = await _register(world)
    headers = await partner_headers(world, await register_client(world))
    ours = f"/api/v1/indicators/{reg.ours['id']}"
    written = await world.client.put(
        f"{ours}/outturns/2008-09-Q2",
        json={"value": 41, "commentary": "From the trust"},
        headers=headers,
    )
    assert written.status_code == 201, written.text
    assert written.json()["provenance"] == "partner"
    audit = await world.client.get(
        f"/api/v1/audit?indicator_id={reg.ours['id']}&entity=outturn",
        headers=world.headers("perf"),
    )
    latest = audit.json()["items"][0]
    assert latest["via"] == "partner" and latest["actor_kind"] == "client"
    verify = await world.client.put(
        f"{ours}/outturns/2008-09-Q2", json={"value": 41, "status": "verified"}, headers=headers
    )
    assert verify.status_code == 403
    theirs = await world.client.put(
        f"/api/v1/indicators/{reg.theirs['id']}/outturns/2008-09-Q2",
        json={"value": 1},
        headers=headers,
    )
    assert theirs.status_code == 403
    shared = await world.client.put(
        f"/api/v1/indicators/{reg.shared['id']}/outturns/2008-09-Q2",
        json={"value": 1},
        headers=headers,
    )
    assert shared.status_code == 403
    private = await world.client.put(
        f"/api/v1/indicators/{reg.private['id']}/outturns/2008-09-Q2",
        json={"value": 1},
        headers=headers,
    )
    assert private.status_code == 404
    target = await world.client.put(f"{ours}/targets/2009-10", json={"value": 1}, headers=headers)
    assert target.status_code == 403
    patch = await world.client.patch(ours, json={"title": "Renamed"}, headers=headers)
    assert patch.status_code == 403
    create = await world.client.post(
        "/api/v1/indicators", json=indicator_body(world, code="X 1"), headers=headers
    )
    assert create.status_code == 403


async def test_scopes_decide_what_a_client_may_do(world: World) -> None:
    reg = await _register(world)
    read_only = await partner_headers(world, await register_client(world, scopes=("laa:read",)))
    refused = await world.client.put(
        f"/api/v1/indicators/{reg.ours['id']}/outturns/2008-09-Q3",
        json={"value": 1},
        headers=read_only,
    )
    assert refused.status_code == 403
    write_only = await partner_headers(
        world, await register_client(world, scopes=("outturns:write",))
    )
    listing = await world.client.get("/api/v1/indicators", headers=write_only)
    assert listing.json()["items"] == []
    unseen = await world.client.get(f"/api/v1/indicators/{reg.ours['id']}", headers=write_only)
    assert unseen.status_code == 404
    narrowed = await partner_headers(world, await register_client(world), scope="laa:read")
    cut = await world.client.put(
        f"/api/v1/indicators/{reg.ours['id']}/outturns/2008-09-Q3",
        json={"value": 1},
        headers=narrowed,
    )
    assert cut.status_code == 403


async def test_a_token_of_one_partner_never_grants_anothers_rights(world: World) -> None:
    reg = await _register(world)
    health = await register_client(world)
    police = await register_client(world, organisation_id=reg.police_id)
    police_headers = await partner_headers(world, police)
    ours = f"/api/v1/indicators/{reg.ours['id']}/outturns/2008-09-Q4"
    theirs = f"/api/v1/indicators/{reg.theirs['id']}/outturns/2008-09-Q4"
    assert (
        await world.client.put(ours, json={"value": 1}, headers=police_headers)
    ).status_code == 403
    assert (
        await world.client.put(theirs, json={"value": 1}, headers=police_headers)
    ).status_code == 201
    # One partner's secret never opens another's client.
    crossed = await world.client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": police.client_id,
            "client_secret": health.secret,
        },
    )
    assert crossed.status_code == 401
    # A token naming the health trust's client but the police's organisation (as a tampered
    # or stale token would) is refused outright, even when properly signed.
    now = int(time.time())
    forged = jwt.encode(
        {
            "iss": "goldenthread",
            "aud": "goldenthread-api",
            "sub": f"client:{health.pk}",
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "kind": "client",
            "name": "x",
            "org": reg.police_id,
            "scopes": ["laa:read", "outturns:write"],
        },
        TEST_SECRET,
        algorithm="HS256",
    )
    response = await world.client.put(
        theirs, json={"value": 2}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401
    # Scopes the client was never granted do not count even when a token claims them.
    read_only = await register_client(world, scopes=("laa:read",))
    claimed = jwt.encode(
        {
            "iss": "goldenthread",
            "aud": "goldenthread-api",
            "sub": f"client:{read_only.pk}",
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "kind": "client",
            "name": "x",
            "org": world.health_id,
            "scopes": ["laa:read", "outturns:write"],
        },
        TEST_SECRET,
        algorithm="HS256",
    )
    widened = await world.client.put(
        ours, json={"value": 3}, headers={"Authorization": f"Bearer {claimed}"}
    )
    assert widened.status_code == 403


async def test_a_partner_bulk_imports_outturns_only_for_what_it_leads(world: World) -> None:
    reg = await _register(world)
    headers = await partner_headers(world, await register_client(world))
    csv_headers = {**headers, "Content-Type": "text/csv"}
    ours = await world.client.post(
        "/api/v1/imports/outturns",
        content=b"indicator_code,period,value\r\nNI 130,2008-09-Q3,42\r\n",
        headers=csv_headers,
    )
    assert ours.status_code in (200, 201), ours.text
    stored = await world.client.get(
        f"/api/v1/indicators/{reg.ours['id']}/outturns/2008-09-Q3", headers=headers
    )
    assert stored.status_code == 200 and stored.json()["provenance"] == "partner"
    theirs = await world.client.post(
        "/api/v1/imports/outturns",
        content=b"indicator_code,period,value\r\n"
        b"NI 16,2008-09-Q3,1\r\nLPI ENV-07,2008-09-Q3,1\r\nNO SUCH,2008-09-Q3,1\r\n",
        headers=csv_headers,
    )
    assert theirs.status_code == 422, theirs.text
    messages = {e["value"]: e["message"] for e in theirs.json()["errors"]}
    assert "may not write" in messages["NI 16"]
    # A hidden indicator reads exactly like one that does not exist.
    assert messages["LPI ENV-07"] == "unknown indicator code 'LPI ENV-07'"
    assert messages["NO SUCH"] == "unknown indicator code 'NO SUCH'"
    for indicator in (reg.theirs, reg.private):
        absent = await world.client.get(
            f"/api/v1/indicators/{indicator['id']}/outturns/2008-09-Q3",
            headers=world.headers("perf"),
        )
        assert absent.status_code == 404
