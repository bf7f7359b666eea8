"""Plans at every level of the golden thread, and the service-plan quality-assurance checklist."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, enum_type, utcnow
from goldenthread.plans.rules import ChecklistAnswer, PlanLevel, PlanStatus


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    level: Mapped[PlanLevel] = mapped_column(enum_type(PlanLevel), index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    # The owner is an org unit (a service's plan) or a person (an individual's objectives).
    owner_org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Financial-year codes such as 2008-09; a corporate plan spans three.
    start_year: Mapped[str] = mapped_column(String(7))
    end_year: Mapped[str] = mapped_column(String(7))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    status: Mapped[PlanStatus] = mapped_column(enum_type(PlanStatus), default=PlanStatus.DRAFT)
    # Service plans: the five sections of the service planning guidance, by key.
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Editions of one plan: a new version copies the plan and points at the one it replaces.
    edition: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __mapper_args__ = {"version_id_col": version}


class QaChecklistItem(Base):
    """One question of the service-plan quality-assurance checklist (data, kept by the
    performance team, so the checklist follows the guidance as it is revised)."""

    __tablename__ = "qa_checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    question: Mapped[str] = mapped_column(Text)
    # The service-plan section the question is about, or empty for the plan as a whole.
    section: Mapped[str] = mapped_column(String(40), default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __mapper_args__ = {"version_id_col": version}


class PlanChecklistAnswer(Base):
    __tablename__ = "plan_checklist_answers"
    __table_args__ = (UniqueConstraint("plan_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("qa_checklist_items.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[ChecklistAnswer] = mapped_column(enum_type(ChecklistAnswer))
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
