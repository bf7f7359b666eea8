"""benchmarking: comparator councils, groups, values and aims; plain titles of indicators

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-26 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("plain_title", sa.String(length=300), nullable=False, server_default="")
        )
    op.create_table(
        "comparator_councils",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparator_councils")),
        sa.UniqueConstraint("code", name=op.f("uq_comparator_councils_code")),
    )
    op.create_table(
        "comparator_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "all_councils",
                "nearest_neighbours",
                "family",
                "other",
                name="groupkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("us_council_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["us_council_id"],
            ["comparator_councils.id"],
            name=op.f("fk_comparator_groups_us_council_id_comparator_councils"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparator_groups")),
        sa.UniqueConstraint("code", name=op.f("uq_comparator_groups_code")),
    )
    op.create_table(
        "comparator_group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["comparator_councils.id"],
            name=op.f("fk_comparator_group_members_council_id_comparator_councils"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["comparator_groups.id"],
            name=op.f("fk_comparator_group_members_group_id_comparator_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "council_id", name=op.f("pk_comparator_group_members")),
    )
    op.create_index(
        op.f("ix_comparator_group_members_council_id"),
        "comparator_group_members",
        ["council_id"],
        unique=False,
    )
    op.create_table(
        "comparator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("period_label", sa.String(length=16), nullable=False),
        sa.Column("value", goldenthread.core.db.ExactDecimal(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["comparator_councils.id"],
            name=op.f("fk_comparator_values_council_id_comparator_councils"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_comparator_values_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparator_values")),
        sa.UniqueConstraint(
            "indicator_id", "year", "council_id", name=op.f("uq_comparator_values_indicator_id")
        ),
    )
    op.create_index(
        "ix_comparator_values_year_council",
        "comparator_values",
        ["year", "council_id", "indicator_id"],
    )
    op.create_table(
        "benchmark_aims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column(
            "aim",
            sa.Enum(
                "top_quartile",
                "median",
                "out_of_bottom_quartile",
                "rank",
                name="aimkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("basis_year", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["comparator_groups.id"],
            name=op.f("fk_benchmark_aims_group_id_comparator_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_benchmark_aims_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_aims")),
        sa.UniqueConstraint(
            "indicator_id", "year", "group_id", name=op.f("uq_benchmark_aims_indicator_id")
        ),
    )
    op.create_index(
        op.f("ix_benchmark_aims_group_id"), "benchmark_aims", ["group_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_benchmark_aims_group_id"), table_name="benchmark_aims")
    op.drop_table("benchmark_aims")
    op.drop_index("ix_comparator_values_year_council", table_name="comparator_values")
    op.drop_table("comparator_values")
    op.drop_index(
        op.f("ix_comparator_group_members_council_id"), table_name="comparator_group_members"
    )
    op.drop_table("comparator_group_members")
    op.drop_table("comparator_groups")
    op.drop_table("comparator_councils")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_column("plain_title")
