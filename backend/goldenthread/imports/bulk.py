"""The databases' bulk paths, inside the import's one transaction.

PostgreSQL: ``COPY`` (binary, through asyncpg) straight into the table for new rows, with ids
taken from its sequence beforehand so their audit entries go in by ``COPY`` as well, and into a
temporary table then one ``UPDATE … FROM`` for changed rows. SQLite: ``executemany`` of one
prepared statement, and the audit entries of new rows by one ``INSERT … SELECT``. Both take
rows already in the driver's own types (decimals are exact strings on SQLite, ``Decimal`` on
PostgreSQL), so nothing is converted twice.

Table and column names come from the constants of the callers, never from a file.
"""

from __future__ import annotations

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
# SQLite allows 32766 bound values in a statement; a key takes two.
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
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None: ...

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
        entity: str,
        snapshot: Sequence[str],
        decimals: frozenset[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...]], str],
    ) -> None:
        """Insert new rows (their first two columns indicator_id and period) and append a
        'create' entry for each to the audit trail, its ``after`` the row's snapshot: made
        from the row by ``after`` (JSON text) or by the database from the row as stored."""

    async def bump_figures_version(self) -> None: ...


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
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        if rows:
            await self.driver.copy_records_to_table(table, records=rows, columns=list(columns))

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
        entity: str,
        snapshot: Sequence[str],
        decimals: frozenset[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...]], str],
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
            table, ("id", *columns), [(i, *row) for i, row in zip(ids, rows, strict=True)]
        )
        create = (*prefix, "create", entity)
        await self.insert(
            "audit_entries",
            AUDIT_COLUMNS,
            [
                (*create, i, row[0], row[1], None, after(row))
                for i, row in zip(ids, rows, strict=True)
            ],
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
        # Timestamps stored exactly as the ORM's DateTime type stores them.
        processor = DateTime().dialect_impl(connection.dialect).bind_processor(connection.dialect)
        assert processor is not None
        self._datetime = processor

    def timestamp(self, moment: datetime) -> Any:
        return self._datetime(moment)

    async def existing(
        self, table: str, columns: Sequence[str], keys: Sequence[tuple[int, str]]
    ) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        selected = ", ".join(f"t.{c}" for c in columns)
        for part in _chunks(keys):
            values = ", ".join(["(?, ?)"] * len(part))
            flat = tuple(v for key in part for v in key)
            # Driven from the keys, so each is one search of the unique index.
            result = await self.connection.exec_driver_sql(
                f"WITH k(indicator_id, period) AS (VALUES {values}) "  # noqa: S608
                f"SELECT {selected} FROM k JOIN {table} t "
                "ON t.indicator_id = k.indicator_id AND t.period = k.period",
                flat,
            )
            found += [tuple(r) for r in result.all()]
        return found

    async def insert(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        if rows:
            marks = ", ".join(["?"] * len(columns))
            await self.connection.exec_driver_sql(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                list(rows),
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
        entity: str,
        snapshot: Sequence[str],
        decimals: frozenset[str],
        prefix: Sequence[Any],
        after: Callable[[tuple[Any, ...]], str],
    ) -> None:
        if not rows:
            return
        # The snapshots are made by SQLite from the rows as stored: its work runs in a thread
        # that lets go of the interpreter lock, beside the parsing of the next chunk.
        # The import holds SQLite's write lock (BEGIN IMMEDIATE): the rows inserted here take
        # the ids after the largest, one after another.
        result = await self.connection.exec_driver_sql(
            f"SELECT coalesce(max(id), 0) FROM {table}"  # noqa: S608 — names are constants
        )
        last = int(result.scalar_one())
        await self.insert(table, columns, rows)
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
