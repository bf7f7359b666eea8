"""Shapes of organisations and org units in the API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.core.query import Id
from goldenthread.organisations.models import OrganisationKind, OrgUnitLevel


class OrganisationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    short_name: str
    kind: OrganisationKind


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field(min_length=1, max_length=40)
    kind: OrganisationKind


class OrgUnitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organisation_id: int
    parent_id: int | None
    name: str
    level: OrgUnitLevel


class OrgUnitCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    organisation_id: Id
    parent_id: Id | None = None
    name: str = Field(min_length=1, max_length=200)
    level: OrgUnitLevel
