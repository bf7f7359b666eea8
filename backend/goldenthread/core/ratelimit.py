"""Rate limits: per partner client, and for sign-in attempts per account and per address.

Counting is the ``limits`` package's moving window (exact: no burst at a window boundary).
Counters live in process memory, or in Redis when ``GT_REDIS_URL`` is set so that every
worker and machine shares them.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from goldenthread.core.config import Settings
from goldenthread.core.errors import DomainError

log = logging.getLogger("goldenthread.ratelimit")


class TooManyRequests(DomainError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


def make_storage(settings: Settings) -> Storage:
    if not settings.redis_url:
        return MemoryStorage()
    url = settings.redis_url
    if not url.startswith("async+"):
        url = "async+" + url
    storage = storage_from_string(
        url, implementation="redispy", key_prefix=settings.rate_limit_key_prefix
    )
    assert isinstance(storage, Storage)
    return storage


class RateLimits:
    """The application's limits over one storage."""

    def __init__(self, settings: Settings, storage: Storage | None = None) -> None:
        self.storage = storage if storage is not None else make_storage(settings)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.client = parse(settings.rate_limit_client)
        self.sign_in_address = parse(settings.rate_limit_sign_in_address)
        self.sign_in_account = parse(settings.rate_limit_sign_in_account)
        self.public_address = parse(settings.rate_limit_public_address)

    async def _refuse(self, item: RateLimitItem, keys: tuple[str, ...], detail: str) -> None:
        stats = await self.limiter.get_window_stats(item, *keys)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyRequests(
            f"{detail} Try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
            retry_after=retry_after,
        )

    async def _hit(self, item: RateLimitItem, keys: tuple[str, ...], detail: str) -> None:
        try:
            allowed = await self.limiter.hit(item, *keys)
        except Exception:  # a limit store that is down must not take the service down with it
            log.warning("rate-limit store unavailable; request allowed", exc_info=True)
            return
        if not allowed:
            await self._refuse(item, keys, detail)

    async def hit_client(self, client_key: str) -> None:
        """Count one request of a partner client; 429 past its limit."""
        await self._hit(
            self.client,
            ("client", client_key),
            f"This client has used its allowance of {self.client}.",
        )

    async def hit_sign_in_address(self, address: str) -> None:
        """Count one sign-in attempt from an address; 429 past the limit."""
        await self._hit(
            self.sign_in_address,
            ("sign-in-address", address),
            "Too many sign-in attempts from your address.",
        )

    async def hit_public_address(self, address: str) -> None:
        """Count one request to the public (unsigned) pages from an address; 429 past it."""
        await self._hit(
            self.public_address,
            ("public-address", address),
            "Too many requests for the public performance pages from your address.",
        )

    async def check_sign_in_account(self, kind: str, account: str) -> None:
        """Refuse (429) while an account has had too many failed attempts, before any
        credential is checked, so guessing stops even from many addresses."""
        keys = ("sign-in-account", kind, account.strip().lower())
        try:
            allowed = await self.limiter.test(self.sign_in_account, *keys)
        except Exception:
            log.warning("rate-limit store unavailable; request allowed", exc_info=True)
            return
        if not allowed:
            await self._refuse(
                self.sign_in_account, keys, "Too many failed sign-in attempts for this account."
            )

    async def failed_sign_in(self, kind: str, account: str) -> None:
        keys = ("sign-in-account", kind, account.strip().lower())
        try:
            await self.limiter.hit(self.sign_in_account, *keys)
        except Exception:
            log.warning("rate-limit store unavailable; failure not counted", exc_info=True)

    async def close(self) -> None:
        """Release the Redis connection pool, if any (memory holds nothing worth closing)."""
        client = getattr(getattr(self.storage, "bridge", None), "storage", None)
        close = getattr(client, "aclose", None)
        if close is not None:
            try:
                await close()
            except Exception:
                log.debug("closing the rate-limit store failed", exc_info=True)
