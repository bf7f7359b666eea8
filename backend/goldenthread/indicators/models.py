"""The indicator register."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goldenthread.core.db import Base, ExactDecimal, UTCDateTime, enum_type, utcnow
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit


class Lifecycle(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class Indicator(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    # Case-folded, whitespace-normalised code: the register's uniqueness key.
    code_key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    # The title in plain words for the public performance page; empty: the title is used.
    plain_title: Mapped[str] = mapped_column(String(300), default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    procedure_note: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[Unit] = mapped_column(enum_type(Unit))
    decimal_places: Mapped[int] = mapped_column(Integer, default=0)
    polarity: Mapped[Polarity] = mapped_column(enum_type(Polarity))
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency))
    aggregation: Mapped[Aggregation] = mapped_column(enum_type(Aggregation))
    multiplier: Mapped[Decimal] = mapped_column(ExactDecimal(), default=Decimal(1))
    tolerance_percent: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    tolerance_absolute: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    org_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    lead_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    shared_with_partners: Mapped[bool] = mapped_column(default=False)
    public: Mapped[bool] = mapped_column(default=False)
    lifecycle: Mapped[Lifecycle] = mapped_column(enum_type(Lifecycle), default=Lifecycle.ACTIVE)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    set_memberships: Mapped[list[IndicatorSet]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="IndicatorSet.name"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def sets(self) -> list[str]:
        return [m.name for m in self.set_memberships]


class IndicatorSet(Base):
    """Membership of an indicator in a set or basket (NI, BVPI, LAA, LOCAL, DOT…)."""

    __tablename__ = "indicator_sets"

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
