"""The annual cycle's calendar: the demo's timetables on the right dates, its filters, and
data deadlines beside the events."""

from __future__ import annotations

from datetime import date
from typing import Any

from goldenthread.demo.cycle import load_cycle
from goldenthread.demo.data_cycle import CYCLE_TEMPLATES
from tests.api.world import World

CALENDAR = "/api/v1/calendar"
TEMPLATES = "/api/v1/cycle/templates"


async def _load_demo_cycle(world: World, year: int = 2008) -> None:
    async with world.app.state.sessionmaker() as session:
        await load_cycle(session, {}, (year,))
        await session.commit()


def _dates(items: list[dict[str, Any]], title: str) -> list[tuple[str, str]]:
    return [(i["starts_on"], i["due_on"]) for i in items if i["title"] == title]


def _due(items: list[dict[str, Any]], title: str) -> list[str]:
    return [due for _, due in _dates(items, title)]


async def test_the_demo_timetables_fall_on_the_right_dates_in_2008_09(world: World) -> None:
    await _load_demo_cycle(world)
    response = await world.client.get(f"{CALENDAR}?year=2008-09", headers=world.headers("perf"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["year"] == "2008-09"
    items = [i for i in body["items"] if i["kind"] == "event"]
    assert len({i["event"]["template_id"] for i in items}) == len(CYCLE_TEMPLATES)
    assert len(items) == 282
    assert [i["due_on"] for i in items] == sorted(i["due_on"] for i in items)
    # The framework's timetable: September, then January; windows over two months.
    assert _due(items, "Publish the Corporate Plan for the following three years") == ["2008-09-30"]
    assert _due(items, "Commitments review for the current year") == ["2008-09-30", "2009-01-30"]
    assert _dates(items, "Six months' budget and performance monitoring report") == [
        ("2008-11-01", "2008-12-31")
    ]
    # April/May: 26 May was the spring bank holiday and 31 May a Saturday.
    assert _dates(items, "Staff review and development interviews for all employees") == [
        ("2008-04-01", "2008-05-30")
    ]
    assert _due(items, "Confirm the budget") == ["2009-03-31"]
    assert _dates(items, "Twelve months' (outturn) budget and performance monitoring report") == [
        ("2008-05-01", "2008-06-30")
    ]
    # The strategy's cycle: quarterly in February, May, August and November.
    assert _due(items, "Quarterly finance and performance report") == [
        "2008-05-30",
        "2008-08-29",
        "2008-11-28",
        "2009-02-27",
    ]
    assert _due(items, "Quarterly review of risk registers") == _due(
        items, "Quarterly finance and performance report"
    )
    assert _due(
        items,
        "Quarterly meeting of the Leader and the Performance Management Board chair on "
        "scrutiny and audit",
    ) == ["2008-04-30", "2008-07-31", "2008-10-31", "2009-01-30"]
    assert _due(
        items, "Local Strategic Partnership Board meeting (with performance indicators)"
    ) == [
        "2008-04-30",
        "2008-06-30",
        "2008-09-30",
        "2008-11-28",
        "2009-01-30",
    ]
    monthly = _due(items, "Performance indicator report")
    assert len(monthly) == 12
    assert monthly[0] == "2008-04-30" and monthly[8] == "2008-12-31" and monthly[-1] == "2009-03-31"
    assert _due(items, "Value-for-money review future programme") == ["2008-12-31"]
    # The communications plan: a survey over September and October.
    assert _dates(items, "Annual satisfaction survey conducted") == [("2008-09-01", "2008-10-31")]
    best_value = next(i for i in items if i["title"].startswith("Publish Best Value"))
    assert best_value["due_on"] == "2008-06-30"
    assert best_value["category"] == "publication"
    assert best_value["event"]["links"] == [
        {"kind": "indicator_set", "reference": "BVPI", "label": "Best Value performance indicators"}
    ]
    # 2008 is long past: nothing was marked done, so everything was missed.
    assert {i["status"] for i in items} == {"missed"}
    # People are roles, never named people.
    assert {i["event"]["responsible_role"] for i in items} >= {
        "Head of Policy and Performance",
        "Corporate Performance Team",
    }


async def test_the_calendar_filters_by_category(world: World) -> None:
    await _load_demo_cycle(world)
    response = await world.client.get(
        f"{CALENDAR}?year=2008-09&category=commitments&category=risk",
        headers=world.headers("perf"),
    )
    items = response.json()["items"]
    assert {i["category"] for i in items} == {"commitments", "risk"}
    assert len([i for i in items if i["category"] == "commitments"]) == 5
    only_data = await world.client.get(
        f"{CALENDAR}?year=2008-09&category=data_collection", headers=world.headers("perf")
    )
    assert only_data.json()["items"] == []  # no indicators in this world yet
    bad = await world.client.get(f"{CALENDAR}?year=2008-10", headers=world.headers("perf"))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "year"
    unknown = await world.client.get(f"{CALENDAR}?category=parties", headers=world.headers("perf"))
    assert unknown.status_code == 422


async def test_data_deadlines_appear_in_the_calendar_beside_events(world: World) -> None:
    await world.create_indicator(code="NI 195a", frequency="monthly")
    await world.create_indicator(code="LPI 7", frequency="quarterly")
    response = await world.client.get(f"{CALENDAR}?year=2008-09", headers=world.headers("perf"))
    deadlines = {i["deadline"]["period"]: i for i in response.json()["items"]}
    assert len(deadlines) == 12 + 4
    december = deadlines["2008-09-M09"]
    assert december["kind"] == "deadline"
    assert december["category"] == "data_collection"
    assert december["title"] == "Data due: monthly figures for December 2008"
    # Ten working days after 31 December, skipping New Year's Day.
    assert december["due_on"] == "2009-01-15"
    assert december["starts_on"] == "2008-12-31"
    assert december["deadline"]["indicators"] == 1
    assert december["deadline"]["outstanding"] == 1
    assert december["status"] == "overdue"
    assert december["uid"] == "data-deadline-2008-09-M09@goldenthread"
    q3 = deadlines["2008-09-Q3"]
    assert q3["due_on"] == "2009-01-15"
    assert q3["title"] == "Data due: quarterly figures for Q3 2008-09 (October to December 2008)"


async def test_mine_shows_my_units_events_and_my_deadlines(world: World) -> None:
    headers = world.headers("perf")
    ours = await world.client.post(
        TEMPLATES,
        json={
            "title": "Waste performance clinic",
            "category": "performance_reporting",
            "recurrence": "quarterly",
            "month_of_quarter": 3,
            # The directorate above the owner's service.
            "org_unit_id": world.directorate_id,
        },
        headers=headers,
    )
    assert ours.status_code == 201, ours.text
    theirs = await world.client.post(
        TEMPLATES,
        json={
            "title": "Resources budget review",
            "category": "budget",
            "recurrence": "months",
            "months": [10],
            "org_unit_id": world.other_service_id,
        },
        headers=headers,
    )
    assert theirs.status_code == 201
    corporate = await world.client.post(
        TEMPLATES,
        json={
            "title": "Council Plan issued",
            "category": "publication",
            "recurrence": "months",
            "months": [3],
        },
        headers=headers,
    )
    assert corporate.status_code == 201
    assert (
        await world.client.post(
            "/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=headers
        )
    ).json() == {"year": "2008-09", "created": 6, "updated": 0, "unchanged": 0}
    await world.create_indicator(code="NI 192", frequency="annual", aggregation="last")
    mine = await world.client.get(
        f"{CALENDAR}?year=2008-09&mine=true", headers=world.headers("owner")
    )
    titles = [i["title"] for i in mine.json()["items"]]
    assert titles.count("Waste performance clinic") == 4
    assert "Resources budget review" not in titles
    # Council-wide events (no unit responsible) concern everyone.
    assert "Council Plan issued" in titles
    deadline = next(i for i in mine.json()["items"] if i["kind"] == "deadline")
    assert deadline["deadline"]["mine"] == [
        {
            "indicator_id": deadline["deadline"]["mine"][0]["indicator_id"],
            "code": "NI 192",
            "title": "Household waste recycled and composted",
            "state": "overdue",
        }
    ]
    assert deadline["uid"].endswith(f"-u{world.users['owner']}@goldenthread")
    by_unit = await world.client.get(
        f"{CALENDAR}?year=2008-09&org_unit={world.other_service_id}", headers=headers
    )
    assert [i["title"] for i in by_unit.json()["items"]] == ["Resources budget review"]
    someone_else = await world.client.get(
        f"{CALENDAR}?year=2008-09&mine=true", headers=world.headers("other")
    )
    # "other" sits in Waste too, so sees its events, but owns no indicator.
    assert {i["kind"] for i in someone_else.json()["items"]} == {"event"}
    assert {i["title"] for i in someone_else.json()["items"]} == {
        "Waste performance clinic",
        "Council Plan issued",
    }
    partner = await world.client.get(CALENDAR)
    assert partner.status_code == 401


async def test_the_demo_shows_long_past_events_done_and_recent_ones_missed(world: World) -> None:
    async with world.app.state.sessionmaker() as session:
        await load_cycle(session, {}, (2008,), today=date(2008, 10, 15))
        await session.commit()
    response = await world.client.get(f"{CALENDAR}?year=2008-09", headers=world.headers("perf"))
    items = response.json()["items"]
    august = [i for i in items if i["due_on"] == "2008-08-29"]
    assert august and {i["status"] for i in august} == {"done"}
    assert {i["event"]["done_by_name"] for i in august} == {"Corporate Performance Team"}
    september = [i for i in items if i["due_on"] == "2008-09-30"]
    assert september and {i["status"] for i in september} == {"missed"}
