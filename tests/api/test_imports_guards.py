"""Imports: idempotency keys, limits that protect the server, who may import what, and that a
failure part-way leaves the database exactly as before."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from goldenthread.audit.models import FiguresVersion
from goldenthread.core.db import utcnow
from goldenthread.imports import service
from goldenthread.imports.bulk import PostgresBulk, SqliteBulk, StaleRows
from goldenthread.imports.models import ImportKey
from goldenthread.imports.outturns import OutturnImport
from tests.api.importing import (
    XLSX_TYPE,
    audit_count,
    csv_text,
    errors_by_row,
    send,
    stored_outturns,
)
from tests.api.partners import partner_headers, register_client
from tests.api.world import World

BODY = csv_text("indicator_code,period,value", "NI 192,2008-09-Q1,45", "NI 192,2008-09-Q2,46")


async def test_an_idempotency_key_replays_the_first_answer(world: World) -> None:
    await world.create_indicator()
    key = {"Idempotency-Key": "import-2008-09-q1"}
    first = await send(world, "outturns", BODY, headers=world.headers("perf", **key))
    assert first.status_code == 200 and first.json()["created"] == 2
    replay = await send(world, "outturns", BODY, headers=world.headers("perf", **key))
    assert replay.status_code == 200
    assert replay.json() == first.json()  # the first answer, not "2 unchanged"
    assert replay.headers["idempotent-replayed"] == "true"
    other = await send(
        world, "outturns", BODY.replace("46", "47"), headers=world.headers("perf", **key)
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    dry = await send(world, "outturns", BODY, headers=world.headers("perf", **key), dry_run=True)
    assert dry.status_code == 422  # other options make another request
    # Keys belong to their caller: the same key from someone else is a new request.
    elsewhere = await send(world, "outturns", BODY, headers=world.headers("admin", **key))
    assert elsewhere.status_code == 200 and elsewhere.json()["unchanged"] == 2


async def test_a_rejected_file_is_replayed_as_rejected(world: World) -> None:
    await world.create_indicator()
    key = {"Idempotency-Key": "k-1"}
    body = csv_text("indicator_code,period,value", "NI 192,2008-09-Q1,lots")
    first = await send(world, "outturns", body, headers=world.headers("perf", **key))
    replay = await send(world, "outturns", body, headers=world.headers("perf", **key))
    assert first.status_code == replay.status_code == 422
    assert replay.json() == first.json()


async def test_a_key_still_running_gets_409_until_it_is_stale(world: World) -> None:
    await world.create_indicator()
    key = {"Idempotency-Key": "k-running"}
    first = await send(world, "outturns", BODY, headers=world.headers("perf", **key))
    assert first.status_code == 200
    # As if the first request were still being processed (or its server had stopped).
    async with world.app.state.sessionmaker() as session:
        await session.execute(
            update(ImportKey).values(state="running", status_code=None, answer=None)
        )
        await session.commit()
    running = await send(world, "outturns", BODY, headers=world.headers("perf", **key))
    assert running.status_code == 409
    assert running.headers["retry-after"] == "5"
    async with world.app.state.sessionmaker() as session:
        await session.execute(update(ImportKey).values(created_at=utcnow() - timedelta(hours=1)))
        await session.commit()
    taken_over = await send(world, "outturns", BODY, headers=world.headers("perf", **key))
    assert taken_over.status_code == 200 and taken_over.json()["unchanged"] == 2


async def test_malformed_idempotency_keys_are_refused(world: World) -> None:
    response = await send(
        world, "outturns", BODY, headers=world.headers("perf", **{"Idempotency-Key": "a b"})
    )
    assert response.status_code == 422


async def test_a_failure_part_way_leaves_the_database_as_before(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.create_indicator(frequency="monthly")
    monkeypatch.setattr(service, "CHUNK_ROWS", 3)
    original = OutturnImport.write
    calls = 0

    async def fail_on_the_third_chunk(self: OutturnImport, run: object, rows: list[object]) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("the server stops here")
        await original(self, run, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(OutturnImport, "write", fail_on_the_third_chunk)
    months = [f"NI 192,2008-09-M{m:02d},{m}" for m in range(1, 13)]
    key = {"Idempotency-Key": "k-crash"}
    with pytest.raises(RuntimeError, match="the server stops here"):
        await send(
            world,
            "outturns",
            csv_text("indicator_code,period,value", *months),
            headers=world.headers("perf", **key),
        )
    assert calls == 3  # two chunks had been written inside the transaction
    assert await stored_outturns(world) == {}
    assert await audit_count(world, "outturn") == 0
    monkeypatch.setattr(OutturnImport, "write", original)
    retried = await send(
        world,
        "outturns",
        csv_text("indicator_code,period,value", *months),
        headers=world.headers("perf", **key),
    )
    assert retried.status_code == 200 and retried.json()["created"] == 12


async def test_an_import_moves_the_figures_version(world: World) -> None:
    await world.create_indicator()

    async def version() -> int:
        async with world.app.state.sessionmaker(write=False) as session:
            return int(await session.scalar(select(FiguresVersion.version)) or 0)

    before = await version()
    await send(world, "outturns", BODY)
    after = await version()
    assert after > before
    await send(world, "outturns", BODY)  # all unchanged
    assert await version() == after


async def test_files_over_the_size_limit_get_413(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.app.state.settings, "import_max_bytes", 40)
    declared = await send(world, "outturns", BODY)
    assert declared.status_code == 413
    assert "larger than 40 bytes" in declared.json()["detail"]

    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"indicator_code,period,value\r\n"

    streamed = await world.client.post(
        "/api/v1/imports/outturns",
        content=chunks(),
        headers=world.headers("perf", **{"Content-Type": "text/csv"}),
    )
    assert streamed.status_code == 413


async def test_a_key_repeated_in_a_later_chunk_is_unchanged_or_rejected(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The indicator has nothing stored, so its keys are not looked up; yet a key met in an
    # earlier chunk of the same file is, and compared with what that chunk wrote.
    await world.create_indicator(frequency="monthly")
    monkeypatch.setattr(service, "CHUNK_ROWS", 2)
    header = "indicator_code,period,value"
    first, second = "NI 192,2008-09-M01,1", "NI 192,2008-09-M02,2"
    same = await send(world, "outturns", csv_text(header, first, second, first), dry_run=True)
    assert same.status_code == 200, same.text
    assert (same.json()["created"], same.json()["unchanged"]) == (2, 1)
    differs = await send(world, "outturns", csv_text(header, first, second, "NI 192,2008-09-M01,7"))
    assert differs.status_code == 422
    assert [(e["row"], e["column"]) for e in differs.json()["errors"]] == [(4, "period")]
    assert "with different figures" in differs.json()["errors"][0]["message"]
    assert await stored_outturns(world) == {}


async def test_files_over_the_row_limit_get_413_and_write_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.create_indicator(frequency="monthly")
    monkeypatch.setattr(world.app.state.settings, "import_max_rows", 5)
    monkeypatch.setattr(service, "CHUNK_ROWS", 2)
    months = [f"NI 192,2008-09-M{m:02d},{m}" for m in range(1, 7)]
    response = await send(world, "outturns", csv_text("indicator_code,period,value", *months))
    assert response.status_code == 413
    assert "more than 5 rows" in response.json()["detail"]
    assert await stored_outturns(world) == {}


async def test_excel_zip_bombs_are_refused_before_parsing(world: World) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        for _ in range(40):
            member.write(b"\0" * 500_000)
    response = await send(world, "outturns", buffer.getvalue(), content_type=XLSX_TYPE)
    assert response.status_code == 422
    assert "zip bomb" in response.json()["detail"]
    garbage = await send(world, "outturns", b"PK\x03\x04 not really", content_type=XLSX_TYPE)
    assert garbage.status_code == 422
    assert "not an Excel workbook" in garbage.json()["detail"]


async def test_over_long_cells_are_rejected(world: World) -> None:
    await world.create_indicator()
    body = csv_text("indicator_code,period,value,commentary", f"NI 192,2008-09-Q1,4,{'x' * 9000}")
    response = await send(world, "outturns", body)
    assert response.status_code == 422
    assert errors_by_row(response)[2] == [
        ("commentary", None, "longer than 8000 characters (9000): shorten it")
    ]


async def test_contributors_import_their_own_indicators_only(world: World) -> None:
    await world.create_indicator()
    await world.create_indicator(code="NI 193", owner_id=world.users["other"], deputy_id=None)
    body = csv_text("indicator_code,period,value", "NI 192,2008-09-Q1,4", "NI 193,2008-09-Q1,5")
    as_owner = await send(world, "outturns", body, user="owner")
    assert as_owner.status_code == 422
    assert list(errors_by_row(as_owner)) == [3]
    as_viewer = await send(world, "outturns", body, user="viewer")
    assert as_viewer.json()["rejected"] == 2
    as_deputy = await send(world, "outturns", csv_text(*body.splitlines()[:2]), user="deputy")
    assert as_deputy.status_code == 200


async def test_retired_indicators_take_no_imported_figures(world: World) -> None:
    created = await world.create_indicator()
    await world.client.post(
        f"/api/v1/indicators/{created['id']}/retire", headers=world.headers("perf")
    )
    response = await send(world, "outturns", BODY)
    assert response.status_code == 422
    assert "retired" in errors_by_row(response)[2][0][2]


async def test_partner_clients_import_outturns_of_the_indicators_they_lead(world: World) -> None:
    led = await world.create_indicator(
        code="NI 20", lead_organisation_id=world.health_id, sets=["LAA"]
    )
    await world.create_indicator(code="NI 21", sets=["LAA"])  # led by nobody
    await world.create_indicator(code="LPI 1", sets=["LOCAL"])  # not shared with partners
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    body = csv_text(
        "indicator_code,period,value",
        "NI 20,2008-09-Q1,4",
        "NI 21,2008-09-Q1,4",
        "LPI 1,2008-09-Q1,4",
    )
    refused = await send(world, "outturns", body, headers=headers)
    assert refused.status_code == 422
    errors = errors_by_row(refused)
    assert set(errors) == {3, 4}
    assert "may not write" in errors[3][0][2]
    # What a partner may not see is unknown to it, not forbidden.
    assert errors[4] == [("indicator_code", "LPI 1", "unknown indicator code 'LPI 1'")]
    accepted = await send(world, "outturns", csv_text(*body.splitlines()[:2]), headers=headers)
    assert accepted.status_code == 200, accepted.text
    stored = (await stored_outturns(world))[(led["id"], "2008-09-Q1")]
    assert stored.provenance.value == "partner"
    targets = await send(
        world,
        "targets",
        csv_text("indicator_code,period,value", "NI 20,2008-09,4"),
        headers=headers,
    )
    assert targets.status_code == 422
    assert "may not write targets" in errors_by_row(targets)[2][0][2]


async def test_imported_figures_are_announced_to_webhook_subscribers(world: World) -> None:
    await world.create_indicator(code="NI 130", sets=["LAA"])
    await world.create_indicator(code="LPI 2", sets=["LOCAL"])
    partner = await register_client(world)
    headers = await partner_headers(world, partner)
    hook = await world.client.post(
        "/api/v1/webhooks", json={"url": "https://partner.example/hooks"}, headers=headers
    )
    assert hook.status_code == 201, hook.text
    body = csv_text("indicator_code,period,value", "NI 130,2008-09-Q1,4", "LPI 2,2008-09-Q1,4")
    assert (await send(world, "outturns", body)).status_code == 200
    await send(world, "outturns", body.replace(",4\r\nLPI", ",5\r\nLPI"))
    queued = await world.client.get(
        f"/api/v1/webhooks/{hook.json()['id']}/deliveries", headers=headers
    )
    # Only the shared indicator's changes, as for changes made one at a time.
    assert sorted(d["event_type"] for d in queued.json()) == ["outturn.created", "outturn.updated"]


async def test_rows_changed_meanwhile_abort_the_import_with_409(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.create_indicator(frequency="monthly")
    monkeypatch.setattr(service, "CHUNK_ROWS", 4)
    calls = 0

    def stale_on_the_second_chunk(cls: type) -> None:
        original = cls.insert

        async def insert(self: object, table: str, *args: object) -> None:
            nonlocal calls
            if table == "outturns":
                calls += 1
                if calls == 2:
                    raise StaleRows(table)
            await original(self, table, *args)

        monkeypatch.setattr(cls, "insert", insert)

    stale_on_the_second_chunk(PostgresBulk)
    stale_on_the_second_chunk(SqliteBulk)
    months = [f"NI 192,2008-09-M{m:02d},{m}" for m in range(1, 13)]
    response = await send(world, "outturns", csv_text("indicator_code,period,value", *months))
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["detail"]
    assert await stored_outturns(world) == {}
    assert await audit_count(world, "outturn") == 0
