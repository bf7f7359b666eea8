"""Partner API clients: register, authenticate, rotate and revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from anyio import to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.clients import rules
from goldenthread.clients.models import ApiClient
from goldenthread.clients.schemas import ApiClientCreate
from goldenthread.core.config import Settings
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from goldenthread.core.principal import Principal, PrincipalKind
from goldenthread.core.security import burn_verification_time, hash_secret, verify_secret
from goldenthread.organisations.models import Organisation


@dataclass(frozen=True)
class ClientState:
    """What a request by a client's token is checked against."""

    client_id: str
    active: bool
    organisation_id: int
    scopes: frozenset[str]


def principal_of(client: ApiClient, scopes: frozenset[str] | None = None) -> Principal:
    return Principal(
        kind=PrincipalKind.CLIENT,
        id=client.id,
        name=client.name,
        organisation_id=client.organisation_id,
        scopes=frozenset(client.scopes) if scopes is None else scopes,
    )


async def _hash(secret: str, settings: Settings) -> str:
    return await to_thread.run_sync(hash_secret, secret, settings)


async def create_client(
    session: AsyncSession,
    data: ApiClientCreate,
    settings: Settings,
    created_by: str,
    *,
    secret: str | None = None,
) -> tuple[ApiClient, str]:
    """Register a client; returns it and its secret, which is not kept and cannot be shown
    again (``secret`` is for the demo's published one)."""
    if await session.get(Organisation, data.organisation_id) is None:
        raise ValidationFailed(
            "There is no such organisation.",
            [FieldError("organisation_id", f"there is no organisation {data.organisation_id}")],
        )
    client_id = data.client_id or rules.new_client_id(data.name)
    taken = await session.scalar(select(ApiClient.id).where(ApiClient.client_id == client_id))
    if taken is not None:
        raise Conflict(
            f"The client_id {client_id!r} is taken.", [FieldError("client_id", "already taken")]
        )
    secret = secret or rules.new_secret()
    client = ApiClient(
        client_id=client_id,
        name=data.name,
        organisation_id=data.organisation_id,
        scopes=sorted(set(data.scopes)),
        secret_hash=await _hash(secret, settings),
        active=True,
        created_by_name=created_by,
    )
    session.add(client)
    await session.flush()
    return client, secret


async def list_clients(session: AsyncSession) -> list[ApiClient]:
    return list((await session.scalars(select(ApiClient).order_by(ApiClient.client_id))).all())


async def get_client(session: AsyncSession, client_pk: int) -> ApiClient:
    client = await session.get(ApiClient, client_pk)
    if client is None:
        raise NotFound(f"There is no API client {client_pk}.")
    return client


async def find_client(session: AsyncSession, client_id: str) -> ApiClient:
    client = await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if client is None:
        raise NotFound(f"There is no API client {client_id!r}.")
    return client


async def rotate_secret(
    session: AsyncSession, client: ApiClient, grace_minutes: int, settings: Settings
) -> str:
    """A new secret; the current one keeps working for ``grace_minutes`` (0: not at all)."""
    if not client.active:
        raise Conflict(f"The client {client.client_id!r} is revoked; register a new one.")
    secret = rules.new_secret()
    now = utcnow()
    if grace_minutes > 0:
        client.previous_secret_hash = client.secret_hash
        client.previous_secret_expires_at = now + timedelta(minutes=grace_minutes)
    else:
        client.previous_secret_hash = None
        client.previous_secret_expires_at = None
    client.secret_hash = await _hash(secret, settings)
    client.rotated_at = now
    await session.flush()
    return secret


async def revoke(session: AsyncSession, client: ApiClient) -> ApiClient:
    """Stop the client for good: no new tokens, and its current tokens are refused."""
    if client.active:
        client.active = False
        client.revoked_at = utcnow()
        client.previous_secret_hash = None
        client.previous_secret_expires_at = None
        await session.flush()
    return client


async def authenticate(
    session: AsyncSession, client_id: str, secret: str, settings: Settings
) -> ApiClient | None:
    """The active client with these credentials, or None; takes as long either way. A
    successful sign-in is recorded as the client's last use."""
    client = await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if client is None or not client.active:
        await to_thread.run_sync(burn_verification_time, settings)
        return None
    ok = await to_thread.run_sync(verify_secret, client.secret_hash, secret, settings)
    if not ok and client.previous_secret_hash is not None:
        expires = client.previous_secret_expires_at
        if expires is not None and utcnow() < expires:
            ok = await to_thread.run_sync(
                verify_secret, client.previous_secret_hash, secret, settings
            )
    if not ok:
        return None
    client.last_used_at = utcnow()
    await session.flush()
    return client


async def client_state(session: AsyncSession, client_pk: int) -> ClientState | None:
    row = (
        await session.execute(
            select(
                ApiClient.client_id,
                ApiClient.active,
                ApiClient.organisation_id,
                ApiClient.scopes,
            ).where(ApiClient.id == client_pk)
        )
    ).one_or_none()
    if row is None:
        return None
    return ClientState(row.client_id, row.active, row.organisation_id, frozenset(row.scopes))
