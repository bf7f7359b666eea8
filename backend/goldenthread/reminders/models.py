"""Reminders already sent (or being sent): the record that makes each one go out once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class SentReminder(Base):
    """One reminder to one person about one thing, e.g. ``data_overdue:12:2008-09-M09:u4``.

    A run claims a reminder by inserting its key before sending; the unique key means two runs
    at once (several workers, or cron beside the app) never both send it. A claim whose e-mail
    fails is removed so that the next run tries again.
    """

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
