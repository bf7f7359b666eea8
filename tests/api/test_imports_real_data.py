"""Imports of real public data: one Scottish council's LGBF values (2010-11 to 2020-21), with
the faults real files have, and a real council workbook.

The files are read where the project keeps them, beside the repository (``../shared/data``).
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from goldenthread.indicators.models import Indicator
from goldenthread.indicators.rules import normalise_code
from tests.api.importing import XLSX_TYPE, errors_by_row, send, stored_outturns
from tests.api.world import World

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "lgbf_scotland"
COUNCIL = "Stirling"


def _council_rows() -> list[dict[str, str]]:
    with (DATA / "lgbf_values_long_2010-11_to_2020-21.csv").open(encoding="utf-8") as source:
        return [r for r in csv.DictReader(source) if r["local_authority"] == COUNCIL]


async def _register_key_indicators(world: World, rows: list[dict[str, str]]) -> set[str]:
    """The council's headline indicators (key_indicator = Yes), annual, polarity as published."""
    polarity = {"Yes": "higher_is_better", "No": "lower_is_better"}
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["key_indicator"] == "Yes":
            seen.setdefault(row["indicator_code"], row)
    async with world.app.state.sessionmaker() as session:
        for code, row in seen.items():
            display, key = normalise_code(code)
            session.add(
                Indicator(
                    code=display,
                    code_key=key,
                    title=row["title"][:300],
                    unit="score",
                    polarity=polarity.get(row["one_is_high"], "none"),
                    frequency="annual",
                    aggregation="last",
                    organisation_id=world.council_id,
                )
            )
        await session.commit()
    return set(seen)


def _csv(rows: list[tuple[str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator_code", "period", "value"])
    writer.writerows(rows)
    return out.getvalue()


async def test_a_councils_published_values_import_once_fixed(world: World) -> None:
    rows = _council_rows()
    codes = await _register_key_indicators(world, rows)
    as_published = [
        (r["indicator_code"], r["year"], r["value"]) for r in rows if r["indicator_code"] in codes
    ]
    response = await send(world, "outturns", _csv(as_published))
    assert response.status_code == 422
    errors = errors_by_row(response)
    body = response.json()
    assert body["rows_read"] == len(as_published) and body["written"] is False
    # Real faults: rolling multi-year periods, gaps, and more decimal places than are kept.
    by_row = {number: as_published[number - 2] for number in errors}
    multi_year = [
        n for n, (_, year, _) in by_row.items() if int(year[5:]) != (int(year[2:4]) + 1) % 100
    ]
    assert multi_year, "the published file has rolling periods such as 2010-14"
    number = multi_year[0]
    assert errors[number][0][0] == "period"
    assert "the year after" in errors[number][0][2]
    gaps = [n for n, (_, _, value) in by_row.items() if value == ""]
    assert gaps and all(("value", None, "required") in errors[n] for n in gaps)
    long = [n for n, (_, _, value) in by_row.items() if len(value.partition(".")[2]) > 8]
    assert long and all("round it" in errors[n][-1][2] for n in long)
    assert await stored_outturns(world) == {}

    fixed = [
        (code, year, str(Decimal(value).quantize(Decimal("1e-8"), rounding=ROUND_HALF_UP)))
        for code, year, value in as_published
        if value and int(year[5:]) == (int(year[2:4]) + 1) % 100
    ]
    imported = await send(world, "outturns", _csv(fixed))
    assert imported.status_code == 200, imported.text[:2000]
    assert imported.json()["created"] == len(fixed) > 900
    stored = await stored_outturns(world)
    chn1 = next(
        o
        for o in stored.values()
        if o.period == "2010-11" and o.value is not None and str(o.value).startswith("4977.")
    )
    assert str(chn1.value) == "4977.10993460"

    again = await send(world, "outturns", _csv(fixed))
    assert again.json()["unchanged"] == len(fixed)
    exported = await world.client.get(
        "/api/v1/exports/outturns?format=xlsx", headers=world.headers("perf")
    )
    round_trip = await send(world, "outturns", exported.content, content_type=XLSX_TYPE)
    assert round_trip.status_code == 200, round_trip.text[:2000]
    assert round_trip.json()["unchanged"] == len(fixed)


async def test_a_real_council_workbook_is_read_and_its_layout_explained(world: World) -> None:
    workbook = (DATA / "lgbf_raw_benchmark_data_IS.xlsx").read_bytes()
    response = await send(world, "outturns", workbook, content_type=XLSX_TYPE, sheet="Raw Data")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "No header row naming indicator_code and period" in detail
    assert "local_authority, chn1_2010_11" in detail and "more" in detail
