"""Shapes of user accounts in the API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.core.principal import Role
from goldenthread.core.query import Id


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    full_name: str
    email: str | None
    job_title: str | None
    role: Role
    organisation_id: int
    org_unit_id: int | None
    manager_id: int | None = None
    active: bool


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    username: str = Field(min_length=2, max_length=80, pattern=r"^[A-Za-z0-9._-]+$")
    full_name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    job_title: str | None = Field(default=None, max_length=200)
    role: Role
    organisation_id: Id
    org_unit_id: Id | None = None
    manager_id: Id | None = Field(default=None, description="User id of the line manager.")
    password: str = Field(min_length=12, max_length=256, description="At least 12 characters.")


class LineManagerWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    manager_id: Id | None = Field(description="User id of the line manager; null for none.")


class UserUpdate(BaseModel):
    """The fields sent are changed; those left out stay as they are."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    full_name: str | None = Field(default=None, min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    job_title: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    org_unit_id: Id | None = None
    active: bool | None = Field(
        default=None,
        description="False disables the account: its sign-in and its tokens stop working "
        "(within seconds in every server process).",
    )
