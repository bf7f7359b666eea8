"""The September and January reviews of commitments, and their sign-off."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit import service as audit
from goldenthread.commitments import rules, service
from goldenthread.commitments.models import Commitment, CommitmentReview
from goldenthread.commitments.schemas import ReviewCreate
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden, ValidationFailed
from goldenthread.core.principal import Actor
from goldenthread.periods.workdays import today_in_london


async def add_review(
    session: AsyncSession, actor: Actor, commitment: Commitment, data: ReviewCreate
) -> CommitmentReview:
    """The September or January review, recorded by the manager's line manager or the
    performance team (who support the reviews)."""
    principal = actor.principal
    line_manager = await service.line_manager_of(session, commitment.manager_id)
    if not (principal.maintains_register or (principal.is_user and principal.id == line_manager)):
        raise Forbidden(
            "Only the manager's line manager or the performance team record the reviews."
        )
    if any(r.kind is data.kind for r in commitment.reviews):
        raise Conflict(
            f"The {data.kind.value} review of these commitments is already recorded.",
            [FieldError("kind", "already recorded")],
        )
    problem = rules.review_date_problem(data.kind, commitment.year, data.held_on, today_in_london())
    if problem:
        raise ValidationFailed(problem, [FieldError("held_on", problem)])
    review = CommitmentReview(
        kind=data.kind,
        held_on=data.held_on,
        comments=data.comments,
        reviewer_id=principal.id if principal.is_user and principal.id else None,
        reviewer_name=principal.name,
    )
    commitment.reviews.append(review)
    service.touch(commitment)
    await session.flush()
    audit.record_change(
        session,
        actor,
        "create",
        "commitment_review",
        review.id,
        None,
        {
            "commitment_id": commitment.id,
            **audit.snapshot(review, ("kind", "held_on", "comments", "reviewer_name")),
        },
    )
    return review


async def sign_off(session: AsyncSession, actor: Actor, commitment: Commitment) -> Commitment:
    principal = actor.principal
    line_manager = await service.line_manager_of(session, commitment.manager_id)
    refusal = rules.sign_off_refusal(
        principal.id if principal.is_user else -1,
        commitment.manager_id,
        line_manager,
        commitment.signed_off_at is not None,
    )
    if refusal is not None:
        if refusal.is_permission:
            raise Forbidden(f"You may not sign these commitments off: {refusal.value}.")
        raise Conflict(f"These commitments cannot be signed off: {refusal.value}.")
    before = audit.snapshot(commitment, ("signed_off_by_id", "signed_off_by_name", "signed_off_at"))
    commitment.signed_off_by_id = principal.id
    commitment.signed_off_by_name = principal.name
    commitment.signed_off_at = utcnow()
    service.touch(commitment)
    await session.flush()
    after = audit.snapshot(commitment, ("signed_off_by_id", "signed_off_by_name", "signed_off_at"))
    audit.record_change(session, actor, "sign_off", "commitment", commitment.id, before, after)
    return commitment
