"""Webhooks: partners register URLs and receive signed events when LAA figures change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from goldenthread.core.deps import AppSettings, CurrentPrincipal, Session
from goldenthread.core.query import Id
from goldenthread.webhooks import service
from goldenthread.webhooks.schemas import (
    DeliveryRead,
    WebhookCreate,
    WebhookRead,
    WebhookWithSecret,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks", "public"])


def _with_secret(subscription: object, secret: str) -> WebhookWithSecret:
    return WebhookWithSecret.model_validate(
        {**WebhookRead.model_validate(subscription).model_dump(), "secret": secret}
    )


@router.post("", response_model=WebhookWithSecret, status_code=status.HTTP_201_CREATED)
async def create_webhook(
    data: WebhookCreate,
    session: Session,
    principal: CurrentPrincipal,
    settings: AppSettings,
    response: Response,
) -> WebhookWithSecret:
    """Register a URL for events; the signing secret is shown in this answer only."""
    subscription, secret = await service.create(session, principal, data, settings)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Location"] = f"/api/v1/webhooks/{subscription.id}"
    return _with_secret(subscription, secret)


@router.get("", response_model=list[WebhookRead])
async def list_webhooks(
    session: Session,
    principal: CurrentPrincipal,
    client_pk: Annotated[Id | None, Query(description="Staff: one client's only.")] = None,
) -> list[WebhookRead]:
    """A client's own webhooks; for the performance team, every client's."""
    rows = await service.list_subscriptions(session, principal, client_pk)
    return [WebhookRead.model_validate(r) for r in rows]


@router.get("/{webhook_id}", response_model=WebhookRead)
async def get_webhook(webhook_id: Id, session: Session, principal: CurrentPrincipal) -> WebhookRead:
    """Read one webhook and how its last delivery went."""
    return WebhookRead.model_validate(await service.get(session, principal, webhook_id))


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_webhook(webhook_id: Id, session: Session, principal: CurrentPrincipal) -> None:
    """Stop sending events to this URL (events not yet sent are dropped)."""
    await service.delete(session, await service.get(session, principal, webhook_id))


@router.post("/{webhook_id}/rotate-secret", response_model=WebhookWithSecret)
async def rotate_webhook_secret(
    webhook_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    settings: AppSettings,
    response: Response,
) -> WebhookWithSecret:
    """A new signing secret, shown once; events from now on are signed with it."""
    subscription = await service.get(session, principal, webhook_id)
    secret = await service.rotate_secret(session, subscription, settings)
    response.headers["Cache-Control"] = "no-store"
    return _with_secret(subscription, secret)


@router.post("/{webhook_id}/ping", status_code=status.HTTP_202_ACCEPTED)
async def ping_webhook(webhook_id: Id, session: Session, principal: CurrentPrincipal) -> None:
    """Queue a test event (type "ping") to check the receiver and its signature check."""
    await service.ping(session, await service.get(session, principal, webhook_id))


@router.get("/{webhook_id}/deliveries", response_model=list[DeliveryRead])
async def list_deliveries(
    webhook_id: Id,
    session: Session,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryRead]:
    """The latest events for this webhook, newest first, with their attempts and outcome."""
    subscription = await service.get(session, principal, webhook_id)
    return [
        DeliveryRead.model_validate(d)
        for d in await service.deliveries(session, subscription, limit)
    ]
