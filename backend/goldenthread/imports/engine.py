"""One import run: rows are validated, planned and written a chunk at a time, inside one
transaction, and counted into the summary.

Per chunk: one look-up of the indicator codes not met before, the row rules, one look-up of
the rows already stored for the chunk's keys, then the bulk writes. What is kept across
chunks is small and bounded: the indicators met (with one bit per period slot, marking the
keys already in the file), the period codes met, the counts and the first rejections.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import column, exists, select, table
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from goldenthread.audit.models import AuditEntry
from goldenthread.core.errors import DomainError
from goldenthread.core.principal import Actor
from goldenthread.imports.bulk import AUDIT_COLUMNS, Bulk
from goldenthread.imports.kinds import (
    SEEN_BYTES,
    Created,
    ImportKind,
    IndicatorRef,
    Keyed,
    slot_of,
)
from goldenthread.imports.problems import Counts, Problem
from goldenthread.imports.readers import BadItem, Row
from goldenthread.imports.rules import cell_text, unneutralise
from goldenthread.indicators import rules as indicator_rules
from goldenthread.indicators import service as indicators
from goldenthread.indicators.models import Indicator
from goldenthread.periods.rules import Frequency, Period, PeriodError, parse_period
from goldenthread.status.rules import Unit

# Bounds on what is cached by raw cell text, so a file of junk cannot grow them for ever.
MAX_CACHED = 20_000
MAX_SHOWN_VALUE = 200


class ImportRun:
    def __init__(
        self,
        session: AsyncSession,
        bulk: Bulk,
        actor: Actor,
        kind: ImportKind,
        *,
        lookups: Callable[[], AsyncSession],
        now: datetime,
        spreadsheet: bool,
        max_problems: int,
    ) -> None:
        self.session, self.bulk, self.actor, self.kind = session, bulk, actor, kind
        # Indicators are read on a connection of their own, so the import's connection can
        # go on writing meanwhile (the import changes no indicator).
        self.lookups = lookups
        self.now = now
        self.spreadsheet = spreadsheet
        self.max_problems = max_problems
        self.counts = Counts()
        self.refs: dict[object, IndicatorRef | None] = {}
        self._seen: dict[int, bytearray] = {}
        self._subscribers: bool | None = None  # whether any webhook listens (asked once)
        self._pending: asyncio.Future[None] | None = None
        # Periods by (cell text, frequency, annual allowed): the period and its slot, or what
        # is wrong with the text.
        self.periods: dict[tuple[str, Frequency | None, bool], tuple[Period, int] | str] = {}
        self._rejected_rows: set[int] = set()
        principal = actor.principal
        self.audit_prefix = (
            bulk.timestamp(now),
            principal.kind.value,
            principal.id or None,
            principal.name,
            actor.via.value,
        )

    # --- reporting -------------------------------------------------------------------------

    def reject(self, row: int | None, column: str | None, value: object, message: str) -> None:
        if row is not None:
            if row not in self._rejected_rows:
                self._rejected_rows.add(row)
                self.counts.rejected += 1
        else:
            self.counts.rejected += 1
        if len(self.counts.problems) >= self.max_problems:
            self.counts.truncated = True
            return
        shown = None if value is None else cell_text(value)[:MAX_SHOWN_VALUE] or None  # type: ignore[arg-type]
        self.counts.problems.append(Problem(row, column, shown, message))

    # --- look-ups --------------------------------------------------------------------------

    def code_key(self, cell: object) -> str:
        text = cell_text(cell)  # type: ignore[arg-type]
        return unneutralise(text) if self.spreadsheet else text

    async def resolve_codes(self, rows: Sequence[Row]) -> None:
        """One query for the indicator codes of this chunk not met before."""
        refs = self.refs
        fresh = {
            cell
            for _, cells in rows
            if (cell := cells[0]) not in refs and cell is not None and not isinstance(cell, BadItem)
        }
        wanted: dict[str, list[object]] = {}
        for cell in fresh:
            key = indicator_rules.normalise_code(self.code_key(cell))[1]
            wanted.setdefault(key, []).append(cell)
        if not wanted:
            return
        if len(self.refs) + len(wanted) > MAX_CACHED:
            self.refs.clear()
        found: dict[str, tuple[Indicator, bool]] = {}
        keys = [k for k in wanted if k and len(k) <= 40]
        principal = self.actor.principal
        # Whether the indicator has rows already, asked on the look-up connection: it sees
        # what was stored before the import (and a row stored by someone else meanwhile makes
        # the import's own insert fail, as a change made meanwhile).
        kept = table(self.kind.table.name, column("indicator_id"))
        stored = exists().where(kept.c.indicator_id == Indicator.id)
        async with self.lookups() as lookup:
            for start in range(0, len(keys), 1000):
                query = select(Indicator, stored).where(
                    Indicator.code_key.in_(keys[start : start + 1000]),
                    indicators.visible_to(principal),
                )
                for indicator, has_rows in (await lookup.execute(query)).all():
                    found[indicator.code_key] = (indicator, bool(has_rows))
        for key, raw_cells in wanted.items():
            match = found.get(key)
            ref = None if match is None else self._ref(*match)
            for raw in raw_cells:
                self.refs[raw] = ref

    def _ref(self, indicator: Indicator, stored: bool) -> IndicatorRef:
        refusal = None
        try:
            indicators.check_may_write(self.actor, indicator, outturn=self.kind.name == "outturns")
        except DomainError as exc:
            refusal = exc.detail
        return IndicatorRef(
            id=indicator.id,
            code=indicator.code,
            frequency=indicator.frequency,
            aggregation=indicator.aggregation,
            unit=indicator.unit,
            polarity=indicator.polarity,
            multiplier=indicator.multiplier,
            refusal=refusal,
            percent=indicator.unit is Unit.PERCENT,
            seen=self._seen.setdefault(indicator.id, bytearray(SEEN_BYTES)),
            stored=stored,
        )

    def period(
        self, text: str, frequency: Frequency | None, allow_annual: bool
    ) -> tuple[Period, int] | str:
        """The period and its slot, or the message saying what is wrong (cached by text)."""
        cache_key = (text, frequency, allow_annual)
        known = self.periods.get(cache_key)
        if known is not None:
            return known
        try:
            if frequency is None:
                period = parse_period(text)
            else:
                period = indicator_rules.period_for_indicator(
                    text, frequency, allow_annual=allow_annual
                )
            answer: tuple[Period, int] | str = (period, slot_of(period))
        except PeriodError as exc:
            answer = str(exc)
        if len(self.periods) >= MAX_CACHED:
            self.periods.clear()
        self.periods[cache_key] = answer
        return answer

    # --- one chunk -------------------------------------------------------------------------

    async def process(self, rows: Sequence[Row]) -> None:
        self.counts.rows_read += len(rows)
        # Let the previous chunk's writes reach the database before this chunk's work.
        await asyncio.sleep(0)
        await self.resolve_codes(rows)
        # Validation runs while the database is still writing the previous chunk.
        unique = self._dedupe(self.kind.validate(self, rows))
        await self.settle()
        await self.kind.write(self, unique)
        for item in unique:
            item.ref.seen[item.slot >> 3] |= 1 << (item.slot & 7)
        self._rejected_rows.clear()

    async def defer(self, writes: Coroutine[Any, Any, None]) -> None:
        """Run a chunk's writes while the next chunk is parsed: PostgreSQL is another
        process, and SQLite's thread lets go of the interpreter lock while it stores rows.
        Every use of the import's connection awaits them first (:meth:`settle`)."""
        if self.bulk.pipelined:
            self._pending = asyncio.ensure_future(writes)
        else:
            await writes

    async def settle(self) -> None:
        """Wait for the writes under way (raising what they raised)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def abandon(self) -> None:
        """Let the writes under way end before the transaction is rolled back."""
        with contextlib.suppress(Exception):
            await self.settle()

    def _dedupe(self, rows: list[Any]) -> list[Any]:
        """Keep the first row of each key in the chunk; a later one with the same figures is
        unchanged, with different figures rejected. A key met in an earlier chunk is marked
        so the writer can tell a repeat from an update."""
        first: dict[tuple[int, int], Any] = {}
        keep = first.setdefault
        unique: list[Any] = []
        append = unique.append
        for item in rows:
            slot = item.slot
            earlier = keep((item.ref.id, slot), item)
            if earlier is item:
                item.repeat = bool(item.ref.seen[slot >> 3] & (1 << (slot & 7)))
                append(item)
            elif self.kind.same_request(earlier, item):
                self.counts.unchanged += 1
            else:
                self.reject_repeat(item, earlier.row)
        return unique

    def reject_repeat(self, item: Keyed, first_row: int | None) -> None:
        where = f"row {first_row}" if first_row is not None else "an earlier row"
        self.reject(
            item.row,
            "period",
            item.period.code,
            f"{item.ref.code} {item.period.code} is already in {where} with different "
            "figures: keep one of them",
        )

    # --- writing ---------------------------------------------------------------------------

    def audit_row(
        self,
        action: str,
        entity: str,
        entity_id: int,
        item: Keyed,
        before: str | None,
        after: str,
    ) -> tuple[Any, ...]:
        return (
            *self.audit_prefix,
            action,
            entity,
            entity_id,
            item.ref.id,
            item.period.code,
            before,
            after,
        )

    async def stored_rows(
        self, rows: Sequence[Keyed], columns: Sequence[str]
    ) -> dict[tuple[int, str], tuple[Any, ...]]:
        """The stored rows of a chunk's keys (``columns`` start with indicator_id and period),
        looked up only for indicators that had rows before the import, or keys met earlier
        in the file."""
        keys = [(r.ref.id, r.period.code) for r in rows if r.ref.stored or r.repeat]
        found = await self.bulk.existing(self.kind.table.name, columns, keys)
        return {(e[0], e[1]): e for e in found}

    async def stage_rows(
        self,
        created: Created,
        updates: list[tuple[Any, ...]],
        audits: list[tuple[Any, ...]],
    ) -> None:
        """Queue a chunk's writes (done while the next chunk is read) and count them."""
        await self.defer(self._write_rows(created, updates, audits))
        self.counts.created += sum(len(rows) for rows in created.values())
        self.counts.updated += len(updates)

    async def _write_rows(
        self,
        created: Created,
        updates: list[tuple[Any, ...]],
        audits: list[tuple[Any, ...]],
    ) -> None:
        table = self.kind.table
        for shared, rows in created.items():
            await self.bulk.insert_created(
                table.name,
                table.insert,
                rows,
                list(zip(table.fixed, shared, strict=True)),
                table.entity,
                table.snapshot,
                self.audit_prefix,
                table.after,
            )
        await self.bulk.update(table.name, table.update, updates)
        await self.write_audit(audits)
        if self.may_announce:
            await self.announce(
                table.entity,
                [(entry[5], entry[8], entry[9]) for entry in audits]
                + [("create", row[0], row[1]) for rows in created.values() for row in rows],
            )

    async def write_audit(self, rows: list[tuple[Any, ...]]) -> None:
        await self.bulk.insert("audit_entries", AUDIT_COLUMNS, rows)

    @property
    def may_announce(self) -> bool:
        return self._subscribers is not False

    async def announce(self, entity: str, changes: list[tuple[str, int, str]]) -> None:
        """Queue the webhook events of rows written in bulk, as the outbox does for changes
        flushed through the ORM (changes are (action, indicator id, period))."""
        if not changes or self._subscribers is False:
            return
        from goldenthread.webhooks import outbox  # only imports that change figures need it

        def enqueue(sync_session: Session) -> bool:
            subscribers = outbox._subscribers(sync_session)  # cached per transaction
            if subscribers:
                entries = [
                    AuditEntry(at=self.now, entity=entity, action=a, indicator_id=i, period=p)
                    for a, i, p in changes
                ]
                outbox.enqueue(sync_session, outbox.events_for(sync_session, entries), subscribers)
            return bool(subscribers)

        self._subscribers = await self.session.run_sync(enqueue)
