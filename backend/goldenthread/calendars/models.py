"""Personal calendar-feed tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class CalendarFeedToken(Base):
    """One feed address per person. Only a digest of the token is kept, so a copy of the
    database does not give anyone a working feed address."""

    __tablename__ = "calendar_feed_tokens"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
