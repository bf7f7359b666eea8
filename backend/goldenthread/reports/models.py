"""Budget monitoring figures by service: the finance side of the integrated report."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, ExactDecimal, UTCDateTime, utcnow


class FinanceFigure(Base):
    """One service's revenue budget monitoring at one period: the year's budget, the forecast
    outturn for the year, and the spend to date (all in pounds)."""

    __tablename__ = "finance_figures"
    __table_args__ = (
        UniqueConstraint("org_unit_id", "period"),
        Index("ix_finance_figures_year_org_unit", "year", "org_unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="CASCADE"))
    # Any period code (monitoring is usually monthly: months 4, 6, 8, 10 and the outturn).
    period: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    budget: Mapped[Decimal] = mapped_column(ExactDecimal())
    forecast: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    actual: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
