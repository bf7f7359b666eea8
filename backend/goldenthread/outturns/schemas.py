"""Shapes of outturns in the API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from goldenthread.outturns.models import OutturnStatus, Provenance

Amount = Annotated[Decimal, Field(max_digits=24, decimal_places=8)]


class OutturnWrite(BaseModel):
    """An actual for one period: ``value``, or ``numerator`` and ``denominator`` for a ratio."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    value: Amount | None = None
    numerator: Amount | None = None
    denominator: Amount | None = None
    commentary: str = Field(default="", max_length=8000)
    status: OutturnStatus | None = Field(
        default=None,
        description="draft, submitted, verified or qualified (the last two for the "
        "performance team). Omitted: kept, or submitted again if the figure changed "
        "after verification; draft when new.",
    )


class OutturnRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    indicator_id: int
    period: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    status: OutturnStatus
    provenance: Provenance
    updated_by_name: str
    updated_at: datetime
    verified_by_name: str | None
    verified_at: datetime | None
    version: int
