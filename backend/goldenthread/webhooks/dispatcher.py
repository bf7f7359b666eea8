"""Sending the outbox: signed POSTs, retried with back-off, never inside a request.

Several workers may run a dispatcher over one database: each delivery is claimed by a
conditional update (a lease on its next attempt time) before it is sent, so it is sent by one
of them; a worker that dies mid-send leaves a lease that expires and the event is sent again
(receivers de-duplicate by the delivery id).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.clients.models import ApiClient
from goldenthread.core.config import Settings
from goldenthread.core.db import Sessions, utcnow
from goldenthread.indicators.models import Indicator
from goldenthread.status import service as status
from goldenthread.webhooks import outbox, rules
from goldenthread.webhooks.models import WebhookDelivery, WebhookSubscription

log = logging.getLogger("goldenthread.webhooks")

BATCH = 50
CONCURRENCY = 8
KEEP_FINISHED = timedelta(days=30)  # the delivery log a partner can read back
PRUNE_EVERY_SECONDS = 3600.0
USER_AGENT = "GoldenThread-Webhooks/1"


@dataclass
class _Claimed:
    id: int
    event_id: str
    event_type: str
    indicator_id: int | None
    payload: str
    attempts: int
    subscription_id: int
    url: str
    secret: str | None


@dataclass(frozen=True)
class _Outcome:
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Dispatcher:
    def __init__(
        self,
        sessions: Sessions,
        settings: Settings,
        *,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self._http = http
        self._own_http = http is None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._pruned_at = 0.0

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if self.running:
            return
        self._stopping = False
        outbox.register_wake_event(self._wake)
        self._task = asyncio.create_task(self._loop(), name="goldenthread-webhooks")

    async def stop(self) -> None:
        """Stop after the attempt in hand (if any); safe to call more than once."""
        self._stopping = True
        outbox.unregister_wake_event(self._wake)
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._own_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    def wake(self) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        while not self._stopping:
            try:
                if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
                    await self.prune(utcnow() - KEEP_FINISHED)
                    self._pruned_at = time.monotonic()
                sent = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("webhook dispatch failed; retrying at the next poll")
                sent = 0
            if sent >= BATCH:
                continue  # more may be due: no pause
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.webhook_poll_seconds)
            self._wake.clear()

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=self.settings.webhook_timeout_seconds,
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": USER_AGENT},
            )
        return self._http

    async def run_once(self) -> int:
        """Send every delivery that is due now (one batch); returns how many were tried."""
        claimed = await self._claim(utcnow())
        if not claimed:
            return 0
        semaphore = asyncio.Semaphore(CONCURRENCY)

        async def send(item: _Claimed) -> tuple[_Claimed, _Outcome]:
            async with semaphore:
                return item, await self._send(item)

        results = await asyncio.gather(*(send(item) for item in claimed))
        await self._record(results)
        return len(claimed)

    async def prune(self, before: datetime) -> int:
        """Forget events made before ``before`` (delivered, given up, or held back because
        their client was revoked: retries end within a day); returns how many."""
        async with self.sessions(write=True) as session:
            result = await session.execute(
                delete(WebhookDelivery).where(WebhookDelivery.created_at < before)
            )
            await session.commit()
        return int(getattr(result, "rowcount", 0) or 0)

    async def _claim(self, now: datetime) -> list[_Claimed]:
        lease = now + timedelta(seconds=self.settings.webhook_timeout_seconds * 2 + 30)
        async with self.sessions(write=True) as session:
            rows = (
                await session.execute(
                    select(
                        WebhookDelivery.id,
                        WebhookDelivery.event_id,
                        WebhookDelivery.event_type,
                        WebhookDelivery.indicator_id,
                        WebhookDelivery.payload,
                        WebhookDelivery.attempts,
                        WebhookDelivery.next_attempt_at,
                        WebhookSubscription.id.label("subscription_id"),
                        WebhookSubscription.url,
                        WebhookSubscription.secret_encrypted,
                    )
                    .join(
                        WebhookSubscription,
                        WebhookSubscription.id == WebhookDelivery.subscription_id,
                    )
                    # A revoked client's events wait (and are pruned in time), never sent.
                    .join(ApiClient, ApiClient.id == WebhookSubscription.client_pk)
                    .where(
                        WebhookDelivery.delivered_at.is_(None),
                        WebhookDelivery.failed_at.is_(None),
                        WebhookDelivery.next_attempt_at <= now,
                        WebhookSubscription.active.is_(True),
                        ApiClient.active.is_(True),
                    )
                    .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
                    .limit(BATCH)
                )
            ).all()
            claimed = []
            for row in rows:
                taken = await session.execute(
                    update(WebhookDelivery)
                    .where(
                        WebhookDelivery.id == row.id,
                        WebhookDelivery.next_attempt_at == row.next_attempt_at,
                        WebhookDelivery.delivered_at.is_(None),
                    )
                    .values(next_attempt_at=lease, attempts=WebhookDelivery.attempts + 1)
                )
                if getattr(taken, "rowcount", 0) == 1:
                    claimed.append(
                        _Claimed(
                            id=row.id,
                            event_id=row.event_id,
                            event_type=row.event_type,
                            indicator_id=row.indicator_id,
                            payload=row.payload,
                            attempts=row.attempts + 1,
                            subscription_id=row.subscription_id,
                            url=row.url,
                            secret=rules.decrypt_secret(
                                row.secret_encrypted, self.settings.signing_key
                            ),
                        )
                    )
            await self._add_status(session, claimed)
            await session.commit()
        return claimed

    async def _add_status(self, session: AsyncSession, claimed: list[_Claimed]) -> None:
        """Events about figures carry the indicator's status just after the change, worked out
        once, before the first attempt, so that retries send the same body."""
        first = [
            c
            for c in claimed
            if c.attempts == 1
            and c.indicator_id is not None
            and c.event_type.split(".")[0] in ("outturn", "target", "indicator")
            and not c.event_type.endswith(".removed")
        ]
        if not first:
            return
        period = await status.latest_quarter_with_data(session)
        if period is None:
            return
        ids = sorted({c.indicator_id for c in first if c.indicator_id is not None})
        computed = await status.compute_statuses(session, period, [Indicator.id.in_(ids)])
        by_id = {s.indicator_id: s for s in computed}
        for item in first:
            found = by_id.get(item.indicator_id) if item.indicator_id is not None else None
            if found is None:
                continue
            body = json.loads(item.payload)
            body["status"] = {
                "period": found.period,
                "rag": found.rag.value,
                "trend": found.trend.value,
                "explanation": found.explanation,
            }
            item.payload = json.dumps(body, separators=(",", ":"))
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == item.id)
                .values(payload=item.payload)
            )

    async def _target_allowed(self, url: str) -> str | None:
        """None if the URL may be called now, else why not (names are resolved again at every
        send, so a name that later points at a private address is refused too)."""
        allow_private = self.settings.webhook_private_targets_allowed
        try:
            rules.check_url(url, allow_private)
        except rules.TargetRefused as exc:
            return str(exc)
        if allow_private:
            return None
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port)
        except OSError:
            return f"cannot resolve {host}"
        addresses = {str(info[4][0]) for info in infos}
        if not addresses or not all(rules.address_allowed(a, False) for a in addresses):
            return f"{host} resolves to a private or reserved address"
        return None

    async def _send(self, item: _Claimed) -> _Outcome:
        if item.secret is None:
            return _Outcome(None, "the signing secret cannot be read (was GT_SECRET_KEY changed?)")
        refused = await self._target_allowed(item.url)
        if refused is not None:
            return _Outcome(None, f"refused: {refused}")
        body = item.payload.encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            rules.SIGNATURE_HEADER: rules.signature_header(item.secret, timestamp, body),
            rules.EVENT_HEADER: item.event_type,
            rules.DELIVERY_HEADER: item.event_id,
        }
        try:
            response = await self._client().post(item.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return _Outcome(None, f"{type(exc).__name__}: {exc}"[:300])
        if 200 <= response.status_code < 300:
            return _Outcome(response.status_code, None)
        return _Outcome(response.status_code, f"the receiver answered {response.status_code}")

    async def _record(self, results: list[tuple[_Claimed, _Outcome]]) -> None:
        now = utcnow()
        async with self.sessions(write=True) as session:
            for item, outcome in results:
                values: dict[str, object] = {
                    "last_status": outcome.status,
                    "last_error": outcome.error,
                }
                if outcome.ok:
                    values["delivered_at"] = now
                elif item.attempts >= self.settings.webhook_max_attempts:
                    values["failed_at"] = now
                else:
                    delay = rules.backoff_seconds(
                        item.attempts,
                        self.settings.webhook_backoff_seconds,
                        jitter=random.random(),  # noqa: S311 — spreading retries, not security
                    )
                    values["next_attempt_at"] = now + timedelta(seconds=delay)
                await session.execute(
                    update(WebhookDelivery).where(WebhookDelivery.id == item.id).values(**values)
                )
                await session.execute(
                    update(WebhookSubscription)
                    .where(WebhookSubscription.id == item.subscription_id)
                    .values(
                        **(
                            {"last_delivery_at": now}
                            if outcome.ok
                            else {"last_failure_at": now, "last_error": outcome.error}
                        )
                    )
                )
            await session.commit()
