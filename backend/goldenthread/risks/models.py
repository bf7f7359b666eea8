"""The risk register: risks, their links to objectives and their quarterly reviews."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goldenthread.core.db import Base, UTCDateTime, enum_type, utcnow
from goldenthread.risks.rules import Category, Control


class RiskStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # kept with its history; out of the heat map by default


def _on_scale(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 1 AND 5", name=f"{column}_scale")


class Risk(Base):
    __tablename__ = "risks"
    __table_args__ = (
        _on_scale("inherent_likelihood"),
        _on_scale("inherent_impact"),
        _on_scale("residual_likelihood"),
        _on_scale("residual_impact"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    # Case-folded code: unique, so "cr 01" and "CR 01" are the same risk.
    code_key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # None: a corporate risk, which only the performance team and administrators change.
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    category: Mapped[Category] = mapped_column(enum_type(Category))
    inherent_likelihood: Mapped[int] = mapped_column(Integer)
    inherent_impact: Mapped[int] = mapped_column(Integer)
    # The current scores after controls; the latest quarterly review sets them.
    residual_likelihood: Mapped[int] = mapped_column(Integer)
    residual_impact: Mapped[int] = mapped_column(Integer)
    control: Mapped[Control] = mapped_column(enum_type(Control))
    controls: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RiskStatus] = mapped_column(enum_type(RiskStatus), default=RiskStatus.OPEN)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    objective_links: Mapped[list[RiskObjectiveLink]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="RiskObjectiveLink.objective_id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def objective_ids(self) -> list[int]:
        return [link.objective_id for link in self.objective_links]

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact


class RiskObjectiveLink(Base):
    """A risk to the delivery of an objective (the thread reads these by objective)."""

    __tablename__ = "risk_objective_links"

    risk_id: Mapped[int] = mapped_column(
        ForeignKey("risks.id", ondelete="CASCADE"), primary_key=True
    )
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("objectives.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RiskReview(Base):
    """One quarterly review: the residual scores found and what the reviewer said. Never
    changed once made; the history of a risk is its reviews."""

    __tablename__ = "risk_reviews"
    __table_args__ = (_on_scale("likelihood"), _on_scale("impact"))

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(16))  # a quarter, e.g. 2008-09-Q2
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date] = mapped_column(Date)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewer_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
