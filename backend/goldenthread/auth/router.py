"""Sign-in (OAuth2 token endpoint) and "who am I"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request

from goldenthread.auth import service
from goldenthread.auth.schemas import MeRead, TokenResponse
from goldenthread.core.deps import AppSettings, CurrentPrincipal, Session

router = APIRouter(prefix="/auth", tags=["auth", "public"])


@router.post("/token", response_model=TokenResponse)
async def issue_token(
    request: Request,
    session: Session,
    settings: AppSettings,
    grant_type: Annotated[
        str, Form(description="`password` for staff; `client_credentials` for partner clients")
    ],
    username: Annotated[str | None, Form(max_length=80)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    client_id: Annotated[str | None, Form(max_length=80)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
    scope: Annotated[
        str | None,
        Form(max_length=400, description="Client credentials: narrow the token's scopes."),
    ] = None,
) -> TokenResponse:
    """Exchange credentials for a bearer access token (a signed JWT). Partner clients send
    client_id and client_secret as form fields or by HTTP Basic authentication."""
    attempt = service.Attempt(
        limits=request.app.state.rate_limits,
        address=request.client.host if request.client else "unknown",
    )
    if grant_type == "password":
        return await service.password_grant(session, username, password, settings, attempt)
    if grant_type == "client_credentials":
        return await service.client_credentials_grant(
            session,
            service.client_credentials(
                request.headers.get("authorization"), client_id, client_secret
            ),
            scope,
            settings,
            attempt,
        )
    raise service.UnsupportedGrant(
        f"grant_type {grant_type!r} is not supported; use 'password' or 'client_credentials'.",
        error="unsupported_grant_type",
    )


@router.get("/me", response_model=MeRead)
async def who_am_i(session: Session, principal: CurrentPrincipal) -> MeRead:
    """Tell the caller who it is: kind, organisation, role or scopes."""
    return await service.describe(session, principal)
