"""Targets: annual (possibly years ahead) and optional period profiles."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, ExactDecimal, UTCDateTime, utcnow


class Target(Base):
    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period"),
        Index("ix_targets_year_indicator", "year", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[str] = mapped_column(String(16))
    # Start year of the financial year, kept beside the code so a year's rows are one range scan.
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    low: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    high: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    stretch_value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    updated_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
