"""Managers' commitments (balanced scorecard): rows by quadrant, the September and January
reviews, and sign-off by the manager's own line manager."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from goldenthread.audit.models import AuditEntry
from tests.api.framework_people import add_person, build_thread, set_manager
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

COMMITMENTS = "/api/v1/commitments"

ROWS: list[dict[str, Any]] = [
    {
        "quadrant": "customers",
        "indicator_text": "Missed bins per 100,000 collections",
        "outcome": "Fewer missed collections after the round changes",
        "evidence": "Contact centre logs",
        "action_plan": "Re-route the Tuesday rounds; crews confirm collection by tablet",
        "risk_impact": 3,
        "risk_likelihood": 2,
    },
    {
        "quadrant": "resources",
        "outcome": "Waste budget within 1% of forecast",
        "evidence": "Budget monitoring, months 4, 6, 8 and 10",
        "action_plan": "Monthly review with the finance business partner",
    },
    {"quadrant": "innovation_and_learning", "outcome": "Every officer has an SRD by May"},
]


async def _setup(world: World) -> None:
    """The head of Waste (``manager``) reports to the Environment director."""
    await add_person(world, "director", org_unit_id=world.directorate_id)
    await set_manager(world, "manager", "director")


async def create(world: World, who: str = "manager", **fields: Any) -> dict[str, Any]:
    body = {"manager_id": world.users["manager"], "year": "2008-09", "items": ROWS, **fields}
    response = await world.client.post(COMMITMENTS, json=body, headers=world.headers(who))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_commitments_are_laid_out_as_the_template(world: World) -> None:
    await _setup(world)
    thread = await build_thread(world)
    indicator = await world.create_indicator()
    created = await create(
        world,
        items=[
            *ROWS,
            {
                "quadrant": "operations",
                "indicator_id": indicator["id"],
                "objective_id": thread.service_objective,
                "outcome": "Recycling rate up to 45%",
            },
        ],
    )
    assert created["year"] == "2008-09"
    assert created["manager_name"] == "Manager Person"
    assert created["line_manager_id"] == world.users["director"]
    assert created["signed_off"] is False
    assert [(q["quadrant"], q["label"], len(q["items"])) for q in created["quadrants"]] == [
        ("customers", "Our Customers", 1),
        ("operations", "Our Operations", 1),
        ("resources", "Our Resources", 1),
        ("innovation_and_learning", "Our Innovation and Learning", 1),
    ]
    customers = created["quadrants"][0]["items"][0]
    assert customers["risk_score"] == 6
    assert created["quadrants"][1]["items"][0]["indicator_id"] == indicator["id"]
    read = await world.client.get(f"{COMMITMENTS}/{created['id']}", headers=world.headers("viewer"))
    assert read.status_code == 200
    # The same commitments; only what the caller may do with them differs.
    assert read.json() == {**created, "can_edit": False, "can_review": False}
    listed = await world.client.get(
        f"{COMMITMENTS}?year=2008-09&org_unit={world.directorate_id}",
        headers=world.headers("viewer"),
    )
    assert [c["id"] for c in listed.json()["items"]] == [created["id"]]
    other_year = await world.client.get(
        f"{COMMITMENTS}?year=2009-10", headers=world.headers("viewer")
    )
    assert other_year.json()["items"] == []
    again = await world.client.post(
        COMMITMENTS,
        json={"manager_id": world.users["manager"], "year": "2008-09"},
        headers=world.headers("manager"),
    )
    assert again.status_code == 409


async def test_bad_rows_are_refused_naming_the_field(world: World) -> None:
    await _setup(world)
    for row, field in [
        ({"quadrant": "customers", "risk_impact": 6}, "items.0.risk_impact"),
        ({"quadrant": "finance"}, "items.0.quadrant"),
        ({"quadrant": "customers", "indicator_id": 999_999}, "items.0.indicator_id"),
        ({"quadrant": "customers", "objective_id": 999_999}, "items.0.objective_id"),
    ]:
        response = await world.client.post(
            COMMITMENTS,
            json={"manager_id": world.users["manager"], "year": "2008-09", "items": [row]},
            headers=world.headers("manager"),
        )
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == [field]
    bad_year = await world.client.post(
        COMMITMENTS,
        json={"manager_id": world.users["manager"], "year": "2008-10"},
        headers=world.headers("manager"),
    )
    assert bad_year.status_code == 422
    assert bad_year.json()["errors"][0]["field"] == "year"


async def test_reviews_in_september_and_january(world: World) -> None:
    await _setup(world)
    created = await create(world)
    url = f"{COMMITMENTS}/{created['id']}/reviews"
    september = await world.client.post(
        url,
        json={"kind": "september", "held_on": "2008-09-24", "comments": "On track."},
        headers=world.headers("director"),
    )
    assert september.status_code == 201, september.text
    january = await world.client.post(
        url,
        json={"kind": "january", "held_on": "2009-01-27", "comments": "Budget pressure."},
        headers=world.headers("perf", **{"If-Match": september.headers["etag"]}),
    )
    assert january.status_code == 201, january.text
    reviews = january.json()["reviews"]
    assert [(r["kind"], r["held_on"], r["reviewer_name"]) for r in reviews] == [
        ("september", "2008-09-24", "director"),
        ("january", "2009-01-27", "perf"),
    ]
    twice = await world.client.post(
        url, json={"kind": "september", "held_on": "2008-10-01"}, headers=world.headers("director")
    )
    assert twice.status_code == 409
    # The manager does not review themself, nor does a colleague.
    for who in ("manager", "owner", "viewer"):
        refused = await world.client.post(
            url, json={"kind": "january", "held_on": "2009-01-05"}, headers=world.headers(who)
        )
        assert refused.status_code == 403, who
    created_next = await create(world, year="2009-10")
    outside = await world.client.post(
        f"{COMMITMENTS}/{created_next['id']}/reviews",
        json={"kind": "september", "held_on": "2009-03-31"},
        headers=world.headers("director"),
    )
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "held_on"


async def test_only_the_managers_own_line_manager_signs_off(world: World) -> None:
    await _setup(world)
    created = await create(world)
    url = f"{COMMITMENTS}/{created['id']}/sign-off"
    for who in ("manager", "perf", "admin", "owner"):
        refused = await world.client.post(url, headers=world.headers(who))
        assert refused.status_code == 403, who
    signed = await world.client.post(url, headers=world.headers("director"))
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert body["signed_off"] is True
    assert body["signed_off_by_id"] == world.users["director"]
    again = await world.client.post(url, headers=world.headers("director"))
    assert again.status_code == 409

    # Once signed off, what was agreed is fixed; progress is still reported.
    item = body["quadrants"][0]["items"][0]
    item_url = f"{COMMITMENTS}/{created['id']}/items/{item['id']}"
    locked = await world.client.patch(
        item_url,
        json={"outcome": "Something else", "progress": "x"},
        headers=world.headers("manager"),
    )
    assert locked.status_code == 409
    assert [e["field"] for e in locked.json()["errors"]] == ["outcome"]
    progress = await world.client.patch(
        item_url,
        json={"progress": "Missed bins down 20% since the re-route."},
        headers=world.headers("manager"),
    )
    assert progress.status_code == 200
    assert progress.json()["quadrants"][0]["items"][0]["progress"].startswith("Missed bins")
    added = await world.client.post(
        f"{COMMITMENTS}/{created['id']}/items",
        json={"quadrant": "customers"},
        headers=world.headers("manager"),
    )
    assert added.status_code == 409
    removed = await world.client.delete(item_url, headers=world.headers("manager"))
    assert removed.status_code == 409

    async with world.app.state.sessionmaker() as session:
        actions = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.entity.like("commitment%"))
            )
        ).all()
    assert sorted(actions) == ["create", "sign_off", "update"]


async def test_each_caller_is_told_what_they_may_do(world: World) -> None:
    await _setup(world)
    await add_person(world, "treasurer", org_unit_id=world.other_service_id)
    created = await create(world)
    url = f"{COMMITMENTS}/{created['id']}"
    # (can_edit, can_review, can_sign_off), as the endpoints would decide.
    expected = {
        "manager": (True, False, False),
        "director": (True, True, True),
        "perf": (True, True, False),
        "treasurer": (False, False, False),
        "viewer": (False, False, False),
    }
    for who, flags in expected.items():
        read = (await world.client.get(url, headers=world.headers(who))).json()
        assert (read["can_edit"], read["can_review"], read["can_sign_off"]) == flags, who
        listed = (await world.client.get(COMMITMENTS, headers=world.headers(who))).json()
        item = listed["items"][0]
        assert (item["can_edit"], item["can_review"], item["can_sign_off"]) == flags, who
    signed = await world.client.post(f"{url}/sign-off", headers=world.headers("director"))
    assert signed.json()["can_sign_off"] is False


async def test_no_line_manager_means_no_sign_off(world: World) -> None:
    created = await create(world)
    response = await world.client.post(
        f"{COMMITMENTS}/{created['id']}/sign-off", headers=world.headers("admin")
    )
    assert response.status_code == 409
    assert "no line manager" in response.json()["detail"]


async def test_who_edits_rows(world: World) -> None:
    await _setup(world)
    await add_person(world, "treasurer", org_unit_id=world.other_service_id)
    created = await create(world, items=[])
    url = f"{COMMITMENTS}/{created['id']}/items"
    # The manager, the director above, and the performance team edit; others do not.
    for who in ("manager", "director", "perf"):
        response = await world.client.post(
            url, json={"quadrant": "operations", "outcome": who}, headers=world.headers(who)
        )
        assert response.status_code == 201, (who, response.text)
    for who in ("treasurer", "owner", "viewer"):
        response = await world.client.post(
            url, json={"quadrant": "operations"}, headers=world.headers(who)
        )
        assert response.status_code == 403, who
    # A manager of another unit cannot draw up commitments for this one.
    other = await world.client.post(
        COMMITMENTS,
        json={"manager_id": world.users["manager"], "year": "2010-11"},
        headers=world.headers("treasurer"),
    )
    assert other.status_code == 403
    read = await world.client.get(f"{COMMITMENTS}/{created['id']}", headers=world.headers("viewer"))
    body = read.json()
    # The ETag names the version and who signs off (a line manager set on the user).
    assert read.headers["etag"] == f'"v{body["version"]}-m{world.users["director"]}"'
    item_id = body["quadrants"][1]["items"][0]["id"]
    stale = await world.client.patch(
        f"{url}/{item_id}",
        json={"outcome": "late"},
        headers=world.headers("manager", **{"If-Match": '"v1"'}),
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["version"] == body["version"]
    assert stale.json()["current"]["updated_by_name"] is not None
    gone = await world.client.delete(
        f"{url}/{item_id}",
        headers=world.headers("manager", **{"If-Match": read.headers["etag"]}),
    )
    assert gone.status_code == 200
    assert len(gone.json()["quadrants"][1]["items"]) == 2
    missing = await world.client.patch(
        f"{url}/{item_id}", json={"outcome": "x"}, headers=world.headers("manager")
    )
    assert missing.status_code == 404


async def test_partner_clients_are_told_nothing_exists(world: World) -> None:
    created = await create(world)
    partner = await partner_headers(world, await register_client(world))
    for url in (COMMITMENTS, f"{COMMITMENTS}/{created['id']}"):
        response = await world.client.get(url, headers=partner)
        assert response.status_code == 404
    posted = await world.client.post(f"{COMMITMENTS}/{created['id']}/sign-off", headers=partner)
    assert posted.status_code == 404
