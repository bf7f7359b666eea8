"""Comparator councils, their groups, their published values, and aims set against them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goldenthread.benchmarking.rules import AimKind
from goldenthread.core.db import Base, ExactDecimal, UTCDateTime, enum_type, utcnow


class GroupKind(StrEnum):
    ALL_COUNCILS = "all_councils"  # e.g. every Scottish council, every English single tier
    NEAREST_NEIGHBOURS = "nearest_neighbours"  # a statistical family chosen for one council
    FAMILY = "family"  # a published family group
    OTHER = "other"


class ComparatorCouncil(Base):
    """An authority whose figures are compared: the council itself or another one."""

    __tablename__ = "comparator_councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    # An ONS code (E06000001) or any stable code; stored upper case, unique.
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ComparatorGroup(Base):
    __tablename__ = "comparator_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[GroupKind] = mapped_column(enum_type(GroupKind), default=GroupKind.OTHER)
    # The member that is this council: its value is our own (see service.own_values).
    us_council_id: Mapped[int | None] = mapped_column(ForeignKey("comparator_councils.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    members: Mapped[list[ComparatorGroupMember]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class ComparatorGroupMember(Base):
    __tablename__ = "comparator_group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("comparator_groups.id", ondelete="CASCADE"), primary_key=True
    )
    council_id: Mapped[int] = mapped_column(
        ForeignKey("comparator_councils.id"), primary_key=True, index=True
    )


class ComparatorValue(Base):
    """One council's published value of an indicator for a financial year.

    Values belong to councils, not groups: a council in several groups has one value.
    """

    __tablename__ = "comparator_values"
    __table_args__ = (
        UniqueConstraint("indicator_id", "year", "council_id"),
        # A group's values of a year (summaries, "which indicators have values"), covering.
        Index("ix_comparator_values_year_council", "year", "council_id", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    # Start year of the financial year the value is compared in.
    year: Mapped[int] = mapped_column(Integer)
    council_id: Mapped[int] = mapped_column(ForeignKey("comparator_councils.id"))
    # The period as published where it is not one financial year (e.g. a three-year survey
    # aggregate 2018-21, compared in 2020-21); empty otherwise.
    period_label: Mapped[str] = mapped_column(String(16), default="")
    value: Mapped[Decimal] = mapped_column(ExactDecimal())
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BenchmarkAim(Base):
    """A target expressed against a comparator group: "reach the upper quartile by 2010-11"."""

    __tablename__ = "benchmark_aims"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    year: Mapped[int] = mapped_column(Integer)
    group_id: Mapped[int] = mapped_column(ForeignKey("comparator_groups.id"), index=True)
    aim: Mapped[AimKind] = mapped_column(enum_type(AimKind))
    rank: Mapped[int | None] = mapped_column(Integer)
    # The comparator year the aim is read from; None: the latest year with values up to the
    # aim's own year (the figures of the aim's year are rarely published in time).
    basis_year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
