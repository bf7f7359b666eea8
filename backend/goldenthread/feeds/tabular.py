"""The LAA feed as CSV: one row per record, the kind of record in the first column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from goldenthread.feeds.rules import format_instant, safe_csv_text

COLUMNS = (
    "record",  # indicator, status, target, outturn, removed_target, removed_outturn, removed
    "indicator_id",
    "code",
    "title",
    "period",
    "value",
    "target",
    "low",
    "high",
    "stretch_value",
    "numerator",
    "denominator",
    "data_quality",
    "provenance",
    "rag",
    "trend",
    "explanation",
    "commentary",
    "unit",
    "polarity",
    "frequency",
    "sets",
    "updated_at",
)
TEXT_COLUMNS = frozenset({"code", "title", "explanation", "commentary", "sets"})


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return format_instant(value)
    text = str(getattr(value, "value", value))
    return safe_csv_text(text) if name in TEXT_COLUMNS else text


def _rows(item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    base = {"indicator_id": item["id"], "code": item["code"]}
    ind = item["indicator"]
    if item["removed"] or ind is None:
        yield {**base, "record": "removed"}
        return
    yield {
        **base,
        "record": "indicator",
        "title": ind["title"],
        "unit": ind["unit"],
        "polarity": ind["polarity"],
        "frequency": ind["frequency"],
        "sets": " ".join(ind["sets"]),
        "updated_at": ind["updated_at"],
    }
    s = item["status"]
    if s is not None:
        yield {
            **base,
            "record": "status",
            "period": s["period"],
            "value": s["actual"],
            "target": s["target"],
            "low": s["low"],
            "high": s["high"],
            "stretch_value": s["stretch_value"],
            "data_quality": s["data_quality"],
            "rag": s["rag"],
            "trend": s["trend"],
            "explanation": s["explanation"],
        }
    for t in item["targets"]:
        yield {**base, **t, "record": "target", "commentary": t["note"]}
    for o in item["outturns"]:
        yield {**base, **o, "record": "outturn", "data_quality": o["status"]}
    for period in item["removed_targets"]:
        yield {**base, "record": "removed_target", "period": period}
    for period in item["removed_outturns"]:
        yield {**base, "record": "removed_outturn", "period": period}


def render_csv(page: dict[str, Any]) -> str:
    """One page of the feed (as :func:`feeds.service.build_page` makes it) as CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in page["items"]:
        for row in _rows(item):
            writer.writerow([_cell(name, row.get(name)) for name in COLUMNS])
    return out.getvalue()
