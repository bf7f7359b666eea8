"""Shapes of partner API clients in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from goldenthread.clients.rules import CLIENT_ID_PATTERN
from goldenthread.core.query import Id

Scope = Literal["laa:read", "indicators:read", "outturns:write"]


class ApiClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, description="Who the client is for.")
    organisation_id: Id = Field(description="The partner organisation the client acts for.")
    scopes: list[Scope] = Field(min_length=1, max_length=3)
    client_id: str | None = Field(
        default=None,
        pattern=CLIENT_ID_PATTERN,
        description="Public identifier (lower case, digits, . _ -); made from the name if omitted.",
    )

    @field_validator("scopes")
    @classmethod
    def _unique(cls, scopes: list[str]) -> list[str]:
        return sorted(set(scopes))


class SecretRotation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grace_minutes: int = Field(
        default=60,
        ge=0,
        le=7 * 24 * 60,
        description="How long the old secret keeps working (0: stops at once; at most a week).",
    )


class ApiClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: str
    name: str
    organisation_id: int
    scopes: list[str]
    active: bool
    created_at: datetime
    created_by_name: str
    rotated_at: datetime | None
    previous_secret_expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(description="When the client last obtained a token.")


class ApiClientWithSecret(ApiClientRead):
    client_secret: str = Field(description="Shown this once; only a hash is kept.")
