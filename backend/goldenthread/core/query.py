"""Query parameters shared across domains."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import Field

from goldenthread.core.errors import FieldError, ValidationFailed
from goldenthread.periods.rules import Frequency, Period, PeriodError, parse_period

YearParam = Annotated[
    str | None,
    Query(max_length=20, description="Financial year, e.g. 2008-09.", examples=["2008-09"]),
]
PeriodParam = Annotated[
    str,
    Query(
        max_length=20,
        description="Period code: 2008-09, 2008-09-Q2 or 2008-09-M06.",
        examples=["2008-09-Q2"],
    ),
]


def parse_period_param(code: str, field: str = "period") -> Period:
    try:
        return parse_period(code)
    except PeriodError as exc:
        raise ValidationFailed(str(exc), [FieldError(field, str(exc))]) from exc


def parse_year_param(code: str | None, field: str = "year") -> int | None:
    if code is None:
        return None
    period = parse_period_param(code, field)
    if period.frequency is not Frequency.ANNUAL:
        message = f"{code} is not a financial year: expected a year like 2008-09"
        raise ValidationFailed(message, [FieldError(field, message)])
    return period.year


# Ids are 64-bit integers in every table: a larger number names nothing, and the database
# driver refuses to even send it, so it is turned away as invalid input before any query.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
