"""Pure rules of targets, shared by the single-row endpoints and bulk imports."""

from __future__ import annotations

from decimal import Decimal

from goldenthread.core.errors import FieldError
from goldenthread.status.rules import Polarity


def target_errors(
    polarity: Polarity, value: Decimal | None, low: Decimal | None, high: Decimal | None
) -> list[FieldError]:
    """What is wrong with a target's figures: a target band takes low and high (low not above
    high), any other polarity a value alone. Empty when the target is valid."""
    errors: list[FieldError] = []
    if polarity is Polarity.TARGET_BAND:
        if value is not None:
            errors.append(FieldError("value", "a target-band indicator takes low and high"))
        if low is None:
            errors.append(FieldError("low", "required for a target band"))
        if high is None:
            errors.append(FieldError("high", "required for a target band"))
        if low is not None and high is not None and low > high:
            errors.append(FieldError("high", "must not be below low"))
    else:
        if value is None:
            errors.append(FieldError("value", "required"))
        for name, given in (("low", low), ("high", high)):
            if given is not None:
                errors.append(FieldError(name, "only target-band indicators take low and high"))
    return errors
