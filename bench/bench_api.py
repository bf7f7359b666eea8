"""Benchmark: request rate and latency of the status and indicator endpoints.

For each backend (SQLite, and PostgreSQL where it answers) this builds a register of 1,000
monthly indicators with three years of targets and outturns, serves the app with uvicorn in a
separate process, and drives it over HTTP from this process. Each endpoint is printed beside a
trivial endpoint of the same app measured in the same run. It prints figures; it asserts nothing.

    make bench            (or: python bench/bench_api.py --indicators 1000)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from decimal import Decimal

from common import SECRET, Server, bearer, drive, run_on_each_backend
from sqlalchemy import insert

from goldenthread.core.config import Settings
from goldenthread.core.db import create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.organisations.models import Organisation, OrganisationKind
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Frequency, periods_in_year
from goldenthread.targets.models import Target
from goldenthread.users.models import User

YEARS = (2006, 2007, 2008)


async def populate(url: str, indicators: int) -> tuple[int, int]:
    """Fill a migrated database; returns the first indicator id and the reader's user id."""
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    await upgrade(engine)
    rng = random.Random(7)
    aggregations = ["sum", "ratio", "last", "mean"]
    polarities = ["higher_is_better", "lower_is_better", "target_band", "none"]
    async with engine.begin() as conn:
        org_id = (
            await conn.execute(
                insert(Organisation).returning(Organisation.id),
                [{"name": "Bench Council", "short_name": "BC", "kind": OrganisationKind.COUNCIL}],
            )
        ).scalar_one()
        # The account the benchmark's requests are made as (tokens are checked against it).
        reader_id = (
            await conn.execute(
                insert(User).returning(User.id),
                [
                    {
                        "username": "reader",
                        "full_name": "Bench reader",
                        "role": Role.VIEWER,
                        "organisation_id": org_id,
                        "password_hash": "x",
                    }
                ],
            )
        ).scalar_one()
        rows = [
            {
                "code": f"B {n:04d}",
                "code_key": f"b {n:04d}",
                "title": f"Indicator {n}",
                "definition": "",
                "procedure_note": "",
                "unit": "percent",
                "decimal_places": 1,
                "polarity": polarities[n % 4],
                "frequency": "monthly",
                "aggregation": aggregations[(n // 4) % 4],
                "multiplier": Decimal(100),
                "tolerance_percent": Decimal(5),
                "organisation_id": org_id,
                "shared_with_partners": False,
                "public": False,
                "lifecycle": "active",
                "version": 1,
            }
            for n in range(indicators)
        ]
        ids = list((await conn.execute(insert(Indicator).returning(Indicator.id), rows)).scalars())
        await conn.execute(insert(IndicatorSet), [{"indicator_id": i, "name": "NI"} for i in ids])
        targets, outturns = [], []
        for n, indicator_id in enumerate(ids):
            band = polarities[n % 4] == "target_band"
            for year in YEARS:
                targets.append(
                    {
                        "indicator_id": indicator_id,
                        "period": f"{year}-{(year + 1) % 100:02d}",
                        "year": year,
                        "value": None if band else Decimal(60),
                        "low": Decimal(55) if band else None,
                        "high": Decimal(65) if band else None,
                        "note": "",
                        "version": 1,
                    }
                )
                for period in periods_in_year(year, Frequency.MONTHLY):
                    den = Decimal(rng.randint(50, 150))
                    num = (den * Decimal(rng.randint(45, 75)) / 100).quantize(Decimal(1))
                    ratio = aggregations[(n // 4) % 4] == "ratio"
                    outturns.append(
                        {
                            "indicator_id": indicator_id,
                            "period": period.code,
                            "year": year,
                            "value": (num / den * 100).quantize(Decimal("0.01"))
                            if ratio
                            else Decimal(rng.randint(450, 750)) / 10,
                            "numerator": num if ratio else None,
                            "denominator": den if ratio else None,
                            "commentary": "",
                            "status": "verified",
                            "provenance": "import",
                            "version": 1,
                        }
                    )
        await conn.execute(insert(Target), targets)
        for start in range(0, len(outturns), 5000):
            await conn.execute(insert(Outturn), outturns[start : start + 5000])
    await engine.dispose()
    return ids[0], reader_id


async def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    first_id, reader_id = await populate(url, args.indicators)
    print(
        f"\n{label}: {args.indicators} monthly indicators, {len(YEARS)} years of targets and "
        f"outturns ({args.indicators * 36:,} outturns) loaded in "
        f"{time.perf_counter() - started:.1f} s"
    )
    for cache_entries in (0, 32):
        await serve_and_drive(label, url, first_id, reader_id, args, cache_entries)


async def serve_and_drive(
    label: str,
    url: str,
    first_id: int,
    reader_id: int,
    args: argparse.Namespace,
    cache_entries: int,
) -> None:
    async with Server(url, {"GT_STATUS_CACHE_ENTRIES": str(cache_entries)}) as server:
        base = server.base
        headers = bearer(reader_id, Role.VIEWER)
        status = "/api/v1/status?period=2008-09-M12"
        if cache_entries == 0:
            print(
                f"  status cache off: every /status request computes all {args.indicators} statuses"
            )
            rng = random.Random(11)
            n = args.requests
            results = [
                await drive(base, "GET /healthz (trivial)", ["/healthz"] * n, 8, headers),
                await drive(
                    base,
                    "GET /api/v1/indicators/{id}",
                    [
                        f"/api/v1/indicators/{first_id + rng.randrange(args.indicators)}"
                        for _ in range(n)
                    ],
                    8,
                    headers,
                ),
                await drive(
                    base,
                    "GET /api/v1/status (computed)",
                    [status] * args.status_requests,
                    1,
                    headers,
                ),
            ]
            trivial, single = results[0], results[1]
            for result in results:
                print(result.line())
            ratio = single.rate / trivial.rate
            print(f"  single indicator read at {ratio:.2f} x the trivial endpoint's rate")
        else:
            print(
                f"  status cache on ({cache_entries} entries): figures unchanged between requests"
            )
            results = [
                await drive(
                    base, "GET /healthz (trivial)", ["/healthz"] * args.requests, 8, headers
                ),
                await drive(
                    base,
                    "GET /api/v1/status (cached, 1 client)",
                    [status] * args.status_requests * 5,
                    1,
                    headers,
                ),
                await drive(
                    base,
                    "GET /api/v1/status (cached, 4 clients)",
                    [status] * args.status_requests * 5,
                    4,
                    headers,
                ),
            ]
            for result in results:
                print(result.line())


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--status-requests", type=int, default=60)
    args = parser.parse_args()
    print(
        f"Golden Thread benchmark on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        "one uvicorn worker"
    )
    await run_on_each_backend(lambda label, url: bench_backend(label, url, args))


if __name__ == "__main__":
    asyncio.run(main())
