"""Partner organisations, API clients and their tokens, for the partner API tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.api.world import World


@dataclass(frozen=True)
class Partner:
    pk: int
    client_id: str
    secret: str
    organisation_id: int


async def add_organisation(world: World, name: str, kind: str = "police") -> int:
    response = await world.client.post(
        "/api/v1/organisations",
        json={"name": name, "short_name": name[:10], "kind": kind},
        headers=world.headers("perf"),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def register_client(
    world: World,
    organisation_id: int | None = None,
    scopes: tuple[str, ...] = ("laa:read", "indicators:read", "outturns:write"),
    **fields: Any,
) -> Partner:
    body: dict[str, Any] = {
        "name": "Test partner client",
        "organisation_id": organisation_id or world.health_id,
        "scopes": list(scopes),
        # Unique per test: rate-limit counters outlive the tables emptied between tests.
        "client_id": f"partner-{uuid.uuid4().hex[:10]}",
        **fields,
    }
    response = await world.client.post("/api/v1/clients", json=body, headers=world.headers("perf"))
    assert response.status_code == 201, response.text
    created = response.json()
    # Ids restart with every emptied database: drop what the gate remembers of earlier ones.
    world.app.state.client_gate.forget_all()
    return Partner(
        created["id"], created["client_id"], created["client_secret"], body["organisation_id"]
    )


async def token_response(world: World, partner: Partner, **form: str) -> Any:
    return await world.client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": partner.client_id,
            "client_secret": partner.secret,
            **form,
        },
    )


async def partner_headers(world: World, partner: Partner, **form: str) -> dict[str, str]:
    response = await token_response(world, partner, **form)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
