"""Targets and outturns: periods, ratios, permissions, workflow, concurrency and audit."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.api.world import World


async def _indicator(world: World, **fields: Any) -> str:
    created = await world.create_indicator(**fields)
    return f"/api/v1/indicators/{created['id']}"


async def test_targets_take_annual_or_own_frequency_periods(world: World) -> None:
    url = await _indicator(world, frequency="monthly")
    headers = world.headers("perf")
    annual = await world.client.put(f"{url}/targets/2008-09", json={"value": 65}, headers=headers)
    assert annual.status_code == 201
    assert annual.json()["value"] == "65"
    month = await world.client.put(
        f"{url}/targets/2008-09-M10", json={"value": "64.5"}, headers=headers
    )
    assert month.status_code == 201
    quarter = await world.client.put(
        f"{url}/targets/2008-09-Q1", json={"value": 1}, headers=headers
    )
    assert quarter.status_code == 422
    assert quarter.json()["errors"][0]["field"] == "period"
    assert "2008-09-M01" in quarter.json()["detail"]
    listing = await world.client.get(f"{url}/targets?year=2008-09", headers=headers)
    assert [t["period"] for t in listing.json()["items"]] == ["2008-09", "2008-09-M10"]


async def test_malformed_periods_are_rejected_with_the_expected_form(world: World) -> None:
    url = await _indicator(world)
    for bad in ("2008-10", "2008", "2008-09-Q5", "2008-09-M01", "September"):
        response = await world.client.put(
            f"{url}/outturns/{bad}", json={"value": 1}, headers=world.headers("owner")
        )
        assert response.status_code == 422, bad
        assert "2008-09" in response.json()["detail"], bad


async def test_target_band_takes_low_and_high(world: World) -> None:
    url = await _indicator(world, polarity="target_band")
    headers = world.headers("perf")
    missing = await world.client.put(f"{url}/targets/2008-09", json={"value": 5}, headers=headers)
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"value", "low", "high"}
    upside_down = await world.client.put(
        f"{url}/targets/2008-09", json={"low": 9, "high": 3}, headers=headers
    )
    assert upside_down.status_code == 422
    ok = await world.client.put(
        f"{url}/targets/2008-09", json={"low": 3, "high": 9}, headers=headers
    )
    assert ok.status_code == 201


async def test_ratio_outturns_take_numerator_and_denominator(world: World) -> None:
    url = await _indicator(world, aggregation="ratio")
    headers = world.headers("owner")
    zero = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"numerator": 5, "denominator": 0}, headers=headers
    )
    assert zero.status_code == 422
    assert zero.json()["errors"] == [{"field": "denominator", "message": "must not be zero"}]
    value_only = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 5}, headers=headers
    )
    assert value_only.status_code == 422
    ok = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"numerator": "1", "denominator": "3"}, headers=headers
    )
    assert ok.status_code == 201
    assert ok.json()["value"] == "33.3333333333"
    assert ok.json()["numerator"] == "1" and ok.json()["denominator"] == "3"


async def test_decimals_are_exact_end_to_end(world: World) -> None:
    url = await _indicator(world, decimal_places=2)
    put = await world.client.put(
        f"{url}/outturns/2008-09-Q1",
        json={"value": "0.1000000000000000055511151231"},
        headers=world.headers("owner"),
    )
    assert put.status_code == 422  # more places than a figure may carry
    put = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 0.1}, headers=world.headers("owner")
    )
    assert put.json()["value"] == "0.1"
    again = await world.client.put(
        f"{url}/outturns/2008-09-Q2",
        json={"value": "123456789012.12345678"},
        headers=world.headers("owner"),
    )
    assert again.status_code == 201
    read = await world.client.get(f"{url}/outturns/2008-09-Q2", headers=world.headers("viewer"))
    assert read.json()["value"] == "123456789012.12345678"


async def test_who_may_write(world: World) -> None:
    url = await _indicator(world)
    body = {"value": "41.5"}
    expected = {
        "owner": 201,
        "deputy": 200,
        "perf": 200,
        "admin": 200,
        "other": 403,
        "manager": 403,
        "viewer": 403,
    }
    for username, status in expected.items():
        response = await world.client.put(
            f"{url}/outturns/2008-09-Q1",
            json=body | {"commentary": username},
            headers=world.headers(username),
        )
        assert response.status_code == status, (username, response.text)
    forbidden = await world.client.put(
        f"{url}/targets/2008-09", json={"value": 50}, headers=world.headers("other")
    )
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"] == "application/problem+json"


async def test_verification_workflow(world: World) -> None:
    url = await _indicator(world)
    owner, perf = world.headers("owner"), world.headers("perf")
    created = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40}, headers=owner
    )
    assert created.json()["status"] == "draft"
    submitted = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40, "status": "submitted"}, headers=owner
    )
    assert submitted.json()["status"] == "submitted"
    self_verify = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40, "status": "verified"}, headers=owner
    )
    assert self_verify.status_code == 403
    verified = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40, "status": "verified"}, headers=perf
    )
    assert verified.json()["status"] == "verified"
    assert verified.json()["verified_by_name"] == "perf"
    changed = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 42}, headers=owner
    )
    assert changed.json()["status"] == "submitted"  # a changed figure needs verifying again
    assert changed.json()["verified_by_name"] is None


async def test_stale_if_match_gets_412_naming_who_changed_it(world: World) -> None:
    url = await _indicator(world)
    first = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40}, headers=world.headers("owner")
    )
    etag = first.headers["etag"]
    await world.client.put(
        f"{url}/outturns/2008-09-Q1",
        json={"value": 44},
        headers=world.headers("deputy", **{"If-Match": etag}),
    )
    stale = await world.client.put(
        f"{url}/outturns/2008-09-Q1",
        json={"value": 41},
        headers=world.headers("owner", **{"If-Match": etag}),
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["updated_by_name"] == "deputy"
    assert stale.json()["current"]["value"] == "44"
    kept = await world.client.get(f"{url}/outturns/2008-09-Q1", headers=world.headers("owner"))
    assert kept.json()["value"] == "44"


async def test_if_none_match_star_creates_only(world: World) -> None:
    url = await _indicator(world)
    create_only = world.headers("owner", **{"If-None-Match": "*"})
    first = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 40}, headers=create_only
    )
    assert first.status_code == 201
    again = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 45}, headers=create_only
    )
    assert again.status_code == 412
    assert again.json()["current"]["value"] == "40"
    assert again.json()["current_etag"] == first.headers["etag"]
    kept = await world.client.get(f"{url}/outturns/2008-09-Q1", headers=world.headers("owner"))
    assert kept.json()["value"] == "40"


async def test_same_put_twice_changes_nothing(world: World) -> None:
    url = await _indicator(world)
    body = {"value": "40.0", "commentary": "On track"}
    first = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json=body, headers=world.headers("owner")
    )
    second = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json=body | {"value": 40}, headers=world.headers("owner")
    )
    assert second.status_code == 200
    assert second.json()["version"] == first.json()["version"]
    audit = await world.client.get(f"{url}/audit", headers=world.headers("perf"))
    assert [e["entity"] for e in audit.json()["items"]] == ["outturn", "indicator"]


async def test_audit_trail_records_who_how_and_before_after(world: World) -> None:
    url = await _indicator(world)
    await world.client.put(
        f"{url}/outturns/2008-09-Q1",
        json={"value": 40},
        headers=world.headers("owner", **{"X-Requested-With": "goldenthread-web"}),
    )
    await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 45}, headers=world.headers("deputy")
    )
    deleted = await world.client.delete(f"{url}/outturns/2008-09-Q1", headers=world.headers("perf"))
    assert deleted.status_code == 204
    entries = (await world.client.get(f"{url}/audit", headers=world.headers("perf"))).json()
    delete, update, create = entries["items"][:3]
    assert (create["action"], create["via"], create["actor_name"]) == ("create", "ui", "owner")
    assert create["before"] is None and create["after"]["value"] == "40"
    assert (update["action"], update["via"]) == ("update", "api")
    assert update["before"]["value"] == "40" and update["after"]["value"] == "45"
    assert delete["action"] == "delete" and delete["after"] is None
    assert delete["before"]["value"] == "45"
    # The trail has no way to be changed through the API.
    for method in ("put", "patch", "delete"):
        response = await world.client.request(
            method.upper(), "/api/v1/audit", headers=world.headers("admin")
        )
        assert response.status_code == 405


async def test_retired_indicators_take_no_new_figures(world: World) -> None:
    url = await _indicator(world)
    await world.client.post(f"{url}/retire", headers=world.headers("perf"))
    response = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": 1}, headers=world.headers("perf")
    )
    assert response.status_code == 409


async def test_concurrent_writers_all_land(world: World) -> None:
    url = await _indicator(world, frequency="monthly")
    months = [f"2008-09-M{m:02d}" for m in range(1, 13)]
    responses = await asyncio.gather(
        *(
            world.client.put(
                f"{url}/outturns/{month}", json={"value": n}, headers=world.headers("owner")
            )
            for n, month in enumerate(months)
        )
    )
    assert [r.status_code for r in responses] == [201] * 12
    listing = await world.client.get(f"{url}/outturns?year=2008-09", headers=world.headers("owner"))
    assert [o["period"] for o in listing.json()["items"]] == months


async def test_large_whole_numbers_read_back_as_written(world: World) -> None:
    """PostgreSQL's driver returns 1100000 as 1.10E+6; every read shows it as written."""
    url = await _indicator(world, unit="currency", decimal_places=0, aggregation="sum")
    perf = world.headers("perf")
    await world.client.put(f"{url}/targets/2008-09", json={"value": 4400000}, headers=perf)
    put = await world.client.put(
        f"{url}/outturns/2008-09-Q1", json={"value": "1100000"}, headers=world.headers("owner")
    )
    assert put.json()["value"] == "1100000"
    read = await world.client.get(f"{url}/outturns/2008-09-Q1", headers=perf)
    assert read.json()["value"] == "1100000"
    listing = await world.client.get(f"{url}/outturns?year=2008-09", headers=perf)
    assert listing.json()["items"][0]["value"] == "1100000"
    targets = await world.client.get(f"{url}/targets?year=2008-09", headers=perf)
    assert targets.json()["items"][0]["value"] == "4400000"
    status = await world.client.get(f"{url}/status?period=2008-09-Q1", headers=perf)
    assert status.json()["period_value"] == "1100000"
    indicator_id = url.rsplit("/", 1)[1]
    export = await world.client.get(
        f"/api/v1/exports/outturns?indicator={indicator_id}&format=csv", headers=perf
    )
    assert "1100000" in export.text
    assert "E+" not in export.text
