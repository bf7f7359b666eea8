"""Idempotency keys of imports: the first answer to a key, replayed for the same request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class ImportKey(Base):
    __tablename__ = "import_keys"
    __table_args__ = (
        # Keys are the caller's own: one caller's key never replays another's answer.
        UniqueConstraint("owner", "key"),
        Index("ix_import_keys_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(200))
    # SHA-256 of what makes the request: kind, options and the file's bytes.
    request_hash: Mapped[str] = mapped_column(String(64))
    # running while the first request is being processed, then done with its answer.
    state: Mapped[str] = mapped_column(String(10), default="running")
    status_code: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
