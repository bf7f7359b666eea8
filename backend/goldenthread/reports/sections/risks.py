"""The report's risks: the open risks in scope scored as at the report date and the
previous one, from their reviews. Two queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.reports.schemas import RiskItemRead
from goldenthread.reports.scope import ResolvedScope, open_risks
from goldenthread.reports.sections import text_of
from goldenthread.risks import rules as risk_rules
from goldenthread.risks.models import Risk, RiskReview


@dataclass
class RiskRow:
    row: Any
    likelihood: int
    impact: int
    score: int
    previous_score: int | None

    def read(self, names: dict[int, str]) -> RiskItemRead:
        r = self.row
        change = None if self.previous_score is None else self.score - self.previous_score
        return RiskItemRead(
            id=r.id,
            code=r.code,
            title=r.title,
            category=str(text_of(r.category)),
            owner_name=names.get(r.owner_id) if r.owner_id else None,
            org_unit_id=r.org_unit_id,
            likelihood=self.likelihood,
            impact=self.impact,
            score=self.score,
            band=risk_rules.band_of_score(self.score).value,
            previous_score=self.previous_score,
            change=change,
        )


def _score_on(reviews: list[Any], day: date) -> tuple[int, int] | None:
    """The residual scores set by the review current on ``day``, if one had been held."""
    held = [r for r in reviews if r.reviewed_on <= day]
    latest = risk_rules.latest_review(
        risk_rules.ReviewKey(r.period, r.reviewed_on, r.id) for r in held
    )
    if latest is None:
        return None
    found = next(r for r in held if r.id == latest.sequence)
    return found.likelihood, found.impact


async def load_risks(
    conn: AsyncConnection, scope: ResolvedScope, *, as_of: date, previous_as_of: date
) -> list[RiskRow]:
    """Open risks in scope, scored as at the report date and the previous one. Two queries."""
    conditions = open_risks(scope)
    risks = (
        await conn.execute(
            select(
                Risk.id,
                Risk.code,
                Risk.code_key,
                Risk.title,
                Risk.category,
                Risk.owner_id,
                Risk.org_unit_id,
                Risk.residual_likelihood,
                Risk.residual_impact,
            ).where(*conditions)
        )
    ).all()
    if not risks:
        return []
    reviews: dict[int, list[Any]] = defaultdict(list)
    for review in (
        await conn.execute(
            select(
                RiskReview.id,
                RiskReview.risk_id,
                RiskReview.period,
                RiskReview.likelihood,
                RiskReview.impact,
                RiskReview.reviewed_on,
            ).where(
                RiskReview.risk_id.in_(select(Risk.id).where(*conditions)),
                RiskReview.reviewed_on <= as_of,
            )
        )
    ).all():
        reviews[review.risk_id].append(review)
    rows = []
    for risk in risks:
        own = reviews.get(risk.id, [])
        now = _score_on(own, as_of) or (risk.residual_likelihood, risk.residual_impact)
        before = _score_on(own, previous_as_of)
        rows.append(
            RiskRow(
                risk,
                now[0],
                now[1],
                now[0] * now[1],
                None if before is None else before[0] * before[1],
            )
        )
    rows.sort(key=lambda r: (-r.score, r.row.code_key))
    return rows
