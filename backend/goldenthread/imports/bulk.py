"""The databases' bulk paths, inside the import's one transaction.

New rows are handed over as the columns that differ from row to row plus the values every row
of the batch shares (who, when, how), so the shared ones cross to the database once.

PostgreSQL: ``COPY`` in text form straight into the table for new rows, with ids taken from
its sequence beforehand so their audit entries go in by ``COPY`` as well, and binary ``COPY``
into a temporary table then one ``UPDATE … FROM`` for changed rows. The text form costs this
process a join of strings already in hand; the database, another process on another core,
does the parsing. SQLite: a batch goes in as one JSON array through ``json_each`` in one
statement, so SQLite stores it in its own thread without coming back to the interpreter (and
its lock) for every row, as ``executemany`` must; the audit entries of new rows follow by one
``INSERT … SELECT``. Rows come already in the driver's own types (decimals are exact strings on
SQLite, ``Decimal`` on PostgreSQL), so nothing is converted twice.

Table and column names come from the constants of the callers, never from a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import DateTime, text
from sqlalchemy.ext.asyncio import AsyncConnection

AUDIT_COLUMNS = (
    "at",
    "actor_kind",
    "actor_id",
    "actor_name",
    "via",
    "action",
    "entity",
    "entity_id",
    "indicator_id",
    "period",
    "before",
    "after",
)
# Keys per look-up on PostgreSQL (two arrays of them).
MAX_KEYS_PER_QUERY = 5000


class StaleRows(Exception):
    """Rows changed by someone else between reading and writing them."""


class Bulk(Protocol):
    """One transaction's bulk reads and writes of rows keyed by indicator and period."""

    # Whether writes may go on while the next chunk is parsed.
    pipelined: bool
    # Whether decimals are stored as their exact text (SQLite) rather than as Decimal.
    decimals_as_text: bool

    def decimal(self, value: Decimal | None) -> Any:
        """A decimal as this driver stores it."""

    def timestamp(self, moment: datetime) -> Any: ...

    async def existing(
        self, table: str, columns: Sequence[str], keys: Sequence[tuple[int, str]]
    ) -> list[tuple[Any, ...]]: ...

    async def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Insert rows laid out as ``columns``, each with the (column, value) pairs of
        ``fixed`` as well."""

    async def update(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """Rows are (id, version read, new values of ``columns``…); each sets version + 1
        only where the version is still the one read, else :class:`StaleRows`."""

    async def insert_created(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]],
        entity: str,
        snapshot: Sequence[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...], dict[str, Any]], str],
    ) -> None:
        """Insert new rows (their first two columns indicator_id and period) as
        :meth:`insert` does, and append a 'create' entry for each to the audit trail, its
        ``after`` the row's snapshot: made from the row and ``fixed`` by ``after`` (JSON text)
        or by the database from the row as stored."""

    async def bump_figures_version(self) -> None: ...


# The audit columns of a 'create' entry that differ from row to row; the rest are shared.
_CREATED_AUDIT = ("entity_id", "indicator_id", "period", "after")
_AUDIT_SHARED = ("at", "actor_kind", "actor_id", "actor_name", "via")

_AUDIT_INSERT = (
    "INSERT INTO audit_entries ({columns}) SELECT {prefix}, 'create', '{entity}', t.id, "
    "t.indicator_id, t.period, NULL, {after} FROM {table} t {where} ORDER BY t.id"
)


def _chunks(keys: Sequence[tuple[int, str]]) -> Iterator[Sequence[tuple[int, str]]]:
    for start in range(0, len(keys), MAX_KEYS_PER_QUERY):
        yield keys[start : start + MAX_KEYS_PER_QUERY]


class PostgresBulk:
    pipelined = True
    decimals_as_text = False

    def decimal(self, value: Decimal | None) -> Any:
        return value

    def __init__(self, driver: Any) -> None:
        self.driver = driver  # an asyncpg connection, in the session's transaction
        self._update_tables: set[str] = set()
        self._sequences: dict[str, str] = {}

    def timestamp(self, moment: datetime) -> Any:
        return moment

    async def existing(
        self, table: str, columns: Sequence[str], keys: Sequence[tuple[int, str]]
    ) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        selected = ", ".join(f"t.{c}" for c in columns)
        query = (
            f"SELECT {selected} FROM {table} t "  # noqa: S608 — names are constants
            "JOIN unnest($1::int[], $2::text[]) AS k(indicator_id, period) "
            "ON t.indicator_id = k.indicator_id AND t.period = k.period"
        )
        for part in _chunks(keys):
            records = await self.driver.fetch(query, [k[0] for k in part], [k[1] for k in part])
            found += [tuple(r) for r in records]
        return found

    async def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]] = (),
    ) -> None:
        if not rows:
            return
        await self.driver.copy_to_table(
            table,
            # A memoryview: asyncpg takes plain bytes for a file name.
            source=memoryview(_copy_text(rows, [value for _, value in fixed])),
            columns=[*columns, *(name for name, _ in fixed)],
            format="text",
        )

    async def update(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        staging = f"gt_import_{table}"
        if staging not in self._update_tables:
            listed = ", ".join(("id", "version", *columns))
            await self.driver.execute(
                f"CREATE TEMP TABLE {staging} ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {listed} FROM {table} WITH NO DATA"
            )
            self._update_tables.add(staging)
        else:
            await self.driver.execute(f"TRUNCATE {staging}")
        await self.driver.copy_records_to_table(
            staging, records=rows, columns=["id", "version", *columns]
        )
        assignments = ", ".join(f"{c} = u.{c}" for c in columns)
        status = await self.driver.execute(
            f"UPDATE {table} t SET {assignments}, version = t.version + 1 "  # noqa: S608
            f"FROM {staging} u WHERE t.id = u.id AND t.version = u.version"
        )
        if int(status.rsplit(" ", 1)[1]) != len(rows):
            raise StaleRows(table)

    async def insert_created(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]],
        entity: str,
        snapshot: Sequence[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...], dict[str, Any]], str],
    ) -> None:
        if not rows:
            return
        # The ids are taken from the table's sequence first, so the audit entries can be
        # written beside the rows by COPY too: the database, the slower side of an import,
        # then only stores rows, and the snapshots are made here while it does.
        sequence = await self._sequence(table)
        ids = await self.driver.fetchval(
            "SELECT array_agg(nextval($1::regclass)) FROM generate_series(1, $2)",
            sequence,
            len(rows),
        )
        await self.insert(
            table,
            ("id", *columns),
            [(i, *row) for i, row in zip(ids, rows, strict=True)],
            fixed,
        )
        shared = dict(fixed)
        await self.insert(
            "audit_entries",
            _CREATED_AUDIT,
            [(i, row[0], row[1], after(row, shared)) for i, row in zip(ids, rows, strict=True)],
            _created_entry(prefix, entity),
        )

    async def _sequence(self, table: str) -> str:
        known = self._sequences.get(table)
        if known is None:
            known = await self.driver.fetchval("SELECT pg_get_serial_sequence($1, 'id')", table)
            self._sequences[table] = known
        return str(known)

    async def bump_figures_version(self) -> None:
        await self.driver.execute("UPDATE figures_version SET version = version + 1 WHERE id = 1")


class SqliteBulk:
    pipelined = True
    decimals_as_text = True

    def decimal(self, value: Decimal | None) -> Any:
        return None if value is None else str(value)

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._last_ids: dict[str, int] = {}  # the largest id of a table, once asked
        # Timestamps stored exactly as the ORM's DateTime type stores them.
        processor = DateTime().dialect_impl(connection.dialect).bind_processor(connection.dialect)
        assert processor is not None
        self._datetime = processor

    def timestamp(self, moment: datetime) -> Any:
        return self._datetime(moment)

    async def existing(
        self, table: str, columns: Sequence[str], keys: Sequence[tuple[int, str]]
    ) -> list[tuple[Any, ...]]:
        if not keys:
            return []
        selected = ", ".join(f"t.{c}" for c in columns)
        # Driven from the keys (CROSS JOIN keeps that order), so each is one search of the
        # unique index.
        result = await self.connection.exec_driver_sql(
            f"SELECT {selected} FROM json_each(?) k CROSS JOIN {table} t "  # noqa: S608
            "ON t.indicator_id = json_extract(k.value, '$[0]') "
            "AND t.period = json_extract(k.value, '$[1]')",
            (json.dumps(keys),),
        )
        return [tuple(r) for r in result.all()]

    async def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]] = (),
    ) -> None:
        if not rows:
            return
        listed = ", ".join([*columns, *(name for name, _ in fixed)])
        picked = ", ".join(
            [f"json_extract(value, '$[{i}]')" for i in range(len(columns))] + ["?"] * len(fixed)
        )
        await self.connection.exec_driver_sql(
            f"INSERT INTO {table} ({listed}) SELECT {picked} FROM json_each(?)",  # noqa: S608
            (*(value for _, value in fixed), json.dumps(rows)),
        )

    async def update(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        assignments = ", ".join(f"{c} = ?" for c in columns)
        result = await self.connection.exec_driver_sql(
            f"UPDATE {table} SET {assignments}, version = version + 1 "  # noqa: S608
            "WHERE id = ? AND version = ?",
            [(*row[2:], row[0], row[1]) for row in rows],
        )
        if result.rowcount != len(rows):
            raise StaleRows(table)

    async def insert_created(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[tuple[Any, ...]],
        fixed: Sequence[tuple[str, Any]],
        entity: str,
        snapshot: Sequence[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...], dict[str, Any]], str],
    ) -> None:
        if not rows:
            return
        # The snapshots are made by SQLite from the rows as stored: its work runs in a thread
        # that lets go of the interpreter lock, beside the parsing of the next chunk.
        # The import holds SQLite's write lock (BEGIN IMMEDIATE): the rows inserted here take
        # the ids after the largest, one after another, so the largest is asked for once.
        last = self._last_ids.get(table)
        if last is None:
            result = await self.connection.exec_driver_sql(
                f"SELECT coalesce(max(id), 0) FROM {table}"  # noqa: S608 — names are constants
            )
            last = int(result.scalar_one())
        await self.insert(table, columns, rows, fixed)
        self._last_ids[table] = last + len(rows)
        pairs = ", ".join(f"'{c}', t.{c}" for c in snapshot)
        query = _AUDIT_INSERT.format(
            columns=", ".join(AUDIT_COLUMNS),
            prefix="?, ?, ?, ?, ?",
            entity=entity,
            after=f"json_object({pairs})",
            table=table,
            where="WHERE t.id > ?",
        )
        await self.connection.exec_driver_sql(query, (*prefix, last))

    async def bump_figures_version(self) -> None:
        await self.connection.exec_driver_sql(
            "UPDATE figures_version SET version = version + 1 WHERE id = 1"
        )


def _created_entry(prefix: Sequence[Any], entity: str) -> list[tuple[str, Any]]:
    """What the 'create' audit entries of one batch share: who, when, how and of what."""
    return [
        *zip(_AUDIT_SHARED, prefix, strict=True),
        ("action", "create"),
        ("entity", entity),
        ("before", None),
    ]


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]").search


def _copy_field(value: Any) -> str:
    """One value in ``COPY``'s text form."""
    if value is None:
        return "\\N"
    if type(value) is str:
        return value.translate(_COPY_ESCAPES) if _NEEDS_ESCAPE(value) else value
    if isinstance(value, datetime):
        return value.isoformat()
    if type(value) is bool:
        return "t" if value else "f"
    return str(value)  # int, Decimal


def _copy_text(rows: Sequence[tuple[Any, ...]], fixed: Sequence[Any]) -> bytes:
    """Rows in ``COPY``'s text form, each ending with the fields every row shares."""
    field = _copy_field
    tail = "".join("\t" + field(value) for value in fixed) + "\n"
    return "".join(["\t".join([field(v) for v in row]) + tail for row in rows]).encode()


async def open_bulk(connection: AsyncConnection) -> Bulk:
    """The bulk paths of this connection's database, in its current transaction."""
    # Run a statement through SQLAlchemy first: its asyncpg adapter opens the transaction on
    # the first statement, and the raw COPY below must run inside it.
    await connection.execute(text("SELECT 1"))
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None and driver.is_in_transaction()
        return PostgresBulk(driver)
    return SqliteBulk(connection)
