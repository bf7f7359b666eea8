"""Organisations of the partnership and the council's org units."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, enum_type


class OrganisationKind(StrEnum):
    COUNCIL = "council"
    HEALTH = "health"
    POLICE = "police"
    FIRE = "fire"
    VOLUNTARY = "voluntary"
    OTHER = "other"


class OrgUnitLevel(StrEnum):
    DIRECTORATE = "directorate"
    SERVICE = "service"
    TEAM = "team"


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind))


class OrgUnit(Base):
    __tablename__ = "org_units"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[OrgUnitLevel] = mapped_column(enum_type(OrgUnitLevel))
