"""Plans over HTTP: levels, the status workflow, the QA checklist, new versions, who may do
what, and what partners may see."""

from __future__ import annotations

from tests.api.golden import (
    audit_entries,
    checklist_items,
    field_errors,
    move,
    objective,
    plan,
    publish,
)
from tests.api.partners import partner_headers, register_client
from tests.api.world import World


async def test_service_plan_goes_through_the_workflow_with_a_scored_checklist(world: World) -> None:
    items = await checklist_items(world, 3)
    created = await plan(
        world,
        "service_plan",
        "Waste service plan",
        user="manager",
        owner_org_unit_id=world.service_id,
        sections={"what_we_do": "We collect and recycle household waste."},
    )
    assert created["status"] == "draft"
    assert created["sections"]["what_we_do"].startswith("We collect")
    assert created["qa_score"] == "0.0"
    assert created["next_statuses"] == ["submitted", "archived"]
    pid = created["id"]

    assert (await move(world, pid, "submitted", "manager")).status_code == 200
    # Only the performance team quality-assures, and only with every question answered.
    refused = await move(world, pid, "quality_assured", "manager")
    assert refused.status_code == 403
    incomplete = await move(world, pid, "quality_assured", "perf")
    assert incomplete.status_code == 409
    assert "checklist" in incomplete.json()["detail"]
    answers = [
        {"item_id": items[0], "answer": "met"},
        {"item_id": items[1], "answer": "partly", "comment": "Targets need baselines"},
    ]
    not_perf = await world.client.put(
        f"/api/v1/plans/{pid}/checklist",
        json={"answers": answers},
        headers=world.headers("manager"),
    )
    assert not_perf.status_code == 403
    answered = await world.client.put(
        f"/api/v1/plans/{pid}/checklist", json={"answers": answers}, headers=world.headers("perf")
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["score"] == "50.0"  # (1 + 0.5 + 0) / 3
    assert answered.json()["complete"] is False
    last = [{"item_id": items[2], "answer": "not_applicable"}]
    answered = await world.client.put(
        f"/api/v1/plans/{pid}/checklist", json={"answers": last}, headers=world.headers("perf")
    )
    assert answered.json()["score"] == "75.0"
    assert answered.json()["complete"] is True
    assert (await move(world, pid, "quality_assured", "perf")).status_code == 200
    assert (await move(world, pid, "approved", "manager")).status_code == 200
    published = await move(world, pid, "published", "manager")
    assert published.json()["status"] == "published"
    assert published.json()["qa_score"] == "75.0"
    # No step backwards from published except archiving.
    wrong = await move(world, pid, "draft", "perf")
    assert wrong.status_code == 409
    assert "status" in field_errors(wrong)

    history = await audit_entries(world, "plan")
    assert [e.action for e in history] == ["status"] * 4 + ["create"]
    assert history[0].actor_name == "manager"
    assert (history[0].before or {})["status"] == "approved"


async def test_published_plans_change_by_new_version_or_with_a_reason(world: World) -> None:
    corporate = await plan(world, "corporate_plan", "Corporate plan")
    top = await objective(world, corporate["id"], "Healthier communities")
    service = await plan(
        world,
        "service_plan",
        "Waste",
        owner_org_unit_id=world.service_id,
        parent_id=corporate["id"],
    )
    kept = await objective(world, service["id"], "Recycle more", contributes_to=[top["id"]])
    await publish(world, service["id"])

    refused = await world.client.post(
        f"/api/v1/plans/{service['id']}/objectives",
        json={"title": "Collect garden waste"},
        headers=world.headers("perf"),
    )
    assert refused.status_code == 409
    assert "amendment_reason" in field_errors(refused)
    amended = await objective(
        world, service["id"], "Collect garden waste", amendment_reason="Cabinet decision"
    )
    trail = await audit_entries(world, "objective")
    assert (trail[0].after or {})["amendment_reason"] == "Cabinet decision"

    copy = await world.client.post(
        f"/api/v1/plans/{service['id']}/new-version", headers=world.headers("manager")
    )
    assert copy.status_code == 201, copy.text
    body = copy.json()
    assert (body["status"], body["edition"], body["supersedes_id"]) == ("draft", 2, service["id"])
    copied = await world.client.get(
        f"/api/v1/plans/{body['id']}/objectives", headers=world.headers("viewer")
    )
    titles = {o["title"]: o for o in copied.json()["items"]}
    assert set(titles) == {kept["title"], amended["title"]}
    assert titles["Recycle more"]["contributes_to"] == [top["id"]]
    assert titles["Recycle more"]["copied_from_id"] == kept["id"]
    # The draft edits freely; publishing it archives the edition it replaces.
    await objective(world, body["id"], "Reduce landfill")
    await publish(world, body["id"])
    old = await world.client.get(f"/api/v1/plans/{service['id']}", headers=world.headers("viewer"))
    assert old.json()["status"] == "archived"
    frozen = await world.client.patch(
        f"/api/v1/objectives/{kept['id']}",
        json={"title": "Changed", "amendment_reason": "x"},
        headers=world.headers("perf"),
    )
    assert frozen.status_code == 409


async def test_invalid_plans_get_422_naming_the_field(world: World) -> None:
    service = await plan(world, "service_plan", "Waste", owner_org_unit_id=world.service_id)
    cases = [
        ({"level": "corporate_plan", "parent_id": service["id"]}, "parent_id"),
        ({"level": "corporate_plan", "start_year": "2008-9"}, "start_year"),
        ({"level": "corporate_plan", "start_year": "2009-10", "end_year": "2008-09"}, "end_year"),
        ({"level": "individual"}, "owner_user_id"),
        (
            {"level": "team_plan", "parent_id": 9999, "owner_org_unit_id": world.service_id},
            "parent_id",
        ),
        ({"level": "corporate_plan", "sections": {"what_we_do": "x"}}, "sections"),
        ({"level": "regional_plan"}, "level"),
    ]
    for fields, field in cases:
        body = {"title": "Bad", "start_year": "2008-09", "end_year": "2010-11", **fields}
        response = await world.client.post(
            "/api/v1/plans", json=body, headers=world.headers("perf")
        )
        assert response.status_code == 422, (fields, response.text)
        assert field in field_errors(response), (fields, response.json())


async def test_managers_edit_their_own_units_plans_and_viewers_read(world: World) -> None:
    mine = await plan(
        world, "service_plan", "Waste", user="manager", owner_org_unit_id=world.service_id
    )
    other = await world.client.post(
        "/api/v1/plans",
        json={
            "level": "directorate_plan",
            "title": "Resources",
            "start_year": "2008-09",
            "end_year": "2008-09",
            "owner_org_unit_id": world.other_service_id,
        },
        headers=world.headers("manager"),
    )
    assert other.status_code == 403
    theirs = await plan(
        world, "directorate_plan", "Resources", owner_org_unit_id=world.other_service_id
    )
    assert theirs["can_edit"] is True  # for the performance team
    read = await world.client.get(f"/api/v1/plans/{theirs['id']}", headers=world.headers("manager"))
    assert read.json()["can_edit"] is False
    patch = await world.client.patch(
        f"/api/v1/plans/{theirs['id']}",
        json={"title": "Mine now"},
        headers=world.headers("manager"),
    )
    assert patch.status_code == 403
    for user in ("viewer", "owner"):
        denied = await world.client.patch(
            f"/api/v1/plans/{mine['id']}", json={"title": "x"}, headers=world.headers(user)
        )
        assert denied.status_code == 403, user
        assert (await move(world, mine["id"], "submitted", user)).status_code == 403
    # Stale copies are refused.
    stale = await world.client.patch(
        f"/api/v1/plans/{mine['id']}",
        json={"title": "Waste and recycling"},
        headers=world.headers("manager", **{"If-Match": '"v0"'}),
    )
    assert stale.status_code == 412
    # The refusal shows the plan as it is now and who changed it last, for the web app.
    current = stale.json()["current"]
    assert (current["id"], current["version"]) == (mine["id"], mine["version"])
    assert current["updated_by_name"] == "manager"
    # A person keeps their own appraisal objectives; a viewer reads everything.
    own = await plan(world, "individual", "Owner's objectives", owner_user_id=world.users["owner"])
    assert own["owner_org_unit_id"] == world.service_id
    await objective(world, own["id"], "Raise recycling rate", user="owner")
    denied = await world.client.post(
        f"/api/v1/plans/{own['id']}/objectives", json={"title": "x"}, headers=world.headers("other")
    )
    assert denied.status_code == 403
    listed = await world.client.get("/api/v1/plans", headers=world.headers("viewer"))
    assert len(listed.json()["items"]) == 3
    deleted = await world.client.delete(
        f"/api/v1/plans/{mine['id']}", headers=world.headers("manager")
    )
    assert deleted.status_code == 204


async def test_partners_see_only_the_partnerships_plans(world: World) -> None:
    strategy = await plan(world, "community_strategy", "Sustainable Community Strategy")
    laa = await plan(world, "local_area_agreement", "LAA", parent_id=strategy["id"])
    ambition = await objective(world, strategy["id"], "A safer county", kind="ambition")
    corporate = await plan(world, "corporate_plan", "Corporate plan", parent_id=laa["id"])
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    listed = await world.client.get("/api/v1/plans", headers=headers)
    assert listed.status_code == 200
    assert {p["id"] for p in listed.json()["items"]} == {strategy["id"], laa["id"]}
    assert (
        await world.client.get(f"/api/v1/plans/{laa['id']}", headers=headers)
    ).status_code == 200
    hidden = await world.client.get(f"/api/v1/plans/{corporate['id']}", headers=headers)
    assert hidden.status_code == 404
    objectives = await world.client.get(
        f"/api/v1/plans/{strategy['id']}/objectives", headers=headers
    )
    assert [o["id"] for o in objectives.json()["items"]] == [ambition["id"]]
    assert (
        await world.client.get(f"/api/v1/objectives/{ambition['id']}/thread", headers=headers)
    ).status_code == 404
    assert (await world.client.get("/api/v1/actions", headers=headers)).status_code == 404
    assert (
        await world.client.post(
            "/api/v1/plans",
            json={
                "level": "community_strategy",
                "title": "x",
                "start_year": "2008-09",
                "end_year": "2008-09",
            },
            headers=headers,
        )
    ).status_code == 403


async def test_the_checklist_is_data_the_performance_team_keeps(world: World) -> None:
    denied = await world.client.post(
        "/api/v1/plan-checklist-items",
        json={"code": "X", "question": "?"},
        headers=world.headers("manager"),
    )
    assert denied.status_code == 403
    (first,) = await checklist_items(world, 1)
    bad = await world.client.post(
        "/api/v1/plan-checklist-items",
        json={"code": "Y", "question": "?", "section": "nowhere"},
        headers=world.headers("perf"),
    )
    assert "section" in field_errors(bad)
    retired = await world.client.patch(
        f"/api/v1/plan-checklist-items/{first}",
        json={"active": False},
        headers=world.headers("perf"),
    )
    assert retired.json()["active"] is False
    listed = await world.client.get(
        "/api/v1/plan-checklist-items", params={"active": "true"}, headers=world.headers("viewer")
    )
    assert listed.json() == []
    corporate = await plan(world, "corporate_plan", "Corporate plan")
    none = await world.client.get(
        f"/api/v1/plans/{corporate['id']}/checklist", headers=world.headers("perf")
    )
    assert none.status_code == 404
