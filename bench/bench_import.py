"""Benchmark: bulk import of outturns through the API, beside the database's raw bulk path.

For each backend this registers monthly indicators, writes a CSV file of 100,000 outturns,
serves the app with uvicorn in a separate process and uploads the file to
``POST /api/v1/imports/outturns`` (the whole file, validated, written with the audit trail, in
one transaction). Beside it, the same rows go into a plain table with the raw bulk path:
``COPY`` on PostgreSQL, one ``executemany`` in one transaction on SQLite. To show what the
import's own writes cost apart from reading and checking the file, the same rows also go,
already prepared, through the import's bulk path (the real outturns table with its indexes and
foreign key, and an audit entry for each row) into a fresh database. It then measures the
server's peak memory (VmHWM of the uvicorn process, a fresh one per file) importing 100,000
and 1,000,000 rows. It prints figures; it asserts nothing.

    python bench/bench_import.py [--rows 100000] [--big-rows 1000000] [--big-on SQLite PostgreSQL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg
import httpx
from common import SECRET, Server, bearer, drop_postgres, postgres_database, postgres_reachable
from sqlalchemy import insert

from goldenthread.core.config import Settings
from goldenthread.core.db import create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.imports.bulk import open_bulk
from goldenthread.imports.outturn_table import ROWS
from goldenthread.indicators.models import Indicator
from goldenthread.organisations.models import Organisation, OrganisationKind
from goldenthread.periods.rules import MIN_YEAR, Frequency, period_of
from goldenthread.users.models import User

INDICATORS = 1000
RATIO_EVERY = 5  # one indicator in five is a ratio (numerator and denominator)
IMPORT_SETTINGS = {
    "GT_IMPORT_MAX_ROWS": "5000000",
    "GT_IMPORT_MAX_BYTES": "1000000000",
    # Nothing subscribes here; the dispatcher would only poll the database.
    "GT_WEBHOOKS_ENABLED": "false",
}


@dataclass
class Outcome:
    rows: int
    seconds: float
    summary: dict[str, object]

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def months(count: int) -> list[str]:
    return [period_of(Frequency.MONTHLY, MIN_YEAR + n // 12, n % 12 + 1).code for n in range(count)]


def outturn_rows(total: int) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(code, period, value, numerator, denominator, commentary), indicator by indicator."""
    per_indicator = -(-total // INDICATORS)
    periods = months(per_indicator)
    produced = 0
    for n in range(INDICATORS):
        ratio = n % RATIO_EVERY == 0
        for p, period in enumerate(periods):
            if produced == total:
                return
            produced += 1
            seed = (n * 7919 + p * 104729) % 10007
            if ratio:
                yield f"B {n:04d}", period, "", str(50 + seed % 900), str(1000 + seed), ""
            else:
                commentary = "on track" if seed % 10 == 0 else ""
                yield f"B {n:04d}", period, f"{seed / 100:.2f}", "", "", commentary


def write_csv(path: Path, total: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("indicator_code,period,value,numerator,denominator,commentary\r\n")
        for row in outturn_rows(total):
            out.write(",".join(row) + "\r\n")


def stored_rows(total: int) -> list[tuple[object, ...]]:
    """The same rows as the import stores them, for the raw bulk path."""
    now = datetime.now(UTC)
    rows: list[tuple[object, ...]] = []
    for index, (code, period, value, num, den, commentary) in enumerate(outturn_rows(total)):
        indicator_id = int(code[2:]) + 1
        year = int(period[:4])
        numerator = Decimal(num) if num else None
        denominator = Decimal(den) if den else None
        figure = Decimal(value) if value else numerator / denominator * 100  # type: ignore[operator]
        rows.append(
            (
                index + 1,
                indicator_id,
                period,
                year,
                figure,
                numerator,
                denominator,
                commentary,
                "draft",
                "import",
                "user:1 Bench",
                "Bench",
                None,
                None,
                now,
                now,
                1,
            )
        )
    return rows


# The outturns table's columns, in the order of ``stored_rows``.
COLUMNS = (
    "id",
    "indicator_id",
    "period",
    "year",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "status",
    "provenance",
    "updated_by",
    "updated_by_name",
    "verified_by_name",
    "verified_at",
    "created_at",
    "updated_at",
    "version",
)


async def populate(url: str) -> None:
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    await upgrade(engine)
    async with engine.begin() as conn:
        org_id = (
            await conn.execute(
                insert(Organisation).returning(Organisation.id),
                [{"name": "Bench Council", "short_name": "BC", "kind": OrganisationKind.COUNCIL}],
            )
        ).scalar_one()
        await conn.execute(
            insert(User),
            [
                {
                    "username": "bench",
                    "full_name": "Bench",
                    "role": Role.PERFORMANCE,
                    "organisation_id": org_id,
                    "password_hash": "x",
                    "email": "bench@example.org",
                }
            ],
        )
        await conn.execute(
            insert(Indicator),
            [
                {
                    "code": f"B {n:04d}",
                    "code_key": f"b {n:04d}",
                    "title": f"Indicator {n}",
                    "definition": "",
                    "procedure_note": "",
                    "unit": "percent",
                    "decimal_places": 1,
                    "polarity": "higher_is_better",
                    "frequency": "monthly",
                    "aggregation": "ratio" if n % RATIO_EVERY == 0 else "last",
                    "multiplier": Decimal(100),
                    "tolerance_percent": Decimal(5),
                    "organisation_id": org_id,
                    "shared_with_partners": False,
                    "public": False,
                    "lifecycle": "active",
                    "version": 1,
                }
                for n in range(INDICATORS)
            ],
        )
    await engine.dispose()


async def upload(server: Server, path: Path, rows: int) -> Outcome:
    headers = {**bearer(1, Role.PERFORMANCE), "Content-Type": "text/csv"}

    async def chunks() -> AsyncIterator[bytes]:
        with path.open("rb") as source:
            while block := source.read(1 << 20):
                yield block

    async with httpx.AsyncClient(timeout=600) as client:
        started = time.perf_counter()
        response = await client.post(
            f"{server.base}/api/v1/imports/outturns", content=chunks(), headers=headers
        )
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"import failed: {response.status_code} {response.text[:500]}")
    return Outcome(rows, elapsed, response.json())


async def raw_copy(url: str, rows: list[tuple[object, ...]]) -> float:
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute("DROP TABLE IF EXISTS bench_plain")
        await conn.execute("CREATE TABLE bench_plain AS SELECT * FROM outturns WITH NO DATA")
        started = time.perf_counter()
        async with conn.transaction():
            await conn.copy_records_to_table("bench_plain", records=rows, columns=list(COLUMNS))
        return time.perf_counter() - started
    finally:
        await conn.close()


def raw_executemany(path: Path, rows: list[tuple[object, ...]]) -> float:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("DROP TABLE IF EXISTS bench_plain")
        connection.execute("CREATE TABLE bench_plain AS SELECT * FROM outturns WHERE 0")
        stored = [
            tuple(
                str(v)
                if isinstance(v, Decimal)
                else v.strftime("%Y-%m-%d %H:%M:%S.%f")
                if isinstance(v, datetime)
                else v
                for v in row
            )
            for row in rows
        ]
        marks = ", ".join("?" * len(COLUMNS))
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany(
            f"INSERT INTO bench_plain ({', '.join(COLUMNS)}) VALUES ({marks})", stored
        )
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def line(label: str, rows: int, seconds: float) -> str:
    return f"  {label:<46} {rows:>9,} rows {seconds:>7.2f} s {rows / seconds:>10,.0f} rows/s"


async def writes_alone(url: str, total: int) -> float:
    """The import's bulk path alone, for rows already read and checked: new rows by chunk into
    the outturns table with an audit entry each, committed, as the import writes them."""
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    try:
        async with engine.connect() as conn:
            bulk = await open_bulk(conn)
            now = bulk.timestamp(datetime.now(UTC))
            shared = ("draft", None, None, "import", "user:1", "Bench", now, now, 1)
            fixed = list(zip(ROWS.fixed, shared, strict=True))
            prefix = (now, "user", 1, "Bench", "import")
            rows = [
                (row[1], row[2], row[3], *(bulk.decimal(v) for v in row[4:7]), row[7])  # type: ignore[arg-type]
                for row in stored_rows(total)
            ]
            chunks = [rows[start : start + 10_000] for start in range(0, total, 10_000)]
            started = time.perf_counter()
            for chunk in chunks:
                await bulk.insert_created(
                    ROWS.name,
                    ROWS.insert,
                    chunk,
                    fixed,
                    ROWS.entity,
                    ROWS.snapshot,
                    prefix,
                    ROWS.after,
                )
            await conn.commit()
            return time.perf_counter() - started
    finally:
        await engine.dispose()


async def raw(label: str, url: str, rows: list[tuple[object, ...]]) -> float:
    if label == "PostgreSQL":
        return await raw_copy(url, rows)
    return raw_executemany(Path(url.split("///", 1)[1]), rows)


async def bench_backend(
    label: str, make_url: object, args: argparse.Namespace, folder: Path
) -> None:
    print(f"\n{label}")
    small, big = folder / "outturns-small.csv", folder / "outturns-big.csv"
    url = await make_url()  # type: ignore[operator]
    rows = stored_rows(args.rows)
    try:
        await populate(url)
        # The raw path is timed just before and just after the import, and the two averaged,
        # so that load from elsewhere on the machine weighs on both sides alike.
        before = await raw(label, url, rows)
        async with Server(url, IMPORT_SETTINGS) as server:
            idle = server.peak_mb()
            first = await upload(server, small, args.rows)
            again = await upload(server, small, args.rows)
            peak_small = server.peak_mb()
        after = await raw(label, url, rows)
        bulk = (before + after) / 2
        if label == "PostgreSQL":
            raw_label, aim = "raw COPY into a plain table", 0.33
        else:
            raw_label, aim = "raw executemany, one transaction", 0.50
        assert first.summary["created"] == args.rows and again.summary["unchanged"] == args.rows
    finally:
        del rows
        await drop(label, url)
    url = await make_url()  # type: ignore[operator]
    try:
        await populate(url)
        alone = await writes_alone(url, args.rows)
    finally:
        await drop(label, url)
    print(line("API import (new rows, with audit trail)", args.rows, first.seconds))
    print(line("API import again (every row unchanged)", args.rows, again.seconds))
    print(line(raw_label + " (mean of two)", args.rows, bulk))
    print(line("the import's database writes alone", args.rows, alone))
    print(f"  API import at {bulk / first.seconds:.2f} x the raw rate (aim: at least {aim})")
    print(
        f"  the import's writes alone, prepared rows: {bulk / alone:.2f} x the raw rate "
        "(the outturns table's indexes and foreign key, an audit entry per row)"
    )
    if label not in args.big_on:
        print(
            f"  server peak memory (VmHWM): idle {idle:.0f} MB, {args.rows:,} rows "
            f"{peak_small:.0f} MB"
        )
        return
    url = await make_url()  # type: ignore[operator]
    try:
        await populate(url)
        async with Server(url, IMPORT_SETTINGS) as server:
            outcome = await upload(server, big, args.big_rows)
            peak_big = server.peak_mb()
        print(line("API import, large file", args.big_rows, outcome.seconds))
        print(
            f"  server peak memory (VmHWM): idle {idle:.0f} MB, {args.rows:,} rows "
            f"{peak_small:.0f} MB, {args.big_rows:,} rows {peak_big:.0f} MB "
            "(aim: under 300 MB and nearly the same)"
        )
    finally:
        await drop(label, url)


async def drop(label: str, url: str) -> None:
    if label != "PostgreSQL":
        Path(url.split("///", 1)[1]).unlink(missing_ok=True)  # noqa: ASYNC240 — a moment
        return
    await drop_postgres(url)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument(
        "--big-on",
        nargs="*",
        default=["SQLite"],
        choices=("SQLite", "PostgreSQL"),
        help="Backends that also import the large file (peak memory); SQLite by default, "
        "to keep the run within a few minutes",
    )
    args = parser.parse_args()
    print(
        f"Golden Thread import benchmark on {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, one uvicorn worker; {INDICATORS} monthly indicators, "
        f"one in {RATIO_EVERY} a ratio"
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_csv(folder / "outturns-small.csv", args.rows)
        if args.big_on:
            write_csv(folder / "outturns-big.csv", args.big_rows)

        async def postgres_url() -> str:
            url = await postgres_database()
            if url is None:
                raise RuntimeError("PostgreSQL stopped answering")
            return url

        async def sqlite_url() -> str:
            return f"sqlite+aiosqlite:///{folder / f'bench-{uuid.uuid4().hex[:6]}.db'}"

        if args.backend in ("both", "postgresql"):
            if await postgres_reachable():
                await bench_backend("PostgreSQL", postgres_url, args, folder)
            else:
                print("\nPostgreSQL: not reachable; skipped")
        if args.backend in ("both", "sqlite"):
            await bench_backend("SQLite", sqlite_url, args, folder)


if __name__ == "__main__":
    asyncio.run(main())
