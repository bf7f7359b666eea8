"""Every request made with a client's token: is the client still active, with which scopes,
and within its rate limit?

Tokens are signed and short-lived, but a revoked client must stop at once, and a client whose
scopes were cut must not keep the old ones for the rest of a token's life. The client's row is
read at most once per ``client_check_seconds`` per process, so the check costs a dictionary
look-up on most requests.
"""

from __future__ import annotations

from dataclasses import replace

from goldenthread.clients import service
from goldenthread.clients.service import ClientState
from goldenthread.core.db import Sessions
from goldenthread.core.errors import Unauthorized
from goldenthread.core.expiring import ExpiringLookup
from goldenthread.core.principal import Principal
from goldenthread.core.ratelimit import RateLimits


class ClientGate:
    def __init__(self, sessions: Sessions, limits: RateLimits, ttl_seconds: float) -> None:
        self.sessions = sessions
        self.limits = limits
        self._states: ExpiringLookup[int, ClientState | None] = ExpiringLookup(
            self._read, ttl_seconds
        )

    async def _read(self, client_pk: int) -> ClientState | None:
        async with self.sessions(write=False) as session:
            return await service.client_state(session, client_pk)

    def forget(self, client_pk: int) -> None:
        self._states.forget(client_pk)

    def forget_all(self) -> None:
        self._states.forget_all()

    async def admit(self, principal: Principal) -> Principal:
        state = await self._states.get(principal.id)
        if state is None or not state.active or state.organisation_id != principal.organisation_id:
            raise Unauthorized(
                "This API client has been revoked or no longer exists.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        await self.limits.hit_client(state.client_id)
        scopes = principal.scopes & state.scopes
        return principal if scopes == principal.scopes else replace(principal, scopes=scopes)
