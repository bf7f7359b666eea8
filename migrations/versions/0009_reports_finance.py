"""reports: budget monitoring figures by service for the integrated performance report

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-25 23:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finance_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("budget", goldenthread.core.db.ExactDecimal(), nullable=False),
        sa.Column("forecast", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("actual", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"],
            ["org_units.id"],
            name=op.f("fk_finance_figures_org_unit_id_org_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_figures")),
        sa.UniqueConstraint("org_unit_id", "period", name=op.f("uq_finance_figures_org_unit_id")),
    )
    with op.batch_alter_table("finance_figures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_finance_figures_year_org_unit", ["year", "org_unit_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("finance_figures", schema=None) as batch_op:
        batch_op.drop_index("ix_finance_figures_year_org_unit")
    op.drop_table("finance_figures")
