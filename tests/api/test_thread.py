"""The golden thread through the API alone: community strategy down to a person's
objectives, walked both ways with roll-ups; invalid links; orphans; a fixed number of
queries however big the thread."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.api.golden import action, field_errors, objective, plan
from tests.api.world import World

PERIOD = "2008-09-Q1"


async def _indicator(world: World, code: str, actual: str) -> int:
    created = await world.create_indicator(code=code, title=f"Indicator {code}")
    url = f"/api/v1/indicators/{created['id']}"
    for kind, period, value in (("targets", "2008-09", "50"), ("outturns", PERIOD, actual)):
        response = await world.client.put(
            f"{url}/{kind}/{period}", json={"value": value}, headers=world.headers("perf")
        )
        assert response.status_code in (200, 201), response.text
    return int(created["id"])


async def _risk(world: World, code: str, likelihood: int, impact: int, objective_id: int) -> int:
    response = await world.client.post(
        "/api/v1/risks",
        json={
            "code": code,
            "title": f"Risk {code}",
            "category": "strategic",
            "inherent_likelihood": 5,
            "inherent_impact": 5,
            "residual_likelihood": likelihood,
            "residual_impact": impact,
            "control": "treat",
            "objective_ids": [objective_id],
        },
        headers=world.headers("perf"),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def build_thread(world: World) -> dict[str, Any]:
    """Community strategy → LAA → corporate plan → service plan → a person's objectives."""
    strategy = await plan(world, "community_strategy", "Sustainable Community Strategy")
    ambition = await objective(world, strategy["id"], "A greener county", kind="ambition")
    laa = await plan(
        world, "local_area_agreement", "Local Area Agreement", parent_id=strategy["id"]
    )
    laa_priority = await objective(
        world, laa["id"], "Less waste to landfill", kind="priority", contributes_to=[ambition["id"]]
    )
    corporate = await plan(world, "corporate_plan", "Corporate plan", parent_id=laa["id"])
    corporate_objective = await objective(
        world, corporate["id"], "Recycle and compost more", contributes_to=[laa_priority["id"]]
    )
    service = await plan(
        world,
        "service_plan",
        "Waste service plan",
        user="manager",
        owner_org_unit_id=world.service_id,
        parent_id=corporate["id"],
    )
    green = await _indicator(world, "LPI 1", "60")
    red = await _indicator(world, "LPI 2", "30")
    amber = await _indicator(world, "LPI 3", "48")
    service_objective = await objective(
        world,
        service["id"],
        "Kerbside recycling for every household",
        user="manager",
        contributes_to=[corporate_objective["id"]],
        indicator_ids=[green, red],
    )
    person = await plan(
        world, "individual", "Appraisal objectives 2008-09", owner_user_id=world.users["owner"]
    )
    mine = await objective(
        world,
        person["id"],
        "Roll out recycling boxes in the north",
        user="owner",
        owner_id=world.users["owner"],
        contributes_to=[service_objective["id"]],
        indicator_ids=[amber],
    )
    overdue = await action(
        world,
        user="owner",
        objective_id=mine["id"],
        title="Order boxes",
        owner_id=world.users["owner"],
        due_on="2008-06-30",
        status="in_progress",
    )
    done = await action(
        world,
        user="owner",
        objective_id=mine["id"],
        title="Map the rounds",
        owner_id=world.users["owner"],
        due_on="2008-05-31",
        status="complete",
    )
    later = await action(
        world,
        user="manager",
        objective_id=service_objective["id"],
        title="New contract",
        due_on="2099-03-31",
    )
    # The indicator's owner adds remedial action on the red indicator.
    remedial = await action(
        world,
        user="owner",
        indicator_id=red,
        title="Recover the missed collections",
        owner_id=world.users["owner"],
        due_on="2099-01-31",
    )
    high = await _risk(world, "CR 01", 3, 4, corporate_objective["id"])
    low = await _risk(world, "SR 01", 2, 3, service_objective["id"])
    return {
        "ambition": ambition["id"],
        "laa": laa_priority["id"],
        "corporate": corporate_objective["id"],
        "service": service_objective["id"],
        "mine": mine["id"],
        "indicators": (green, red, amber),
        "actions": (overdue["id"], done["id"], later["id"], remedial["id"]),
        "risks": (high, low),
        "plans": (strategy["id"], laa["id"], corporate["id"], service["id"], person["id"]),
    }


