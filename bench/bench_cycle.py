"""Benchmark: the annual cycle's reads over a large register.

For each backend (SQLite, and PostgreSQL where it answers) this builds a register of 1,000
indicators (monthly, quarterly and annual) in four directorates, with a year of outturns and
their audit entries (some figures missing, some still drafts), and the demo's cycle templates
instantiated for 2008-09 and the years around today. It serves the app with uvicorn in a
separate process and drives it over HTTP: the register's deadlines, the late-data view, a
contributor's deadlines, the calendar and the iCalendar feed, beside a trivial endpoint; then
times a reminder dry run over the whole register in this process. It prints figures; it
asserts nothing.

    python bench/bench_cycle.py --indicators 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
from common import SECRET, Server, add_services, bearer, drive, run_on_each_backend
from sqlalchemy import insert

from goldenthread.audit.models import AuditEntry
from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.demo.cycle import load_cycle
from goldenthread.indicators.models import Indicator
from goldenthread.organisations.models import (
    Organisation,
    OrganisationKind,
)
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Frequency, period_containing, periods_in_year
from goldenthread.periods.workdays import today_in_london
from goldenthread.reminders import service as reminders
from goldenthread.users.models import User

YEAR = 2008
AS_OF = "2009-01-20"
DIRECTORATES = ("Children", "Adults", "Place", "Resources")
SERVICES_PER_DIRECTORATE = 5


async def populate(url: str, count: int) -> tuple[int, int]:
    """Fill a migrated database; returns the ids of a performance officer and an owner."""
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    await upgrade(engine)
    rng = random.Random(7)
    async with engine.begin() as conn:
        org = (
            await conn.execute(
                insert(Organisation).returning(Organisation.id),
                [{"name": "Bench Council", "short_name": "BC", "kind": OrganisationKind.COUNCIL}],
            )
        ).scalar_one()
        services = await add_services(conn, org, DIRECTORATES, SERVICES_PER_DIRECTORATE)
        people = [
            {
                "username": f"owner{n}",
                "full_name": f"Owner {n}",
                "email": f"owner{n}@council.example",
                "password_hash": "x",
                "role": Role.CONTRIBUTOR if n else Role.PERFORMANCE,
                "organisation_id": org,
                "org_unit_id": services[n % len(services)],
                "active": True,
            }
            for n in range(len(services) * 2)
        ]
        user_ids = list((await conn.execute(insert(User).returning(User.id), people)).scalars())
        frequencies = [Frequency.MONTHLY] * 6 + [Frequency.QUARTERLY] * 3 + [Frequency.ANNUAL]
        indicators = [
            {
                "code": f"B {n:04d}",
                "code_key": f"b {n:04d}",
                "title": f"Indicator {n}",
                "definition": "",
                "procedure_note": "",
                "unit": "count",
                "decimal_places": 0,
                "polarity": "higher_is_better",
                "frequency": frequencies[n % len(frequencies)],
                "aggregation": "sum",
                "multiplier": Decimal(1),
                "tolerance_percent": Decimal(5),
                "organisation_id": org,
                "org_unit_id": services[n % len(services)],
                "owner_id": user_ids[1 + n % (len(user_ids) - 1)],
                "shared_with_partners": False,
                "public": False,
                "lifecycle": "active",
                "version": 1,
            }
            for n in range(count)
        ]
        ids = list(
            (await conn.execute(insert(Indicator).returning(Indicator.id), indicators)).scalars()
        )
        outturns, audit = [], []
        stamp = datetime(2009, 1, 10, 12, tzinfo=UTC)
        for indicator_id, spec in zip(ids, indicators, strict=True):
            for period in periods_in_year(YEAR, spec["frequency"]):
                roll = rng.random()
                if roll < 0.08:
                    continue  # missing
                status = "draft" if roll < 0.12 else "submitted"
                outturns.append(
                    {
                        "indicator_id": indicator_id,
                        "period": period.code,
                        "year": YEAR,
                        "value": Decimal(rng.randint(1, 999)),
                        "commentary": "",
                        "status": status,
                        "provenance": "import",
                        "version": 1,
                    }
                )
                audit.append(
                    {
                        "at": stamp,
                        "actor_kind": "user",
                        "actor_id": spec["owner_id"],
                        "actor_name": "Owner",
                        "via": "import",
                        "action": "create",
                        "entity": "outturn",
                        "entity_id": 0,
                        "indicator_id": indicator_id,
                        "period": period.code,
                        "before": None,
                        "after": {"status": status},
                    }
                )
        for start in range(0, len(outturns), 5000):
            await conn.execute(insert(Outturn), outturns[start : start + 5000])
            await conn.execute(insert(AuditEntry), audit[start : start + 5000])
    this_year = period_containing(Frequency.ANNUAL, today_in_london()).year
    async with Sessions(engine)() as session:
        await load_cycle(session, {}, (YEAR, this_year - 1, this_year, this_year + 1))
        await session.commit()
    await engine.dispose()
    return user_ids[0], user_ids[1]


async def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    perf_id, owner_id = await populate(url, args.indicators)
    print(
        f"\n{label}: {args.indicators} indicators in {len(DIRECTORATES)} directorates with a "
        f"year of outturns, and the demo cycle, loaded in {time.perf_counter() - started:.1f} s"
    )
    async with Server(url) as server:
        base = server.base
        perf = bearer(perf_id, Role.PERFORMANCE)
        owner = bearer(owner_id, Role.CONTRIBUTOR)
        async with httpx.AsyncClient(base_url=base) as client:
            made = await client.post("/api/v1/calendar/feed", headers=owner)
            feed = made.json()["url"].removeprefix(base)
            size = len((await client.get(feed)).content)
        n = args.requests
        year = f"{YEAR}-{(YEAR + 1) % 100:02d}"
        runs = [
            ("GET /healthz (trivial)", ["/healthz"] * n * 10, perf),
            (
                "GET /deadlines?year (register)",
                [f"/api/v1/deadlines?year={year}&limit=500"] * n,
                perf,
            ),
            (
                "GET /deadlines/by-directorate",
                [f"/api/v1/deadlines/by-directorate?as_of={AS_OF}"] * n,
                perf,
            ),
            (
                "GET /deadlines?mine (contributor)",
                [f"/api/v1/deadlines?mine=true&as_of={AS_OF}"] * n,
                owner,
            ),
            ("GET /calendar?year (register)", [f"/api/v1/calendar?year={year}"] * n, perf),
            ("GET /calendar?year&mine", [f"/api/v1/calendar?year={year}&mine=true"] * n, owner),
            (f"GET /calendar.ics ({size // 1024} KiB)", [feed] * n, {}),
        ]
        for name, paths, headers in runs:
            print((await drive(base, name, paths, 1, headers)).line())
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    try:
        started = time.perf_counter()
        report = await reminders.run(
            Sessions(engine), settings, today=date(2009, 1, 12), dry_run=True
        )
        elapsed = time.perf_counter() - started
    finally:
        await engine.dispose()
    print(
        f"  reminder dry run over the register: {len(report.messages)} e-mails, "
        f"{report.reminders} reminders planned in {elapsed * 1000:.0f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    print(
        f"Golden Thread annual-cycle benchmark on {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}, one uvicorn worker"
    )
    await run_on_each_backend(lambda label, url: bench_backend(label, url, args))


if __name__ == "__main__":
    asyncio.run(main())
