"""Benchmark: building the integrated performance report.

For each backend (SQLite, and PostgreSQL where it answers) this times the report for the whole
council in this process, through the same service the endpoint calls:

- the demo council at its latest quarter;
- a council of 1,000 monthly indicators with three years of targets and outturns (the register
  of bench_api.py) in 20 services, with 400 actions and milestones (a quarter of them remedial
  actions, with progress updates), 120 risks with quarterly reviews and budget monitoring for
  every service, at month 10 of the third year.

"Computed" builds start from an empty status cache, so every status is computed; "cached"
builds find this and the previous report's statuses in the cache, as a dashboard visit leaves
them. The Excel and PDF renderings are timed too. It prints figures; it asserts nothing.

    python bench/bench_ipr.py --indicators 1000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from decimal import Decimal

from bench_api import populate as populate_register
from common import SECRET, add_services, run_on_each_backend
from sqlalchemy import insert, select, update

from goldenthread.actions.models import Action, ActionProgress
from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Principal, PrincipalKind, Role
from goldenthread.demo.loader import load_demo
from goldenthread.indicators.models import Indicator
from goldenthread.organisations.models import Organisation
from goldenthread.periods.rules import parse_period
from goldenthread.reports import pdf, service, xlsx
from goldenthread.reports.models import FinanceFigure
from goldenthread.reports.rules import parse_scope
from goldenthread.risks.models import Risk, RiskReview
from goldenthread.status.cache import StatusCache
from goldenthread.users.models import User

PERIOD = "2008-09-M10"
DIRECTORATES = ("Children", "Adults", "Place", "Resources")
SERVICES_PER_DIRECTORATE = 5
READER = Principal(kind=PrincipalKind.USER, id=1, name="Bench", organisation_id=1, role=Role.VIEWER)


async def populate(url: str, count: int) -> None:
    """The register of bench_api.py, placed in services, with actions, risks and budgets."""
    await populate_register(url, count)
    engine = create_engine(Settings(database_url=url, secret_key=SECRET, demo=False))
    rng = random.Random(11)
    async with engine.begin() as conn:
        org = (await conn.execute(select(Organisation.id))).scalar_one()
        services = await add_services(conn, org, DIRECTORATES, SERVICES_PER_DIRECTORATE)
        people = list(
            (
                await conn.execute(
                    insert(User).returning(User.id),
                    [
                        {
                            "username": f"owner{n}",
                            "full_name": f"Owner {n}",
                            "email": f"owner{n}@council.example",
                            "password_hash": "x",
                            "role": Role.CONTRIBUTOR,
                            "organisation_id": org,
                            "org_unit_id": services[n],
                            "active": True,
                        }
                        for n in range(len(services))
                    ],
                )
            ).scalars()
        )
        indicators = list(
            (await conn.execute(select(Indicator.id).order_by(Indicator.id))).scalars()
        )
        for n, service_id in enumerate(services):
            await conn.execute(
                update(Indicator)
                .where(Indicator.id.in_(indicators[n :: len(services)]))
                .values(org_unit_id=service_id, owner_id=people[n])
            )
        day0 = date(2008, 4, 1)
        actions = []
        for n in range(400):
            due = day0 + timedelta(days=rng.randint(60, 360))
            actions.append(
                {
                    "code": f"A{n:03d}",
                    "title": f"Action {n}",
                    "description": "",
                    "indicator_id": indicators[n * 2] if n % 4 == 0 else None,
                    "owner_id": people[n % len(people)],
                    "org_unit_id": services[n % len(services)],
                    "organisation_id": org,
                    "timescale": "",
                    "start_on": due - timedelta(days=rng.randint(30, 180)),
                    "due_on": due,
                    "status": rng.choice(["not_started", "in_progress", "in_progress", "complete"]),
                    "percent_complete": rng.randint(0, 100),
                    "version": 1,
                }
            )
        action_ids = list(
            (await conn.execute(insert(Action).returning(Action.id), actions)).scalars()
        )
        await conn.execute(
            insert(ActionProgress),
            [
                {
                    "action_id": action_id,
                    "reported_on": day0 + timedelta(days=30 * k + rng.randint(0, 20)),
                    "note": f"Progress note {k}",
                    "percent_complete": 10 * k,
                    "author_name": "Owner",
                }
                for action_id in action_ids
                for k in range(1, 4)
            ],
        )
        risks = [
            {
                "code": f"R{n:03d}",
                "code_key": f"r{n:03d}",
                "title": f"Risk {n}",
                "description": "",
                "org_unit_id": services[n % len(services)],
                "owner_id": people[n % len(people)],
                "category": "operational",
                "inherent_likelihood": 5,
                "inherent_impact": rng.randint(2, 5),
                "residual_likelihood": rng.randint(1, 5),
                "residual_impact": rng.randint(1, 5),
                "control": "treat",
                "controls": "",
                "status": "open",
                "version": 1,
            }
            for n in range(120)
        ]
        risk_ids = list((await conn.execute(insert(Risk).returning(Risk.id), risks)).scalars())
        await conn.execute(
            insert(RiskReview),
            [
                {
                    "risk_id": risk_id,
                    "period": f"2008-09-Q{q}",
                    "likelihood": rng.randint(1, 5),
                    "impact": rng.randint(1, 5),
                    "comment": "",
                    "reviewed_on": parse_period(f"2008-09-Q{q}").end + timedelta(days=5),
                    "reviewer_name": "Risk manager",
                }
                for risk_id in risk_ids
                for q in (1, 2, 3)
            ],
        )
        await conn.execute(
            insert(FinanceFigure),
            [
                {
                    "org_unit_id": service_id,
                    "period": f"{year}-{(year + 1) % 100:02d}-M{month:02d}",
                    "year": year,
                    "budget": Decimal(5_000_000),
                    "forecast": Decimal(5_000_000 + rng.randint(-200, 300) * 1000),
                    "actual": Decimal(400_000 * month),
                    "note": "",
                    "updated_by_name": "Finance",
                    "version": 1,
                }
                for service_id in services
                for year in (2006, 2007, 2008)
                for month in (4, 6, 8, 10, 12)
            ],
        )
    await engine.dispose()


async def _time(build: Callable[[], Awaitable[object]], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await build()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, max(times) * 1000


async def measure(label: str, url: str, period: str, runs: int) -> None:
    engine = create_engine(Settings(database_url=url, secret_key=SECRET, demo=False))
    sessions = Sessions(engine)
    request = service.IprRequest(period=parse_period(period), scope=parse_scope("council"))
    cache = StatusCache(8)
    report = None

    async def build(with_cache: bool) -> object:
        nonlocal report
        async with sessions(write=False) as session:
            report = await service.build_ipr(
                session, READER, request, cache=cache if with_cache else None
            )
            await session.commit()
        return report

    try:
        await build(False)  # warm up the connection pool and the code
        computed = await _time(lambda: build(False), runs)
        await build(True)
        cached = await _time(lambda: build(True), runs)
        assert report is not None
        excel = await _time(lambda: asyncio.to_thread(xlsx.render, report), runs)
        printable = await _time(lambda: asyncio.to_thread(pdf.render, report), runs)
    finally:
        await engine.dispose()
    headline = report.headline
    print(
        f"  {label}, {period}: {headline.total} indicators, {len(report.exceptions)} "
        f"exceptions, {len(report.actions.overdue)} overdue actions, "
        f"{report.risks.open_total} risks, {len(report.finance.rows)} services"
    )
    for name, (p50, worst) in (
        ("IPR computed (JSON model)", computed),
        ("IPR from the status cache", cached),
        ("XLSX rendering", excel),
        ("PDF rendering", printable),
    ):
        print(f"    {name:<28} p50 {p50:>7.1f} ms   max {worst:>7.1f} ms")


async def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    if "sqlite" in url:
        base, _, _ = url.rpartition("/")
        demo_url, large_url = f"{base}/demo.db", f"{base}/large.db"
    else:
        demo_url, large_url = url, None
    engine = create_engine(Settings(database_url=demo_url, secret_key=SECRET, demo=False))
    await upgrade(engine)
    async with Sessions(engine)() as session:
        summary = await load_demo(session, Settings(secret_key=SECRET, demo=False))
        await session.commit()
    await engine.dispose()
    print(f"\n{label}:")
    await measure("demo council", demo_url, summary.latest_quarter, args.runs)
    if large_url is None:
        # PostgreSQL: a second throw-away database for the large register.
        from common import drop_postgres, postgres_database

        large_url = await postgres_database()
        assert large_url is not None
        try:
            await _large(label, large_url, args)
        finally:
            await drop_postgres(large_url)
        return
    await _large(label, large_url, args)


async def _large(label: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    await populate(url, args.indicators)
    print(
        f"  ({args.indicators} monthly indicators, three years, loaded in "
        f"{time.perf_counter() - started:.1f} s)"
    )
    await measure(f"{args.indicators} indicators", url, PERIOD, args.runs)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"Golden Thread IPR benchmark on {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        "in process (no HTTP)"
    )
    await run_on_each_backend(lambda label, url: bench_backend(label, url, args))


if __name__ == "__main__":
    asyncio.run(main())
