"""The indicator register: create, read, list, update with If-Match, retire."""

from __future__ import annotations

from tests.api.world import World, indicator_body


async def test_create_and_read_back_every_field(world: World) -> None:
    created = await world.create_indicator(
        code="  ni   195a ",
        tolerance_absolute="1.5",
        sets=["nvi", "LAA", "laa"],
        definition="Percentage of land with litter below an acceptable level.",
        lead_organisation_id=world.health_id,
        shared_with_partners=True,
        public=True,
    )
    assert created["code"] == "ni 195a"
    assert created["sets"] == ["LAA", "NVI"]
    assert created["tolerance_absolute"] == "1.5"
    assert created["tolerance_percent"] == "5"
    assert created["multiplier"] == "1"
    assert created["lifecycle"] == "active" and created["version"] == 1
    response = await world.client.get(
        f"/api/v1/indicators/{created['id']}", headers=world.headers("viewer")
    )
    assert response.status_code == 200
    assert response.headers["etag"] == '"v1"'
    assert response.json() == created


async def test_percent_ratio_defaults_to_a_multiplier_of_100(world: World) -> None:
    created = await world.create_indicator(aggregation="ratio")
    assert created["multiplier"] == "100"


async def test_codes_are_unique_whatever_the_case(world: World) -> None:
    await world.create_indicator(code="BV 82a")
    response = await world.client.post(
        "/api/v1/indicators",
        json=indicator_body(world, code=" bv  82A"),
        headers=world.headers("perf"),
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "code"


async def test_only_the_performance_team_and_admins_change_the_register(world: World) -> None:
    for username in ("owner", "manager", "viewer"):
        response = await world.client.post(
            "/api/v1/indicators", json=indicator_body(world), headers=world.headers(username)
        )
        assert response.status_code == 403, username
    admin = await world.client.post(
        "/api/v1/indicators", json=indicator_body(world), headers=world.headers("admin")
    )
    assert admin.status_code == 201


async def test_unknown_fields_and_bad_values_name_the_field(world: World) -> None:
    body = indicator_body(world, colour="red", polarity="sideways", decimal_places=9)
    response = await world.client.post(
        "/api/v1/indicators", json=body, headers=world.headers("perf")
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"colour", "polarity", "decimal_places"}


async def test_references_must_exist_and_fit(world: World) -> None:
    body = indicator_body(
        world, owner_id=9999, org_unit_id=world.service_id, organisation_id=world.health_id
    )
    response = await world.client.post(
        "/api/v1/indicators", json=body, headers=world.headers("perf")
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "owner_id" in fields


async def test_update_with_if_match_and_stale_copy_gets_412(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    first = await world.client.patch(
        url, json={"title": "Recycling rate"}, headers=world.headers("perf", **{"If-Match": '"v1"'})
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2 and first.headers["etag"] == '"v2"'
    stale = await world.client.patch(
        url, json={"title": "Another title"}, headers=world.headers("perf", **{"If-Match": '"v1"'})
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["version"] == 2
    unchanged = await world.client.get(url, headers=world.headers("perf"))
    assert unchanged.json()["title"] == "Recycling rate"


async def test_conditional_get_answers_304(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    response = await world.client.get(
        url, headers=world.headers("viewer", **{"If-None-Match": '"v1"'})
    )
    assert response.status_code == 304
    listing = await world.client.get("/api/v1/indicators", headers=world.headers("viewer"))
    etag = listing.headers["etag"]
    again = await world.client.get(
        "/api/v1/indicators", headers=world.headers("viewer", **{"If-None-Match": etag})
    )
    assert again.status_code == 304


async def test_retire_keeps_history_and_leaves_the_active_list(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    retired = await world.client.post(f"{url}/retire", headers=world.headers("perf"))
    assert retired.status_code == 200 and retired.json()["lifecycle"] == "retired"
    active = await world.client.get("/api/v1/indicators", headers=world.headers("viewer"))
    assert active.json()["items"] == []
    every = await world.client.get(
        "/api/v1/indicators?lifecycle=all", headers=world.headers("viewer")
    )
    assert [i["id"] for i in every.json()["items"]] == [created["id"]]
    assert (await world.client.delete(url, headers=world.headers("admin"))).status_code == 405
    audit = await world.client.get(f"{url}/audit", headers=world.headers("viewer"))
    assert [e["action"] for e in audit.json()["items"]] == ["retire", "create"]


async def test_list_filters_and_cursor_pagination(world: World) -> None:
    for n in range(7):
        await world.create_indicator(
            code=f"LPI {n:02d}",
            title=f"Local measure {n}",
            sets=["LOCAL"] if n % 2 else ["NI"],
            org_unit_id=world.other_service_id if n == 3 else world.service_id,
        )
    headers = world.headers("viewer")
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "3"} | ({"cursor": cursor} if cursor else {})
        page = (await world.client.get("/api/v1/indicators", params=params, headers=headers)).json()
        seen += [i["code"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"LPI {n:02d}" for n in range(7)]

    async def codes(**params: str) -> list[str]:
        response = await world.client.get("/api/v1/indicators", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [i["code"] for i in response.json()["items"]]

    assert await codes(set="local") == ["LPI 01", "LPI 03", "LPI 05"]
    assert await codes(code="lpi 04") == ["LPI 04"]
    assert await codes(q="measure 6") == ["LPI 06"]
    assert await codes(org_unit=str(world.other_service_id)) == ["LPI 03"]
    # A directorate includes the services beneath it.
    assert len(await codes(org_unit=str(world.directorate_id))) == 6
    bad = await world.client.get("/api/v1/indicators", params={"cursor": "!!"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"


async def test_unknown_indicator_is_a_404_problem(world: World) -> None:
    response = await world.client.get("/api/v1/indicators/424242", headers=world.headers("viewer"))
    assert response.status_code == 404
    assert response.json()["status"] == 404


async def test_frequency_cannot_change_once_outturns_exist(world: World) -> None:
    created = await world.create_indicator()
    url = f"/api/v1/indicators/{created['id']}"
    put = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": "40"}, headers=world.headers("owner")
    )
    assert put.status_code == 201, put.text
    response = await world.client.patch(
        url, json={"frequency": "monthly"}, headers=world.headers("perf")
    )
    assert response.status_code == 409
