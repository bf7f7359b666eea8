"""The performance team's rule for data-collection deadlines: one settings row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow

RULE_ROW_ID = 1


class DeadlineRuleRow(Base):
    __tablename__ = "deadline_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    working_days_after: Mapped[int] = mapped_column(Integer, default=10)
    due_soon_days: Mapped[int] = mapped_column(Integer, default=7)
    lookback_days: Mapped[int] = mapped_column(Integer, default=400)
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
