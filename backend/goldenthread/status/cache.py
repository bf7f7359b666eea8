"""A small per-process cache of computed register statuses, keyed by the figures version.

Dashboards, reports and partner feeds ask for the same period's statuses far more often than
figures change. Every change to an indicator, target or outturn moves the figures version (see
``audit.models.FiguresVersion``), so an entry can never be served after the figures behind it
changed; stale entries simply age out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from goldenthread.audit.models import FiguresVersion
from goldenthread.status.schemas import StatusRead


class StatusCache:
    def __init__(self, max_entries: int = 32) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, list[StatusRead]] = OrderedDict()

    def get(self, key: Hashable) -> list[StatusRead] | None:
        items = self._entries.get(key)
        if items is not None:
            self._entries.move_to_end(key)
        return items

    def put(self, key: Hashable, items: list[StatusRead]) -> None:
        self._entries[key] = items
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


async def figures_version(session: AsyncSession) -> int:
    version = await session.scalar(select(FiguresVersion.version).where(FiguresVersion.id == 1))
    return int(version or 0)
