"""Computing status for one or many indicators in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from goldenthread.actions.models import Action, ActionStatus
from goldenthread.core.db import as_stored, from_stored
from goldenthread.core.principal import Principal
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator, IndicatorSet
from goldenthread.outturns.models import Outturn, OutturnStatus
from goldenthread.periods.rules import (
    Frequency,
    Period,
    latest_period_ending_by,
    parse_period,
    periods_in_year,
)
from goldenthread.status import rules
from goldenthread.status.cache import StatusCache, figures_version
from goldenthread.status.schemas import (
    DirectionOfTravelRead,
    RagCounts,
    StatusRead,
    StatusSummary,
)
from goldenthread.targets.models import Target


def evaluation_period(frequency: Frequency, requested: Period) -> Period:
    """The period an indicator is judged at for a requested period of any frequency: its own
    latest period that has ended by the end of the requested one (a quarterly indicator at
    M05 is judged at Q1; a monthly one at Q2 at M06; an annual one at Q2 at last year)."""
    if frequency is requested.frequency:
        return requested
    return latest_period_ending_by(frequency, requested.end)


class _PeriodCache(dict[str, Period]):
    """Period codes repeat across thousands of rows; parse each once per request."""

    def __missing__(self, code: str) -> Period:
        period = self[code] = parse_period(code)
        return period


INDICATOR_COLUMNS = (
    Indicator.id,
    Indicator.code,
    Indicator.title,
    Indicator.unit,
    Indicator.decimal_places,
    Indicator.polarity,
    Indicator.frequency,
    Indicator.aggregation,
    Indicator.multiplier,
    Indicator.tolerance_percent,
    Indicator.tolerance_absolute,
    Indicator.org_unit_id,
    Indicator.owner_id,
)


@dataclass
class Figures:
    """Targets and outturns of many indicators, keyed by indicator id then period."""

    targets: dict[int, dict[Period, rules.TargetValue]]
    outturns: dict[int, dict[Period, rules.PeriodValue]]
    sets: dict[int, list[str]]


async def load_figures(
    conn: AsyncConnection,
    matching: Any,
    years: list[int] | None,
    *,
    verified_only: bool = False,
) -> Figures:
    """Three queries, however many indicators ``matching`` (a subquery or list of ids)
    selects: of the given financial years (all when None), and of outturns only the verified
    ones where asked (the public page)."""
    periods = _PeriodCache()
    target_filter: list[ColumnElement[bool]] = [Target.indicator_id.in_(matching)]
    outturn_filter: list[ColumnElement[bool]] = [Outturn.indicator_id.in_(matching)]
    if years is not None:
        target_filter.append(Target.year.in_(years))
        outturn_filter.append(Outturn.year.in_(years))
    if verified_only:
        outturn_filter.append(Outturn.status == OutturnStatus.VERIFIED)
    sets: dict[int, list[str]] = defaultdict(list)
    for indicator_id, name in (
        await conn.execute(
            select(IndicatorSet.indicator_id, IndicatorSet.name)
            .where(IndicatorSet.indicator_id.in_(matching))
            .order_by(IndicatorSet.name)
        )
    ).all():
        sets[indicator_id].append(name)

    targets: dict[int, dict[Period, rules.TargetValue]] = defaultdict(dict)
    for indicator_id, code, value, low, high, stretch in (
        await conn.execute(
            select(
                Target.indicator_id,
                Target.period,
                Target.value,
                Target.low,
                Target.high,
                Target.stretch_value,
            ).where(*target_filter)
        )
    ).all():
        targets[indicator_id][periods[code]] = rules.TargetValue(value, low, high, stretch)

    # The bulk of the rows: read the figures as stored and make decimals here, without the
    # per-value type processing of the ORM (the hot path of every report).
    outturns: dict[int, dict[Period, rules.PeriodValue]] = defaultdict(dict)
    stored = rules.PeriodValue.stored
    for indicator_id, code, value, numerator, denominator in (
        await conn.execute(
            select(
                Outturn.indicator_id,
                Outturn.period,
                as_stored(Outturn.value),
                as_stored(Outturn.numerator),
                as_stored(Outturn.denominator),
            ).where(*outturn_filter)
        )
    ).all():
        outturns[indicator_id][periods[code]] = stored(
            from_stored(value), from_stored(numerator), from_stored(denominator)
        )
    return Figures(targets, outturns, sets)


async def _load_notes(
    conn: AsyncConnection, matching: Any, codes: list[str]
) -> dict[tuple[int, str], tuple[str, Any]]:
    """Commentary and data quality, only for the periods being judged."""
    rows = (
        await conn.execute(
            select(Outturn.indicator_id, Outturn.period, Outturn.commentary, Outturn.status).where(
                Outturn.indicator_id.in_(matching), Outturn.period.in_(codes)
            )
        )
    ).all()
    return {
        (indicator_id, code): (commentary, quality)
        for indicator_id, code, commentary, quality in rows
    }


async def _with_remedial_action(conn: AsyncConnection, matching: Any) -> set[int]:
    """Indicators with a remedial action that is not cancelled (one query)."""
    rows = await conn.execute(
        select(Action.indicator_id)
        .where(Action.indicator_id.in_(matching), Action.status != ActionStatus.CANCELLED)
        .distinct()
    )
    return {indicator_id for (indicator_id,) in rows.all() if indicator_id is not None}


def indicator_rules(row: Any) -> rules.IndicatorRules:
    """The judging rules of an indicator (a row or model with its columns)."""
    return rules.IndicatorRules(
        code=row.code,
        polarity=row.polarity,
        frequency=row.frequency,
        aggregation=row.aggregation,
        multiplier=row.multiplier,
        decimal_places=row.decimal_places,
        unit=row.unit,
        tolerance_percent=row.tolerance_percent,
        tolerance_absolute=row.tolerance_absolute,
    )


async def compute_statuses(
    session: AsyncSession, requested: Period, conditions: list[ColumnElement[bool]]
) -> list[StatusRead]:
    """Status of every indicator matching the conditions: six queries, however many."""
    return (await compute_statuses_at(session, [requested], conditions))[requested]


async def compute_statuses_at(
    session: AsyncSession, requested: list[Period], conditions: list[ColumnElement[bool]]
) -> dict[Period, list[StatusRead]]:
    """Statuses at several periods (a report and the one it compares with) from one load of
    the figures: still six queries, however many indicators and periods."""
    # Plain Core queries on the session's connection: rows, not ORM entities, are needed.
    conn = await session.connection()
    indicator_rows = (
        await conn.execute(
            select(*INDICATOR_COLUMNS).where(*conditions).order_by(Indicator.code_key)
        )
    ).all()
    if not indicator_rows:
        return {period: [] for period in requested}
    matching = select(Indicator.id).where(*conditions).scalar_subquery()
    at = {r: {f: evaluation_period(f, r) for f in Frequency} for r in requested}
    judged = {p for by_frequency in at.values() for p in by_frequency.values()}
    # This year and last year of every evaluation period: enough for YTD, trend and short trend.
    years = sorted({p.year for p in judged} | {p.year - 1 for p in judged})
    figures = await load_figures(conn, matching, years)
    notes = await _load_notes(conn, matching, sorted({p.code for p in judged}))
    remedial = await _with_remedial_action(conn, matching)
    results: dict[Period, list[StatusRead]] = {}
    for wanted in requested:
        items = results[wanted] = []
        for row in indicator_rows:
            period = at[wanted][row.frequency]
            result = rules.compute_status(
                indicator_rules(row),
                period,
                figures.outturns.get(row.id, {}),
                figures.targets.get(row.id, {}),
            )
            commentary, quality = notes.get((row.id, period.code), (None, None))
            items.append(
                _to_read(
                    row,
                    wanted,
                    result,
                    figures.sets.get(row.id, []),
                    commentary,
                    quality,
                    row.id in remedial,
                )
            )
    return results


async def indicator_history(
    session: AsyncSession, indicator_id: int, first_year: int, last_year: int
) -> list[StatusRead]:
    """The status at every period of the indicator's frequency over a span of financial years,
    from one load of its figures (the chart and period table of the indicator page)."""
    conn = await session.connection()
    row = (await conn.execute(select(*INDICATOR_COLUMNS).where(Indicator.id == indicator_id))).one()
    matching = select(Indicator.id).where(Indicator.id == indicator_id).scalar_subquery()
    years = list(range(first_year - 1, last_year + 1))
    figures = await load_figures(conn, matching, years)
    periods = [
        p for year in range(first_year, last_year + 1) for p in periods_in_year(year, row.frequency)
    ]
    notes = await _load_notes(conn, matching, [p.code for p in periods])
    remedial = row.id in await _with_remedial_action(conn, matching)
    ind = indicator_rules(row)
    history = []
    for period in periods:
        result = rules.compute_status(
            ind, period, figures.outturns.get(row.id, {}), figures.targets.get(row.id, {})
        )
        commentary, quality = notes.get((row.id, period.code), (None, None))
        history.append(
            _to_read(
                row, period, result, figures.sets.get(row.id, []), commentary, quality, remedial
            )
        )
    return history


async def latest_quarter_with_data(session: AsyncSession) -> Period | None:
    """The latest quarter that had ended when the most recent outturn's period ended: the
    dashboard's default period."""
    latest_year = select(func.max(Outturn.year)).scalar_subquery()
    codes = (
        await session.scalars(select(Outturn.period).where(Outturn.year == latest_year).distinct())
    ).all()
    if not codes:
        return None
    last_end = max(parse_period(code).end for code in codes)
    return latest_period_ending_by(Frequency.QUARTERLY, last_end)


