"""Appraisals (SRD/PDR): one per person per financial year.

A person's appraisal objectives are the objectives of their ``individual``-level plan for
the year (``plan_id``), so each is an objective of the golden thread, linked upward to the
service-plan objectives it serves; objectives that serve none are the thread's orphans.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class Appraisal(Base):
    __tablename__ = "appraisals"
    __table_args__ = (UniqueConstraint("person_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # None until the review meeting has been held; completion counts held appraisals.
    held_on: Mapped[date | None] = mapped_column(Date, index=True)
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True
    )
    performance_review: Mapped[str] = mapped_column(Text, default="")
    training_needs: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __mapper_args__ = {"version_id_col": version}
