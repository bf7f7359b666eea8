"""People with line managers and small plan trees, for the risk, commitment and appraisal
tests. Plans and objectives are written straight to the database: these tests are about what
hangs off objectives, not about building plans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goldenthread.core.principal import Role
from goldenthread.objectives.models import Objective, ObjectiveLink
from goldenthread.plans.models import Plan
from goldenthread.plans.rules import PlanLevel
from tests.api.world import World


async def add_person(
    world: World, username: str, role: str = "manager", org_unit_id: int | None = None
) -> int:
    response = await world.client.post(
        "/api/v1/users",
        json={
            "username": username,
            "full_name": f"{username.title()} Person",
            "role": role,
            "organisation_id": world.council_id,
            "org_unit_id": org_unit_id,
            "password": "a long enough password",
        },
        headers=world.headers("admin"),
    )
    assert response.status_code == 201, response.text
    user_id = int(response.json()["id"])
    world.users[username] = user_id
    world.roles[username] = Role(role)
    return user_id


async def set_manager(world: World, username: str, manager: str | None) -> dict[str, Any]:
    response = await world.client.put(
        f"/api/v1/users/{world.users[username]}/manager",
        json={"manager_id": world.users[manager] if manager else None},
        headers=world.headers("admin"),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@dataclass
class Thread:
    """service plan objective <- team plan objective; an individual plan of ``owner`` with
    one objective serving the team objective and one orphan."""

    service_objective: int
    team_objective: int
    individual_plan: int
    linked_objective: int
    orphan_objective: int


async def build_thread(world: World, owner: str = "owner", year: str = "2009-10") -> Thread:
    async with world.app.state.sessionmaker() as session:

        def plan(level: PlanLevel, title: str, **fields: Any) -> Plan:
            made = Plan(
                organisation_id=world.council_id,
                level=level,
                title=title,
                start_year=year,
                end_year=year,
                **fields,
            )
            session.add(made)
            return made

        service = plan(
            PlanLevel.SERVICE_PLAN, "Waste service plan", owner_org_unit_id=world.service_id
        )
        team = plan(PlanLevel.TEAM_PLAN, "Recycling team plan", owner_org_unit_id=world.service_id)
        individual = plan(
            PlanLevel.INDIVIDUAL, "Objectives of the owner", owner_user_id=world.users[owner]
        )
        await session.flush()
        service_obj = Objective(plan_id=service.id, title="Recycle half of household waste")
        team_obj = Objective(plan_id=team.id, title="Roll out kerbside glass collection")
        linked = Objective(plan_id=individual.id, code="1", title="Run the glass round pilot")
        orphan = Objective(plan_id=individual.id, code="2", title="Tidy the shared drive")
        session.add_all([service_obj, team_obj, linked, orphan])
        await session.flush()
        session.add_all(
            [
                ObjectiveLink(objective_id=team_obj.id, parent_objective_id=service_obj.id),
                ObjectiveLink(objective_id=linked.id, parent_objective_id=team_obj.id),
            ]
        )
        await session.commit()
        return Thread(service_obj.id, team_obj.id, individual.id, linked.id, orphan.id)
