"""Database engine, sessions, the declarative base and the exact-decimal column type."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Enum, MetaData, Numeric, String, event, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

from goldenthread.core.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal that survives storage exactly.

    PostgreSQL keeps an unconstrained NUMERIC. SQLite has no decimal type (its NUMERIC
    affinity turns values into binary floats), so there the canonical string is stored.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return str(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return from_stored(value)


def from_stored(value: Any) -> Decimal | None:
    """The decimal of a figure as the driver returns it. PostgreSQL's binary protocol gives
    whole numbers with trailing zeros in exponent form (1100000 as ``1.10E+6``): equal, but
    shown to people as written, so they are made plain again."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        return Decimal(str(value))
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        return Decimal(f"{value:f}")
    return value


def as_stored(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """An exact-decimal column read as the driver returns it (a string on SQLite, a Decimal on
    PostgreSQL): for bulk reads that make the decimals themselves."""
    return type_coerce(column, NullType())


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


# Execution option carried by the sessions of requests that will write, so SQLite takes the
# write lock when the transaction begins (BEGIN IMMEDIATE) and waits on the busy timeout,
# instead of failing with "database is locked" when a read transaction later tries to upgrade.
WRITE_OPTION = "goldenthread_write"


def _configure_sqlite(engine: AsyncEngine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        engine = create_async_engine(
            settings.database_url,
            connect_args={"timeout": settings.sqlite_busy_timeout_ms / 1000},
            # Every session ends its transaction itself (commit or rollback), so the pool's
            # extra rollback on return is one more trip to the database thread for nothing.
            pool_reset_on_return=None,
        )
        _configure_sqlite(engine, settings.sqlite_busy_timeout_ms)
        return engine
    return create_async_engine(
        settings.database_url, pool_size=10, max_overflow=20, pool_pre_ping=True
    )


class Sessions:
    """Session factories over one engine: for reading, and for requests that write."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.reader = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self.writer = async_sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}),
            expire_on_commit=False,
            autoflush=False,
        )

    def __call__(self, *, write: bool = True) -> AsyncSession:
        return (self.writer if write else self.reader)()


async def session_scope(sessions: Sessions, *, write: bool) -> AsyncIterator[AsyncSession]:
    """One transaction: committed when the block ends cleanly, rolled back otherwise."""
    async with sessions(write=write) as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


def enum_type(cls: type[StrEnum]) -> Enum:
    """Enums stored as their lower-case values in a plain string column (no native type, so
    adding a value needs no database migration of a type)."""
    return Enum(
        cls,
        native_enum=False,
        length=24,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )
