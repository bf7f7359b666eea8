"""The benchmark column of the integrated performance report: rank and quartile among a
comparator group for each exception and highlight, in JSON, Excel and PDF, as the indicator's
own benchmark gives them, in a fixed number of extra queries."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pypdfium2 as pdfium
from fastapi import FastAPI
from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import event

from goldenthread.demo.benchmarks import FAMILY_CODE
from goldenthread.demo.loader import DEMO_PASSWORD, load_demo
from tests.api.ipr_world import PERIOD, build, get_ipr, put_indicator
from tests.api.world import World

CSV = {"Content-Type": "text/csv"}
COUNCILS = ("E1", "E2", "E3", "E4", "E5")


async def _family(world: World, codes: dict[str, tuple[int, ...]]) -> dict[str, Any]:
    """A group of five with us as E1, and the given figures (E1 first) for 2007-08 to 2009-10."""
    response = await world.client.post(
        "/api/v1/benchmarking/groups",
        json={
            "code": "FAMILY",
            "name": "Nearest neighbours",
            "kind": "nearest_neighbours",
            "members": [{"code": c, "name": f"Council {c}"} for c in COUNCILS],
            "us": "E1",
        },
        headers=world.headers("perf"),
    )
    assert response.status_code == 201, response.text
    await _values(world, codes)
    group: dict[str, Any] = response.json()
    return group


async def _values(world: World, codes: dict[str, tuple[int, ...]]) -> None:
    lines = ["indicator_code,period,council_code,value"]
    for code, figures in codes.items():
        for year, shift in (("2007-08", 10), ("2008-09", 0), ("2009-10", -10)):
            lines += [
                f"{code},{year},{c},{v + shift}" for c, v in zip(COUNCILS, figures, strict=True)
            ]
    response = await world.client.post(
        "/api/v1/benchmarking/values",
        content="\r\n".join(lines).encode(),
        headers={**world.headers("perf"), **CSV},
    )
    assert response.status_code == 200, response.text


async def test_exceptions_and_highlights_carry_rank_and_quartile(world: World) -> None:
    await build(world)
    # Us (E1) first: RED 1 is 40 among 30 to 60.
    await _family(world, {"RED 1": (40, 50, 45, 30, 60), "GRN 1": (55, 50, 45, 30, 60)})
    plain = await get_ipr(world)
    assert plain["benchmark_group"] is None and plain["exceptions"][0]["benchmark"] is None

    report = await get_ipr(world, benchmark_group="family")
    assert report["benchmark_group"]["code"] == "FAMILY"
    # The latest comparator year not after the report's: 2008-09, not 2009-10.
    assert report["benchmark_year"] == "2008-09"
    by_code = {e["code"]: e["benchmark"] for e in report["exceptions"]}
    assert by_code["RED 2"] is None
    cell = by_code["RED 1"]
    expected = await world.client.get(
        f"/api/v1/indicators/{report['exceptions'][0]['indicator_id']}/benchmark",
        params={"group": "FAMILY", "year": "2008-09"},
        headers=world.headers("viewer"),
    )
    body = expected.json()
    assert (cell["rank"], cell["ranked"], cell["quartile"]) == (
        body["rank"],
        body["number_ranked"],
        body["quartile"],
    )
    assert cell["group"] == "Nearest neighbours" and cell["year"] == "2008-09"
    assert cell["words"] == f"{_nth(cell['quartile'])} of 4 (rank {cell['rank']} of 5)"
    green = next(h for h in report["highlights"] if h["code"] == "GRN 1")
    assert green["benchmark"]["ranked"] == 5

    older = await get_ipr(
        world, benchmark_group=str(report["benchmark_group"]["id"]), benchmark_year="2007-08"
    )
    assert older["benchmark_year"] == "2007-08"

    params = {"period": PERIOD, "benchmark_group": "FAMILY"}
    xlsx = await world.client.get(
        "/api/v1/reports/ipr.xlsx", params=params, headers=world.headers("viewer")
    )
    assert xlsx.status_code == 200, xlsx.text
    sheet = load_workbook(io.BytesIO(xlsx.content))["Exceptions"]
    header = [c.value for c in sheet[1]]
    column = next(i for i, h in enumerate(header) if str(h).startswith("Quartile"))
    values = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert values == {"RED 1": cell["words"], "RED 2": "No comparator figures"}

    pdf = await world.client.get(
        "/api/v1/reports/ipr.pdf", params=params, headers=world.headers("viewer")
    )
    document = pdfium.PdfDocument(pdf.content)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert f"Quartile: {cell['words']}" in " ".join(text.split())


def _nth(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}[n]


async def test_an_unknown_group_or_year_is_named(world: World) -> None:
    for params, field in (
        ({"benchmark_group": "NOPE"}, "benchmark_group"),
        ({"benchmark_group": "99999999999999999999"}, "benchmark_group"),
        ({"benchmark_group": "NOPE", "benchmark_year": "2008-09-Q1"}, "benchmark_year"),
    ):
        response = await world.client.get(
            "/api/v1/reports/ipr",
            params={"period": PERIOD, **params},
            headers=world.headers("viewer"),
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_the_column_takes_a_fixed_number_of_queries(world: World) -> None:
    engine = world.app.state.engine.sync_engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def queries(**params: Any) -> int:
        world.app.state.status_cache = type(world.app.state.status_cache)(4)
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            await get_ipr(world, **params)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    await build(world)
    await _family(world, {"RED 1": (40, 50, 45, 30, 60)})
    plain = await queries()
    few = await queries(benchmark_group="FAMILY")
    for n in range(4):
        await put_indicator(world, f"MORE {n}", "40", "40")
    await _values(world, {f"MORE {n}": (40, 50, 45, 30, 60) for n in range(4)})
    assert await queries(benchmark_group="FAMILY") == few
    assert few - plain <= 12, (few, plain)  # group, year, summary (with statuses)


async def test_the_demo_report_ranks_as_the_indicator_page(
    app: FastAPI, client: AsyncClient
) -> None:
    today = date.today()
    async with app.state.sessionmaker() as session:
        summary = await load_demo(session, app.state.settings, today=today)
        await session.commit()
    token = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "viewer", "password": DEMO_PASSWORD},
    )
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    # The demo's red indicators have no comparator figures; some of its amber ones have.
    response = await client.get(
        "/api/v1/reports/ipr",
        params={
            "period": summary.latest_complete_year,
            "benchmark_group": FAMILY_CODE,
            "include_amber": "true",
        },
        headers=headers,
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["benchmark_year"] == summary.latest_complete_year
    with_data = [e for e in report["exceptions"] + report["highlights"] if e["benchmark"]]
    assert any(e in report["exceptions"] for e in with_data), "an exception is benchmarked"
    assert any(e["benchmark"] is None for e in report["exceptions"])
    for entry in with_data:
        cell = entry["benchmark"]
        page = await client.get(
            f"/api/v1/indicators/{entry['indicator_id']}/benchmark",
            params={"group": FAMILY_CODE, "year": cell["year"]},
            headers=headers,
        )
        body = page.json()
        assert (cell["rank"], cell["ranked"], cell["quartile"]) == (
            body["rank"],
            body["number_ranked"],
            body["quartile"],
        ), entry["code"]
