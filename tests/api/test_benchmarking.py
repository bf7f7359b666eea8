"""Comparator groups, the bulk import of their values, rank and quartile of the council's own
value, the summary for report columns, and aims set against a benchmark."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from goldenthread.audit.models import AuditEntry
from goldenthread.benchmarking.models import ComparatorValue
from tests.api.world import World

CSV = {"Content-Type": "text/csv"}


async def _group(world: World, **fields: Any) -> dict[str, Any]:
    body = {
        "code": "family",
        "name": "Nearest neighbours",
        "kind": "nearest_neighbours",
        "members": [
            {"code": "E1", "name": "Test County Council"},
            {"code": "E2", "name": "Second"},
            {"code": "E3", "name": "Third"},
            {"code": "E4", "name": "Fourth"},
            {"code": "E5", "name": "Fifth"},
        ],
        "us": "e1",
        **fields,
    }
    response = await world.client.post(
        "/api/v1/benchmarking/groups", json=body, headers=world.headers("perf")
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def _import(world: World, text: str, user: str = "perf", **params: Any) -> Any:
    return await world.client.post(
        "/api/v1/benchmarking/values",
        content=text.encode(),
        headers={**world.headers(user), **CSV},
        params={k: str(v).lower() for k, v in params.items()},
    )


VALUES = (
    "indicator_code,period,council_code,council_name,value,group\r\n"
    "BM 1,2021-22,E1,,50,\r\n"
    "bm 1,2021-22,E2,,60,\r\n"
    "BM 1,2021-22,E3,,40,\r\n"
    "BM 1,2021-22,E4,,60,\r\n"
    "BM 1,2021-22,E5,,30,\r\n"
    "BM 1,2021-22,E6,Sixth Council,70,FAMILY\r\n"
    "BM 1,2020-21,E2,,58.25,\r\n"
)


async def _setup(world: World) -> tuple[int, dict[str, Any]]:
    indicator = await world.create_indicator(
        code="BM 1", frequency="annual", aggregation="last", polarity="higher_is_better"
    )
    group = await _group(world)
    response = await _import(world, VALUES)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["written"] is True
    assert (body["created"], body["updated"], body["rejected"]) == (7, 0, 0)
    assert (body["councils_created"], body["memberships_added"]) == (1, 1)
    return indicator["id"], group


async def test_rank_and_quartile_from_imported_values_then_from_the_outturn(world: World) -> None:
    indicator_id, group = await _setup(world)
    url = f"/api/v1/indicators/{indicator_id}/benchmark"
    response = await world.client.get(url, headers=world.headers("viewer"))
    assert response.status_code == 200, response.text
    body = response.json()
    # Defaults: the group with this council in it, its latest year.
    assert body["group"]["code"] == "FAMILY" and body["year"] == "2021-22"
    assert body["available_years"] == ["2020-21", "2021-22"]
    # 50 among 30, 40, 50, 60, 60, 70: three are strictly better.
    assert (body["rank"], body["number_ranked"], body["quartile"]) == (4, 6, 3)
    assert body["own"] == {"value": "50", "source": "comparator", "data_quality": None}
    assert Decimal(body["statistics"]["median"]) == Decimal(55)
    assert body["us"]["code"] == "E1"
    ranks = {c["code"]: (c["rank"], c["quartile"]) for c in body["comparators"]}
    assert ranks == {
        "E6": (1, 1),
        "E2": (2, 2),
        "E4": (2, 2),
        "E1": (4, 3),
        "E3": (5, 4),
        "E5": (6, 4),
    }
    assert "Ranked 4 of 6" in body["explanation"]

    # The council's own outturn for the year stands in for the imported figure.
    put = await world.client.put(
        f"/api/v1/indicators/{indicator_id}/outturns/2021-22",
        json={"value": "65", "status": "verified"},
        headers=world.headers("perf"),
    )
    assert put.status_code in (200, 201), put.text
    body = (await world.client.get(url, headers=world.headers("viewer"))).json()
    assert body["own"]["source"] == "outturn" and Decimal(body["own"]["value"]) == 65
    assert (body["rank"], body["quartile"]) == (2, 2)

    summary = await world.client.get(
        "/api/v1/benchmarking/summary",
        params={"group": group["id"]},
        headers=world.headers("viewer"),
    )
    assert summary.status_code == 200, summary.text
    (item,) = summary.json()["items"]
    assert (item["rank"], item["quartile"], item["number_ranked"]) == (2, 2, 6)
    assert item["own_source"] == "outturn"


async def test_aims_resolve_from_the_latest_comparator_year(world: World) -> None:
    indicator_id, group = await _setup(world)
    await world.client.put(
        f"/api/v1/indicators/{indicator_id}/outturns/2021-22",
        json={"value": "65", "status": "verified"},
        headers=world.headers("perf"),
    )
    url = f"/api/v1/indicators/{indicator_id}/benchmark-aims/2022-23"
    refused = await world.client.put(
        url, json={"group_id": group["id"], "aim": "top_quartile"}, headers=world.headers("other")
    )
    assert refused.status_code == 403
    response = await world.client.put(
        url, json={"group_id": group["id"], "aim": "top_quartile"}, headers=world.headers("owner")
    )
    assert response.status_code == 201, response.text
    aim = response.json()
    # 30, 40, 60, 60, 65, 70: QUARTILE.INC position 3.75 → 60 + 0.75 * 5.
    assert Decimal(aim["resolved_value"]) == Decimal("63.75")
    assert aim["basis_used"] == "2021-22" and aim["number_ranked"] == 6
    assert aim["met"] is None  # no figure for 2022-23 yet
    again = await world.client.put(
        url,
        json={"group_id": group["id"], "aim": "rank", "rank": 1, "note": "best in family"},
        headers=world.headers("owner"),
    )
    assert again.status_code == 200
    assert Decimal(again.json()["resolved_value"]) == 70
    bad = await world.client.put(
        url, json={"group_id": group["id"], "aim": "rank"}, headers=world.headers("owner")
    )
    assert bad.status_code == 422
    listed = await world.client.get(
        f"/api/v1/indicators/{indicator_id}/benchmark-aims", headers=world.headers("viewer")
    )
    assert [a["aim"] for a in listed.json()] == ["rank"]
    shown = await world.client.get(
        f"/api/v1/indicators/{indicator_id}/benchmark", headers=world.headers("viewer")
    )
    assert shown.json()["aims"][0]["resolved_value"] == "70"
    gone = await world.client.delete(
        url, params={"group": group["id"]}, headers=world.headers("owner")
    )
    assert gone.status_code == 204
    async with world.app.state.sessionmaker() as session:
        entities = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.entity == "benchmark_aim")
            )
        ).all()
    assert sorted(entities) == ["create", "delete", "update"]


async def test_an_import_with_any_bad_row_writes_nothing(world: World) -> None:
    await world.create_indicator(code="BM 1", frequency="annual", aggregation="last")
    await _group(world)
    text = (
        "indicator_code,period,council_code,council_name,value,group\r\n"
        "BM 1,2021-22,E1,,50,\r\n"
        "NOPE,2021-22,E2,,60,\r\n"
        "BM 1,2021-22-Q1,E3,,40,\r\n"
        'BM 1,2021-22,E4,,"1,234",\r\n'
        "BM 1,2021-22,E5,,30,NOGROUP\r\n"
        "BM 1,2021-22,E1,,51,\r\n"
        "BM 1,2021-22,NEW,,30,\r\n"
    )
    response = await _import(world, text)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["written"] is False and body["rows_read"] == 7
    where = {(e["row"], e["column"]) for e in body["errors"]}
    assert where == {
        (3, "indicator_code"),
        (4, "period"),
        (5, "value"),
        (6, "group"),
    }
    messages = {e["row"]: e["message"] for e in body["errors"]}
    assert "without the comma" in messages[5]
    # With the faulty rows gone, the repeat and the unnamed new council are next.
    fixed = "\r\n".join(line for i, line in enumerate(text.split("\r\n")) if i not in (2, 3, 4, 5))
    response = await _import(world, fixed)
    assert response.status_code == 422
    body = response.json()
    where = {(e["row"], e["column"]) for e in body["errors"]}
    assert where == {(3, "value"), (4, "council_name")}
    async with world.app.state.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(ComparatorValue)) == 0


async def test_dry_run_and_reimport_change_nothing(world: World) -> None:
    await _setup(world)
    dry = await _import(world, VALUES.replace("E5,,30", "E5,,31"), dry_run=True)
    assert dry.status_code == 200
    assert (dry.json()["updated"], dry.json()["unchanged"], dry.json()["written"]) == (1, 6, False)
    again = await _import(world, VALUES.replace("E5,,30", "E5,,31"))
    assert (again.json()["updated"], again.json()["unchanged"]) == (1, 6)
    async with world.app.state.sessionmaker() as session:
        entry = await session.scalar(
            select(AuditEntry)
            .where(AuditEntry.entity == "comparator_values")
            .order_by(AuditEntry.id.desc())
        )
    assert entry is not None
    assert entry.before == {"2021-22": {"E5": "30"}}
    assert entry.after == {"2021-22": {"E5": "31"}}


async def test_groups_and_imports_are_for_the_performance_team(world: World) -> None:
    await world.create_indicator(code="BM 1", frequency="annual", aggregation="last")
    refused = await world.client.post(
        "/api/v1/benchmarking/groups",
        json={"code": "X", "name": "X"},
        headers=world.headers("manager"),
    )
    assert refused.status_code == 403
    assert (await _import(world, VALUES, user="owner")).status_code == 403
    group = await _group(world)
    clash = await world.client.post(
        "/api/v1/benchmarking/groups",
        json={"code": "FAMILY", "name": "Again"},
        headers=world.headers("perf"),
    )
    assert clash.status_code == 409
    not_member = await world.client.post(
        "/api/v1/benchmarking/groups",
        json={"code": "OTHER", "name": "Other", "members": [], "us": "E1"},
        headers=world.headers("perf"),
    )
    assert not_member.status_code == 422
    url = f"/api/v1/benchmarking/groups/{group['id']}"
    read = await world.client.get(url, headers=world.headers("viewer"))
    etag = read.headers["etag"]
    changed = await world.client.patch(
        url,
        json={"members": [{"code": "E2", "name": "Second"}, {"code": "E9", "name": "Ninth"}]},
        headers=world.headers("perf", **{"If-Match": etag}),
    )
    assert changed.status_code == 422  # us (E1) would leave the group
    changed = await world.client.patch(
        url,
        json={
            "members": [{"code": "E2", "name": "Second"}, {"code": "E9", "name": "Ninth"}],
            "us": None,
        },
        headers=world.headers("perf", **{"If-Match": etag}),
    )
    assert changed.status_code == 200, changed.text
    assert [m["code"] for m in changed.json()["members"]] == ["E9", "E2"]  # by name
    assert changed.json()["us"] is None
    stale = await world.client.patch(
        url, json={"name": "Renamed"}, headers=world.headers("perf", **{"If-Match": etag})
    )
    assert stale.status_code == 412
    missing = await world.client.get(
        "/api/v1/indicators/1/benchmark",
        params={"group": "NOSUCH"},
        headers=world.headers("viewer"),
    )
    assert missing.status_code == 404


async def test_context_measures_are_shown_but_not_ranked(world: World) -> None:
    indicator = await world.create_indicator(
        code="BM 1", frequency="annual", aggregation="last", polarity="none"
    )
    await _group(world)
    assert (await _import(world, VALUES)).status_code == 200
    body = (
        await world.client.get(
            f"/api/v1/indicators/{indicator['id']}/benchmark", headers=world.headers("viewer")
        )
    ).json()
    assert body["ranked"] is False and body["rank"] is None and body["number_ranked"] == 0
    assert len(body["comparators"]) == 6 and all(c["rank"] is None for c in body["comparators"])
    assert Decimal(body["statistics"]["median"]) == 55
    assert "not ranked" in body["explanation"]
