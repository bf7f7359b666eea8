"""The LAA feed: the whole document, incremental sync with tombstones, ETag and 304, cursor
pages, CSV, and the demo partner's view of the demo council."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from goldenthread.feeds.schemas import FeedPage
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

FEED = "/api/v1/feeds/laa"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def _setup(world: World) -> dict[str, dict[str, Any]]:
    made = {
        "laa": await world.create_indicator(code="NI 130", sets=["LAA"]),
        "shared": await world.create_indicator(code="NI 8", sets=["NI"], shared_with_partners=True),
        "private": await world.create_indicator(code="LPI ENV-07", sets=["LOCAL"]),
        "other": await world.create_indicator(code="NI 16", sets=["LAA", "NI"]),
    }
    perf = world.headers("perf")
    for indicator in made.values():
        url = f"/api/v1/indicators/{indicator['id']}"
        for period, value in (("2008-09-Q1", 40), ("2008-09-Q2", 45)):
            response = await world.client.put(
                f"{url}/outturns/{period}", json={"value": value}, headers=perf
            )
            assert response.status_code == 201
        await world.client.put(f"{url}/targets/2008-09", json={"value": 50}, headers=perf)
    return made


async def test_the_whole_feed_has_every_partner_indicator_with_its_figures(world: World) -> None:
    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    response = await world.client.get(FEED, headers=headers)
    assert response.status_code == 200, response.text
    page = response.json()
    FeedPage.model_validate(page)  # the answer keeps the documented contract
    assert page["since"] is None and page["next_cursor"] is None
    assert page["period"] == "2008-09-Q2"
    assert page["next_since"].endswith("Z")
    assert [i["code"] for i in page["items"]] == ["NI 130", "NI 8", "NI 16"]
    first = page["items"][0]
    assert first["complete"] is True and first["removed"] is False
    assert first["indicator"]["sets"] == ["LAA"]
    assert "owner_id" not in first["indicator"]
    assert [o["period"] for o in first["outturns"]] == ["2008-09-Q1", "2008-09-Q2"]
    assert first["outturns"][1]["value"] == "45"
    assert [t["period"] for t in first["targets"]] == ["2008-09"]
    status = first["status"]
    assert status["period"] == "2008-09-Q2" and status["rag"] == "red"
    assert status["actual"] == "45.0" and status["target"] == "50.0"  # one decimal place
    assert made["private"]["id"] not in {i["id"] for i in page["items"]}
    at_q1 = await world.client.get(f"{FEED}?period=2008-09-Q1", headers=headers)
    assert at_q1.json()["items"][0]["status"]["actual"] == "40.0"


async def test_if_none_match_gets_a_304_until_something_changes(world: World) -> None:
    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    first = await world.client.get(FEED, headers=headers)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = await world.client.get(FEED, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    # The ETag is the state of the feed: an incremental poll that holds it is answered 304.
    since = await world.client.get(
        f"{FEED}?since={_stamp()}", headers={**headers, "If-None-Match": etag}
    )
    assert since.status_code == 304
    await world.client.put(
        f"/api/v1/indicators/{made['laa']['id']}/outturns/2008-09-Q2",
        json={"value": 46},
        headers=world.headers("perf"),
    )
    changed = await world.client.get(FEED, headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


async def test_since_returns_just_the_change(world: World) -> None:
    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    before = _stamp()
    changed = await world.client.put(
        f"/api/v1/indicators/{made['laa']['id']}/outturns/2008-09-Q2",
        json={"value": 52, "commentary": "Revised"},
        headers=world.headers("perf"),
    )
    assert changed.status_code == 200
    response = await world.client.get(f"{FEED}?since={before}", headers=headers)
    page = response.json()
    assert page["since"] is not None
    assert len(page["items"]) == 1
    item = page["items"][0]
    assert item["code"] == "NI 130" and item["complete"] is False
    assert [(o["period"], o["value"], o["commentary"]) for o in item["outturns"]] == [
        ("2008-09-Q2", "52", "Revised")
    ]
    assert item["targets"] == [] and item["removed_outturns"] == []
    assert item["status"]["rag"] == "green"  # the status moves with the figure
    nothing = await world.client.get(f"{FEED}?since={_stamp()}", headers=headers)
    assert nothing.json()["items"] == []


async def test_deletions_and_indicators_leaving_the_feed_come_as_tombstones(
    world: World,
) -> None:
    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    perf = world.headers("perf")
    before = _stamp()
    laa, other, shared, private = (made[k]["id"] for k in ("laa", "other", "shared", "private"))
    deleted = await world.client.delete(
        f"/api/v1/indicators/{laa}/outturns/2008-09-Q1", headers=perf
    )
    assert deleted.status_code == 204
    await world.client.delete(f"/api/v1/indicators/{laa}/targets/2008-09", headers=perf)
    left = await world.client.patch(
        f"/api/v1/indicators/{other}", json={"sets": ["NI"]}, headers=perf
    )
    assert left.status_code == 200
    retired = await world.client.post(f"/api/v1/indicators/{shared}/retire", headers=perf)
    assert retired.status_code == 200
    # Figures of an indicator partners never saw are not mentioned, not even as a tombstone.
    await world.client.put(
        f"/api/v1/indicators/{private}/outturns/2008-09-Q3", json={"value": 1}, headers=perf
    )
    page = (await world.client.get(f"{FEED}?since={before}", headers=headers)).json()
    FeedPage.model_validate(page)
    by_id = {i["id"]: i for i in page["items"]}
    assert set(by_id) == {laa, other, shared}
    assert by_id[laa]["removed_outturns"] == ["2008-09-Q1"]
    assert by_id[laa]["removed_targets"] == ["2008-09"]
    assert by_id[laa]["outturns"] == [] and by_id[laa]["complete"] is False
    for gone in (other, shared):
        assert by_id[gone]["removed"] is True and by_id[gone]["indicator"] is None
    assert by_id[other]["code"] == "NI 16" and by_id[shared]["code"] == "NI 8"
    whole = (await world.client.get(FEED, headers=headers)).json()
    assert [i["code"] for i in whole["items"]] == ["NI 130"]


async def test_an_indicator_joining_the_feed_comes_whole(world: World) -> None:
    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    before = _stamp()
    private = made["private"]["id"]
    joined = await world.client.patch(
        f"/api/v1/indicators/{private}",
        json={"sets": ["LAA", "LOCAL"]},
        headers=world.headers("perf"),
    )
    assert joined.status_code == 200
    page = (await world.client.get(f"{FEED}?since={before}", headers=headers)).json()
    (item,) = page["items"]
    assert item["id"] == private and item["complete"] is True
    assert [o["period"] for o in item["outturns"]] == ["2008-09-Q1", "2008-09-Q2"]
    assert [t["period"] for t in item["targets"]] == ["2008-09"]


async def test_pages_follow_the_cursor_and_share_one_next_since(world: World) -> None:
    await _setup(world)
    for n in range(3):
        await world.create_indicator(code=f"LAA {n}", sets=["LAA"])
    headers = await partner_headers(world, await register_client(world))
    seen: list[str] = []
    next_since: set[str] = set()
    url: str | None = f"{FEED}?limit=2"
    pages = 0
    while url:
        page = (await world.client.get(url, headers=headers)).json()
        pages += 1
        seen += [i["code"] for i in page["items"]]
        next_since.add(page["next_since"])
        url = f"{FEED}?limit=2&cursor={page['next_cursor']}" if page["next_cursor"] else None
    assert pages == 3
    assert sorted(seen) == sorted(["NI 130", "NI 8", "NI 16", "LAA 0", "LAA 1", "LAA 2"])
    assert len(seen) == len(set(seen)) and len(next_since) == 1
    bad = await world.client.get(f"{FEED}?cursor=not-a-cursor", headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"


async def test_csv_by_format_or_accept_header_is_spreadsheet_safe(world: World) -> None:
    await _setup(world)
    await world.create_indicator(code="NI 1", title="=HYPERLINK(1)", sets=["LAA"])
    headers = await partner_headers(world, await register_client(world))
    by_param = await world.client.get(f"{FEED}?format=csv", headers=headers)
    by_accept = await world.client.get(FEED, headers={**headers, "Accept": "text/csv"})
    assert by_param.status_code == by_accept.status_code == 200
    assert by_param.headers["content-type"].startswith("text/csv")
    assert by_accept.headers["content-type"].startswith("text/csv")
    assert (
        by_param.headers["etag"] != (await world.client.get(FEED, headers=headers)).headers["etag"]
    )
    assert by_param.headers["gt-period"] == "2008-09-Q2"
    rows = list(csv.DictReader(io.StringIO(by_param.text)))
    assert {r["record"] for r in rows} == {"indicator", "status", "target", "outturn"}
    outturns = [(r["code"], r["period"], r["value"]) for r in rows if r["record"] == "outturn"]
    assert ("NI 130", "2008-09-Q2", "45") in outturns
    titles = {r["code"]: r["title"] for r in rows if r["record"] == "indicator"}
    assert titles["NI 1"] == "'=HYPERLINK(1)"
    json_preferred = await world.client.get(
        FEED, headers={**headers, "Accept": "application/json, text/csv;q=0.5"}
    )
    assert json_preferred.headers["content-type"].startswith("application/json")


async def test_bad_parameters_are_named(world: World) -> None:
    headers = await partner_headers(world, await register_client(world))
    for query, field in (
        ("since=yesterday", "since"),
        ("since=2026-11-25T09:30:00", "since"),
        ("period=2008-10", "period"),
        ("limit=0", "limit"),
        ("format=xml", "format"),
    ):
        response = await world.client.get(f"{FEED}?{query}", headers=headers)
        assert response.status_code == 422, query
        assert response.json()["errors"][0]["field"] == field, query
    plus_as_space = await world.client.get(
        f"{FEED}?since=2026-11-25T09:30:00+00:00", headers=headers
    )
    assert plus_as_space.status_code == 200


async def test_the_feed_needs_the_laa_scope(world: World) -> None:
    headers = await partner_headers(
        world, await register_client(world, scopes=("indicators:read",))
    )
    response = await world.client.get(FEED, headers=headers)
    assert response.status_code == 403 and response.json()["error"] == "insufficient_scope"
    staff = await world.client.get(FEED, headers=world.headers("viewer"))
    assert staff.status_code == 200


async def test_the_304_decision_may_trust_a_recent_version_reading(world: World) -> None:
    """A 304 is decided from the figures version read in the last second; this process's own
    commits refresh it at once, and an answer with a body always reads it afresh."""
    from sqlalchemy import update

    from goldenthread.audit.models import FiguresVersion
    from goldenthread.feeds.cache import VersionCache

    made = await _setup(world)
    headers = await partner_headers(world, await register_client(world))
    versions = world.app.state.feed_versions
    world.app.state.feed_versions = VersionCache(3600)  # a reading that stays "recent"
    try:
        etag = (await world.client.get(FEED, headers=headers)).headers["etag"]
        conditional = {**headers, "If-None-Match": etag}
        assert (await world.client.get(FEED, headers=conditional)).status_code == 304
        # Another worker's commit (simulated: the counter moves outside any session here).
        async with world.app.state.engine.begin() as conn:
            await conn.execute(update(FiguresVersion).values(version=FiguresVersion.version + 1))
        assert (await world.client.get(FEED, headers=conditional)).status_code == 304
        fresh = await world.client.get(FEED, headers=headers)
        assert fresh.status_code == 200 and fresh.headers["etag"] != etag
        # A change committed by this process is seen at once.
        again = {**headers, "If-None-Match": fresh.headers["etag"]}
        assert (await world.client.get(FEED, headers=again)).status_code == 304
        await world.client.put(
            f"/api/v1/indicators/{made['laa']['id']}/outturns/2008-09-Q2",
            json={"value": 47},
            headers=world.headers("perf"),
        )
        assert (await world.client.get(FEED, headers=again)).status_code == 200
    finally:
        world.app.state.feed_versions = versions