async def register_statuses(
    session: AsyncSession,
    cache: StatusCache,
    principal: Principal,
    requested: Period,
    *,
    set_name: str | None,
    org_unit_id: int | None,
    lifecycle: str,
) -> list[StatusRead]:
    """Statuses of the register's indicators matching the filters, as the principal may see
    them; served from the cache while no figure has changed."""
    found = await register_statuses_at(
        session,
        cache,
        principal,
        [requested],
        set_name=set_name,
        org_unit_id=org_unit_id,
        lifecycle=lifecycle,
    )
    return found[requested]


async def register_statuses_at(
    session: AsyncSession,
    cache: StatusCache,
    principal: Principal,
    requested: list[Period],
    *,
    set_name: str | None,
    org_unit_id: int | None,
    lifecycle: str,
) -> dict[Period, list[StatusRead]]:
    """As :func:`register_statuses` for several periods; those not cached are computed
    together, from one load of the figures."""
    version = await figures_version(session)
    # Visibility depends only on the kind of caller and its read scopes.
    audience = (
        ("staff",)
        if principal.is_user
        else ("client", principal.has_scope("indicators:read"), principal.has_scope("laa:read"))
    )
    filters = ((set_name or "").strip().upper(), org_unit_id, lifecycle, audience)
    keys = {period: (version, period.code, *filters) for period in requested}
    found: dict[Period, list[StatusRead]] = {}
    for period, key in keys.items():
        cached = cache.get(key)
        if cached is not None:
            found[period] = cached
    missing = [period for period in requested if period not in found]
    if missing:
        conditions = await indicators.filter_conditions(
            session, set_name=set_name, org_unit_id=org_unit_id, lifecycle=lifecycle
        )
        conditions.append(indicators.visible_to(principal))
        computed = await compute_statuses_at(session, missing, conditions)
        for period, items in computed.items():
            cache.put(keys[period], items)
            found[period] = items
    return found


