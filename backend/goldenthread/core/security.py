"""Password hashing (Argon2) and access tokens (JWT). The only module that touches python-jose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from jose import JWTError, jwt

from goldenthread.core.config import Settings
from goldenthread.core.principal import Principal, PrincipalKind, Role


@lru_cache(maxsize=4)
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hash_secret(secret: str, settings: Settings) -> str:
    return _hasher(settings.argon2_time_cost, settings.argon2_memory_kib).hash(secret)


def verify_secret(secret_hash: str, secret: str, settings: Settings) -> bool:
    try:
        return _hasher(settings.argon2_time_cost, settings.argon2_memory_kib).verify(
            secret_hash, secret
        )
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A valid hash of a random secret, verified when the account is unknown so that an attacker
# cannot tell unknown accounts from wrong passwords by the time an answer takes.
_DUMMY_SECRET = "not-a-password-of-anyone"  # noqa: S105 — deliberately public


@lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_kib: int) -> str:
    return _hasher(time_cost, memory_kib).hash(_DUMMY_SECRET)


def burn_verification_time(settings: Settings) -> None:
    dummy = _dummy_hash(settings.argon2_time_cost, settings.argon2_memory_kib)
    verify_secret(dummy, "x", settings)


class InvalidToken(Exception):
    """The token is missing, malformed, forged, expired or not meant for this service."""


def issue_token(
    principal: Principal, settings: Settings, *, minutes: int | None = None
) -> tuple[str, int]:
    """A signed access token for the principal and its lifetime in seconds."""
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_minutes if minutes is None else minutes)
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": f"{principal.kind.value}:{principal.id}",
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "kind": principal.kind.value,
        "name": principal.name,
        "org": principal.organisation_id,
        "scopes": sorted(principal.scopes),
    }
    if principal.role is not None:
        claims["role"] = principal.role.value
    token = jwt.encode(claims, settings.signing_key, algorithm=settings.jwt_algorithm)
    return token, int(lifetime.total_seconds())


def decode_token(token: str, settings: Settings) -> Principal:
    """Verify signature (pinned algorithm), issuer, audience and expiry; return the caller."""
    try:
        header = jwt.get_unverified_header(token)
        # Refuse anything not signed with the one configured algorithm, "none" included,
        # before the library looks at the key.
        if header.get("alg") != settings.jwt_algorithm:
            raise InvalidToken("unexpected signing algorithm")
        claims = jwt.decode(
            token,
            settings.signing_key,
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={
                "require_exp": True,
                "require_iat": True,
                "require_sub": True,
                "require_aud": True,
                "require_iss": True,
            },
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    try:
        kind = PrincipalKind(claims["kind"])
        kind_in_sub, _, raw_id = str(claims["sub"]).partition(":")
        if kind_in_sub != kind.value:
            raise InvalidToken("subject and kind disagree")
        role = Role(claims["role"]) if claims.get("role") else None
        org = claims.get("org")
        return Principal(
            kind=kind,
            id=int(raw_id),
            name=str(claims.get("name", "")),
            organisation_id=int(org) if org is not None else None,
            role=role,
            scopes=frozenset(str(s) for s in claims.get("scopes", [])),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidToken("malformed claims") from exc
