"""Ranks and quartiles computed from imported published data against the published tables.

The LGBF (Scotland) table ``sctpp_latest_values_2021-22_ranks.csv`` gives each council's
latest value of each indicator with its Scotland-wide rank (``ScotRank``, 1 = best) and
``ScotPct`` = rank / number of councils ranked (so the quartile is ceil(4 x ScotPct)), and the
same within its family group (``FamilyRank``, ``FamilyPct``). A council's latest value may be of
an earlier year than most (a survey not repeated, a late return): its rank is then among the
councils of that year, which the import holds too. Every row of a ranked indicator is
compared; the four Goldilocks indicators (best near a midpoint) are not ranked and are left
out, as the design says.

The data is read where the project keeps it, beside the repository (``../shared/data``).
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from goldenthread.benchmarking import sources
from goldenthread.core.principal import SYSTEM_ACTOR
from tests.api.world import World

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LGBF = DATA / "lgbf_scotland"
OFLOG = DATA / "oflog_england_asc"
US = "Stirling"
OFLOG_US = "E06000001"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.DictReader(source))


@pytest.fixture(scope="module")
def lgbf() -> tuple[sources.Dataset, list[dict[str, str]], dict[str, dict[str, str]]]:
    """The files read once for the module (both databases load the same)."""
    info = {row["Code_Sortable"]: row for row in _csv(LGBF / "sctpp_indicator_information.csv")}
    published = _csv(LGBF / "sctpp_latest_values_2021-22_ranks.csv")
    return sources.read_lgbf(LGBF, US), published, info


async def _load(world: World, data: sources.Dataset) -> sources.LoadReport:
    async with world.app.state.sessionmaker() as session:
        report = await sources.load_dataset(session, SYSTEM_ACTOR, data, world.council_id)
        await session.commit()
    return report


async def _indicator_ids(world: World, set_name: str) -> dict[str, int]:
    ids: dict[str, int] = {}
    cursor = None
    while True:
        params: dict[str, Any] = {"set": set_name, "limit": 500}
        if cursor:
            params["cursor"] = cursor
        page = (
            await world.client.get(
                "/api/v1/indicators", params=params, headers=world.headers("viewer")
            )
        ).json()
        ids.update({i["code"]: i["id"] for i in page["items"]})
        cursor = page["next_cursor"]
        if not cursor:
            return ids


async def _benchmark(world: World, indicator_id: int, year: str, group: str) -> dict[str, Any]:
    response = await world.client.get(
        f"/api/v1/indicators/{indicator_id}/benchmark",
        params={"year": year, "group": group},
        headers=world.headers("viewer"),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_lgbf_ranks_and_quartiles_match_the_published_table(
    world: World,
    lgbf: tuple[sources.Dataset, list[dict[str, str]], dict[str, dict[str, str]]],
) -> None:
    data, published, info = lgbf
    report = await _load(world, data)
    assert report.indicators_created == 108 and report.groups_created == 9
    assert report.values_created == len(data.values)
    ids = await _indicator_ids(world, "LGBF")
    family_of = {
        (row["Local_Authority"], row["Type"]): row["Family_Group"]
        for row in _csv(LGBF / "sctpp_family_groups.csv")
    }

    ranked = [r for r in published if info[r["Code"]]["Ranking_Type"] != "Goldilocks"]
    left_out = [r for r in published if info[r["Code"]]["Ranking_Type"] == "Goldilocks"]
    # The exclusions are the Goldilocks indicators only: four of them, 32 councils each.
    assert {r["Code"] for r in left_out} == {"CORP 03b", "CORP 03c", "CORP 11", "CORP 12"}
    assert len(ranked) + len(left_out) == len(published) == 3113

    # League tables, one summary per group and year: every indicator, every council's rank.
    tables: dict[tuple[str, int], dict[str, dict[str, dict[str, Any]]]] = {}

    async def standing(code: str, period: str, group: str) -> dict[str, dict[str, Any]]:
        year, label = sources.year_of(period)
        if (group, year) not in tables:
            response = await world.client.get(
                "/api/v1/benchmarking/summary",
                params={
                    "group": group,
                    "year": f"{year}-{(year + 1) % 100:02d}",
                    "comparators": "true",
                },
                headers=world.headers("viewer"),
            )
            assert response.status_code == 200, response.text
            tables[(group, year)] = {
                item["code"]: {
                    c["name"]: {**c, "n": item["number_ranked"]} for c in item["comparators"]
                }
                for item in response.json()["items"]
            }
        table = tables[(group, year)][code]
        assert all(c["period_label"] == label for c in table.values())
        return table

    compared = family_compared = 0
    mismatches: list[str] = []
    for row in ranked:
        code, period, council = row["Code"], row["Period"], row["LocalAuthority"]
        mine = (await standing(code, period, sources.LGBF_SCOTLAND))[council]
        rank, n = mine["rank"], mine["n"]
        published_rank = int(float(row["ScotRank"]))
        published_pct = Fraction(row["ScotPct"]).limit_denominator(1000)
        if rank != published_rank or Fraction(rank, n) != published_pct:
            mismatches.append(f"{code} {period} {council}: {rank}/{n} vs {row['ScotRank']}")
        # The quartile is ceil(4 x ScotPct).
        assert mine["quartile"] == math.ceil(4 * Fraction(rank, n))
        assert mine["quartile"] == math.ceil(4 * published_pct)
        compared += 1

        family = sources.family_group_code(
            family_of[(council, info[code]["FamilyGrouping"])], info[code]["FamilyGrouping"]
        )
        mine = (await standing(code, period, family))[council]
        family_pct = Fraction(row["FamilyPct"]).limit_denominator(1000)
        if (
            mine["rank"] != int(float(row["FamilyRank"]))
            or Fraction(mine["rank"], mine["n"]) != family_pct
        ):
            mismatches.append(f"family {code} {period} {council}: {mine['rank']}/{mine['n']}")
        family_compared += 1
    print(f"LGBF: {compared} Scotland-wide and {family_compared} family ranks compared")
    assert mismatches == []
    assert compared == family_compared == 2985

    # The council itself: its standing as the indicator page shows it.
    stirling = next(r for r in ranked if r["LocalAuthority"] == US and r["Code"] == "C&L 01")
    page = await _benchmark(world, ids["C&L 01"], "2021-22", sources.LGBF_SCOTLAND)
    assert page["us"]["name"] == US and page["own"]["source"] == "comparator"
    assert page["rank"] == int(float(stirling["ScotRank"]))
    goldilocks = await _benchmark(world, ids["CORP 03c"], "2021-22", sources.LGBF_SCOTLAND)
    assert goldilocks["ranked"] is False and goldilocks["rank"] is None


async def test_oflog_medians_and_nearest_neighbour_family(world: World) -> None:
    data = sources.read_oflog(OFLOG, OFLOG_US)
    await _load(world, data)
    ids = await _indicator_ids(world, "OFLOG")
    rows = _csv(OFLOG / "oflog_asc_measures_2015-16_to_2022-23.csv")
    values: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    published_median: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (f"OFLOG {row['Code']}", row["Financial year"])
        published_median[key] = Decimal(row["MEDIAN"])
        if row["Value"].strip():
            values[key][row["Local authority code"]] = Decimal(row["Value"])

    # England-wide medians, every measure and year, from the summary a report column uses.
    compared = 0
    for year in sorted({y for _, y in values}):
        summary = await world.client.get(
            "/api/v1/benchmarking/summary",
            params={"group": sources.OFLOG_ENGLAND, "year": year},
            headers=world.headers("viewer"),
        )
        assert summary.status_code == 200, summary.text
        for item in summary.json()["items"]:
            key = (item["code"], year)
            median = Decimal(item["median"])
            assert median == statistics.median(values[key].values())
            # The published MEDIAN column agrees to the precision it is published at.
            assert abs(median - published_median[key]) < Decimal("0.000001"), key
            compared += 1
    print(f"Oflog: {compared} England-wide medians compared")
    assert compared == len(values) == 42

    # The council's nearest-neighbour family, computed here from the files alone.
    with (OFLOG / "oflog_nearest_neighbours.json").open() as source:
        family = set(json.load(source)[OFLOG_US]) | {OFLOG_US}
    group = f"OFLOG-NN-{OFLOG_US}"
    checked = 0
    for year in sorted({y for _, y in values}):
        summary = await world.client.get(
            "/api/v1/benchmarking/summary",
            params={"group": group, "year": year, "comparators": "true"},
            headers=world.headers("viewer"),
        )
        for item in summary.json()["items"]:
            in_family = {c: v for c, v in values[(item["code"], year)].items() if c in family}
            assert {c["code"] for c in item["comparators"]} == set(in_family)
            assert Decimal(item["median"]) == statistics.median(in_family.values())
            if item["polarity"] != "none" and OFLOG_US in in_family:
                mine = in_family[OFLOG_US]
                rank = 1 + sum(1 for v in in_family.values() if v > mine)
                assert (item["rank"], item["number_ranked"]) == (rank, len(in_family))
                assert item["quartile"] == math.ceil(Fraction(4 * rank, len(in_family)))
            checked += 1
    assert checked == 42

    # The indicator page shows the same family standing.
    page = await _benchmark(world, ids["OFLOG ASC5"], "2021-22", group)
    in_family = {c: v for c, v in values[("OFLOG ASC5", "2021-22")].items() if c in family}
    assert Decimal(page["statistics"]["median"]) == statistics.median(in_family.values())
    assert page["us"]["code"] == OFLOG_US and page["number_ranked"] == len(in_family)
