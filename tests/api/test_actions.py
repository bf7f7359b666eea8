"""Actions and milestones over HTTP: filters, progress updates kept as history, overdue
detection, who may do what, and reminders to owners near a due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from goldenthread.reminders.rules import ReminderKind
from goldenthread.reminders.sources import action_deadlines
from tests.api.golden import action, audit_entries, field_errors, objective, plan
from tests.api.world import World


async def _objective(world: World, unit: int | None = None) -> dict[str, Any]:
    service = await plan(world, "service_plan", "Waste", owner_org_unit_id=unit or world.service_id)
    return await objective(world, service["id"], "Recycle more")


async def _list(world: World, user: str = "viewer", **params: Any) -> list[dict[str, Any]]:
    response = await world.client.get("/api/v1/actions", params=params, headers=world.headers(user))
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_lists_filter_by_owner_overdue_plan_objective_and_indicator(world: World) -> None:
    target = await _objective(world)
    indicator = await world.create_indicator()
    owner = world.users["owner"]
    late = await action(
        world, objective_id=target["id"], title="Late", owner_id=owner, due_on="2008-04-30"
    )
    soon = await action(world, objective_id=target["id"], title="Soon", due_on="2099-01-01")
    remedial = await action(world, indicator_id=indicator["id"], title="Fix it", owner_id=owner)
    step = await action(world, parent_id=late["id"], title="First step", due_on="2008-04-15")
    assert step["is_milestone"] is True
    assert step["objective_id"] == target["id"]
    assert late["overdue"] is True and late["state"] == "overdue"
    assert soon["overdue"] is False and soon["plan_id"] == target["plan_id"]

    everything = await _list(world)
    # Soonest due first, undated last.
    assert [a["id"] for a in everything] == [step["id"], late["id"], soon["id"], remedial["id"]]
    assert {a["id"] for a in await _list(world, "owner", mine="true")} == {
        late["id"],
        remedial["id"],
    }
    assert {a["id"] for a in await _list(world, overdue="true")} == {late["id"], step["id"]}
    assert {a["id"] for a in await _list(world, plan=target["plan_id"])} == {
        late["id"],
        soon["id"],
        step["id"],
    }
    assert [a["id"] for a in await _list(world, indicator=indicator["id"])] == [remedial["id"]]
    assert [a["id"] for a in await _list(world, parent=late["id"])] == [step["id"]]
    assert {a["id"] for a in await _list(world, owner=owner)} == {late["id"], remedial["id"]}
    first = await world.client.get(
        "/api/v1/actions", params={"limit": 3}, headers=world.headers("viewer")
    )
    rest = await world.client.get(
        "/api/v1/actions",
        params={"limit": 3, "cursor": first.json()["next_cursor"]},
        headers=world.headers("viewer"),
    )
    assert [a["id"] for a in rest.json()["items"]] == [remedial["id"]]
    assert rest.json()["next_cursor"] is None


async def test_owners_report_dated_progress_and_history_is_kept(world: World) -> None:
    target = await _objective(world)
    created = await action(
        world,
        user="manager",
        objective_id=target["id"],
        title="New contract",
        owner_id=world.users["owner"],
        due_on="2008-12-31",
    )
    url = f"/api/v1/actions/{created['id']}"
    first = await world.client.post(
        f"{url}/updates",
        json={"reported_on": "2008-10-01", "note": "Tenders received", "percent_complete": 40},
        headers=world.headers("owner"),
    )
    assert first.status_code == 201, first.text
    now = (await world.client.get(url, headers=world.headers("owner"))).json()
    assert (now["status"], now["percent_complete"]) == ("in_progress", 40)
    assert now["can_manage"] is False and now["can_report_progress"] is True
    done = await world.client.post(
        f"{url}/updates",
        json={"reported_on": "2008-11-20", "note": "Contract signed", "percent_complete": 100},
        headers=world.headers("owner"),
    )
    assert done.status_code == 201
    now = (await world.client.get(url, headers=world.headers("owner"))).json()
    assert (now["status"], now["completed_on"], now["overdue"]) == ("complete", "2008-11-20", False)
    history = (await world.client.get(f"{url}/updates", headers=world.headers("viewer"))).json()
    assert [h["note"] for h in history] == ["Contract signed", "Tenders received"]
    assert history[0]["author_name"] == "owner"

    for user in ("other", "viewer"):
        denied = await world.client.post(
            f"{url}/updates", json={"note": "Not mine"}, headers=world.headers(user)
        )
        assert denied.status_code == 403, user
    # The owner reports progress; changing the action itself is for its managers.
    patch = await world.client.patch(url, json={"title": "Mine"}, headers=world.headers("owner"))
    assert patch.status_code == 403
    stale = await world.client.patch(
        url, json={"title": "Renamed"}, headers=world.headers("manager", **{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412
    reopened = await world.client.patch(
        url,
        json={"status": "in_progress", "percent_complete": 90},
        headers=world.headers("manager"),
    )
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["completed_on"] is None
    future = await world.client.post(
        f"{url}/updates",
        json={"note": "x", "reported_on": "2999-01-01"},
        headers=world.headers("owner"),
    )
    assert "reported_on" in field_errors(future)
    trail = await audit_entries(world, "action_update")
    assert len(trail) == 2
    assert (trail[0].after or {})["note"] == "Contract signed"
    assert [e.action for e in await audit_entries(world, "action")] == ["update", "create"]


async def test_invalid_actions_get_422_naming_the_field(world: World) -> None:
    target = await _objective(world)
    parent = await action(world, objective_id=target["id"], title="Parent")
    step = await action(world, parent_id=parent["id"], title="Step")
    cases = [
        ({"title": "Serves nothing"}, "objective_id"),
        ({"title": "x", "objective_id": 424242}, "objective_id"),
        ({"title": "x", "indicator_id": 424242}, "indicator_id"),
        ({"title": "x", "objective_id": target["id"], "owner_id": 424242}, "owner_id"),
        ({"title": "x", "parent_id": step["id"]}, "parent_id"),
        (
            {
                "title": "x",
                "objective_id": target["id"],
                "start_on": "2009-01-01",
                "due_on": "2008-01-01",
            },
            "due_on",
        ),
        ({"title": "x", "objective_id": target["id"], "percent_complete": 101}, "percent_complete"),
        ({"title": "x", "objective_id": target["id"], "status": "done"}, "status"),
    ]
    for body, field in cases:
        response = await world.client.post(
            "/api/v1/actions", json=body, headers=world.headers("perf")
        )
        assert response.status_code == 422, (body, response.text)
        assert field in field_errors(response), (body, response.json())


async def test_managers_act_for_their_own_units_only(world: World) -> None:
    theirs = await _objective(world, unit=world.other_service_id)
    ours = await _objective(world)
    denied = await world.client.post(
        "/api/v1/actions",
        json={"objective_id": theirs["id"], "title": "Not ours"},
        headers=world.headers("manager"),
    )
    assert denied.status_code == 403
    mine = await action(world, user="manager", objective_id=ours["id"], title="Ours")
    assert mine["org_unit_id"] == world.service_id and mine["can_manage"] is True
    foreign = await action(world, objective_id=theirs["id"], title="Theirs")
    assert (
        await world.client.delete(
            f"/api/v1/actions/{foreign['id']}", headers=world.headers("manager")
        )
    ).status_code == 403
    for user in ("viewer", "other"):
        refused = await world.client.post(
            "/api/v1/actions",
            json={"objective_id": ours["id"], "title": "No"},
            headers=world.headers(user),
        )
        assert refused.status_code == 403, user
    assert (
        await world.client.delete(f"/api/v1/actions/{mine['id']}", headers=world.headers("manager"))
    ).status_code == 204
    assert (
        await world.client.get(f"/api/v1/actions/{mine['id']}", headers=world.headers("viewer"))
    ).status_code == 404


async def test_owners_are_reminded_near_a_due_date(world: World) -> None:
    target = await _objective(world)
    owner = world.users["owner"]
    due = await action(
        world, objective_id=target["id"], title="Due soon", owner_id=owner, due_on="2009-01-15"
    )
    late = await action(
        world, objective_id=target["id"], title="Late", owner_id=owner, due_on="2009-01-05"
    )
    await action(world, objective_id=target["id"], title="Far", owner_id=owner, due_on="2009-03-01")
    await action(
        world,
        objective_id=target["id"],
        title="Done",
        owner_id=owner,
        due_on="2009-01-05",
        status="complete",
    )
    step = await action(
        world,
        parent_id=due["id"],
        title="Step",
        owner_id=world.users["deputy"],
        due_on="2009-01-13",
    )
    async with world.app.state.sessionmaker() as session:
        items = await action_deadlines(session, date(2009, 1, 12), 7)
    found = {(i.kind, i.user_id, i.subject_key) for i in items}
    assert found == {
        (ReminderKind.ACTION_DUE, owner, f"{due['id']}:2009-01-15"),
        (ReminderKind.ACTION_OVERDUE, owner, f"{late['id']}:2009-01-05"),
        (ReminderKind.ACTION_DUE, world.users["deputy"], f"{step['id']}:2009-01-13"),
    }
    assert any("Milestone" in i.text and "Tuesday 13 January 2009" in i.text for i in items)


async def test_progress_honours_if_match_and_a_stale_copy_sees_who_changed_it(
    world: World,
) -> None:
    target = await _objective(world)
    created = await action(
        world,
        user="manager",
        objective_id=target["id"],
        title="Bins",
        owner_id=world.users["owner"],
    )
    url = f"/api/v1/actions/{created['id']}"
    etag = (await world.client.get(url, headers=world.headers("owner"))).headers["ETag"]
    first = await world.client.post(
        f"{url}/updates",
        json={"note": "Half way", "percent_complete": 50},
        headers=world.headers("owner", **{"If-Match": etag}),
    )
    assert first.status_code == 201, first.text
    stale = await world.client.post(
        f"{url}/updates",
        json={"note": "Done", "percent_complete": 100},
        headers=world.headers("manager", **{"If-Match": etag}),
    )
    assert stale.status_code == 412
    current = stale.json()["current"]
    assert (current["id"], current["percent_complete"]) == (created["id"], 50)
    assert current["updated_by_name"] == "owner"
    assert stale.json()["current_etag"] == f'"v{current["version"]}"'
    # Without If-Match the update is taken as before.
    plain = await world.client.post(
        f"{url}/updates", json={"note": "Done"}, headers=world.headers("manager")
    )
    assert plain.status_code == 201
    history = (await world.client.get(f"{url}/updates", headers=world.headers("owner"))).json()
    assert [h["note"] for h in history] == ["Done", "Half way"]
