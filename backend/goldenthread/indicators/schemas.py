"""Shapes of indicators in the API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from goldenthread.core.query import Id
from goldenthread.indicators.models import Lifecycle
from goldenthread.periods.rules import Frequency
from goldenthread.status.rules import Aggregation, Polarity, Unit

SetName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_upper=True,
        min_length=1,
        max_length=40,
        pattern=r"^[A-Za-z0-9_\- ]+$",
    ),
]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
NonNegative = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=8)]


def _unique_sets(sets: list[str] | None) -> list[str] | None:
    return None if sets is None else sorted(set(sets))


class IndicatorFields(BaseModel):
    """Fields a client may set, shared by create and update."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=300)
    plain_title: str = Field(
        default="",
        max_length=300,
        description="The title in plain words for the public performance page (default: title).",
    )
    definition: str = Field(default="", max_length=20_000)
    procedure_note: str = Field(
        default="", max_length=20_000, description="How the figure is collected and calculated."
    )
    unit: Unit
    decimal_places: int = Field(default=0, ge=0, le=6)
    polarity: Polarity
    frequency: Frequency
    aggregation: Aggregation
    multiplier: Decimal | None = Field(
        default=None,
        gt=0,
        max_digits=20,
        decimal_places=8,
        description="For ratio indicators: 100 for percentages. Defaults to 100 for a percent "
        "ratio, else 1.",
    )
    tolerance_percent: NonNegative | None = Field(
        default=None, description="Amber band as a percent of the target (default 5)."
    )
    tolerance_absolute: NonNegative | None = Field(
        default=None, description="Amber band in the indicator's unit; overrides the percent."
    )
    sets: list[SetName] = Field(default_factory=list, max_length=20)
    owner_id: Id | None = None
    deputy_id: Id | None = None
    organisation_id: Id
    org_unit_id: Id | None = None
    lead_organisation_id: Id | None = None
    shared_with_partners: bool = False
    public: bool = False

    _sets = field_validator("sets")(_unique_sets)


class IndicatorCreate(IndicatorFields):
    code: Code = Field(description="Unique, case-insensitive, e.g. 'NI 195a' or 'BV 82a'.")


class IndicatorUpdate(BaseModel):
    """Partial update: only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: Code | None = None
    title: str | None = Field(default=None, min_length=1, max_length=300)
    plain_title: str | None = Field(default=None, max_length=300)
    definition: str | None = Field(default=None, max_length=20_000)
    procedure_note: str | None = Field(default=None, max_length=20_000)
    unit: Unit | None = None
    decimal_places: int | None = Field(default=None, ge=0, le=6)
    polarity: Polarity | None = None
    frequency: Frequency | None = None
    aggregation: Aggregation | None = None
    multiplier: Decimal | None = Field(default=None, gt=0, max_digits=20, decimal_places=8)
    tolerance_percent: NonNegative | None = None
    tolerance_absolute: NonNegative | None = None
    sets: list[SetName] | None = Field(default=None, max_length=20)
    owner_id: Id | None = None
    deputy_id: Id | None = None
    organisation_id: Id | None = None
    org_unit_id: Id | None = None
    lead_organisation_id: Id | None = None
    shared_with_partners: bool | None = None
    public: bool | None = None
    lifecycle: Lifecycle | None = None

    _sets = field_validator("sets")(_unique_sets)


class IndicatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    title: str
    plain_title: str
    definition: str
    procedure_note: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    frequency: Frequency
    aggregation: Aggregation
    multiplier: Decimal
    tolerance_percent: Decimal | None
    tolerance_absolute: Decimal | None
    sets: list[str]
    owner_id: int | None
    deputy_id: int | None
    organisation_id: int
    org_unit_id: int | None
    lead_organisation_id: int | None
    shared_with_partners: bool
    public: bool
    lifecycle: Lifecycle
    version: int
    created_at: datetime
    updated_at: datetime
