"""Registering partner API clients (performance team and administrators)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from goldenthread.clients import service
from goldenthread.clients.schemas import (
    ApiClientCreate,
    ApiClientRead,
    ApiClientWithSecret,
    SecretRotation,
)
from goldenthread.core.deps import AppSettings, RegisterPrincipal, Session
from goldenthread.core.query import Id

router = APIRouter(prefix="/clients", tags=["clients"])


def _no_store(response: Response) -> None:
    # Answers that carry a secret must not be kept by any cache.
    response.headers["Cache-Control"] = "no-store"


@router.get("", response_model=list[ApiClientRead])
async def list_clients(session: Session, _: RegisterPrincipal) -> list[ApiClientRead]:
    """List the partner API clients, revoked ones included."""
    return [ApiClientRead.model_validate(c) for c in await service.list_clients(session)]


@router.post("", response_model=ApiClientWithSecret, status_code=status.HTTP_201_CREATED)
async def create_client(
    data: ApiClientCreate,
    session: Session,
    settings: AppSettings,
    principal: RegisterPrincipal,
    response: Response,
) -> ApiClientWithSecret:
    """Register a client for a partner organisation; the secret is shown in this answer only."""
    client, secret = await service.create_client(session, data, settings, principal.name)
    _no_store(response)
    response.headers["Location"] = f"/api/v1/clients/{client.id}"
    return ApiClientWithSecret.model_validate({**_fields(client), "client_secret": secret})


@router.get("/{client_pk}", response_model=ApiClientRead)
async def get_client(client_pk: Id, session: Session, _: RegisterPrincipal) -> ApiClientRead:
    """Read one client (never its secret)."""
    return ApiClientRead.model_validate(await service.get_client(session, client_pk))


@router.post("/{client_pk}/rotate-secret", response_model=ApiClientWithSecret)
async def rotate_secret(
    client_pk: Id,
    session: Session,
    settings: AppSettings,
    _: RegisterPrincipal,
    response: Response,
    data: SecretRotation | None = None,
) -> ApiClientWithSecret:
    """Issue a new secret, shown once; the old one works until the grace period ends."""
    client = await service.get_client(session, client_pk)
    grace = (data or SecretRotation()).grace_minutes
    secret = await service.rotate_secret(session, client, grace, settings)
    _no_store(response)
    return ApiClientWithSecret.model_validate({**_fields(client), "client_secret": secret})


@router.post("/{client_pk}/revoke", response_model=ApiClientRead)
async def revoke_client(
    client_pk: Id, request: Request, session: Session, _: RegisterPrincipal
) -> ApiClientRead:
    """Revoke a client: its secrets and its tokens stop working."""
    client = await service.revoke(session, await service.get_client(session, client_pk))
    request.app.state.client_gate.forget(client.id)
    return ApiClientRead.model_validate(client)


def _fields(client: object) -> dict[str, object]:
    return ApiClientRead.model_validate(client).model_dump()