def _to_read(
    row: Any,
    requested: Period,
    result: rules.StatusResult,
    sets: list[str],
    commentary: str | None,
    quality: Any,
    has_remedial_action: bool,
) -> StatusRead:
    # Built from values that are already typed and checked: no second validation.
    return StatusRead.model_construct(
        indicator_id=row.id,
        code=row.code,
        title=row.title,
        unit=row.unit,
        decimal_places=row.decimal_places,
        polarity=row.polarity,
        org_unit_id=row.org_unit_id,
        owner_id=row.owner_id,
        sets=sets,
        requested_period=requested.code,
        period=result.period.code,
        rag=result.rag,
        basis=result.basis,
        actual=result.actual,
        target=result.target,
        low=result.target_low,
        high=result.target_high,
        stretch_value=result.stretch_value,
        band_width=result.band_width,
        band_width_low=result.band_width_low,
        band_width_high=result.band_width_high,
        amber_threshold=result.amber_threshold,
        amber_threshold_low=result.amber_threshold_low,
        amber_threshold_high=result.amber_threshold_high,
        target_source=result.target_source,
        rule=result.rule,
        periods_used=[p.code for p in result.periods_used],
        missing_periods=[p.code for p in result.missing_periods],
        previous_year_actual=result.previous_year_actual,
        trend=result.trend,
        period_value=result.period_value,
        previous_period_value=result.previous_period_value,
        short_trend=result.short_trend,
        explanation=result.explanation,
        data_quality=quality,
        commentary=commentary,
        has_remedial_action=has_remedial_action,
    )


def summarise(
    requested: Period, items: list[StatusRead], rag_filter: set[rules.Rag] | None
) -> StatusSummary:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.rag.value] += 1
    dot = rules.direction_of_travel(item.trend for item in items)
    shown = [i for i in items if rag_filter is None or i.rag in rag_filter]
    return StatusSummary(
        period=requested.code,
        total=len(items),
        counts=RagCounts(**counts),
        direction_of_travel=DirectionOfTravelRead(**asdict(dot)),
        items=shown,
    )
