"""The report's sections beyond indicator status: actions, risks, finance and data quality.

Each reads what it needs for the whole scope in one or two queries; nothing is read per
indicator, action or risk.
"""

from __future__ import annotations

from typing import Any


def text_of(value: Any) -> str | None:
    """An enum's value (or anything else) as text, for the report's rows."""
    if value is None:
        return None
    return str(getattr(value, "value", value))
