"""The public performance page: no sign-in, only public indicators, only verified figures,
plain words, cacheable, CSV that a spreadsheet will not run, and a limit per address."""

from __future__ import annotations

import csv
import io
from typing import Any

from goldenthread.core.ratelimit import RateLimits
from tests.api.world import World
from tests.conftest import settings_for

URL = "/api/v1/public/indicators"


async def _put(world: World, indicator_id: int, kind: str, period: str, **body: Any) -> None:
    response = await world.client.put(
        f"/api/v1/indicators/{indicator_id}/{kind}/{period}",
        json=body,
        headers=world.headers("perf"),
    )
    assert response.status_code in (200, 201), response.text


async def _council(world: World) -> dict[str, int]:
    shown = await world.create_indicator(
        code="PUB 1",
        title="Percentage of household waste sent for reuse, recycling and composting",
        plain_title="How much of your rubbish is recycled",
        definition="Tonnes recycled or composted as a share of all household waste.",
        frequency="annual",
        aggregation="last",
        public=True,
    )
    for period, value, status in (
        ("2020-21", "40.0", "verified"),
        ("2021-22", "44.5", "verified"),
        ("2022-23", "77.7", "submitted"),
    ):
        await _put(world, shown["id"], "outturns", period, value=value, status=status)
    for period, value in (("2021-22", "44.0"), ("2022-23", "46.0")):
        await _put(world, shown["id"], "targets", period, value=value)
    draft_only = await world.create_indicator(
        code="PUB 2",
        title='=HYPERLINK("http://evil.example","click")',
        frequency="quarterly",
        aggregation="last",
        public=True,
    )
    await _put(world, draft_only["id"], "outturns", "2021-22-Q1", value="66.6", status="draft")
    hidden = await world.create_indicator(
        code="SECRET 1", title="Not for the public", frequency="annual", aggregation="last"
    )
    await _put(world, hidden["id"], "outturns", "2021-22", value="12.3", status="verified")
    return {"shown": shown["id"], "draft_only": draft_only["id"], "hidden": hidden["id"]}


async def test_only_public_indicators_and_verified_figures_are_shown(world: World) -> None:
    await _council(world)
    response = await world.client.get(URL)  # no sign-in
    assert response.status_code == 200, response.text
    assert "public" in response.headers["cache-control"]
    assert "max-age" in response.headers["cache-control"]
    text = response.text
    for leaked in ("77.7", "66.6", "12.3", "SECRET", "Not for the public"):
        assert leaked not in text, leaked
    page = response.json()
    (group,) = page["priorities"]
    assert group["priority"] == "Environment"  # the directorate above the service
    by_code = {i["code"]: i for i in group["indicators"]}
    assert set(by_code) == {"PUB 1", "PUB 2"}
    shown = by_code["PUB 1"]
    assert shown["title"] == "How much of your rubbish is recycled"
    assert shown["official_title"].startswith("Percentage of household waste")
    assert (shown["period"], shown["value"], shown["target"]) == ("2021-22", "44.5", "44.0")
    assert (shown["status"], shown["status_words"]) == ("green", "On target")
    assert (shown["trend"], shown["trend_words"]) == ("improving", "Getting better")
    assert [p["period"] for p in shown["series"]] == ["2020-21", "2021-22"]
    assert shown["definition"].startswith("Tonnes recycled")
    unverified = by_code["PUB 2"]
    assert unverified["value"] is None and unverified["series"] == []
    assert unverified["status"] == "no_data"


async def test_a_figure_verified_later_appears_and_changes_the_etag(world: World) -> None:
    ids = await _council(world)
    first = await world.client.get(URL)
    etag = first.headers["etag"]
    again = await world.client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    await _put(world, ids["shown"], "outturns", "2022-23", value="77.7", status="verified")
    changed = await world.client.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "77.7" in changed.text


async def test_csv_download_with_definitions_is_neutralised(world: World) -> None:
    await _council(world)
    for url, params in ((URL, {"format": "csv"}), (URL + ".csv", {})):
        response = await world.client.get(url, params=params)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(response.text)))
        by_code = {r["code"]: r for r in rows}
        assert set(by_code) == {"PUB 1", "PUB 2"}
        assert by_code["PUB 2"]["title"].startswith("'=HYPERLINK")
        assert by_code["PUB 1"]["definition"].startswith("Tonnes recycled")
        assert by_code["PUB 1"]["value"] == "44.5"
        assert "77.7" not in response.text
    download = await world.client.get(URL + ".json")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert download.json()["priorities"][0]["indicators"][0]["code"] == "PUB 1"


async def test_requests_are_limited_per_address(world: World) -> None:
    limits = world.app.state.rate_limits
    world.app.state.rate_limits = RateLimits(
        settings_for("sqlite://", rate_limit_public_address="2/minute")
    )
    try:
        assert (await world.client.get(URL)).status_code == 200
        assert (await world.client.get(URL + ".csv")).status_code == 200
        refused = await world.client.get(URL)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
    finally:
        world.app.state.rate_limits = limits


async def test_the_spec_declares_one_media_type_per_path(world: World) -> None:
    """Typed clients infer the body of the JSON paths; CSV is declared on .csv alone."""
    paths = world.app.openapi()["paths"]
    for path in (URL, URL + ".json"):
        get = paths[path]["get"]
        assert list(get["responses"]["200"]["content"]) == ["application/json"], path
        assert "format" not in [p["name"] for p in get.get("parameters", [])]
    assert list(paths[URL + ".csv"]["get"]["responses"]["200"]["content"]) == ["text/csv"]
