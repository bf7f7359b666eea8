"""Objectives inside plans, the links between them (the golden thread) and their indicators."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, enum_type, utcnow


class ObjectiveKind(StrEnum):
    AMBITION = "ambition"
    PRIORITY = "priority"
    OUTCOME = "outcome"
    OBJECTIVE = "objective"


class Objective(Base):
    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ObjectiveKind] = mapped_column(
        enum_type(ObjectiveKind), default=ObjectiveKind.OBJECTIVE
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The objective of the earlier edition this one was copied from (new plan versions).
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __mapper_args__ = {"version_id_col": version}


class ObjectiveLink(Base):
    """``objective_id`` contributes to ``parent_objective_id``, which sits in a higher plan."""

    __tablename__ = "objective_links"
    __table_args__ = (UniqueConstraint("objective_id", "parent_objective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), index=True
    )
    parent_objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ObjectiveIndicator(Base):
    __tablename__ = "objective_indicators"
    __table_args__ = (UniqueConstraint("objective_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
