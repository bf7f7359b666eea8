"""Shapes of targets in the API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Amount = Annotated[Decimal, Field(max_digits=24, decimal_places=8)]


class TargetWrite(BaseModel):
    """A target for one period: ``value``, or ``low`` and ``high`` for a target band."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    value: Amount | None = None
    low: Amount | None = None
    high: Amount | None = None
    stretch_value: Amount | None = Field(
        default=None, description="LAA/LPSA stretch (reward) target."
    )
    note: str = Field(default="", max_length=4000)


class TargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    indicator_id: int
    period: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    stretch_value: Decimal | None
    note: str
    updated_by_name: str
    updated_at: datetime
    version: int
