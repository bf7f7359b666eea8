"""A manager's commitments for a year (balanced scorecard), their rows and formal reviews."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goldenthread.commitments.rules import Quadrant, ReviewKind
from goldenthread.core.db import Base, UTCDateTime, enum_type, utcnow


class Commitment(Base):
    """The commitments of one manager for one financial year."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("manager_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    # The manager's unit when the commitments were drawn up: who may edit them follows it.
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_off_by_name: Mapped[str | None] = mapped_column(String(200))
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    items: Mapped[list[CommitmentItem]] = relationship(
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="(CommitmentItem.quadrant, CommitmentItem.position, CommitmentItem.id)",
    )
    reviews: Mapped[list[CommitmentReview]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="CommitmentReview.held_on"
    )

    __mapper_args__ = {"version_id_col": version}


class CommitmentItem(Base):
    """One row of the scorecard: the columns of the commitments template."""

    __tablename__ = "commitment_items"
    __table_args__ = (
        CheckConstraint("risk_impact BETWEEN 1 AND 5", name="risk_impact_scale"),
        CheckConstraint("risk_likelihood BETWEEN 1 AND 5", name="risk_likelihood_scale"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    quadrant: Mapped[Quadrant] = mapped_column(enum_type(Quadrant))
    position: Mapped[int] = mapped_column(Integer, default=0)
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL"), index=True
    )
    # The plan objective the commitment delivers, where there is one.
    objective_id: Mapped[int | None] = mapped_column(
        ForeignKey("objectives.id", ondelete="SET NULL"), index=True
    )
    indicator_text: Mapped[str] = mapped_column(String(300), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    action_plan: Mapped[str] = mapped_column(Text, default="")
    risk_impact: Mapped[int | None] = mapped_column(Integer)
    risk_likelihood: Mapped[int | None] = mapped_column(Integer)
    progress: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CommitmentReview(Base):
    __tablename__ = "commitment_reviews"
    __table_args__ = (UniqueConstraint("commitment_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ReviewKind] = mapped_column(enum_type(ReviewKind))
    held_on: Mapped[date] = mapped_column(Date)
    comments: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewer_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
