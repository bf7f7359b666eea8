"""Alembic is the only way the schema changes: upgrading an empty database gives exactly the
models' schema, on every backend."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi import FastAPI
from sqlalchemy.engine import Connection

from goldenthread.models import metadata


async def test_upgrade_from_empty_matches_the_models(app: FastAPI) -> None:
    # The `app` fixture built its database by running every migration from empty.
    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    async with app.state.engine.connect() as connection:
        diff = await connection.run_sync(differences)
    assert diff == []
