"""import keys: idempotency keys of bulk imports and their first answers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_keys")),
        sa.UniqueConstraint("owner", "key", name=op.f("uq_import_keys_owner")),
    )
    with op.batch_alter_table("import_keys", schema=None) as batch_op:
        batch_op.create_index("ix_import_keys_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_import_keys_created_at")
    op.drop_table("import_keys")
