"""Every request made with a client's token: is the client still active, with which scopes,
and within its rate limit?

Tokens are signed and short-lived, but a revoked client must stop at once, and a client whose
scopes were cut must not keep the old ones for the rest of a token's life. The client's row is
read at most once per ``client_check_seconds`` per process, so the check costs a dictionary
look-up on most requests.
"""

from __future__ import annotations

import time
from dataclasses import replace

from goldenthread.clients import service
from goldenthread.clients.service import ClientState
from goldenthread.core.db import Sessions
from goldenthread.core.errors import Unauthorized
from goldenthread.core.principal import Principal
from goldenthread.core.ratelimit import RateLimits


class ClientGate:
    def __init__(self, sessions: Sessions, limits: RateLimits, ttl_seconds: float) -> None:
        self.sessions = sessions
        self.limits = limits
        self.ttl = ttl_seconds
        self._cache: dict[int, tuple[float, ClientState | None]] = {}

    async def _state(self, client_pk: int) -> ClientState | None:
        now = time.monotonic()
        cached = self._cache.get(client_pk)
        if cached is not None and cached[0] > now:
            return cached[1]
        async with self.sessions(write=False) as session:
            state = await service.client_state(session, client_pk)
        if len(self._cache) > 10_000:  # bound the memory a flood of forged ids could take
            self._cache.clear()
        self._cache[client_pk] = (now + self.ttl, state)
        return state

    def forget(self, client_pk: int) -> None:
        self._cache.pop(client_pk, None)

    def forget_all(self) -> None:
        self._cache.clear()

    async def admit(self, principal: Principal) -> Principal:
        state = await self._state(principal.id)
        if state is None or not state.active or state.organisation_id != principal.organisation_id:
            raise Unauthorized(
                "This API client has been revoked or no longer exists.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        await self.limits.hit_client(state.client_id)
        scopes = principal.scopes & state.scopes
        return principal if scopes == principal.scopes else replace(principal, scopes=scopes)
