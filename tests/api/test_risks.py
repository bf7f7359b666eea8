"""The risk register: scores, quarterly reviews, the heat map, and who may do what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from goldenthread.audit.models import AuditEntry
from tests.api.framework_people import add_person, build_thread
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

RISKS = "/api/v1/risks"


def risk_body(world: World, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "OR 01",
        "title": "Collapse of the recycling market",
        "category": "operational",
        "org_unit_id": world.service_id,
        "owner_id": world.users["owner"],
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "residual_likelihood": 3,
        "residual_impact": 3,
        "control": "treat",
        "controls": "Long-term offtake contract; second reprocessor on the framework.",
    }
    body.update(fields)
    return body


async def create(world: World, who: str = "perf", **fields: Any) -> dict[str, Any]:
    response = await world.client.post(
        RISKS, json=risk_body(world, **fields), headers=world.headers(who)
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_risk_is_scored_and_banded_before_and_after_controls(world: World) -> None:
    created = await create(world, "manager")
    assert created["inherent"] == {
        "likelihood": 4,
        "impact": 4,
        "score": 16,
        "band": "very_high",
        "explanation": "likely (4) x major (4) = 16, very high",
    }
    assert created["residual"]["score"] == 9
    assert created["residual"]["band"] == "medium"
    assert created["owner_name"] == "Owner Person"
    assert created["status"] == "open"
    read = await world.client.get(f"{RISKS}/{created['id']}", headers=world.headers("viewer"))
    assert read.status_code == 200
    assert read.headers["etag"] == '"v1"'
    # Residual scores default to the inherent ones.
    bare = await create(
        world, code="OR 02", residual_likelihood=None, residual_impact=None, inherent_impact=2
    )
    assert (bare["residual_likelihood"], bare["residual_impact"]) == (4, 2)


async def test_scores_off_the_scale_are_refused_naming_the_field(world: World) -> None:
    for field, value in [
        ("inherent_likelihood", 6),
        ("inherent_impact", 0),
        ("residual_impact", 2.5),
    ]:
        response = await world.client.post(
            RISKS, json=risk_body(world, **{field: value}), headers=world.headers("perf")
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in response.json()["errors"]] == [field]
    created = await create(world)
    patch = await world.client.patch(
        f"{RISKS}/{created['id']}", json={"residual_likelihood": 9}, headers=world.headers("perf")
    )
    assert patch.status_code == 422
    assert patch.json()["errors"][0]["field"] == "residual_likelihood"
    review = await world.client.post(
        f"{RISKS}/{created['id']}/reviews",
        json={"period": "2008-09-Q2", "likelihood": 0, "impact": 3},
        headers=world.headers("perf"),
    )
    assert review.status_code == 422
    assert review.json()["errors"][0]["field"] == "likelihood"


async def test_codes_are_unique_in_any_case_and_references_must_exist(world: World) -> None:
    await create(world, code="CR 01")
    clash = await world.client.post(
        RISKS, json=risk_body(world, code=" cr  01 "), headers=world.headers("perf")
    )
    assert clash.status_code == 409
    assert clash.json()["errors"][0]["field"] == "code"
    missing = await world.client.post(
        RISKS,
        json=risk_body(world, code="CR 02", objective_ids=[999_999], owner_id=999_998),
        headers=world.headers("perf"),
    )
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"objective_ids", "owner_id"}


async def test_quarterly_reviews_keep_history_and_the_latest_sets_the_scores(
    world: World,
) -> None:
    risk = await create(world)
    url = f"{RISKS}/{risk['id']}/reviews"
    first = await world.client.post(
        url,
        json={"period": "2008-09-Q2", "likelihood": 3, "impact": 4, "comment": "Prices fell.",
              "reviewed_on": "2008-10-06"},
        headers=world.headers("perf"),
    )  # fmt: skip
    assert first.status_code == 201, first.text
    assert first.json()["current"] is True
    assert first.json()["reviewer_name"] == "perf"
    second = await world.client.post(
        url,
        json={"period": "2008-09-Q3", "likelihood": 2, "impact": 4, "reviewed_on": "2009-01-12"},
        headers=world.headers("manager"),
    )
    assert second.status_code == 201
    # A review recorded late for an earlier quarter is history: the scores stay.
    late = await world.client.post(
        url,
        json={"period": "2008-09-Q1", "likelihood": 5, "impact": 5, "reviewed_on": "2009-01-13"},
        headers=world.headers("perf"),
    )
    assert late.status_code == 201
    assert late.json()["current"] is False
    current = (
        await world.client.get(f"{RISKS}/{risk['id']}", headers=world.headers("viewer"))
    ).json()
    assert (current["residual_likelihood"], current["residual_impact"]) == (2, 4)
    assert current["last_review_period"] == "2008-09-Q3"
    assert current["last_reviewed_on"] == "2009-01-12"
    history = (await world.client.get(url, headers=world.headers("viewer"))).json()
    assert [(r["period"], r["score"], r["current"]) for r in history] == [
        ("2008-09-Q3", 8, True),
        ("2008-09-Q2", 12, False),
        ("2008-09-Q1", 25, False),
    ]
    for body, field in [
        ({"period": "2008-09", "likelihood": 2, "impact": 2}, "period"),
        ({"period": "2008-09-Q3", "likelihood": 2, "impact": 2, "reviewed_on": "2008-09-30"},
         "reviewed_on"),
    ]:  # fmt: skip
        bad = await world.client.post(url, json=body, headers=world.headers("perf"))
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == field
    async with world.app.state.sessionmaker() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.entity.in_(["risk", "risk_review"]))
            )
        ).all()
    # Create, three reviews, and two changes of the residual scores.
    assert sorted((e.entity, e.action) for e in entries) == sorted(
        [("risk", "create")] + [("risk_review", "create")] * 3 + [("risk", "update")] * 2
    )


async def test_list_filters_and_heat_map(world: World) -> None:
    thread = await build_thread(world)
    await create(world, code="CR 01", category="strategic", org_unit_id=None,
                 inherent_likelihood=5, inherent_impact=5, residual_likelihood=4,
                 residual_impact=5, objective_ids=[thread.service_objective])  # fmt: skip
    await create(world, code="OR 01", residual_likelihood=4, residual_impact=5)
    await create(world, code="OR 02", org_unit_id=world.other_service_id,
                 owner_id=world.users["other"], residual_likelihood=1,
                 residual_impact=2)  # fmt: skip
    closed = await create(world, code="OR 03", residual_likelihood=5, residual_impact=5)
    await world.client.patch(
        f"{RISKS}/{closed['id']}", json={"status": "closed"}, headers=world.headers("perf")
    )

    async def codes(query: str) -> list[str]:
        response = await world.client.get(f"{RISKS}?{query}", headers=world.headers("viewer"))
        assert response.status_code == 200, response.text
        return [r["code"] for r in response.json()["items"]]

    assert await codes("") == ["CR 01", "OR 01", "OR 02"]
    assert await codes("status=all") == ["CR 01", "OR 01", "OR 02", "OR 03"]
    assert await codes(f"org_unit={world.directorate_id}") == ["OR 01"]
    assert await codes("category=strategic") == ["CR 01"]
    assert await codes(f"objective={thread.service_objective}") == ["CR 01"]
    assert await codes("min_score=20") == ["CR 01", "OR 01"]
    assert await codes(f"owner={world.users['other']}") == ["OR 02"]
    first = await world.client.get(f"{RISKS}?limit=2", headers=world.headers("viewer"))
    second = await world.client.get(
        f"{RISKS}?limit=2&cursor={first.json()['next_cursor']}", headers=world.headers("viewer")
    )
    assert [r["code"] for r in second.json()["items"]] == ["OR 02"]
    bad = await world.client.get(f"{RISKS}?min_score=26", headers=world.headers("viewer"))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "min_score"

    residual = (await world.client.get(f"{RISKS}/heat-map", headers=world.headers("viewer"))).json()
    assert residual["basis"] == "residual"
    assert residual["total"] == 3
    assert [row["likelihood"] for row in residual["rows"]] == [5, 4, 3, 2, 1]
    cells = {(c["likelihood"], c["impact"]): c for row in residual["rows"] for c in row["cells"]}
    assert len(cells) == 25
    assert cells[4, 5]["codes"] == ["CR 01", "OR 01"]
    assert cells[4, 5]["count"] == 2
    assert cells[4, 5]["band"] == "very_high"
    assert cells[1, 2]["codes"] == ["OR 02"]
    assert residual["by_band"] == {"low": 1, "medium": 0, "high": 0, "very_high": 2}
    assert residual["likelihood_labels"]["5"] == "almost certain"
    inherent = (
        await world.client.get(
            f"{RISKS}/heat-map?basis=inherent&category=operational", headers=world.headers("viewer")
        )
    ).json()
    assert inherent["total"] == 2
    assert inherent["rows"][1]["cells"][3]["codes"] == ["OR 01", "OR 02"]  # likelihood 4, impact 4


async def test_managers_change_risks_of_their_own_unit_and_below(world: World) -> None:
    own = await create(world, "manager", code="OR 01")
    # The directorate's manager reaches the service beneath it.
    await add_person(world, "director", org_unit_id=world.directorate_id)
    await create(world, "director", code="OR 02")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("manager", {"org_unit_id": world.other_service_id, "code": "X1"}),
        ("manager", {"org_unit_id": None, "code": "X2"}),  # corporate: the performance team's
        ("owner", {"code": "X3"}),
        ("viewer", {"code": "X4"}),
    ]
    for who, fields in cases:
        refused = await world.client.post(
            RISKS, json=risk_body(world, **fields), headers=world.headers(who)
        )
        assert refused.status_code == 403, (who, refused.text)
    moved = await world.client.patch(
        f"{RISKS}/{own['id']}",
        json={"org_unit_id": world.other_service_id},
        headers=world.headers("manager"),
    )
    assert moved.status_code == 403
    corporate = await create(world, "perf", code="CR 01", org_unit_id=None)
    edit = await world.client.patch(
        f"{RISKS}/{corporate['id']}", json={"title": "Mine now"}, headers=world.headers("manager")
    )
    assert edit.status_code == 403
    # The risk's owner, a contributor, records its reviews.
    review = await world.client.post(
        f"{RISKS}/{own['id']}/reviews",
        json={"period": "2008-09-Q1", "likelihood": 2, "impact": 2},
        headers=world.headers("owner"),
    )
    assert review.status_code == 201, review.text
    stranger = await world.client.post(
        f"{RISKS}/{own['id']}/reviews",
        json={"period": "2008-09-Q1", "likelihood": 2, "impact": 2},
        headers=world.headers("deputy"),
    )
    assert stranger.status_code == 403


async def test_each_caller_is_told_what_they_may_do_with_a_risk(world: World) -> None:
    own = await create(world, "manager", code="OR 01")
    url = f"{RISKS}/{own['id']}"
    expected = {
        "manager": (True, True),
        "perf": (True, True),
        "owner": (False, True),  # the owner reviews it without changing it
        "deputy": (False, False),
        "viewer": (False, False),
    }
    for who, flags in expected.items():
        read = (await world.client.get(url, headers=world.headers(who))).json()
        assert (read["can_edit"], read["can_review"]) == flags, who
        listed = (await world.client.get(RISKS, headers=world.headers(who))).json()["items"]
        assert [(r["can_edit"], r["can_review"]) for r in listed] == [flags], who
    closed = await world.client.patch(url, json={"status": "closed"}, headers=world.headers("perf"))
    assert (closed.json()["can_edit"], closed.json()["can_review"]) == (True, False)


async def test_updates_take_if_match(world: World) -> None:
    risk = await create(world)
    url = f"{RISKS}/{risk['id']}"
    ok = await world.client.patch(
        url, json={"title": "Renamed"}, headers=world.headers("perf", **{"If-Match": '"v1"'})
    )
    assert ok.status_code == 200
    assert ok.headers["etag"] == '"v2"'
    stale = await world.client.patch(
        url, json={"title": "Again"}, headers=world.headers("perf", **{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412
    # The stale copy's answer shows the risk as it is now and who changed it.
    current = stale.json()["current"]
    assert (current["title"], current["version"]) == ("Renamed", 2)
    assert current["updated_by_name"] == "perf"
    emptied = await world.client.patch(url, json={"title": None}, headers=world.headers("perf"))
    assert emptied.status_code == 422


async def test_partner_clients_are_told_nothing_exists(world: World) -> None:
    risk = await create(world)
    partner = await partner_headers(world, await register_client(world))
    for method, url in [
        ("GET", RISKS),
        ("GET", f"{RISKS}/heat-map"),
        ("GET", f"{RISKS}/{risk['id']}"),
        ("GET", f"{RISKS}/{risk['id']}/reviews"),
    ]:
        response = await world.client.request(method, url, headers=partner)
        assert response.status_code == 404, (url, response.text)
    posted = await world.client.post(RISKS, json=risk_body(world, code="P1"), headers=partner)
    assert posted.status_code == 404


async def test_a_review_against_stale_scores_is_refused(world: World) -> None:
    risk = await create(world)
    url = f"{RISKS}/{risk['id']}"
    body = {"period": "2008-09-Q2", "likelihood": 3, "impact": 4, "reviewed_on": "2008-10-06"}
    first = await world.client.post(
        f"{url}/reviews", json=body, headers=world.headers("perf", **{"If-Match": '"v1"'})
    )
    assert first.status_code == 201, first.text
    again = await world.client.post(
        f"{url}/reviews",
        json=body | {"period": "2008-09-Q3", "likelihood": 2},
        headers=world.headers("perf", **{"If-Match": '"v1"'}),
    )
    assert again.status_code == 412
    assert again.json()["current"]["residual_likelihood"] == 3
    history = await world.client.get(f"{url}/reviews", headers=world.headers("perf"))
    assert [r["period"] for r in history.json()] == ["2008-09-Q2"]
