"""The annual cycle: recurring templates and the dated events instantiated from them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goldenthread.core.db import Base, UTCDateTime, enum_type, utcnow
from goldenthread.cycle.rules import Category, Recurrence, RecurrenceRule
from goldenthread.periods.rules import Frequency


class LinkKind(StrEnum):
    """What an event concerns. The reference is kept as text, so links can name things that
    live in other domains (plans, reports) or outside the system (a committee paper)."""

    PLAN = "plan"
    REPORT = "report"
    INDICATOR_SET = "indicator_set"
    INDICATOR = "indicator"
    OBJECTIVE = "objective"
    DOCUMENT = "document"
    OTHER = "other"


class CycleTemplate(Base):
    __tablename__ = "cycle_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[Category] = mapped_column(enum_type(Category))
    recurrence: Mapped[Recurrence] = mapped_column(enum_type(Recurrence))
    # Calendar months (1 = January) for a "months" rule.
    months: Mapped[list[int]] = mapped_column(JSON, default=list)
    month_of_quarter: Mapped[int | None] = mapped_column(Integer)
    window_months: Mapped[int] = mapped_column(Integer, default=1)
    day: Mapped[int | None] = mapped_column(Integer)
    frequency: Mapped[Frequency | None] = mapped_column(enum_type(Frequency))
    working_days: Mapped[int | None] = mapped_column(Integer)
    # A role, never a named person: people change, the responsibility stays.
    responsible_role: Mapped[str] = mapped_column(String(200), default="")
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    # Where the recurring event comes from (a strategy, a timetable).
    source: Mapped[str] = mapped_column(String(300), default="")
    # What each instance concerns, copied to new instances: [{kind, reference, label}].
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    @property
    def rule(self) -> RecurrenceRule:
        return RecurrenceRule(
            recurrence=self.recurrence,
            months=tuple(self.months or ()),
            month_of_quarter=self.month_of_quarter,
            window_months=self.window_months,
            day=self.day,
            frequency=self.frequency,
            working_days=self.working_days,
        )


class CycleEvent(Base):
    """One occurrence of a template in a financial year.

    Its status is ``done`` once someone marks it done; otherwise ``due``, or ``missed`` once
    its due date has passed (worked out when read, so it is never stale).
    """

    __tablename__ = "cycle_events"
    __table_args__ = (
        UniqueConstraint("template_id", "year", "occurrence"),
        Index("ix_cycle_events_year_due_on", "year", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("cycle_templates.id"))
    year: Mapped[int] = mapped_column(Integer)
    occurrence: Mapped[int] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[Category] = mapped_column(enum_type(Category))
    responsible_role: Mapped[str] = mapped_column(String(200), default="")
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_by_name: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    links: Mapped[list[CycleEventLink]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="CycleEventLink.id"
    )

    __mapper_args__ = {"version_id_col": version}


class CycleEventLink(Base):
    __tablename__ = "cycle_event_links"
    __table_args__ = (UniqueConstraint("event_id", "kind", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("cycle_events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[LinkKind] = mapped_column(enum_type(LinkKind))
    reference: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200), default="")
