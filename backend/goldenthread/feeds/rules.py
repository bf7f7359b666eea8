"""Pure rules of the LAA feed: membership, sync timestamps, ETags and safe CSV cells."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from goldenthread.core.http import etag_matches as etag_matches  # If-None-Match, weakly
from goldenthread.indicators.rules import partner_may_read

FEED_NAME = "laa"


def in_feed(snapshot: Mapping[str, Any] | None) -> bool:
    """Whether an indicator, as an audit snapshot records it, belongs in the feed: active, and
    in the LAA set or shared with partners."""
    if not snapshot:
        return False
    if snapshot.get("lifecycle", "active") != "active":
        return False
    return partner_may_read(snapshot.get("sets") or [], bool(snapshot.get("shared_with_partners")))


def parse_since(text: str) -> datetime:
    """An ISO 8601 instant with its offset (``Z`` or ``+00:00``); a space is taken for the
    ``+`` that a query string turns into one."""
    cleaned = text.strip().replace(" ", "+")
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError as exc:
        raise ValueError(
            f"{text!r} is not a timestamp: expected ISO 8601 like 2026-11-25T09:30:00Z"
        ) from exc
    if moment.tzinfo is None:
        raise ValueError("give the time zone, e.g. 2026-11-25T09:30:00Z")
    return moment.astimezone(UTC)


def format_instant(moment: datetime) -> str:
    """UTC with a ``Z``: safe to paste into a query string (a ``+`` would become a space)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def feed_etag(version: int, audience: str, *parts: object) -> str:
    """A weak ETag for the state of the feed as one audience sees it. ``since`` is not part of
    it on purpose: a client that holds the answer for this state holds every change, so any
    incremental request it makes next is answered 304 until something changes."""
    key = "|".join([FEED_NAME, str(version), audience, *(repr(p) for p in parts)])
    return 'W/"laa-' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def prefers_csv(accept: str | None) -> bool:
    """CSV only when asked for ahead of JSON (``format=csv`` always wins over this)."""
    if not accept:
        return False
    best: tuple[float, str] | None = None
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.lower() in ("text/csv", "application/json") and (
            best is None or quality > best[0]
        ):
            best = (quality, media.lower())
    return best is not None and best[1] == "text/csv" and best[0] > 0


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_text(text: str) -> str:
    """Text that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
