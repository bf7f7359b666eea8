"""Benchmark: the golden thread of a community ambition with 5,000 things beneath it.

For each backend (SQLite, and PostgreSQL where it answers) this builds one community
ambition served by LAA priorities, corporate objectives, service objectives and a great many
individual objectives, with indicators (each with a target and a quarter's outturn) and
actions attached across them, and a few risks: by default 1,000 objectives, 2,000 indicators
and 2,000 actions beneath the ambition. It serves the app with uvicorn in a separate process
and times the thread from the ambition (down) and from one person's objective (up), beside a
trivial endpoint. It prints figures; it asserts nothing.

    python bench/bench_thread.py --descendants 5000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
from common import SECRET, Server, bearer, drive, run_on_each_backend
from sqlalchemy import insert

from goldenthread.actions.models import Action
from goldenthread.core.config import Settings
from goldenthread.core.db import create_engine
from goldenthread.core.migrate import upgrade
from goldenthread.core.principal import Role
from goldenthread.indicators.models import Indicator
from goldenthread.objectives.models import Objective, ObjectiveIndicator, ObjectiveLink
from goldenthread.organisations.models import (
    Organisation,
    OrganisationKind,
    OrgUnit,
    OrgUnitLevel,
)
from goldenthread.outturns.models import Outturn
from goldenthread.plans.models import Plan
from goldenthread.risks.models import Risk, RiskObjectiveLink
from goldenthread.targets.models import Target
from goldenthread.users.models import User

PERIOD = "2008-09-Q1"
# Objectives at each level beneath the ambition; the rest of the objectives are individual.
LAA, CORPORATE, SERVICE = 5, 20, 100
LEVELS = (
    "community_strategy",
    "local_area_agreement",
    "corporate_plan",
    "service_plan",
    "individual",
)


async def _ids(conn: Any, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        ids += list((await conn.execute(insert(model).returning(model.id), chunk)).scalars())
    return ids


async def populate(url: str, descendants: int) -> tuple[int, int, int, dict[str, int]]:
    """Fill a migrated database; returns the user, the ambition, one individual objective
    and the counts made."""
    settings = Settings(database_url=url, secret_key=SECRET, demo=False)
    engine = create_engine(settings)
    await upgrade(engine)
    rng = random.Random(11)
    objectives_total = descendants // 5
    indicator_total = (descendants - objectives_total) // 2
    action_total = descendants - objectives_total - indicator_total
    async with engine.begin() as conn:
        org = (
            await _ids(
                conn,
                Organisation,
                [{"name": "Bench Council", "short_name": "BC", "kind": OrganisationKind.COUNCIL}],
            )
        )[0]
        unit = (
            await _ids(
                conn,
                OrgUnit,
                [{"organisation_id": org, "name": "Service", "level": OrgUnitLevel.SERVICE}],
            )
        )[0]
        users = await _ids(
            conn,
            User,
            [
                {
                    "username": f"person{n}",
                    "full_name": f"Person {n}",
                    "password_hash": "x",
                    "role": Role.PERFORMANCE if n == 0 else Role.CONTRIBUTOR,
                    "organisation_id": org,
                    "org_unit_id": unit,
                    "active": True,
                }
                for n in range(50)
            ],
        )
        plans = await _ids(
            conn,
            Plan,
            [
                {
                    "organisation_id": org,
                    "level": level,
                    "title": f"Bench {level}",
                    "summary": "",
                    "owner_org_unit_id": unit,
                    "start_year": "2008-09",
                    "end_year": "2010-11",
                    "status": "published",
                    "sections": {},
                    "edition": 1,
                    "version": 1,
                }
                for level in LEVELS
            ],
        )
        counts = [1, LAA, CORPORATE, SERVICE, objectives_total + 1 - 1 - LAA - CORPORATE - SERVICE]
        by_level: list[list[int]] = []
        for plan_id, count in zip(plans, counts, strict=True):
            by_level.append(
                await _ids(
                    conn,
                    Objective,
                    [
                        {
                            "plan_id": plan_id,
                            "code": f"O{n}",
                            "title": f"Objective {n}",
                            "description": "",
                            "kind": "objective",
                            "owner_id": rng.choice(users),
                            "position": n,
                            "version": 1,
                        }
                        for n in range(count)
                    ],
                )
            )
        links = [
            {"objective_id": child, "parent_objective_id": rng.choice(by_level[depth - 1])}
            for depth in range(1, len(by_level))
            for child in by_level[depth]
        ]
        await _ids(conn, ObjectiveLink, links)
        below = [o for level in by_level[1:] for o in level]
        indicators = await _ids(
            conn,
            Indicator,
            [
                {
                    "code": f"T {n:05d}",
                    "code_key": f"t {n:05d}",
                    "title": f"Indicator {n}",
                    "definition": "",
                    "procedure_note": "",
                    "unit": "count",
                    "decimal_places": 0,
                    "polarity": "higher_is_better",
                    "frequency": "quarterly",
                    "aggregation": "sum",
                    "multiplier": Decimal(1),
                    "tolerance_percent": Decimal(5),
                    "organisation_id": org,
                    "org_unit_id": unit,
                    "owner_id": rng.choice(users),
                    "shared_with_partners": False,
                    "public": False,
                    "lifecycle": "active",
                    "version": 1,
                }
                for n in range(indicator_total)
            ],
        )
        await _ids(
            conn,
            ObjectiveIndicator,
            [{"objective_id": rng.choice(below), "indicator_id": i} for i in indicators],
        )
        await _ids(
            conn,
            Target,
            [
                {"indicator_id": i, "period": "2008-09", "year": 2008, "value": Decimal(400)}
                for i in indicators
            ],
        )
        await _ids(
            conn,
            Outturn,
            [
                {
                    "indicator_id": i,
                    "period": PERIOD,
                    "year": 2008,
                    "value": Decimal(rng.randint(60, 140)),
                    "commentary": "",
                    "status": "submitted",
                    "provenance": "import",
                    "version": 1,
                }
                for i in indicators
            ],
        )
        statuses = ["not_started", "in_progress", "in_progress", "complete", "cancelled"]
        await _ids(
            conn,
            Action,
            [
                {
                    "title": f"Action {n}",
                    "objective_id": rng.choice(below),
                    "indicator_id": rng.choice(indicators) if n % 10 == 0 else None,
                    "owner_id": rng.choice(users),
                    "org_unit_id": unit,
                    "organisation_id": org,
                    "due_on": date(2008, 4, 1) + timedelta(days=rng.randint(0, 6000)),
                    "status": rng.choice(statuses),
                    "percent_complete": rng.randint(0, 100),
                    "version": 1,
                }
                for n in range(action_total)
            ],
        )
        risks = await _ids(
            conn,
            Risk,
            [
                {
                    "code": f"R {n}",
                    "code_key": f"r {n}",
                    "title": f"Risk {n}",
                    "category": "strategic",
                    "inherent_likelihood": 5,
                    "inherent_impact": 5,
                    "residual_likelihood": rng.randint(1, 5),
                    "residual_impact": rng.randint(1, 5),
                    "control": "treat",
                    "status": "open",
                    "version": 1,
                }
                for n in range(50)
            ],
        )
        await conn.execute(
            insert(RiskObjectiveLink),
            [{"risk_id": r, "objective_id": rng.choice(below)} for r in risks],
        )
    await engine.dispose()
    made = {
        "objectives": objectives_total - 1,
        "indicators": indicator_total,
        "actions": action_total,
    }
    return users[0], by_level[0][0], by_level[-1][0], made


async def bench_backend(label: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    user, ambition, person, made = await populate(url, args.descendants)
    print(
        f"\n{label}: a community ambition with {made['objectives']:,} objectives, "
        f"{made['indicators']:,} indicators and {made['actions']:,} actions beneath it, "
        f"loaded in {time.perf_counter() - started:.1f} s"
    )
    async with Server(url) as server:
        base = server.base
        headers = bearer(user, Role.PERFORMANCE)  # the account's own role
        down = f"/api/v1/objectives/{ambition}/thread?period={PERIOD}"
        up = f"/api/v1/objectives/{person}/thread?period={PERIOD}"
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
            size = len((await client.get(down)).content)
        n = args.requests
        runs = [
            ("GET /healthz (trivial)", ["/healthz"] * n * 5),
            (f"GET thread from the ambition ({size // 1024} KiB)", [down] * n),
            ("GET thread from a person's objective", [up] * n),
        ]
        for name, paths in runs:
            print((await drive(base, name, paths, 1, headers)).line())


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--descendants", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    print(
        f"Golden Thread thread benchmark on {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}, one uvicorn worker"
    )
    await run_on_each_backend(lambda label, url: bench_backend(label, url, args))


if __name__ == "__main__":
    asyncio.run(main())
