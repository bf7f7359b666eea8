"""Personal calendar-feed tokens: calendar clients cannot send a bearer token, so the feed's
address carries a secret of its own, which its owner can reset at any time."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.calendars.models import CalendarFeedToken
from goldenthread.core.db import utcnow
from goldenthread.core.errors import NotFound
from goldenthread.users.models import User

TOKEN_BYTES = 32


def digest(token: str) -> str:
    """The stored form of a feed token.

    A password is hashed with a slow, salted function (Argon2) because it is guessable and an
    attacker with the hashes could try candidates offline. A feed token is 256 random bits:
    no guess list reaches it, so a slow hash would add nothing but cost to every calendar
    poll, and a salt would stop the token being found by an indexed look-up. One SHA-256
    digest keeps a copied database from yielding working addresses while the look-up stays a
    single indexed query. Comparing digests in the database reveals nothing useful through
    timing either: learning a digest prefix does not help find a token.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def get_token(session: AsyncSession, user_id: int) -> CalendarFeedToken | None:
    return await session.get(CalendarFeedToken, user_id)


async def reset_token(session: AsyncSession, user_id: int) -> tuple[str, CalendarFeedToken]:
    """A new token for the person; any earlier address stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = await session.get(CalendarFeedToken, user_id)
    if row is None:
        row = CalendarFeedToken(user_id=user_id)
        session.add(row)
    row.digest = digest(token)
    row.created_at = utcnow()
    await session.flush()
    return token, row


async def revoke_token(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(CalendarFeedToken).where(CalendarFeedToken.user_id == user_id))


async def user_for_token(session: AsyncSession, token: str) -> User:
    """The active person whose feed this is; 404 for any other token, so an old or guessed
    address looks exactly like one that never existed."""
    user = await session.scalar(
        select(User)
        .join(CalendarFeedToken, CalendarFeedToken.user_id == User.id)
        .where(CalendarFeedToken.digest == digest(token), User.active.is_(True))
    )
    if user is None:
        raise NotFound("There is no calendar feed at this address.")
    return user
