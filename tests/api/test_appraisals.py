"""Appraisals (SRD/PDR): personal records, their objectives in the thread, completion
rates by org unit and the completion indicator's outturn."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from goldenthread.audit.models import AuditEntry
from tests.api.framework_people import add_person, build_thread, set_manager
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

APPRAISALS = "/api/v1/appraisals"


async def _chain(world: World) -> None:
    """owner and deputy report to manager, who reports to the Environment director."""
    await add_person(world, "director", org_unit_id=world.directorate_id)
    await set_manager(world, "manager", "director")
    await set_manager(world, "owner", "manager")
    await set_manager(world, "deputy", "manager")


async def create(world: World, who: str = "manager", **fields: Any) -> dict[str, Any]:
    body = {
        "person_id": world.users["owner"],
        "year": "2009-10",
        "held_on": "2009-05-12",
        "training_needs": "Contract management course",
        "performance_review": "A strong year on the glass pilot.",
        **fields,
    }
    response = await world.client.post(APPRAISALS, json=body, headers=world.headers(who))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_an_appraisal_carries_the_objectives_of_the_persons_plan(world: World) -> None:
    await _chain(world)
    thread = await build_thread(world)
    created = await create(world)
    # The person's individual plan for the year is found without being named.
    assert created["plan_id"] == thread.individual_plan
    assert created["reviewer_id"] == world.users["manager"]
    assert created["reviewer_name"] == "Manager Person"
    assert created["person_name"] == "Owner Person"
    objectives = {o["id"]: o for o in created["objectives"]}
    linked, orphan = objectives[thread.linked_objective], objectives[thread.orphan_objective]
    # Through the team plan to the service plan: the golden thread holds.
    assert linked["serves_service_plan"] is True
    assert [(s["id"], s["plan_level"]) for s in linked["serves"]] == [
        (thread.team_objective, "team_plan")
    ]
    assert orphan["serves_service_plan"] is False
    assert orphan["serves"] == []


async def test_appraisals_are_personal(world: World) -> None:
    await _chain(world)
    await add_person(world, "mentor", role="contributor", org_unit_id=world.other_service_id)
    created = await create(world, reviewer_id=world.users["mentor"])
    url = f"{APPRAISALS}/{created['id']}"
    # The person, the reviewer and the line managers up the tree see it.
    for who in ("owner", "mentor", "manager", "director"):
        response = await world.client.get(url, headers=world.headers(who))
        assert response.status_code == 200, who
        listed = await world.client.get(APPRAISALS, headers=world.headers(who))
        assert [a["id"] for a in listed.json()["items"]] == [created["id"]], who
    # Nobody else does, whatever their role: it does not exist for them.
    for who in ("deputy", "perf", "admin", "viewer", "other"):
        response = await world.client.get(url, headers=world.headers(who))
        assert response.status_code == 404, who
        listed = await world.client.get(APPRAISALS, headers=world.headers(who))
        assert listed.json()["items"] == [], who
        patched = await world.client.patch(
            url, json={"training_needs": "x"}, headers=world.headers(who)
        )
        assert patched.status_code == 404, who
    partner = await partner_headers(world, await register_client(world))
    for target in (url, APPRAISALS, f"{APPRAISALS}/completion?from=2009-02-01&to=2009-06-30"):
        response = await world.client.get(target, headers=partner)
        assert response.status_code == 404, target


async def test_who_records_an_appraisal(world: World) -> None:
    await _chain(world)
    # Only line managers start one; the person and colleagues cannot.
    for who in ("owner", "deputy", "perf"):
        response = await world.client.post(
            APPRAISALS,
            json={"person_id": world.users["owner"], "year": "2009-10"},
            headers=world.headers(who),
        )
        assert response.status_code == 403, who
    response = await world.client.post(
        APPRAISALS,
        json={"person_id": world.users["owner"], "year": "2009-10",
              "reviewer_id": world.users["manager"]},
        headers=world.headers("director"),
    )  # fmt: skip
    assert response.status_code == 201, response.text
    created, created_etag = response.json(), response.headers["etag"]
    url = f"{APPRAISALS}/{created['id']}"
    # The person reads but does not write their own record.
    mine = await world.client.patch(
        url, json={"training_needs": "More"}, headers=world.headers("owner")
    )
    assert mine.status_code == 403
    etag = (await world.client.get(url, headers=world.headers("manager"))).headers["etag"]
    assert etag == created_etag
    held = await world.client.patch(
        url,
        json={"held_on": "2009-05-20", "training_needs": "NEBOSH certificate"},
        headers=world.headers("manager", **{"If-Match": etag}),
    )
    assert held.status_code == 200, held.text
    assert held.json()["held_on"] == "2009-05-20"
    stale = await world.client.patch(
        url,
        json={"held_on": "2009-05-21"},
        headers=world.headers("manager", **{"If-Match": etag}),
    )
    assert stale.status_code == 412
    twice = await world.client.post(
        APPRAISALS,
        json={"person_id": world.users["owner"], "year": "2009-10"},
        headers=world.headers("manager"),
    )
    assert twice.status_code == 409
    async with world.app.state.sessionmaker() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "appraisal").order_by(AuditEntry.id)
            )
        ).all()
    assert sorted(e.action for e in entries) == ["create", "update"]
    # The trail shows the personal text changed, never what it says.
    assert all("performance_review" not in (e.after or {}) for e in entries)
    assert entries[1].after is not None and entries[1].after["training_needs_length"] == 18


async def test_bad_appraisals_are_refused_naming_the_field(world: World) -> None:
    await _chain(world)
    thread = await build_thread(world, owner="deputy")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"held_on": "2999-01-01"}, "held_on"),
        ({"held_on": "2007-01-01"}, "held_on"),
        ({"plan_id": thread.individual_plan}, "plan_id"),  # another person's plan
        ({"plan_id": 999_999}, "plan_id"),
        ({"reviewer_id": 999_999}, "reviewer_id"),
        ({"reviewer_id": world.users["owner"]}, "reviewer_id"),
        ({"year": "2009"}, "year"),
    ]
    for fields, field in cases:
        body = {"person_id": world.users["owner"], "year": "2009-10", **fields}
        response = await world.client.post(APPRAISALS, json=body, headers=world.headers("manager"))
        assert response.status_code == 422, (fields, response.text)
        assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_completion_by_org_unit_for_any_date_range(world: World) -> None:
    await _chain(world)
    # Waste has seven staff and the director sits in Environment above it.
    await create(world, held_on="2009-03-02")
    await create(world, person_id=world.users["deputy"], held_on="2009-06-30")
    await create(world, "director", person_id=world.users["manager"], held_on="2009-07-01")
    url = f"{APPRAISALS}/completion?from=2009-02-01&to=2009-06-30"
    response = await world.client.get(
        f"{url}&org_unit={world.directorate_id}", headers=world.headers("perf")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["staff"], body["appraised"], body["rate"]) == (8, 2, "25.0")
    assert [(u["name"], u["staff"], u["appraised"], u["rate"]) for u in body["units"]] == [
        ("Environment", 8, 2, "25.0"),
        ("Waste", 7, 2, "28.6"),
    ]
    # A year's range takes in the July appraisal too.
    year = await world.client.get(
        f"{APPRAISALS}/completion?from=2009-04-01&to=2010-03-31&org_unit={world.service_id}",
        headers=world.headers("perf"),
    )
    assert (year.json()["staff"], year.json()["appraised"]) == (7, 2)
    # The whole council: every unit, the empty one without a rate.
    everything = (await world.client.get(url, headers=world.headers("perf"))).json()
    assert everything["org_unit_id"] is None
    assert {u["name"]: u["rate"] for u in everything["units"]} == {
        "Environment": "25.0",
        "Waste": "28.6",
        "Resources": None,
    }
    # Managers see their own unit (by default) and those beneath, not others.
    own = await world.client.get(url, headers=world.headers("manager"))
    assert own.status_code == 200
    assert own.json()["org_unit_id"] == world.service_id
    above = await world.client.get(
        f"{url}&org_unit={world.directorate_id}", headers=world.headers("manager")
    )
    assert above.status_code == 403
    for who in ("owner", "viewer"):
        refused = await world.client.get(url, headers=world.headers(who))
        assert refused.status_code == 403, who
    backwards = await world.client.get(
        f"{APPRAISALS}/completion?from=2009-06-30&to=2009-02-01", headers=world.headers("perf")
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "to"
    missing = await world.client.get(
        f"{APPRAISALS}/completion?from=2009-02-01", headers=world.headers("perf")
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "to"


async def test_completion_is_recorded_as_an_indicator_outturn(world: World) -> None:
    await _chain(world)
    await create(world, held_on="2009-05-12")
    percent = await world.create_indicator(
        code="LPI HR-03",
        title="SRDs completed between February and June",
        unit="percent",
        frequency="annual",
        aggregation="last",
        sets=["LOCAL"],
    )
    body = {
        "indicator_id": percent["id"],
        "period": "2009-10",
        "start": "2009-02-01",
        "end": "2009-06-30",
    }
    response = await world.client.post(
        f"{APPRAISALS}/completion/outturn", json=body, headers=world.headers("perf")
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["completion"]["rate"] == "14.3"  # 1 of the 7 staff of Waste
    assert result["outturn"]["value"] == "14.3"
    assert "1 of 7 staff in Waste" in result["outturn"]["commentary"]
    outturn = await world.client.get(
        f"/api/v1/indicators/{percent['id']}/outturns/2009-10", headers=world.headers("viewer")
    )
    assert outturn.json()["value"] == "14.3"

    ratio = await world.create_indicator(
        code="LPI HR-04",
        title="SRDs completed in the year",
        unit="percent",
        frequency="annual",
        aggregation="ratio",
        multiplier=100,
        sets=["LOCAL"],
    )
    as_ratio = await world.client.post(
        f"{APPRAISALS}/completion/outturn",
        json={"indicator_id": ratio["id"], "period": "2009-10", "org_unit_id": world.service_id,
              "start": "2009-02-01", "end": "2009-06-30"},
        headers=world.headers("perf"),
    )  # fmt: skip
    assert as_ratio.status_code == 200, as_ratio.text
    assert (as_ratio.json()["outturn"]["numerator"], as_ratio.json()["outturn"]["denominator"]) == (
        "1",
        "7",
    )
    refused = await world.client.post(
        f"{APPRAISALS}/completion/outturn", json=body, headers=world.headers("manager")
    )
    assert refused.status_code == 403
    count = await world.create_indicator(code="LPI HR-05", unit="count", frequency="annual",
                                         aggregation="sum", sets=["LOCAL"])  # fmt: skip
    wrong_unit = await world.client.post(
        f"{APPRAISALS}/completion/outturn",
        json={**body, "indicator_id": count["id"]},
        headers=world.headers("perf"),
    )
    assert wrong_unit.status_code == 422
    assert wrong_unit.json()["errors"][0]["field"] == "indicator_id"
