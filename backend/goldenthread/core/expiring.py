"""Per-process memory of what was read of an account (a partner client, a staff user).

Each request checks its token's account; reading the row every time would cost a query per
request, so a value is trusted for ``ttl`` seconds in this process, and forgotten at once where
the process itself changed the account.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ExpiringLookup(Generic[K, V]):
    def __init__(
        self, load: Callable[[K], Awaitable[V]], ttl_seconds: float, max_entries: int = 10_000
    ) -> None:
        self.load = load
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self._entries: dict[K, tuple[float, V]] = {}

    async def get(self, key: K) -> V:
        now = time.monotonic()
        cached = self._entries.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        value = await self.load(key)
        if len(self._entries) >= self.max_entries:  # bound what a flood of forged ids can take
            self._entries.clear()
        self._entries[key] = (now + self.ttl, value)
        return value

    def forget(self, key: K) -> None:
        self._entries.pop(key, None)

    def forget_all(self) -> None:
        self._entries.clear()
