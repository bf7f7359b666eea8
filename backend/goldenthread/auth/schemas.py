"""Shapes of the token endpoint and of the caller's identity."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from goldenthread.core.principal import PrincipalKind, Role


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 — the OAuth2 token type, not a secret
    expires_in: int
    scope: str | None = Field(
        default=None, description="Client credentials: the scopes the token carries."
    )


class MeRead(BaseModel):
    kind: PrincipalKind
    id: int
    name: str
    organisation_id: int | None
    role: Role | None = None
    scopes: list[str] = []
    username: str | None = None
    org_unit_id: int | None = None
    email: str | None = None
    client_id: str | None = None
