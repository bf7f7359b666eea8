"""The integrated performance report of the demo council: at its two views it lists
exactly the red indicators of that period (as the status view gives them) with their remedial
actions, the highlights since the previous report, the overdue actions and the top risks, and
the budget monitoring of every service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from goldenthread.actions import rules as action_rules
from goldenthread.actions.models import Action
from goldenthread.demo.finance import SERVICES
from goldenthread.demo.loader import DEMO_PASSWORD, load_demo
from goldenthread.periods.rules import parse_period
from goldenthread.reports.rules import highlight_reason, previous_report_period
from goldenthread.risks.models import Risk, RiskStatus
from goldenthread.status.values import Rag, Trend


async def _headers(client: AsyncClient, username: str) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def _statuses(client: AsyncClient, headers: dict[str, str], period: str) -> Any:
    response = await client.get("/api/v1/status", params={"period": period}, headers=headers)
    assert response.status_code == 200, response.text
    return {i["indicator_id"]: i for i in response.json()["items"]}


async def test_the_demo_report_at_its_two_views(app: FastAPI, client: AsyncClient) -> None:
    today = date.today()
    async with app.state.sessionmaker() as session:
        summary = await load_demo(session, app.state.settings, today=today)
        await session.commit()
    viewer = await _headers(client, "viewer")
    async with app.state.sessionmaker() as session:
        actions = (await session.scalars(select(Action))).all()
        risks = (await session.scalars(select(Risk).where(Risk.status == RiskStatus.OPEN))).all()
    # The latest complete year against the year before (indicators turned green), and the
    # latest quarter against the one before.
    for period in (summary.latest_complete_year, summary.latest_quarter):
        report = await _check_report(client, viewer, period, today, actions, risks)
        if period == summary.latest_complete_year:
            assert report["highlights"], "the demo's latest year has highlights"
        elif any(a.indicator_id is not None for a in actions):
            # Remedial action, with progress reported, is taken on most of what is red now.
            acted = [e for e in report["exceptions"] if e["remedial_actions"]]
            assert 2 * len(acted) >= len(report["exceptions"]), (
                len(acted),
                len(report["exceptions"]),
            )
            for exception in acted:
                assert all(a["latest_update"] for a in exception["remedial_actions"])
    pdf = await client.get(
        "/api/v1/reports/ipr.pdf", params={"period": summary.latest_quarter}, headers=viewer
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


async def _check_report(
    client: AsyncClient,
    viewer: dict[str, str],
    period: str,
    today: date,
    actions: Sequence[Action],
    risks: Sequence[Risk],
) -> Any:
    response = await client.get(
        "/api/v1/reports/ipr",
        params={"period": period, "as_of": today.isoformat()},
        headers=viewer,
    )
    assert response.status_code == 200, response.text
    report = response.json()
    previous = previous_report_period(parse_period(period)).code
    assert report["previous_period"] == previous

    now = await _statuses(client, viewer, period)
    then = await _statuses(client, viewer, previous)
    red = sorted((s["code"] for s in now.values() if s["rag"] == "red"), key=str.casefold)
    assert red, f"the demo's {period} has red indicators"
    assert [e["code"] for e in report["exceptions"]] == red
    assert report["headline"]["counts"] == _counts(now.values())
    assert report["headline"]["previous_counts"] == _counts(then.values())

    for exception in report["exceptions"]:
        expected = {a.id for a in actions if a.indicator_id == exception["indicator_id"]}
        assert {a["id"] for a in exception["remedial_actions"]} == expected, exception["code"]

    highlights = []
    for indicator_id, item in now.items():
        before = then.get(indicator_id)
        reason = highlight_reason(
            Rag(item["rag"]),
            Rag(before["rag"]) if before else None,
            Trend(item["trend"]),
            Trend(before["trend"]) if before else None,
        )
        if reason:
            highlights.append((reason, item["code"]))
    assert [(h["reason"], h["code"]) for h in report["highlights"]] == sorted(
        highlights, key=lambda h: (h[0], h[1].casefold())
    )

    overdue = {a.id for a in actions if action_rules.is_overdue(a.status, a.due_on, today)}
    assert {a["id"] for a in report["actions"]["overdue"]} == overdue
    if actions:
        assert overdue, "the demo has overdue actions"

    scores = sorted((r.residual_score for r in risks), reverse=True)[:5]
    assert [r["score"] for r in report["risks"]["highest"]] == scores
    if risks:
        assert report["risks"]["highest"]

    finance = report["finance"]
    assert len(finance["rows"]) == len(SERVICES)
    social_care = next(r for r in finance["rows"] if r["org_unit"] == "Children's Social Care")
    assert social_care["variance"].isdigit() and social_care["note"]
    assert any(social_care["performance"].values())
    return report


def _counts(items: Any) -> dict[str, int]:
    counts = dict.fromkeys((r.value for r in Rag), 0)
    for item in items:
        counts[item["rag"]] += 1
    return counts
