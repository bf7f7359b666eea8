"""The demo data: every status a reader can meet, every kind of indicator, the demo accounts.

The figures are built relative to the day they are loaded, so the statuses are checked on many
days without a database, and once over HTTP on both databases for the real date.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from goldenthread.audit.models import AuditEntry
from goldenthread.core.principal import Role
from goldenthread.demo.data import DEMO_ACCOUNTS, INDICATORS, USERS
from goldenthread.demo.loader import (
    DEMO_CLIENT_ID,
    DEMO_PASSWORD,
    DemoDataExists,
    DemoSummary,
    load_demo,
)
from goldenthread.demo.series import build_plan, rules_of
from goldenthread.indicators.models import Indicator
from goldenthread.outturns.models import Outturn, OutturnStatus
from goldenthread.periods.rules import Frequency, Period
from goldenthread.status.rules import (
    Aggregation,
    PeriodValue,
    Polarity,
    Rag,
    StatusResult,
    TargetValue,
    Trend,
    Unit,
    compute_status,
)
from goldenthread.targets.models import Target

JUDGED = (Rag.RED, Rag.AMBER)


def _statuses(today: date) -> dict[str, list[tuple[StatusResult, str]]]:
    """Status and commentary of every active demo indicator at the two reporting views."""
    plan = build_plan(INDICATORS, today)
    outturns: dict[str, dict[Period, PeriodValue]] = defaultdict(dict)
    notes: dict[tuple[str, Period], str] = {}
    for row in plan.outturns:
        outturns[row.code][row.period] = PeriodValue(row.value, row.numerator, row.denominator)
        notes[row.code, row.period] = row.commentary
    targets: dict[str, dict[Period, TargetValue]] = defaultdict(dict)
    for t in plan.targets:
        targets[t.code][t.period] = TargetValue(t.value, t.low, t.high, t.stretch_value)
    calendar = plan.calendar
    views: dict[str, list[tuple[StatusResult, str]]] = {}
    for view in (calendar.annual_view, calendar.quarter_view):
        views[view.code] = [
            (
                compute_status(rules_of(spec), period, outturns[spec.code], targets[spec.code]),
                notes.get((spec.code, period), ""),
            )
            for spec in INDICATORS
            if not spec.retired_note
            for period in [calendar.reported_at(spec.frequency, view)]
        ]
    return views


# Days spread over two financial years, including the awkward ones: the first day of a year
# and of a quarter, and days before any quarter of the current year has ended.
SAMPLE_DAYS = sorted(
    {
        date(2026, 11, 25),
        date(2026, 4, 1),
        date(2026, 5, 17),
        date(2026, 7, 1),
        date(2026, 7, 2),
        date(2026, 9, 30),
        date(2026, 10, 1),
        date(2027, 1, 6),
        date(2027, 3, 31),
        date(2008, 6, 30),
        date(2031, 2, 14),
        date.today(),
    }
)


@pytest.mark.parametrize("today", SAMPLE_DAYS, ids=str)
def test_every_rag_and_trend_appears_at_both_reporting_periods(today: date) -> None:
    for view, results in _statuses(today).items():
        rags = {status.rag for status, _ in results}
        trends = {status.trend for status, _ in results}
        assert rags == set(Rag), f"{view}: missing {set(Rag) - rags}"
        assert trends == set(Trend), f"{view}: missing {set(Trend) - trends}"
        silent = [s.code for s, note in results if s.rag in JUDGED and not note]
        assert not silent, f"{view}: red or amber without commentary: {silent}"


@pytest.mark.parametrize("today", [date(2026, 11, 25), date(2026, 5, 17)], ids=str)
def test_a_year_to_date_shows_a_missing_month_and_owner_data_is_due(today: date) -> None:
    views = _statuses(today)
    gaps = [
        s
        for results in views.values()
        for s, _ in results
        if s.missing_periods and s.rag is not Rag.NO_DATA
    ]
    assert {s.code for s in gaps} == {"LPI ASC-02"}
    assert [p.suffix for p in gaps[0].missing_periods] == ["M03"]
    plan = build_plan(INDICATORS, today)
    entered = {(o.code, o.period) for o in plan.outturns}
    due = [
        s.code
        for s in INDICATORS
        if s.owner == "owner" and (s.code, plan.calendar.latest_ended(s.frequency)) not in entered
    ]
    assert len(due) >= 3


def test_the_figures_are_the_same_every_time_for_the_same_day() -> None:
    assert build_plan(INDICATORS, date(2026, 11, 25)) == build_plan(INDICATORS, date(2026, 11, 25))


def test_the_register_has_every_kind_of_indicator() -> None:
    assert 38 <= len(INDICATORS) <= 45
    assert len({s.code.casefold() for s in INDICATORS}) == len(INDICATORS)
    assert {s.polarity for s in INDICATORS} == set(Polarity)
    assert {s.frequency for s in INDICATORS} == set(Frequency)
    assert {s.aggregation for s in INDICATORS} == set(Aggregation)
    assert {s.unit for s in INDICATORS} == set(Unit)
    sets = [name for s in INDICATORS for name in s.sets]
    assert {"NI", "BVPI", "LAA", "LAA_DESIGNATED", "LPSA", "LOCAL", "DOT"} <= set(sets)
    assert 12 <= sets.count("DOT") <= 18
    assert {s.lead for s in INDICATORS} >= {"health", "police", "fire"}
    assert any(s.tolerance_absolute for s in INDICATORS)
    assert any(s.shared for s in INDICATORS)
    assert any(s.public for s in INDICATORS)
    assert len([s for s in INDICATORS if s.retired_note]) == 1
    owners = {s.owner for s in INDICATORS} | {s.deputy for s in INDICATORS if s.deputy}
    assert owners <= {u.username for u in USERS}


def test_the_demo_accounts_are_the_published_ones() -> None:
    assert [(name, role) for name, role, _ in DEMO_ACCOUNTS] == [
        ("admin", Role.ADMIN),
        ("perf", Role.PERFORMANCE),
        ("manager", Role.MANAGER),
        ("owner", Role.CONTRIBUTOR),
        ("viewer", Role.VIEWER),
    ]
    assert all(u.username == u.username.lower() for u in USERS)
    assert DEMO_PASSWORD == "goldenthread-demo"


async def _load(app: FastAPI, today: date | None = None) -> DemoSummary:
    async with app.state.sessionmaker() as session:
        summary = await load_demo(session, app.state.settings, today=today)
        await session.commit()
    return summary


async def _token(client: AsyncClient, username: str) -> str:
    response = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def test_the_loaded_demo_shows_every_state_over_http(
    app: FastAPI, client: AsyncClient
) -> None:
    summary = await _load(app)
    assert summary.indicators == len(INDICATORS)
    assert summary.organisations == 4
    tokens = {name: await _token(client, name) for name, _, _ in DEMO_ACCOUNTS}
    for name, role, _ in DEMO_ACCOUNTS:
        me = await client.get(
            "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens[name]}"}
        )
        assert me.json()["role"] == role
    viewer = {"Authorization": f"Bearer {tokens['viewer']}"}
    await _check_the_demo_partner_client(client)
    gaps: list[str] = []
    for period in (summary.latest_complete_year, summary.latest_quarter):
        response = await client.get("/api/v1/status", params={"period": period}, headers=viewer)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert all(count > 0 for count in body["counts"].values()), (period, body["counts"])
        travel = body["direction_of_travel"]
        assert all(travel[t.value] > 0 for t in Trend), (period, travel)
        silent = [i["code"] for i in body["items"] if i["rag"] in JUDGED and not i["commentary"]]
        assert not silent, (period, silent)
        gaps += [p for i in body["items"] if i["rag"] != "no_data" for p in i["missing_periods"]]
    assert [p[-3:] for p in gaps] == ["M03"]  # a year to date shown "(M03 missing)"
    await _check_the_demo_plans(client, viewer)

    response = await client.get(
        "/api/v1/indicators", params={"lifecycle": "all", "limit": 100}, headers=viewer
    )
    items = response.json()["items"]
    assert len(items) == len(INDICATORS)
    for field, kinds in (
        ("polarity", Polarity),
        ("frequency", Frequency),
        ("aggregation", Aggregation),
        ("unit", Unit),
    ):
        assert {i[field] for i in items} == {k.value for k in kinds}, field
    assert [i["code"] for i in items if i["lifecycle"] == "retired"] == ["BV 163"]
    assert sum(1 for i in items if i["lead_organisation_id"] is not None) >= 6

    async with app.state.sessionmaker() as session:
        statuses = set((await session.scalars(select(Outturn.status).distinct())).all())
        assert statuses == set(OutturnStatus)
        rows = (await session.scalar(select(func.count()).select_from(Target)) or 0) + (
            await session.scalar(select(func.count()).select_from(Outturn)) or 0
        )
        created = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "create", AuditEntry.entity.in_(["target", "outturn"]))
        )
        assert rows == created == summary.targets + summary.outturns
        retired = await session.scalar(select(Indicator).where(Indicator.code == "BV 163"))
        assert retired is not None
        history = await session.scalar(
            select(func.count()).select_from(Outturn).where(Outturn.indicator_id == retired.id)
        )
        assert history == 2


async def _check_the_demo_partner_client(client: AsyncClient) -> None:
    """DESIGN.md section 5: partner-demo of the health trust signs in with the published
    secret, and its LAA feed holds exactly the active LAA and shared demo indicators."""
    token = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(DEMO_CLIENT_ID, DEMO_PASSWORD),
    )
    assert token.status_code == 200, token.text
    partner = {"Authorization": f"Bearer {token.json()['access_token']}"}
    me = (await client.get("/api/v1/auth/me", headers=partner)).json()
    assert me["scopes"] == ["indicators:read", "laa:read", "outturns:write"]
    feed = (await client.get("/api/v1/feeds/laa", headers=partner)).json()
    assert {i["code"] for i in feed["items"]} == {
        s.code for s in INDICATORS if not s.retired_note and ("LAA" in s.sets or s.shared)
    }
    assert all(i["status"] is not None and i["outturns"] for i in feed["items"])
    leads = [i["indicator"]["lead_organisation_id"] for i in feed["items"]]
    assert me["organisation_id"] in leads, "the demo health trust leads some LAA indicators"


async def _check_the_demo_plans(client: AsyncClient, viewer: dict[str, str]) -> None:
    """The workflow has a draft and a submitted plan to act on; a person's plan is titled
    with their name."""
    plans = (await client.get("/api/v1/plans", params={"limit": 100}, headers=viewer)).json()
    by_status: dict[str, list[str]] = {}
    for item in plans["items"]:
        by_status.setdefault(item["status"], []).append(item["title"])
    assert len(by_status["draft"]) == 1 and len(by_status["submitted"]) == 1, by_status
    individual = [i["title"] for i in plans["items"] if i["level"] == "individual"]
    assert individual and all(t.startswith("Appraisal objectives ") for t in individual)
    assert any(t.endswith(": Priya Shah") for t in individual), individual


async def test_loading_the_demo_twice_is_refused(app: FastAPI, client: AsyncClient) -> None:
    await _load(app, date(2026, 11, 25))
    with pytest.raises(DemoDataExists):
        await _load(app, date(2026, 11, 25))
    async with app.state.sessionmaker() as session:
        count = await session.scalar(select(func.count()).select_from(Indicator))
    assert count == len(INDICATORS)
