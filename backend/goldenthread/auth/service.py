"""Sign-in: turning credentials into a principal and an access token."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.auth.schemas import MeRead, TokenResponse
from goldenthread.clients import rules as client_rules
from goldenthread.clients import service as clients
from goldenthread.core.config import Settings
from goldenthread.core.errors import DomainError, Unauthorized
from goldenthread.core.principal import Principal, PrincipalKind
from goldenthread.core.ratelimit import RateLimits
from goldenthread.core.security import issue_token
from goldenthread.users import service as users
from goldenthread.users.models import User


class UnsupportedGrant(DomainError):
    status, slug, title = 400, "unsupported-grant-type", "Unsupported grant type"


class InvalidRequest(DomainError):
    status, slug, title = 400, "invalid-request", "Invalid token request"


class InvalidScope(DomainError):
    status, slug, title = 400, "invalid-scope", "Invalid scope"


@dataclass(frozen=True)
class Attempt:
    """Where a sign-in attempt comes from, and the limits it is counted against."""

    limits: RateLimits
    address: str


@dataclass(frozen=True)
class ClientCredentials:
    client_id: str | None
    client_secret: str | None
    by_basic: bool


def user_principal(user: User) -> Principal:
    return Principal(
        kind=PrincipalKind.USER,
        id=user.id,
        name=user.full_name,
        organisation_id=user.organisation_id,
        role=user.role,
    )


async def password_grant(
    session: AsyncSession,
    username: str | None,
    password: str | None,
    settings: Settings,
    attempt: Attempt,
) -> TokenResponse:
    await attempt.limits.hit_sign_in_address(attempt.address)
    if not username or not password:
        raise Unauthorized("Give a username and a password.", error="invalid_request")
    await attempt.limits.check_sign_in_account("user", username)
    user = await users.authenticate(session, username, password, settings)
    if user is None:
        await attempt.limits.failed_sign_in("user", username)
        raise Unauthorized("The username or password is wrong.", error="invalid_grant")
    token, expires_in = issue_token(user_principal(user), settings)
    return TokenResponse(access_token=token, expires_in=expires_in)


def client_credentials(
    authorization: str | None, client_id: str | None, client_secret: str | None
) -> ClientCredentials:
    """The client's credentials from HTTP Basic or the form (RFC 6749 §2.3.1), never both."""
    basic = None
    if authorization:
        try:
            basic = client_rules.parse_basic_credentials(authorization)
        except ValueError as exc:
            raise InvalidRequest(str(exc), error="invalid_request") from exc
    if basic is None:
        return ClientCredentials(client_id, client_secret, by_basic=False)
    if client_secret is not None or (client_id is not None and client_id != basic[0]):
        raise InvalidRequest(
            "Send the client credentials one way: HTTP Basic or the form, not both.",
            error="invalid_request",
        )
    return ClientCredentials(basic[0], basic[1], by_basic=True)


async def client_credentials_grant(
    session: AsyncSession,
    credentials: ClientCredentials,
    scope: str | None,
    settings: Settings,
    attempt: Attempt,
) -> TokenResponse:
    await attempt.limits.hit_sign_in_address(attempt.address)
    challenge = {"WWW-Authenticate": 'Basic realm="goldenthread"'} if credentials.by_basic else {}
    if not credentials.client_id or not credentials.client_secret:
        raise Unauthorized(
            "Give client_id and client_secret (form fields or HTTP Basic).",
            headers=challenge,
            error="invalid_client",
        )
    await attempt.limits.check_sign_in_account("client", credentials.client_id)
    client = await clients.authenticate(
        session, credentials.client_id, credentials.client_secret, settings
    )
    if client is None:
        await attempt.limits.failed_sign_in("client", credentials.client_id)
        raise Unauthorized(
            "The client_id or client_secret is wrong, or the client is revoked.",
            headers=challenge,
            error="invalid_client",
        )
    try:
        scopes = client_rules.narrow_scopes(client.scopes, scope)
    except client_rules.ScopeError as exc:
        raise InvalidScope(f"The scope cannot be granted: {exc}.", error="invalid_scope") from exc
    token, expires_in = issue_token(
        clients.principal_of(client, scopes), settings, minutes=settings.client_token_minutes
    )
    return TokenResponse(access_token=token, expires_in=expires_in, scope=" ".join(sorted(scopes)))


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
    else:
        client = await clients.get_client(session, principal.id)
        me.client_id = client.client_id
    return me
