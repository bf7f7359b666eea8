"""The figures version as the feed's 304 path sees it: read from the database at most once
per ``feed_version_cache_seconds`` per process, and again at once after this process commits
an audited change.

A partner polling with ``If-None-Match`` is the feed's most frequent request, and all it
needs is "has anything changed?". Answering that from memory makes a 304 cost no database
round trip. The price is that a change committed by another worker may be answered 304 for up
to that many seconds, and is then served in full on the next poll (``since`` has not moved,
so nothing is lost). Answers with a body always read the version from the database.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from goldenthread.audit.models import AuditEntry
from goldenthread.status.cache import figures_version

_CHANGED = "goldenthread.feed_figures_changed"
_generation = 0  # moved by every commit in this process that appended to the audit trail


def _after_flush(session: Session, _context: Any) -> None:
    if any(isinstance(obj, AuditEntry) for obj in session.new):
        session.info[_CHANGED] = True


def _after_commit(session: Session) -> None:
    global _generation
    if session.info.pop(_CHANGED, False):
        _generation += 1


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)


if not event.contains(Session, "after_flush", _after_flush):
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_transaction_end", _after_transaction_end)


class VersionCache:
    def __init__(self, ttl_seconds: float) -> None:
        self.ttl = ttl_seconds
        self._version = 0
        self._expires = 0.0
        self._generation = -1

    async def current(self, session: AsyncSession) -> int:
        now = time.monotonic()
        if self.ttl > 0 and now < self._expires and self._generation == _generation:
            return self._version
        generation = _generation
        version = await figures_version(session)
        self._version, self._expires, self._generation = version, now + self.ttl, generation
        return version
