"""Request-scoped dependencies: the database session and the calling principal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.core.config import Settings
from goldenthread.core.db import session_scope
from goldenthread.core.errors import Forbidden, Unauthorized
from goldenthread.core.principal import Actor, Principal, Role, Via
from goldenthread.core.security import InvalidToken, decode_token

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the response is sent."""
    async for session in session_scope(
        request.app.state.sessionmaker, write=request.method in WRITE_METHODS
    ):
        yield session


oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_principal(
    request: Request,
    token: Annotated[str | None, Depends(oauth2_scheme)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Principal:
    if not token:
        raise Unauthorized(
            "Sign in first: send a bearer token.", headers={"WWW-Authenticate": "Bearer"}
        )
    try:
        principal = decode_token(token, settings)
    except InvalidToken as exc:
        raise Unauthorized(
            "The access token is invalid or has expired; sign in again.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from exc
    # A token is checked against its account as it is now: a partner client revoked or its
    # scopes cut, and counted against its rate limit (clients/gate.py); a staff account
    # disabled or its role changed (users/gate.py).
    gate = getattr(request.app.state, "client_gate" if principal.is_client else "staff_gate", None)
    if gate is not None:
        admitted: Principal = await gate.admit(principal)
        return admitted
    return principal


def require_staff(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    if not principal.is_user:
        raise Forbidden("This operation is for council staff only.")
    return principal


def require_register_role(principal: Annotated[Principal, Depends(require_staff)]) -> Principal:
    if principal.role not in (Role.ADMIN, Role.PERFORMANCE):
        raise Forbidden("Only the performance team or an administrator may change the register.")
    return principal


# The web app marks its requests so the audit trail can tell screen edits from scripts.
WEB_APP_MARKER = "goldenthread-web"


def get_actor(request: Request, principal: Annotated[Principal, Depends(get_principal)]) -> Actor:
    if principal.is_client:
        return Actor(principal, Via.PARTNER)
    marker = request.headers.get("x-requested-with", "")
    return Actor(principal, Via.UI if marker == WEB_APP_MARKER else Via.API)


Session = Annotated[AsyncSession, Depends(get_session, scope="function")]
CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
StaffPrincipal = Annotated[Principal, Depends(require_staff)]
RegisterPrincipal = Annotated[Principal, Depends(require_register_role)]
AppSettings = Annotated[Settings, Depends(get_settings_dep)]
CurrentActor = Annotated[Actor, Depends(get_actor)]
