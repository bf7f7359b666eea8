"""Building plans, objectives and actions through the API, for the golden-thread tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from goldenthread.audit.models import AuditEntry
from tests.api.world import World


async def plan(
    world: World, level: str, title: str, user: str = "perf", **fields: Any
) -> dict[str, Any]:
    body = {
        "level": level,
        "title": title,
        "start_year": "2008-09",
        "end_year": "2010-11",
        **fields,
    }
    response = await world.client.post("/api/v1/plans", json=body, headers=world.headers(user))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def objective(
    world: World, plan_id: int, title: str, user: str = "perf", **fields: Any
) -> dict[str, Any]:
    response = await world.client.post(
        f"/api/v1/plans/{plan_id}/objectives",
        json={"title": title, **fields},
        headers=world.headers(user),
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def action(world: World, user: str = "perf", **fields: Any) -> dict[str, Any]:
    response = await world.client.post("/api/v1/actions", json=fields, headers=world.headers(user))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def move(world: World, plan_id: int, status: str, user: str = "perf") -> Any:
    return await world.client.post(
        f"/api/v1/plans/{plan_id}/status", json={"status": status}, headers=world.headers(user)
    )


async def publish(world: World, plan_id: int) -> None:
    for status in ("submitted", "quality_assured", "approved", "published"):
        response = await move(world, plan_id, status)
        assert response.status_code == 200, response.text


async def checklist_items(world: World, count: int = 2) -> list[int]:
    ids = []
    for n in range(count):
        response = await world.client.post(
            "/api/v1/plan-checklist-items",
            json={"code": f"Q{n}", "question": f"Question {n}?", "position": n},
            headers=world.headers("perf"),
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids


def field_errors(response: Any) -> dict[str, str]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


async def audit_entries(world: World, entity: str) -> list[AuditEntry]:
    """The trail for one kind of entity, newest first."""
    async with world.app.state.sessionmaker() as session:
        query = select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id.desc())
        return list((await session.scalars(query)).all())
