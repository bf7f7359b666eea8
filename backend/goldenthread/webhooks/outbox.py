"""Writing webhook events to the outbox in the transaction that made the change.

Every change to an indicator, target or outturn appends an audit entry (audit/service.py), so
the outbox listens for new audit entries at flush time, as the figures version does: no
service has to remember to announce anything, and an event exists exactly when the change
was committed. Sending happens later, in the dispatcher, so no request ever waits for a
partner's server.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session, SessionTransaction

from goldenthread.audit.models import AuditEntry
from goldenthread.clients.models import ApiClient
from goldenthread.core.db import utcnow
from goldenthread.feeds import rules as feed_rules
from goldenthread.feeds import service as feeds
from goldenthread.indicators.models import Indicator
from goldenthread.webhooks import rules
from goldenthread.webhooks.models import WebhookDelivery, WebhookSubscription

READ_SCOPES = ("laa:read", "indicators:read")
_SUBSCRIBERS = "goldenthread.webhook_subscribers"
_ENQUEUED = "goldenthread.webhook_enqueued"

# Events of running dispatchers, set after a commit that enqueued something so that delivery
# starts at once instead of at the next poll.
_wake_events: set[asyncio.Event] = set()


def register_wake_event(wake: asyncio.Event) -> None:
    _wake_events.add(wake)


def unregister_wake_event(wake: asyncio.Event) -> None:
    _wake_events.discard(wake)


def _subscribers(session: Session) -> list[int]:
    """Active subscriptions of active clients that may read the feed, once per transaction."""
    cached: list[int] | None = session.info.get(_SUBSCRIBERS)
    if cached is not None:
        return cached
    rows = session.connection().execute(
        select(WebhookSubscription.id, ApiClient.scopes)
        .join(ApiClient, ApiClient.id == WebhookSubscription.client_pk)
        .where(WebhookSubscription.active.is_(True), ApiClient.active.is_(True))
        .order_by(WebhookSubscription.id)
    )
    found = [sub_id for sub_id, scopes in rows.all() if set(scopes or []) & set(READ_SCOPES)]
    session.info[_SUBSCRIBERS] = found
    return found


def _in_feed_now(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The codes of those of the indicators that are in the feed now."""
    rows = session.connection().execute(
        select(Indicator.id, Indicator.code).where(Indicator.id.in_(list(ids)), *feeds.in_feed())
    )
    return {row.id: row.code for row in rows.all()}


def _event(entry: AuditEntry, kind: str, code: str | None) -> dict[str, Any]:
    return {
        "type": kind,
        "occurred_at": feed_rules.format_instant(entry.at or utcnow()),
        "indicator": {"id": entry.indicator_id, "code": code},
        "period": entry.period,
        "action": entry.action,
    }


def events_for(session: Session, entries: list[AuditEntry]) -> list[dict[str, Any]]:
    """The events the new audit entries make, for indicators that partners may read."""
    figure_ids = {
        e.indicator_id for e in entries if e.entity != "indicator" and e.indicator_id is not None
    }
    in_feed = _in_feed_now(session, figure_ids) if figure_ids else {}
    events = []
    for entry in entries:
        code: str | None = None
        kind: str | None = None
        if entry.entity == "indicator":
            kind = rules.indicator_event_type(
                feed_rules.in_feed(entry.before), feed_rules.in_feed(entry.after)
            )
            code = (entry.after or entry.before or {}).get("code")
        elif entry.indicator_id in in_feed:
            kind = rules.event_type(entry.entity, entry.action)
            code = in_feed[entry.indicator_id]
        if kind is not None:
            events.append(_event(entry, kind, code))
    return events


def enqueue(session: Session, events: list[dict[str, Any]], subscription_ids: list[int]) -> None:
    if not events or not subscription_ids:
        return
    now = utcnow()
    rows = []
    for change in events:
        event_id = "evt_" + uuid.uuid4().hex
        body = {"id": event_id, **change}
        for sub_id in subscription_ids:
            rows.append(
                {
                    "subscription_id": sub_id,
                    "event_id": event_id,
                    "event_type": change["type"],
                    "indicator_id": change["indicator"]["id"] if change.get("indicator") else None,
                    "payload": json.dumps(body, separators=(",", ":")),
                    "created_at": now,
                    "next_attempt_at": now,
                    "attempts": 0,
                }
            )
    session.connection().execute(insert(WebhookDelivery), rows)
    session.info[_ENQUEUED] = True


def _after_flush(session: Session, _context: Any) -> None:
    entries = [
        obj for obj in session.new if isinstance(obj, AuditEntry) and obj.indicator_id is not None
    ]
    if not entries:
        return
    subscribers = _subscribers(session)
    if subscribers:
        enqueue(session, events_for(session, sorted(entries, key=lambda e: e.id)), subscribers)


def _after_commit(session: Session) -> None:
    if session.info.pop(_ENQUEUED, False):
        for wake in list(_wake_events):
            wake.set()


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_SUBSCRIBERS, None)
        session.info.pop(_ENQUEUED, None)


def install() -> None:
    """Listen on every session (idempotent), as the figures-version counter does."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_transaction_end", _after_transaction_end)


install()
