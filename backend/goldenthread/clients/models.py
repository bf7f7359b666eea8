"""API clients of partner organisations (OAuth2 client credentials)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from goldenthread.core.db import Base, UTCDateTime, utcnow


class ApiClient(Base):
    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The public identifier a partner sends as client_id (e.g. "partner-demo").
    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    # Argon2 hashes only: a secret is shown once, when made, and never stored.
    secret_hash: Mapped[str] = mapped_column(String(200))
    # After a rotation the old secret keeps working until the grace period ends.
    previous_secret_hash: Mapped[str | None] = mapped_column(String(200))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_name: Mapped[str] = mapped_column(String(200), default="")
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
