"""Sign-in: turning credentials into a principal and an access token."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.auth.schemas import MeRead, TokenResponse
from goldenthread.core.config import Settings
from goldenthread.core.errors import DomainError, Unauthorized
from goldenthread.core.principal import Principal, PrincipalKind
from goldenthread.core.security import issue_token
from goldenthread.users import service as users
from goldenthread.users.models import User


class UnsupportedGrant(DomainError):
    status, slug, title = 400, "unsupported-grant-type", "Unsupported grant type"


def user_principal(user: User) -> Principal:
    return Principal(
        kind=PrincipalKind.USER,
        id=user.id,
        name=user.full_name,
        organisation_id=user.organisation_id,
        role=user.role,
    )


async def password_grant(
    session: AsyncSession, username: str | None, password: str | None, settings: Settings
) -> TokenResponse:
    if not username or not password:
        raise Unauthorized("Give a username and a password.", error="invalid_request")
    user = await users.authenticate(session, username, password, settings)
    if user is None:
        raise Unauthorized("The username or password is wrong.", error="invalid_grant")
    token, expires_in = issue_token(user_principal(user), settings)
    return TokenResponse(access_token=token, expires_in=expires_in)


async def describe(session: AsyncSession, principal: Principal) -> MeRead:
    me = MeRead(
        kind=principal.kind,
        id=principal.id,
        name=principal.name,
        organisation_id=principal.organisation_id,
        role=principal.role,
        scopes=sorted(principal.scopes),
    )
    if principal.is_user:
        user = await users.get_user(session, principal.id)
        if not user.active:
            raise Unauthorized("This account has been disabled.")
        me.username, me.org_unit_id, me.email = user.username, user.org_unit_id, user.email
    return me
