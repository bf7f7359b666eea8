"""The append-only audit trail of the register, targets and outturns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, event, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_indicator_at", "indicator_id", "id"),
        # The partner feed's "what changed since" reads the trail by time.
        Index("ix_audit_entries_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(200))
    # How the change arrived: ui, import, api, partner or system (demo loader, CLI).
    via: Mapped[str] = mapped_column(String(10))
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    # No foreign key: the trail outlives whatever it describes.
    indicator_id: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(16))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class FiguresVersion(Base):
    """A counter moved by every transaction that appends to the audit trail.

    Computed answers (statuses) are cached by this number: when no figure, target or
    indicator has changed, the number has not either. The row lock taken by the increment
    orders concurrent writers, so a reader never sees a number ahead of the figures.
    """

    __tablename__ = "figures_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


@event.listens_for(Session, "after_flush")
def _bump_figures_version(session: Session, _context: Any) -> None:
    if any(isinstance(obj, AuditEntry) for obj in session.new):
        session.connection().execute(
            update(FiguresVersion)
            .where(FiguresVersion.id == 1)
            .values(version=FiguresVersion.version + 1)
        )
