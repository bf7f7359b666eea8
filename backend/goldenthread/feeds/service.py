"""Building the LAA feed: whole, or only what changed since a moment, from the audit trail."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from goldenthread.audit.models import AuditEntry
from goldenthread.core.db import as_stored, from_stored, utcnow
from goldenthread.core.errors import FieldError, Forbidden, ValidationFailed
from goldenthread.core.pagination import decode_cursor, encode_cursor
from goldenthread.core.principal import Principal
from goldenthread.core.query import parse_period_param
from goldenthread.feeds import rules
from goldenthread.feeds.cache import VersionCache
from goldenthread.feeds.schemas import FeedIndicator, FeedOutturn, FeedStatus, FeedTarget
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator, Lifecycle
from goldenthread.outturns.models import Outturn
from goldenthread.periods.rules import Period
from goldenthread.status import service as status
from goldenthread.status.cache import figures_version
from goldenthread.targets.models import Target

FEED_SCOPE = "laa:read"


def require_feed_access(principal: Principal) -> None:
    if principal.is_client and not principal.has_scope(FEED_SCOPE):
        raise Forbidden(f"The LAA feed needs the {FEED_SCOPE} scope.", error="insufficient_scope")


def in_feed() -> list[ColumnElement[bool]]:
    """Active indicators in the LAA set or shared with partners: the feed's indicators."""
    return [Indicator.lifecycle == Lifecycle.ACTIVE, indicators.partner_readable()]


def feed_conditions(principal: Principal) -> list[ColumnElement[bool]]:
    """The feed's indicators, as the principal may see them."""
    return [*in_feed(), indicators.visible_to(principal)]


def audience(principal: Principal) -> str:
    return "staff" if principal.is_user else "client:" + " ".join(sorted(principal.scopes))


async def current_etag(
    session: AsyncSession,
    principal: Principal,
    *,
    period: str | None,
    fmt: str,
    limit: int,
    cursor: str | None,
    versions: VersionCache | None = None,
) -> str:
    """The figures version moves with every audited change: one query, or none when a recent
    reading will do (``versions``, for deciding on a 304 only)."""
    version = await (versions.current(session) if versions else figures_version(session))
    return rules.feed_etag(version, audience(principal), period, fmt, limit, cursor)


def parse_since_param(since: str | None) -> datetime | None:
    if since is None:
        return None
    try:
        return rules.parse_since(since)
    except ValueError as exc:
        raise ValidationFailed(str(exc), [FieldError("since", str(exc))]) from exc


@dataclass
class _Changes:
    """What the audit trail says changed after ``since``."""

    periods: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    redefined: set[int] = field(default_factory=set)  # the indicator itself changed
    was_in_feed: set[int] = field(default_factory=set)  # in the feed at some time since
    codes: dict[int, str] = field(default_factory=dict)  # the latest code the trail knows

    @property
    def indicator_ids(self) -> set[int]:
        return {i for i, _ in self.periods} | self.redefined


async def _changes(session: AsyncSession, since: datetime) -> _Changes:
    changes = _Changes()
    rows = await session.execute(
        select(AuditEntry.indicator_id, AuditEntry.entity, AuditEntry.period)
        .where(
            AuditEntry.at > since,
            AuditEntry.indicator_id.is_not(None),
            AuditEntry.entity.in_(("target", "outturn")),
        )
        .distinct()
    )
    for indicator_id, entity, period in rows.all():
        if indicator_id is not None and period is not None:
            changes.periods[indicator_id, entity].add(period)
    redefinitions = await session.execute(
        select(AuditEntry.indicator_id, AuditEntry.before, AuditEntry.after)
        .where(AuditEntry.at > since, AuditEntry.entity == "indicator")
        .order_by(AuditEntry.id)
    )
    for indicator_id, before, after in redefinitions.all():
        if indicator_id is None:
            continue
        changes.redefined.add(indicator_id)
        if rules.in_feed(before) or rules.in_feed(after):
            changes.was_in_feed.add(indicator_id)
        latest = after or before or {}
        if latest.get("code"):
            changes.codes[indicator_id] = str(latest["code"])
    return changes


@dataclass(frozen=True)
class _Position:
    after_id: int
    next_since: datetime
    period: str | None


def _read_cursor(cursor: str) -> _Position:
    values = decode_cursor(cursor)
    try:
        after_id, next_since, period = values
        return _Position(int(after_id), rules.parse_since(str(next_since)), period or None)
    except (ValueError, TypeError) as exc:
        raise ValidationFailed(
            "The cursor is not one this service issued; start again without it.",
            [FieldError("cursor", "invalid cursor")],
        ) from exc


async def _status_period(session: AsyncSession, period: str | None) -> Period | None:
    if period is not None:
        return parse_period_param(period)
    return await status.latest_quarter_with_data(session)


