"""A world for the integrated performance report's tests: indicators red, amber and green
over two quarters, actions, risks with reviews and finance figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import case, update

from goldenthread.actions.models import Action, ActionProgress, ActionStatus
from goldenthread.audit.models import AuditEntry
from goldenthread.risks.models import Risk, RiskReview
from tests.api.world import World

PERIOD = "2008-09-Q2"  # compared with 2008-09-Q1; report dates 15 Oct and 15 Jul 2008
TODAY = date(2026, 1, 1)


async def put_figure(world: World, url: str, kind: str, period: str, body: dict[str, Any]) -> None:
    response = await world.client.put(
        f"{url}/{kind}/{period}", json=body, headers=world.headers("perf")
    )
    assert response.status_code in (200, 201), response.text


async def put_indicator(
    world: World,
    code: str,
    q1: str | None,
    q2: str | None,
    *,
    unit: int | None = None,
    status: str = "verified",
    note: str = "",
) -> int:
    created = await world.create_indicator(
        code=code,
        title=f"Indicator {code}",
        aggregation="last",
        decimal_places=0,
        unit="count",
        org_unit_id=unit or world.service_id,
    )
    url = f"/api/v1/indicators/{created['id']}"
    await put_figure(world, url, "targets", "2008-09", {"value": "50"})
    await put_figure(world, url, "outturns", "2007-08-Q2", {"value": "45"})
    if q1 is not None:
        await put_figure(world, url, "outturns", "2008-09-Q1", {"value": q1, "status": "verified"})
    if q2 is not None:
        await put_figure(
            world, url, "outturns", PERIOD, {"value": q2, "status": status, "commentary": note}
        )
    return int(created["id"])


async def build(world: World) -> dict[str, int]:
    """Red, turned green, moved up to amber, red elsewhere, and missing: with actions, risks
    and a budget beside them."""
    ids = {
        "RED": await put_indicator(
            world, "RED 1", "48", "40", status="submitted", note="Depot closed for repairs"
        ),
        "GREEN": await put_indicator(world, "GRN 1", "40", "55"),
        "AMBER": await put_indicator(world, "AMB 1", "40", "48", note="Recovering"),
        "ELSEWHERE": await put_indicator(world, "RED 2", "40", "41", unit=world.other_service_id),
        "MISSING": await put_indicator(world, "MIS 1", "52", None),
    }
    async with world.app.state.sessionmaker() as session:
        # Handed in on time, except the green one: a week after the deadline of 14 October.
        handed_in = case(
            (AuditEntry.indicator_id == ids["GREEN"], datetime(2008, 10, 21, 9, tzinfo=UTC)),
            else_=datetime(2008, 10, 10, 9, tzinfo=UTC),
        )
        await session.execute(
            update(AuditEntry).where(AuditEntry.entity == "outturn").values(at=handed_in)
        )

        def action(**fields: Any) -> Action:
            values: dict[str, Any] = {
                "organisation_id": world.council_id,
                "org_unit_id": world.service_id,
                "owner_id": world.users["manager"],
                "status": ActionStatus.IN_PROGRESS,
            }
            values.update(fields)
            return Action(**values)

        remedial = action(
            title="Reopen the depot",
            indicator_id=ids["RED"],
            start_on=date(2008, 7, 1),
            due_on=date(2008, 12, 31),
            percent_complete=60,
        )
        overdue = action(
            title="Replace the weighbridge", due_on=date(2008, 9, 1), percent_complete=50
        )
        at_risk = action(
            title="Retender the haulage contract",
            start_on=date(2008, 9, 1),
            due_on=date(2008, 10, 30),
            percent_complete=10,
        )
        done = action(
            title="Publish the waste strategy",
            due_on=date(2008, 8, 1),
            status=ActionStatus.COMPLETE,
            percent_complete=100,
            completed_on=date(2008, 7, 20),
        )
        elsewhere = action(
            title="Review the finance system",
            org_unit_id=world.other_service_id,
            due_on=date(2008, 8, 1),
        )
        session.add_all([remedial, overdue, at_risk, done, elsewhere])
        await session.flush()
        session.add_all(
            [
                ActionProgress(
                    action_id=remedial.id,
                    reported_on=date(2008, 7, 10),
                    note="Contractor appointed",
                    percent_complete=20,
                    author_name="Manager Person",
                ),
                ActionProgress(
                    action_id=remedial.id,
                    reported_on=date(2008, 9, 20),
                    note="Roof repaired; reopening in December",
                    percent_complete=60,
                    author_name="Manager Person",
                ),
            ]
        )
        rising = Risk(
            code="CR 01",
            code_key="cr 01",
            title="Landfill capacity runs out",
            owner_id=world.users["manager"],
            org_unit_id=world.service_id,
            category="strategic",
            inherent_likelihood=5,
            inherent_impact=5,
            residual_likelihood=4,
            residual_impact=5,
            control="treat",
        )
        steady = Risk(
            code="CR 02",
            code_key="cr 02",
            title="Depot staff shortages",
            org_unit_id=world.service_id,
            category="operational",
            inherent_likelihood=3,
            inherent_impact=3,
            residual_likelihood=2,
            residual_impact=2,
            control="tolerate",
        )
        session.add_all([rising, steady])
        await session.flush()
        session.add_all(
            [
                RiskReview(
                    risk_id=rising.id,
                    period="2008-09-Q1",
                    likelihood=3,
                    impact=4,
                    reviewed_on=date(2008, 7, 5),
                    reviewer_name="Perf Person",
                ),
                RiskReview(
                    risk_id=rising.id,
                    period="2008-09-Q2",
                    likelihood=4,
                    impact=5,
                    reviewed_on=date(2008, 10, 1),
                    reviewer_name="Perf Person",
                ),
            ]
        )
        await session.commit()
        ids["remedial"], ids["overdue"], ids["at_risk"] = remedial.id, overdue.id, at_risk.id
        ids["elsewhere_action"] = elsewhere.id
    finance = "org_unit,period,budget,forecast,actual,note\n" + (
        "Waste,2008-09-M06,1000000,1100000,520000,Haulage costs up\n"
        f"{world.other_service_id},2008-09-M06,500000,480000,240000,\n"
    )
    response = await world.client.post(
        "/api/v1/reports/finance/import",
        content=finance,
        headers=world.headers("perf", **{"Content-Type": "text/csv"}),
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2
    return ids


async def get_ipr(world: World, user: str = "viewer", **params: Any) -> dict[str, Any]:
    response = await world.client.get(
        "/api/v1/reports/ipr", params={"period": PERIOD, **params}, headers=world.headers(user)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