async def _thread(world: World, objective_id: int, user: str = "viewer") -> dict[str, Any]:
    response = await world.client.get(
        f"/api/v1/objectives/{objective_id}/thread",
        params={"period": PERIOD},
        headers=world.headers(user),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_thread_built_through_the_api_walks_both_ways(world: World) -> None:
    ids = await build_thread(world)
    green, red, amber = ids["indicators"]
    overdue, done, later, remedial = ids["actions"]

    up = await _thread(world, ids["mine"])
    order = [(o["id"], o["direction"]) for o in up["objectives"]]
    assert order == [
        (ids["ambition"], "up"),
        (ids["laa"], "up"),
        (ids["corporate"], "up"),
        (ids["service"], "up"),
        (ids["mine"], "focus"),
    ]
    nodes = {o["id"]: o for o in up["objectives"]}
    focus = nodes[ids["mine"]]
    assert focus["contributes_to"] == [ids["service"]]
    assert focus["rollup"]["indicators"]["amber"] == 1
    assert focus["rollup"]["actions"] == {
        "total": 2,
        "complete": 1,
        "on_track": 0,
        "overdue": 1,
        "cancelled": 0,
    }
    assert focus["rollup"]["highest_risk_score"] is None
    service = nodes[ids["service"]]
    assert (service["rollup"]["indicators"]["green"], service["rollup"]["indicators"]["red"]) == (
        1,
        1,
    )
    assert service["rollup"]["actions"]["total"] == 4
    assert service["rollup"]["actions"]["on_track"] == 2
    assert service["rollup"]["highest_risk_score"] == 6
    assert nodes[ids["ambition"]]["rollup"]["highest_risk_score"] == 12
    assert nodes[ids["ambition"]]["rollup"]["objectives"] == 4
    assert [p["level"] for p in up["plans"]] == [
        "community_strategy",
        "local_area_agreement",
        "corporate_plan",
        "service_plan",
        "individual",
    ]
    people = {p["id"] for p in up["people"]}
    assert world.users["owner"] in people

    down = await _thread(world, ids["ambition"], user="manager")
    assert down["objectives"][0]["direction"] == "focus"
    assert [o["id"] for o in down["objectives"]] == [
        ids["ambition"],
        ids["laa"],
        ids["corporate"],
        ids["service"],
        ids["mine"],
    ]
    top = down["objectives"][0]["rollup"]
    assert top["objectives"] == 4
    assert {k: top["indicators"][k] for k in ("green", "amber", "red")} == {
        "green": 1,
        "amber": 1,
        "red": 1,
    }
    assert top["actions"] == {
        "total": 4,
        "complete": 1,
        "on_track": 2,
        "overdue": 1,
        "cancelled": 0,
    }
    assert (top["risks"], top["highest_risk_score"]) == (2, 12)
    indicators = {i["id"]: i for i in down["indicators"]}
    assert set(indicators) == {green, red, amber}
    assert indicators[red]["rag"] == "red"
    assert indicators[red]["has_remedial_action"] is True
    assert indicators[green]["has_remedial_action"] is False
    actions = {a["id"]: a["state"] for a in down["actions"]}
    assert actions == {
        overdue: "overdue",
        done: "complete",
        later: "on_track",
        remedial: "on_track",
    }
    assert {r["residual_score"] for r in down["risks"]} == {12, 6}

    # The status answer of the red indicator says it has remedial action.
    status = await world.client.get(
        f"/api/v1/indicators/{red}/status",
        params={"period": PERIOD},
        headers=world.headers("viewer"),
    )
    assert status.json()["has_remedial_action"] is True
    many = await world.client.get(
        "/api/v1/status", params={"period": PERIOD}, headers=world.headers("viewer")
    )
    flags = {i["indicator_id"]: i["has_remedial_action"] for i in many.json()["items"]}
    assert flags == {green: False, red: True, amber: False}


async def test_links_must_go_up_the_hierarchy(world: World) -> None:
    corporate = await plan(world, "corporate_plan", "Corporate plan")
    top = await objective(world, corporate["id"], "Top")
    peer = await objective(world, corporate["id"], "Peer")
    service = await plan(world, "service_plan", "Waste", owner_org_unit_id=world.service_id)
    low = await objective(world, service["id"], "Low", contributes_to=[top["id"]])

    async def link(child: int, parent: int) -> Any:
        return await world.client.post(
            f"/api/v1/objectives/{child}/links",
            json={"parent_objective_id": parent},
            headers=world.headers("perf"),
        )

    downwards = await link(top["id"], low["id"])
    assert downwards.status_code == 422
    assert "lower in the hierarchy" in field_errors(downwards)["parent_objective_id"]
    same = await link(peer["id"], top["id"])
    assert "higher plan" in field_errors(same)["parent_objective_id"]
    missing = await link(low["id"], 99999)
    assert "no objective" in field_errors(missing)["parent_objective_id"]
    itself = await link(low["id"], low["id"])
    assert itself.status_code == 422
    in_list = await world.client.post(
        f"/api/v1/plans/{service['id']}/objectives",
        json={"title": "Bad", "contributes_to": [top["id"], low["id"]], "indicator_ids": [424242]},
        headers=world.headers("perf"),
    )
    assert in_list.status_code == 422
    assert "contributes_to.1" in field_errors(in_list)
    # A link that is allowed, repeated, changes nothing; removing it works once.
    assert (await link(low["id"], peer["id"])).json()["contributes_to"] == [top["id"], peer["id"]]
    assert (await link(low["id"], peer["id"])).status_code == 200
    url = f"/api/v1/objectives/{low['id']}/links/{peer['id']}"
    assert (await world.client.delete(url, headers=world.headers("perf"))).status_code == 200
    assert (await world.client.delete(url, headers=world.headers("perf"))).status_code == 404
    # Managers change only their own unit's objectives.
    other = await world.client.post(
        f"/api/v1/objectives/{top['id']}/links",
        json={"parent_objective_id": top["id"]},
        headers=world.headers("manager"),
    )
    assert other.status_code == 403


async def test_orphan_report(world: World) -> None:
    ids = await build_thread(world)
    corporate = await plan(world, "corporate_plan", "Another corporate plan")
    stray = await objective(world, corporate["id"], "Serves nothing")
    person = await plan(
        world, "individual", "Deputy's objectives", owner_user_id=world.users["deputy"]
    )
    skipping = await objective(
        world, person["id"], "Skips the service plan", contributes_to=[stray["id"]]
    )
    unused = await world.create_indicator(code="LPI 9", title="Measures nothing")
    report = await world.client.get("/api/v1/objectives/orphans", headers=world.headers("viewer"))
    assert report.status_code == 200
    body = report.json()
    assert {o["id"] for o in body["objectives"]} == {stray["id"]}
    assert [i["id"] for i in body["indicators"]] == [unused["id"]]
    assert [o["id"] for o in body["individual_without_service_link"]] == [skipping["id"]]
    assert ids["mine"] not in {o["id"] for o in body["individual_without_service_link"]}


async def test_the_thread_takes_a_fixed_number_of_queries(world: World) -> None:
    ids = await build_thread(world)
    engine = world.app.state.engine.sync_engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def queries(objective_id: int) -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            await _thread(world, objective_id)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    # The first read computes the statuses; the next finds them in the status cache.
    few = (await queries(ids["ambition"]), await queries(ids["ambition"]))
    # Grow the thread: more objectives at two levels, with indicators and actions.
    team = await plan(world, "team_plan", "Collections team", owner_org_unit_id=world.service_id)
    for n in range(6):
        indicator = await _indicator(world, f"TM {n}", str(40 + n * 5))
        made = await objective(
            world,
            team["id"],
            f"Team objective {n}",
            contributes_to=[ids["service"]],
            indicator_ids=[indicator],
        )
        await action(world, objective_id=made["id"], title=f"Task {n}", due_on="2008-07-01")
    many = (await queries(ids["ambition"]), await queries(ids["ambition"]))
    assert few == many
    assert many[0] <= 16 and many[1] < many[0]
    assert await queries(ids["mine"]) == many[1]


async def test_objectives_name_what_they_contribute_to_in_a_fixed_number_of_queries(
    world: World,
) -> None:
    strategy = await plan(world, "community_strategy", "Sustainable Community Strategy")
    greener = await objective(world, strategy["id"], "A greener county", kind="ambition")
    safer = await objective(world, strategy["id"], "A safer county", kind="ambition")
    corporate = await plan(world, "corporate_plan", "Corporate plan", parent_id=strategy["id"])
    url = f"/api/v1/plans/{corporate['id']}/objectives"
    engine = world.app.state.engine.sync_engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def listed() -> tuple[list[dict[str, Any]], int]:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            response = await world.client.get(url, headers=world.headers("viewer"))
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return response.json()["items"], len(statements)

    await objective(world, corporate["id"], "Both", contributes_to=[safer["id"], greener["id"]])
    items, few = await listed()
    detail = items[0]["contributes_to_detail"]
    assert [d["id"] for d in detail] == items[0]["contributes_to"]
    assert detail[0] == {
        "id": greener["id"],
        "code": greener["code"],
        "title": "A greener county",
        "plan_id": strategy["id"],
        "plan_level": "community_strategy",
    }
    for n in range(5):
        await objective(world, corporate["id"], f"More {n}", contributes_to=[greener["id"]])
    items, many = await listed()
    assert len(items) == 6 and many == few
    assert all(i["contributes_to_detail"][0]["title"] == "A greener county" for i in items)
