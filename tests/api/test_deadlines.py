"""Data-collection deadlines: the rule, a contributor's due and overdue figures, and the
performance team's late-data view by directorate."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from goldenthread.periods.workdays import today_in_london
from tests.api.world import World

DEADLINES = "/api/v1/deadlines"
AS_OF = "2009-01-20"


async def _indicator(world: World, **fields: Any) -> int:
    created = await world.create_indicator(**fields)
    return int(created["id"])


async def _outturn(world: World, indicator_id: int, period: str, who: str, **body: Any) -> None:
    response = await world.client.put(
        f"/api/v1/indicators/{indicator_id}/outturns/{period}",
        json={"value": 10, **body},
        headers=world.headers(who),
    )
    assert response.status_code in (200, 201), response.text


async def _narrow_the_window(world: World, days: int = 60) -> None:
    response = await world.client.put(
        f"{DEADLINES}/rule",
        json={"working_days_after": 10, "due_soon_days": 7, "lookback_days": days},
        headers=world.headers("perf"),
    )
    assert response.status_code == 200, response.text


async def test_december_2008_monthly_figures_are_due_after_new_year(world: World) -> None:
    await _indicator(world, frequency="monthly")
    response = await world.client.get(
        f"{DEADLINES}?year=2008-09&mine=true", headers=world.headers("owner")
    )
    assert response.status_code == 200, response.text
    by_period = {i["period"]: i for i in response.json()["items"]}
    assert len(by_period) == 12
    december = by_period["2008-09-M09"]
    assert december["period_end"] == "2008-12-31"
    # 10 working days from Wednesday 31 December 2008: New Year's Day is skipped.
    assert december["deadline"] == "2009-01-15"
    # March's count runs over Good Friday and Easter Monday 2009.
    assert by_period["2008-09-M12"]["deadline"] == "2009-04-16"
    assert response.json()["rule"]["working_days_after"] == 10


async def test_a_contributors_overdue_figure_is_on_their_dashboard_and_in_the_late_view(
    world: World,
) -> None:
    await _narrow_the_window(world)
    waste = await _indicator(world, code="NI 192", frequency="monthly")
    resources = await _indicator(
        world,
        code="LPI FIN-1",
        title="Invoices paid on time",
        frequency="quarterly",
        owner_id=world.users["other"],
        deputy_id=None,
        org_unit_id=world.other_service_id,
    )
    # November is in (late: handed in long after its deadline); December is not.
    await _outturn(world, waste, "2008-09-M08", "owner", status="submitted")
    # The third quarter has only a draft.
    await _outturn(world, resources, "2008-09-Q3", "other")

    mine = await world.client.get(
        f"{DEADLINES}?mine=true&as_of={AS_OF}", headers=world.headers("owner")
    )
    assert mine.status_code == 200, mine.text
    body = mine.json()
    assert body["as_of"] == AS_OF
    assert [(i["code"], i["period"], i["state"]) for i in body["items"]] == [
        ("NI 192", "2008-09-M08", "received"),
        ("NI 192", "2008-09-M09", "overdue"),
    ]
    overdue = body["items"][1]
    assert overdue["deadline"] == "2009-01-15"
    assert overdue["days_overdue"] == 5
    assert overdue["outturn_status"] is None
    assert overdue["owner_name"] == "Owner Person"
    assert overdue["directorate"] == "Environment"
    received = body["items"][0]
    assert received["received_on"] == today_in_london().isoformat()
    assert received["late"] is True
    assert body["counts"] == {
        "overdue": 1,
        "due_soon": 0,
        "due": 0,
        "upcoming": 0,
        "received": 1,
        "late": 1,
    }
    only_overdue = await world.client.get(
        f"{DEADLINES}?mine=true&as_of={AS_OF}&state=overdue&state=due_soon",
        headers=world.headers("owner"),
    )
    assert [i["period"] for i in only_overdue.json()["items"]] == ["2008-09-M09"]
    # The deputy sees the same indicator; someone else sees only their own.
    deputy = await world.client.get(
        f"{DEADLINES}?mine=true&as_of={AS_OF}", headers=world.headers("deputy")
    )
    assert len(deputy.json()["items"]) == 2
    other = await world.client.get(
        f"{DEADLINES}?mine=true&as_of={AS_OF}", headers=world.headers("other")
    )
    assert [(i["code"], i["state"], i["outturn_status"]) for i in other.json()["items"]] == [
        ("LPI FIN-1", "overdue", "draft")
    ]

    late = await world.client.get(
        f"{DEADLINES}/by-directorate?as_of={AS_OF}", headers=world.headers("perf")
    )
    assert late.status_code == 200, late.text
    view = late.json()
    rows = {d["directorate"]: d for d in view["directorates"]}
    assert rows["Environment"] == {
        "directorate_id": world.directorate_id,
        "directorate": "Environment",
        "indicators": 1,
        "missing": 1,
        "draft": 0,
        "late": 1,
        "due_soon": 0,
        "received": 1,
        "oldest_overdue": "2009-01-15",
    }
    assert rows["Resources"]["draft"] == 1 and rows["Resources"]["missing"] == 0
    assert view["totals"]["missing"] == 1 and view["totals"]["draft"] == 1
    assert view["totals"]["indicators"] == 2
    # Drilling down: the overdue figures of one directorate.
    drill = await world.client.get(
        f"{DEADLINES}?as_of={AS_OF}&org_unit={world.directorate_id}&state=overdue",
        headers=world.headers("perf"),
    )
    assert [i["code"] for i in drill.json()["items"]] == ["NI 192"]
    late_ones = await world.client.get(
        f"{DEADLINES}?as_of={AS_OF}&late=true", headers=world.headers("perf")
    )
    assert [(i["code"], i["period"]) for i in late_ones.json()["items"]] == [
        ("NI 192", "2008-09-M08")
    ]

    # Once December is submitted, it leaves the overdue list.
    await _outturn(world, waste, "2008-09-M09", "owner", status="submitted")
    after = await world.client.get(
        f"{DEADLINES}?mine=true&as_of={AS_OF}&state=overdue", headers=world.headers("owner")
    )
    assert after.json()["items"] == []


async def test_only_managers_and_the_performance_team_see_everyones_deadlines(
    world: World,
) -> None:
    await _indicator(world, frequency="quarterly")
    for who in ("owner", "viewer"):
        assert (await world.client.get(DEADLINES, headers=world.headers(who))).status_code == 403
        by_directorate = await world.client.get(
            f"{DEADLINES}/by-directorate", headers=world.headers(who)
        )
        assert by_directorate.status_code == 403
        mine = await world.client.get(f"{DEADLINES}?mine=true", headers=world.headers(who))
        assert mine.status_code == 200
    for who in ("manager", "perf", "admin"):
        assert (await world.client.get(DEADLINES, headers=world.headers(who))).status_code == 200
    assert (await world.client.get(DEADLINES)).status_code == 401


async def test_the_performance_team_sets_the_rule(world: World) -> None:
    await _indicator(world, frequency="monthly")
    read = await world.client.get(f"{DEADLINES}/rule", headers=world.headers("owner"))
    assert read.json()["working_days_after"] == 10
    body = {"working_days_after": 5, "due_soon_days": 3, "lookback_days": 100}
    denied = await world.client.put(f"{DEADLINES}/rule", json=body, headers=world.headers("owner"))
    assert denied.status_code == 403
    bad = await world.client.put(
        f"{DEADLINES}/rule",
        json={**body, "working_days_after": -1},
        headers=world.headers("perf"),
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "working_days_after"
    changed = await world.client.put(
        f"{DEADLINES}/rule",
        json=body,
        headers=world.headers("perf", **{"If-Match": read.headers["etag"]}),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["updated_by_name"] == "perf"
    stale = await world.client.put(
        f"{DEADLINES}/rule",
        json=body,
        headers=world.headers("perf", **{"If-Match": read.headers["etag"]}),
    )
    assert stale.status_code == 412
    listing = await world.client.get(f"{DEADLINES}?year=2008-09", headers=world.headers("perf"))
    december = next(i for i in listing.json()["items"] if i["period"] == "2008-09-M09")
    # 2, 5, 6, 7, 8 January.
    assert december["deadline"] == "2009-01-08"


async def test_pages_walk_every_deadline_once_in_deadline_order(world: World) -> None:
    await _indicator(world, code="A 1", frequency="monthly")
    await _indicator(world, code="B 2", frequency="quarterly")
    seen: list[tuple[str, str]] = []
    url = f"{DEADLINES}?year=2008-09&limit=5"
    while url:
        page = (await world.client.get(url, headers=world.headers("perf"))).json()
        seen += [(i["deadline"], i["code"]) for i in page["items"]]
        url = (
            f"{DEADLINES}?year=2008-09&limit=5&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else ""
        )
    assert len(seen) == 16
    assert seen == sorted(seen)
    bad = await world.client.get(f"{DEADLINES}?cursor=bm9wZQ", headers=world.headers("perf"))
    assert bad.status_code == 422


async def test_retired_indicators_have_no_deadlines(world: World) -> None:
    indicator = await _indicator(world, frequency="annual", aggregation="last")
    response = await world.client.post(
        f"/api/v1/indicators/{indicator}/retire", headers=world.headers("perf")
    )
    assert response.status_code == 200
    listing = await world.client.get(f"{DEADLINES}?year=2008-09", headers=world.headers("perf"))
    assert listing.json()["items"] == []


async def test_the_whole_registers_deadlines_take_a_fixed_number_of_queries(world: World) -> None:
    async def count_queries(url: str) -> tuple[int, int]:
        statements: list[str] = []

        def record(*args: Any) -> None:
            statements.append(str(args[2]))

        engine = world.app.state.engine.sync_engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            response = await world.client.get(url, headers=world.headers("perf"))
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert response.status_code == 200, response.text
        items = response.json().get("items") or response.json().get("directorates")
        return len(statements), len(items)

    urls = (
        f"{DEADLINES}?year=2008-09&limit=500",
        f"{DEADLINES}/by-directorate?as_of={AS_OF}",
        "/api/v1/calendar?year=2008-09",
    )
    await _indicator(world, code="X 0", frequency="monthly")
    small = [await count_queries(url) for url in urls]
    for n in range(1, 13):
        indicator = await _indicator(
            world, code=f"X {n}", frequency=("monthly", "quarterly")[n % 2]
        )
        await _outturn(
            world, indicator, "2008-09-Q3" if n % 2 else "2008-09-M09", "perf", status="submitted"
        )
    large = [await count_queries(url) for url in urls]
    assert [queries for queries, _ in small] == [queries for queries, _ in large]
    assert large[0][1] > small[0][1]
