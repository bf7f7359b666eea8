"""A small council, its partners and one account per role, for API tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from goldenthread.core.principal import Principal, PrincipalKind, Role
from goldenthread.core.security import hash_secret, issue_token
from goldenthread.organisations.models import (
    Organisation,
    OrganisationKind,
    OrgUnit,
    OrgUnitLevel,
)
from goldenthread.users.models import User

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    app: FastAPI
    client: AsyncClient
    council_id: int = 0
    health_id: int = 0
    directorate_id: int = 0
    service_id: int = 0
    other_service_id: int = 0
    users: dict[str, int] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)

    def principal(self, username: str) -> Principal:
        return Principal(
            kind=PrincipalKind.USER,
            id=self.users[username],
            name=username,
            organisation_id=self.council_id,
            role=self.roles[username],
        )

    def headers(self, username: str, **extra: str) -> dict[str, str]:
        token, _ = issue_token(self.principal(username), self.app.state.settings)
        return {"Authorization": f"Bearer {token}", **extra}

    async def create_indicator(self, username: str = "perf", **fields: Any) -> dict[str, Any]:
        body = indicator_body(self, **fields)
        response = await self.client.post(
            "/api/v1/indicators", json=body, headers=self.headers(username)
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result


def indicator_body(world: World, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "NI 192",
        "title": "Household waste recycled and composted",
        "unit": "percent",
        "decimal_places": 1,
        "polarity": "higher_is_better",
        "frequency": "quarterly",
        "aggregation": "last",
        "sets": ["NI", "LAA"],
        "organisation_id": world.council_id,
        "org_unit_id": world.service_id,
        "owner_id": world.users["owner"],
        "deputy_id": world.users["deputy"],
    }
    body.update(fields)
    return body


async def build_world(app: FastAPI, client: AsyncClient) -> World:
    settings = app.state.settings
    world = World(app=app, client=client)
    password_hash = hash_secret(PASSWORD, settings)
    async with app.state.sessionmaker() as session:
        council = Organisation(
            name="Test County Council", short_name="TCC", kind=OrganisationKind.COUNCIL
        )
        health = Organisation(
            name="Test Health Trust", short_name="THT", kind=OrganisationKind.HEALTH
        )
        session.add_all([council, health])
        await session.flush()
        directorate = OrgUnit(
            organisation_id=council.id, name="Environment", level=OrgUnitLevel.DIRECTORATE
        )
        session.add(directorate)
        await session.flush()
        service = OrgUnit(
            organisation_id=council.id,
            parent_id=directorate.id,
            name="Waste",
            level=OrgUnitLevel.SERVICE,
        )
        other = OrgUnit(
            organisation_id=council.id, name="Resources", level=OrgUnitLevel.DIRECTORATE
        )
        session.add_all([service, other])
        await session.flush()
        accounts = {
            "admin": Role.ADMIN,
            "perf": Role.PERFORMANCE,
            "manager": Role.MANAGER,
            "owner": Role.CONTRIBUTOR,
            "deputy": Role.CONTRIBUTOR,
            "other": Role.CONTRIBUTOR,
            "viewer": Role.VIEWER,
        }
        for username, role in accounts.items():
            user = User(
                username=username,
                full_name=f"{username.title()} Person",
                role=role,
                organisation_id=council.id,
                org_unit_id=service.id,
                password_hash=password_hash,
                email=f"{username}@example.org",
            )
            session.add(user)
            await session.flush()
            world.users[username] = user.id
            world.roles[username] = role
        await session.commit()
        world.council_id, world.health_id = council.id, health.id
        world.directorate_id, world.service_id = directorate.id, service.id
        world.other_service_id = other.id
    # Each account is read once by the staff gate now rather than by a test's first request.
    for username in accounts:
        await app.state.staff_gate.admit(world.principal(username))
    return world
