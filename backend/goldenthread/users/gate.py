"""Every request made with a staff token: is the account still active, and in which role?

Access tokens are signed and last an hour, but a leaver's account must stop at once, and a
person moved to a lesser role must not keep the old one for the rest of a token's life. The
account's row is read at most once per ``user_check_seconds`` per process (and at once in the
process that changed it), so the check costs a dictionary look-up on most requests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from goldenthread.core.db import Sessions
from goldenthread.core.errors import Unauthorized
from goldenthread.core.expiring import ExpiringLookup
from goldenthread.core.principal import Principal, Role
from goldenthread.users.models import User


@dataclass(frozen=True)
class AccountState:
    active: bool
    role: Role
    organisation_id: int


class StaffGate:
    def __init__(self, sessions: Sessions, ttl_seconds: float) -> None:
        self.sessions = sessions
        self._states: ExpiringLookup[int, AccountState | None] = ExpiringLookup(
            self._read, ttl_seconds
        )

    async def _read(self, user_id: int) -> AccountState | None:
        async with self.sessions(write=False) as session:
            row = (
                await session.execute(
                    select(User.active, User.role, User.organisation_id).where(User.id == user_id)
                )
            ).one_or_none()
        return None if row is None else AccountState(*row)

    def forget(self, user_id: int) -> None:
        self._states.forget(user_id)

    def forget_all(self) -> None:
        self._states.forget_all()

    async def admit(self, principal: Principal) -> Principal:
        """The principal as the account stands now; 401 for an account disabled or gone."""
        state = await self._states.get(principal.id)
        if state is None or not state.active:
            raise Unauthorized(
                "This account has been disabled or no longer exists.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if (state.role, state.organisation_id) == (principal.role, principal.organisation_id):
            return principal
        return replace(principal, role=state.role, organisation_id=state.organisation_id)