async def build_page(
    session: AsyncSession,
    principal: Principal,
    *,
    since: datetime | None,
    period: str | None,
    limit: int,
    cursor: str | None,
    margin_seconds: int,
) -> dict[str, Any]:
    """A page of the feed in the shape of :class:`FeedPage`, as plain values: thousands of
    rows are serialised once, without building a model for each."""
    now = utcnow()
    if cursor:
        position = _read_cursor(cursor)
    else:
        resolved = await _status_period(session, period)
        position = _Position(
            0, now - timedelta(seconds=margin_seconds), resolved.code if resolved else None
        )
    conditions = feed_conditions(principal)
    changes: _Changes | None = None
    if since is None:
        ids = list(
            (
                await session.scalars(
                    select(Indicator.id)
                    .where(*conditions, Indicator.id > position.after_id)
                    .order_by(Indicator.id)
                    .limit(limit + 1)
                )
            ).all()
        )
        live = set(ids)
    else:
        changes = await _changes(session, since)
        changed = changes.indicator_ids
        live = set(
            (
                await session.scalars(
                    select(Indicator.id).where(*conditions, Indicator.id.in_(changed))
                )
            ).all()
            if changed
            else []
        )
        # A tombstone only for what the partner could have held: an indicator that was in
        # the feed at some time since. Figures of never-shared indicators stay unmentioned.
        gone = {i for i in changed - live if i in changes.was_in_feed}
        ids = sorted(i for i in live | gone if i > position.after_id)[: limit + 1]
    next_cursor = None
    if len(ids) > limit:
        ids = ids[:limit]
        next_cursor = encode_cursor(
            [ids[-1], rules.format_instant(position.next_since), position.period or ""]
        )
    page_live = [i for i in ids if i in live]
    items = await _items(session, ids, page_live, changes, position.period)
    return {
        "feed": "laa",
        "generated_at": now,
        "since": since,
        "next_since": position.next_since,
        "period": position.period,
        "items": items,
        "next_cursor": next_cursor,
    }


def _decimal(value: Any) -> Decimal | None:
    return from_stored(value)


Row = dict[str, Any]


async def _items(
    session: AsyncSession,
    ids: list[int],
    live: list[int],
    changes: _Changes | None,
    period_code: str | None,
) -> list[Row]:
    definitions = await _definitions(session, live)
    targets = await _rows(session, Target, live)
    outturns = await _rows(session, Outturn, live)
    statuses = await _statuses(session, live, period_code)
    items = []
    for indicator_id in ids:
        definition = definitions.get(indicator_id)
        if definition is None:
            items.append(_tombstone(indicator_id, changes))
            continue
        complete = changes is None or indicator_id in changes.redefined
        these_targets = targets.get(indicator_id, [])
        these_outturns = outturns.get(indicator_id, [])
        removed_targets: list[str] = []
        removed_outturns: list[str] = []
        if not complete:
            assert changes is not None
            these_targets, removed_targets = _only(
                these_targets, changes.periods.get((indicator_id, "target"), set())
            )
            these_outturns, removed_outturns = _only(
                these_outturns, changes.periods.get((indicator_id, "outturn"), set())
            )
        items.append(
            {
                "id": indicator_id,
                "code": definition["code"],
                "removed": False,
                "complete": complete,
                "indicator": definition,
                "status": statuses.get(indicator_id),
                "targets": these_targets,
                "outturns": these_outturns,
                "removed_targets": removed_targets,
                "removed_outturns": removed_outturns,
            }
        )
    return items


def _tombstone(indicator_id: int, changes: _Changes | None) -> Row:
    return {
        "id": indicator_id,
        "code": changes.codes.get(indicator_id, "") if changes else "",
        "removed": True,
        "complete": True,
        "indicator": None,
        "status": None,
        "targets": [],
        "outturns": [],
        "removed_targets": [],
        "removed_outturns": [],
    }


def _only(rows: list[Row], periods: set[str]) -> tuple[list[Row], list[str]]:
    kept = [r for r in rows if r["period"] in periods]
    present = {r["period"] for r in kept}
    return kept, sorted(periods - present)


async def _definitions(session: AsyncSession, ids: Iterable[int]) -> dict[int, Row]:
    ids = list(ids)
    if not ids:
        return {}
    rows = await session.scalars(
        select(Indicator)
        .options(selectinload(Indicator.set_memberships))
        .where(Indicator.id.in_(ids))
    )
    return {
        i.id: {name: getattr(i, name) for name in FeedIndicator.model_fields} for i in rows.all()
    }


# The columns of each kind of row, in FeedTarget / FeedOutturn order; figures are read as
# stored and made exact decimals here (the hot path: thousands of rows per answer).
_FIGURES = {"value", "low", "high", "stretch_value", "numerator", "denominator"}
_COLUMNS: dict[type[Any], tuple[str, ...]] = {
    Target: tuple(FeedTarget.model_fields),
    Outturn: tuple(FeedOutturn.model_fields),
}


async def _rows(session: AsyncSession, model: type[Any], ids: list[int]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = defaultdict(list)
    if not ids:
        return found
    names = _COLUMNS[model]
    columns = [
        as_stored(getattr(model, n)).label(n) if n in _FIGURES else getattr(model, n) for n in names
    ]
    rows = await session.execute(
        select(model.indicator_id, *columns)
        .where(model.indicator_id.in_(ids))
        .order_by(model.indicator_id, model.year, model.period)
    )
    figures = [i for i, n in enumerate(names) if n in _FIGURES]
    for indicator_id, *values in rows.all():
        for i in figures:
            values[i] = _decimal(values[i])
        found[indicator_id].append(dict(zip(names, values, strict=True)))
    return found


async def _statuses(
    session: AsyncSession, ids: list[int], period_code: str | None
) -> dict[int, Row]:
    if not ids or period_code is None:
        return {}
    period = parse_period_param(period_code)
    computed = await status.compute_statuses(session, period, [Indicator.id.in_(ids)])
    names = tuple(FeedStatus.model_fields)
    return {s.indicator_id: {n: getattr(s, n) for n in names} for s in computed}
