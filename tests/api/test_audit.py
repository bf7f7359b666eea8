"""The audit trail over HTTP: filtering by every kind of audited record, and appraisals'
entries kept to those who may read the appraisal."""

from __future__ import annotations

from typing import Any

from tests.api.framework_people import set_manager
from tests.api.world import World

AUDIT = "/api/v1/audit"


async def _entries(world: World, who: str, **params: Any) -> list[dict[str, Any]]:
    response = await world.client.get(AUDIT, params=params, headers=world.headers(who))
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_the_trail_filters_by_the_new_kinds_of_record(world: World) -> None:
    created = await world.client.post(
        "/api/v1/plans",
        json={
            "level": "service_plan",
            "title": "Waste",
            "start_year": "2008-09",
            "end_year": "2008-09",
            "owner_org_unit_id": world.service_id,
        },
        headers=world.headers("perf"),
    )
    assert created.status_code == 201, created.text
    plan_id = created.json()["id"]
    risk = await world.client.post(
        "/api/v1/risks",
        json={
            "code": "R1",
            "title": "Contractor fails",
            "category": "operational",
            "inherent_likelihood": 3,
            "inherent_impact": 4,
            "control": "treat",
            "org_unit_id": world.service_id,
        },
        headers=world.headers("perf"),
    )
    assert risk.status_code == 201, risk.text
    plans = await _entries(world, "viewer", entity="plan")
    assert [(e["entity"], e["entity_id"], e["action"]) for e in plans] == [
        ("plan", plan_id, "create")
    ]
    risks = await _entries(world, "viewer", entity="risk")
    assert [(e["entity"], e["entity_id"]) for e in risks] == [("risk", risk.json()["id"])]
    assert await _entries(world, "viewer", entity="commitment") == []
    unknown = await world.client.get(
        AUDIT, params={"entity": "nonsense"}, headers=world.headers("viewer")
    )
    assert unknown.status_code == 422
    assert "entity" in unknown.text


async def test_appraisal_entries_are_read_only_by_those_who_read_the_appraisal(
    world: World,
) -> None:
    await set_manager(world, "owner", "manager")
    created = await world.client.post(
        "/api/v1/appraisals",
        json={
            "person_id": world.users["owner"],
            "year": "2009-10",
            "held_on": "2009-05-12",
            "training_needs": "Contract management course",
            "performance_review": "A strong year.",
        },
        headers=world.headers("manager"),
    )
    assert created.status_code == 201, created.text
    appraisal = ("appraisal", created.json()["id"])
    for who in ("owner", "manager"):
        filtered = await _entries(world, who, entity="appraisal")
        assert [(e["entity"], e["entity_id"]) for e in filtered] == [appraisal], who
        assert appraisal in {(e["entity"], e["entity_id"]) for e in await _entries(world, who)}
    # However senior their role, nobody else is told of it, filtered or not.
    for who in ("deputy", "perf", "admin", "viewer"):
        assert await _entries(world, who, entity="appraisal") == [], who
        everything = await _entries(world, who, limit=200)
        assert all(e["entity"] != "appraisal" for e in everything), who
