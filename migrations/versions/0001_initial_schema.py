"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 20:34:33.320739
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_kind", sa.String(length=10), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=16), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entries_indicator_at", ["indicator_id", "id"], unique=False)

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "council",
                "health",
                "police",
                "fire",
                "voluntary",
                "other",
                name="organisationkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("name", name=op.f("uq_organisations_name")),
    )
    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "directorate", "service", "team", name="orgunitlevel", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_org_units_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["org_units.id"], name=op.f("fk_org_units_parent_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_units")),
        sa.UniqueConstraint("organisation_id", "name", name=op.f("uq_org_units_organisation_id")),
    )
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_org_units_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_org_units_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "performance",
                "manager",
                "contributor",
                "viewer",
                name="role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_users_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_users_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_org_unit_id"), ["org_unit_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_users_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("code_key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("procedure_note", sa.Text(), nullable=False),
        sa.Column(
            "unit",
            sa.Enum(
                "percent",
                "count",
                "currency",
                "ratio",
                "days",
                "score",
                "yes_no",
                name="unit",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("decimal_places", sa.Integer(), nullable=False),
        sa.Column(
            "polarity",
            sa.Enum(
                "higher_is_better",
                "lower_is_better",
                "target_band",
                "none",
                name="polarity",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "frequency",
            sa.Enum(
                "monthly", "quarterly", "annual", name="frequency", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column(
            "aggregation",
            sa.Enum(
                "sum", "ratio", "last", "mean", name="aggregation", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("multiplier", goldenthread.core.db.ExactDecimal(), nullable=False),
        sa.Column("tolerance_percent", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("tolerance_absolute", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("deputy_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("lead_organisation_id", sa.Integer(), nullable=True),
        sa.Column("shared_with_partners", sa.Boolean(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column(
            "lifecycle",
            sa.Enum("active", "retired", name="lifecycle", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deputy_id"], ["users.id"], name=op.f("fk_indicators_deputy_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["lead_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_indicators_lead_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_indicators_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_indicators_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_indicators_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("code_key", name=op.f("uq_indicators_code_key")),
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_deputy_id"), ["deputy_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_indicators_org_unit_id"), ["org_unit_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_indicators_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_indicators_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "indicator_sets",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_sets_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "name", name=op.f("pk_indicator_sets")),
    )
    with op.batch_alter_table("indicator_sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_sets_name"), ["name"], unique=False)

    op.create_table(
        "outturns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("numerator", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("denominator", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("commentary", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "verified",
                "qualified",
                name="outturnstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "provenance",
            sa.Enum(
                "ui", "import", "api", "partner", name="provenance", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("verified_by_name", sa.String(length=200), nullable=True),
        sa.Column("verified_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_outturns_indicator_id_indicators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outturns")),
        sa.UniqueConstraint("indicator_id", "period", name=op.f("uq_outturns_indicator_id")),
    )
    with op.batch_alter_table("outturns", schema=None) as batch_op:
        batch_op.create_index("ix_outturns_year_indicator", ["year", "indicator_id"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("low", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("high", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("stretch_value", goldenthread.core.db.ExactDecimal(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("updated_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_targets_indicator_id_indicators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint("indicator_id", "period", name=op.f("uq_targets_indicator_id")),
    )
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.create_index("ix_targets_year_indicator", ["year", "indicator_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_index("ix_targets_year_indicator")

    op.drop_table("targets")
    with op.batch_alter_table("outturns", schema=None) as batch_op:
        batch_op.drop_index("ix_outturns_year_indicator")

    op.drop_table("outturns")
    with op.batch_alter_table("indicator_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_sets_name"))

    op.drop_table("indicator_sets")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_owner_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_deputy_id"))

    op.drop_table("indicators")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_users_org_unit_id"))

    op.drop_table("users")
    with op.batch_alter_table("org_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_units_parent_id"))
        batch_op.drop_index(batch_op.f("ix_org_units_organisation_id"))

    op.drop_table("org_units")
    op.drop_table("organisations")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_indicator_at")

    op.drop_table("audit_entries")
