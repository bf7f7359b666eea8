"""Webhook subscriptions: who may register which, and the delivery log."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.clients import service as clients
from goldenthread.core.config import Settings
from goldenthread.core.db import utcnow
from goldenthread.core.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from goldenthread.core.principal import Principal
from goldenthread.feeds.rules import format_instant
from goldenthread.webhooks import outbox, rules
from goldenthread.webhooks.models import WebhookDelivery, WebhookSubscription
from goldenthread.webhooks.schemas import WebhookCreate

MAX_PER_CLIENT = 5


def _check_may_manage(principal: Principal) -> None:
    if principal.is_client:
        if not any(principal.has_scope(s) for s in outbox.READ_SCOPES):
            raise Forbidden(
                "Webhooks need the laa:read or indicators:read scope.", error="insufficient_scope"
            )
        return
    if not principal.maintains_register:
        raise Forbidden("Only the performance team or an administrator may manage webhooks.")


async def create(
    session: AsyncSession, principal: Principal, data: WebhookCreate, settings: Settings
) -> tuple[WebhookSubscription, str]:
    _check_may_manage(principal)
    if principal.is_client:
        if data.client_pk is not None and data.client_pk != principal.id:
            raise Forbidden("A client registers webhooks for itself only.")
        client_pk = principal.id
    else:
        if data.client_pk is None:
            raise ValidationFailed(
                "Name the API client the webhook is for.",
                [FieldError("client_pk", "required when staff register a webhook")],
            )
        client = await clients.get_client(session, data.client_pk)
        if not client.active:
            raise Conflict(f"The client {client.client_id!r} is revoked.")
        client_pk = client.id
    try:
        url = rules.check_url(data.url, settings.webhook_private_targets_allowed)
    except rules.TargetRefused as exc:
        raise ValidationFailed(
            f"The URL cannot receive webhooks: {exc}.", [FieldError("url", str(exc))]
        ) from exc
    count = await session.scalar(
        select(func.count()).where(
            WebhookSubscription.client_pk == client_pk, WebhookSubscription.active.is_(True)
        )
    )
    if (count or 0) >= MAX_PER_CLIENT:
        raise Conflict(f"A client may have at most {MAX_PER_CLIENT} webhooks; remove one first.")
    secret = rules.new_secret()
    subscription = WebhookSubscription(
        client_pk=client_pk,
        url=url,
        secret_encrypted=rules.encrypt_secret(secret, settings.signing_key),
        active=True,
        created_by_name=principal.name,
    )
    session.add(subscription)
    await session.flush()
    return subscription, secret


async def list_subscriptions(
    session: AsyncSession, principal: Principal, client_pk: int | None
) -> list[WebhookSubscription]:
    _check_may_manage(principal)
    query = select(WebhookSubscription).order_by(WebhookSubscription.id)
    if principal.is_client:
        query = query.where(WebhookSubscription.client_pk == principal.id)
    elif client_pk is not None:
        query = query.where(WebhookSubscription.client_pk == client_pk)
    return list((await session.scalars(query)).all())


async def get(
    session: AsyncSession, principal: Principal, subscription_id: int
) -> WebhookSubscription:
    """A subscription the principal may manage; 404 alike for others' and for none."""
    _check_may_manage(principal)
    found = await session.get(WebhookSubscription, subscription_id)
    if found is None or (principal.is_client and found.client_pk != principal.id):
        raise NotFound(f"There is no webhook {subscription_id}.")
    return found


async def delete(session: AsyncSession, subscription: WebhookSubscription) -> None:
    await session.delete(subscription)
    await session.flush()


async def rotate_secret(
    session: AsyncSession, subscription: WebhookSubscription, settings: Settings
) -> str:
    secret = rules.new_secret()
    subscription.secret_encrypted = rules.encrypt_secret(secret, settings.signing_key)
    await session.flush()
    return secret


async def ping(session: AsyncSession, subscription: WebhookSubscription) -> None:
    """A test event, sent like any other."""
    event = {
        "type": "ping",
        "occurred_at": format_instant(utcnow()),
        "indicator": None,
        "period": None,
        "action": "ping",
    }
    await session.run_sync(lambda sync: outbox.enqueue(sync, [event], [subscription.id]))


async def deliveries(
    session: AsyncSession, subscription: WebhookSubscription, limit: int
) -> list[WebhookDelivery]:
    rows = await session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return list(rows.all())
