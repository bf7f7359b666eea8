"""Benchmark: the partner LAA feed, whole and answered 304, beside a trivial endpoint.

For each backend (SQLite, and PostgreSQL where it answers) this builds 200 monthly LAA
indicators with three years of targets and outturns (7,200 outturns), registers a partner
client, serves the app with one uvicorn worker in a separate process and drives it over HTTP
from this process with a client-credentials token. It prints figures; it asserts nothing.

    python bench/bench_feed.py            (--indicators 200 --requests 3000)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from decimal import Decimal

import httpx
from common import SECRET, Server, drive, run_on_each_backend
from sqlalchemy import insert

from goldenthread.clients import service as clients
from goldenthread.clients.schemas import ApiClientCreate
from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.organisations.models import Organisation, OrganisationKind
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Frequency, periods_in_year
from goldenthread.targets.models import Target

CLIENT_ID = "bench-partner"
CLIENT_SECRET = "bench-partner-secret"
YEARS = (2006, 2007, 2008)
FEED = "/api/v1/feeds/laa?limit=500"


async def populate(url: str, indicators: int) -> None:
    """Fill a migrated database with LAA indicators, figures and one partner client."""
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    await upgrade(engine)
    rng = random.Random(7)
    aggregations = ["sum", "ratio", "last", "mean"]
    polarities = ["higher_is_better", "lower_is_better", "target_band", "none"]
    async with engine.begin() as conn:
        council, partner = (
            await conn.execute(
                insert(Organisation).returning(Organisation.id),
                [
                    {"name": "Bench Council", "short_name": "BC", "kind": OrganisationKind.COUNCIL},
                    {"name": "Bench Trust", "short_name": "BT", "kind": OrganisationKind.HEALTH},
                ],
            )
        ).scalars()
        rows = [
            {
                "code": f"LAA {n:04d}",
                "code_key": f"laa {n:04d}",
                "title": f"Partnership indicator {n}",
                "definition": "A partnership measure of the Local Area Agreement.",
                "procedure_note": "",
                "unit": "percent",
                "decimal_places": 1,
                "polarity": polarities[n % 4],
                "frequency": "monthly",
                "aggregation": aggregations[(n // 4) % 4],
                "multiplier": Decimal(100),
                "tolerance_percent": Decimal(5),
                "organisation_id": council,
                "lead_organisation_id": partner if n % 3 == 0 else None,
                "shared_with_partners": False,
                "public": False,
                "lifecycle": "active",
                "version": 1,
            }
            for n in range(indicators)
        ]
        ids = list((await conn.execute(insert(Indicator).returning(Indicator.id), rows)).scalars())
        await conn.execute(
            insert(IndicatorSet),
            [{"indicator_id": i, "name": s} for i in ids for s in ("LAA", "NI")],
        )
        targets, outturns = [], []
        for n, indicator_id in enumerate(ids):
            band = polarities[n % 4] == "target_band"
            ratio = aggregations[(n // 4) % 4] == "ratio"
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
    async with Sessions(engine)() as session:
        await clients.create_client(
            session,
            ApiClientCreate(
                client_id=CLIENT_ID,
                name="Bench partner",
                organisation_id=partner,
                scopes=["laa:read", "indicators:read"],
            ),
            settings,
            "bench",
            secret=CLIENT_SECRET,
        )
        await session.commit()
    await engine.dispose()


async def serve_and_drive(label: str, url: str, args: argparse.Namespace) -> None:
    settings = {
        # The benchmark is one client far past any real allowance: count, but never refuse.
        "GT_RATE_LIMIT_CLIENT": "1000000/minute",
        "GT_RATE_LIMIT_SIGN_IN_ADDRESS": "1000/minute",
        "GT_WEBHOOKS_ENABLED": "false",
    }
    async with Server(url, settings) as server:
        base = server.base
        async with httpx.AsyncClient(base_url=base) as http:
            token = await http.post(
                "/api/v1/auth/token",
                data={"grant_type": "client_credentials"},
                auth=(CLIENT_ID, CLIENT_SECRET),
            )
            token.raise_for_status()
            headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
            first = await http.get(FEED, headers=headers)
            first.raise_for_status()
            etag = first.headers["etag"]
            items = first.json()["items"]
            outturns = sum(len(i["outturns"]) for i in items)
            since = first.json()["next_since"]
        print(
            f"  the feed: {len(items)} indicators, {outturns:,} outturns, "
            f"{len(first.content) / 1024:,.0f} KiB of JSON"
        )
        n = args.requests
        results = [
            await drive(base, "GET /healthz (trivial)", ["/healthz"] * n, 8, headers),
            await drive(
                base,
                "GET /feeds/laa, If-None-Match (304)",
                [f"{FEED}&since={since}"] * n,
                8,
                {**headers, "If-None-Match": etag},
                304,
            ),
            await drive(
                base, "GET /feeds/laa (whole, JSON)", [FEED] * args.full_requests, 2, headers
            ),
            await drive(
                base,
                "GET /feeds/laa (whole, CSV)",
                [f"{FEED}&format=csv"] * args.full_requests,
                2,
                headers,
            ),
            await drive(
                base,
                "GET /feeds/laa?since (nothing new)",
                [f"{FEED}&since={since}"] * (n // 3),
                8,
                headers,
            ),
        ]
        for result in results:
            print(result.line(body=True))
        trivial, not_modified = results[0], results[1]
        print(
            f"  304 answers at {not_modified.rate / trivial.rate:.2f} x the trivial endpoint's "
            "rate (aim: at least 0.5)"
        )


async def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    await populate(url, args.indicators)
    print(
        f"\n{label}: {args.indicators} monthly LAA indicators, {len(YEARS)} years of targets "
        f"and outturns ({args.indicators * 12 * len(YEARS):,} outturns) loaded in "
        f"{time.perf_counter() - started:.1f} s"
    )
    await serve_and_drive(label, url, args)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--full-requests", type=int, default=60)
    args = parser.parse_args()
    print(
        f"Golden Thread partner feed benchmark on {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, one uvicorn worker, token by client credentials"
    )
    await run_on_each_backend(lambda label, url: bench_backend(label, url, args))


if __name__ == "__main__":
    asyncio.run(main())
