"""People's names for the report, read once for every section."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from goldenthread.users.models import User


async def names_of(conn: AsyncConnection, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await conn.execute(select(User.id, User.full_name).where(User.id.in_(sorted(user_ids))))
    return {user_id: name for user_id, name in rows.all()}
