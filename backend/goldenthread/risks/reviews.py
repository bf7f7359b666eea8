"""Quarterly reviews of a risk: its scoring history, the latest setting its scores."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.periods.rules import PeriodError
from goldenthread.periods.workdays import today_in_london
from goldenthread.risks import rules, service
from goldenthread.risks.models import Risk, RiskReview, RiskStatus
from goldenthread.risks.schemas import ReviewCreate, ReviewRead


async def list_reviews(session: AsyncSession, risk: Risk) -> list[ReviewRead]:
    reviews = list(
        (await session.scalars(select(RiskReview).where(RiskReview.risk_id == risk.id))).all()
    )
    latest = rules.latest_review(_key(r) for r in reviews)
    ordered = sorted(reviews, key=lambda r: _key(r).sort_key(), reverse=True)
    return [_review_read(r, latest) for r in ordered]


def _key(review: RiskReview) -> rules.ReviewKey:
    return rules.ReviewKey(review.period, review.reviewed_on, review.id)


def _review_read(review: RiskReview, latest: rules.ReviewKey | None) -> ReviewRead:
    return ReviewRead(
        id=review.id,
        risk_id=review.risk_id,
        period=review.period,
        likelihood=review.likelihood,
        impact=review.impact,
        score=rules.score(review.likelihood, review.impact),
        band=rules.band(review.likelihood, review.impact),
        comment=review.comment,
        reviewed_on=review.reviewed_on,
        reviewer_id=review.reviewer_id,
        reviewer_name=review.reviewer_name,
        created_at=review.created_at,
        current=latest is not None and latest.sequence == review.id,
    )


def _review_day(period: str, reviewed_on: date | None, today: date) -> date:
    try:
        quarter = rules.check_quarter(period)
    except PeriodError as exc:
        raise ValidationFailed(str(exc), [FieldError("period", str(exc))]) from exc
    day = reviewed_on or today
    problem = rules.review_date_problem(quarter, day, today)
    if problem:
        raise ValidationFailed(problem, [FieldError("reviewed_on", problem)])
    return day


async def add_review(
    session: AsyncSession, actor: Actor, risk: Risk, data: ReviewCreate
) -> tuple[RiskReview, bool]:
    """Record a quarterly review; returns it and whether it is now the latest (and so set
    the risk's residual scores)."""
    principal = actor.principal
    if risk.owner_id != principal.id:
        await service.check_may_change(session, principal, risk.org_unit_id, f"risk {risk.code}")
    if risk.status is RiskStatus.CLOSED:
        raise Conflict(f"Risk {risk.code} is closed; reopen it before reviewing it.")
    reviewed_on = _review_day(data.period, data.reviewed_on, today_in_london())
    review = RiskReview(
        risk_id=risk.id,
        period=rules.check_quarter(data.period),
        likelihood=data.likelihood,
        impact=data.impact,
        comment=data.comment,
        reviewed_on=reviewed_on,
        reviewer_id=principal.id if principal.is_user and principal.id else None,
        reviewer_name=principal.name,
    )
    session.add(review)
    await session.flush()
    fields = ("period", "likelihood", "impact", "comment", "reviewed_on", "reviewer_name")
    audit.record_change(
        session,
        actor,
        "create",
        "risk_review",
        review.id,
        None,
        {"risk_id": risk.id, **audit.snapshot(review, fields)},
        period=review.period,
    )
    keys = await session.execute(
        select(RiskReview.period, RiskReview.reviewed_on, RiskReview.id).where(
            RiskReview.risk_id == risk.id
        )
    )
    latest = rules.latest_review(rules.ReviewKey(p, d, i) for p, d, i in keys)
    is_latest = latest is not None and latest.sequence == review.id
    if is_latest:
        before = service.snapshot(risk)
        risk.residual_likelihood, risk.residual_impact = review.likelihood, review.impact
        # Moves the version even when the scores stand: the risk's last review changed.
        risk.updated_at = utcnow()
        await session.flush()
        after = service.snapshot(risk)
        if after != before:
            audit.record_change(session, actor, "update", "risk", risk.id, before, after)
    return review, is_latest


def review_read(review: RiskReview, is_latest: bool) -> ReviewRead:
    return _review_read(review, _key(review) if is_latest else None)
