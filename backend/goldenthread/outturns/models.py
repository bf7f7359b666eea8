"""Outturns (actuals) with their data-quality status and provenance."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, ExactDecimal, UTCDateTime, enum_type, utcnow


class OutturnStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    QUALIFIED = "qualified"


class Provenance(StrEnum):
    UI = "ui"
    IMPORT = "import"
    API = "api"
    PARTNER = "partner"


class Outturn(Base):
    __tablename__ = "outturns"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period"),
        Index("ix_outturns_year_indicator", "year", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    numerator: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    denominator: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    commentary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[OutturnStatus] = mapped_column(
        enum_type(OutturnStatus),
        default=OutturnStatus.DRAFT,
    )
    provenance: Mapped[Provenance] = mapped_column(enum_type(Provenance))
    updated_by: Mapped[str] = mapped_column(String(60), default="")
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    verified_by_name: Mapped[str | None] = mapped_column(String(200))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
