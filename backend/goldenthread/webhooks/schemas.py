"""Shapes of webhook subscriptions and deliveries in the API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.core.query import Id


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = Field(min_length=8, max_length=2000, description="An http(s) URL to POST to.")
    client_pk: Id | None = Field(
        default=None,
        description="Staff only: the id of the API client to register for. A client "
        "registers for itself and leaves this out.",
    )


class WebhookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_pk: int
    url: str
    active: bool
    created_at: datetime
    created_by_name: str
    last_delivery_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None


class WebhookWithSecret(WebhookRead):
    secret: str = Field(
        description="Shown this once: verify each event's Golden-Thread-Signature with it."
    )


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event_id: str
    event_type: str
    indicator_id: int | None
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None
    failed_at: datetime | None
    last_status: int | None
    last_error: str | None
