"""risks, commitments and appraisals; users get a line manager

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _add_line_manager() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; the batch way would copy and drop
        # the users table, which every other table refers to.
        op.execute("ALTER TABLE users ADD COLUMN manager_id INTEGER REFERENCES users (id)")
        op.create_index(op.f("ix_users_manager_id"), "users", ["manager_id"], unique=False)
        return
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("manager_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_manager_id"), ["manager_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_users_manager_id_users"), "users", ["manager_id"], ["id"]
        )


def _drop_line_manager() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":
            batch_op.drop_constraint(batch_op.f("fk_users_manager_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_users_manager_id"))
        batch_op.drop_column("manager_id")


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("signed_off_by_id", sa.Integer(), nullable=True),
        sa.Column("signed_off_by_name", sa.String(length=200), nullable=True),
        sa.Column("signed_off_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["users.id"], name=op.f("fk_commitments_manager_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_commitments_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["signed_off_by_id"], ["users.id"], name=op.f("fk_commitments_signed_off_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint("manager_id", "year", name=op.f("uq_commitments_manager_id")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_manager_id"), ["manager_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_commitments_org_unit_id"), ["org_unit_id"], unique=False
        )

    op.create_table(
        "risks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("code_key", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "strategic",
                "operational",
                "partnership",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("inherent_likelihood", sa.Integer(), nullable=False),
        sa.Column("inherent_impact", sa.Integer(), nullable=False),
        sa.Column("residual_likelihood", sa.Integer(), nullable=False),
        sa.Column("residual_impact", sa.Integer(), nullable=False),
        sa.Column(
            "control",
            sa.Enum(
                "tolerate",
                "treat",
                "transfer",
                "terminate",
                name="control",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("controls", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="riskstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "inherent_impact BETWEEN 1 AND 5", name=op.f("ck_risks_inherent_impact_scale")
        ),
        sa.CheckConstraint(
            "inherent_likelihood BETWEEN 1 AND 5", name=op.f("ck_risks_inherent_likelihood_scale")
        ),
        sa.CheckConstraint(
            "residual_impact BETWEEN 1 AND 5", name=op.f("ck_risks_residual_impact_scale")
        ),
        sa.CheckConstraint(
            "residual_likelihood BETWEEN 1 AND 5", name=op.f("ck_risks_residual_likelihood_scale")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_risks_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_risks_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risks")),
        sa.UniqueConstraint("code_key", name=op.f("uq_risks_code_key")),
    )
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risks_org_unit_id"), ["org_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_risks_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "appraisals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("performance_review", sa.Text(), nullable=False),
        sa.Column("training_needs", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["users.id"], name=op.f("fk_appraisals_person_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_appraisals_plan_id_plans"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_appraisals_reviewer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisals")),
        sa.UniqueConstraint("person_id", "year", name=op.f("uq_appraisals_person_id")),
    )
    with op.batch_alter_table("appraisals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appraisals_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_appraisals_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appraisals_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_appraisals_reviewer_id"), ["reviewer_id"], unique=False
        )

    op.create_table(
        "commitment_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("september", "january", name="reviewkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_commitment_reviews_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_commitment_reviews_reviewer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_reviews")),
        sa.UniqueConstraint(
            "commitment_id", "kind", name=op.f("uq_commitment_reviews_commitment_id")
        ),
    )
    with op.batch_alter_table("commitment_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_reviews_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "risk_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name=op.f("ck_risk_reviews_impact_scale")),
        sa.CheckConstraint(
            "likelihood BETWEEN 1 AND 5", name=op.f("ck_risk_reviews_likelihood_scale")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_risk_reviews_reviewer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["risks.id"],
            name=op.f("fk_risk_reviews_risk_id_risks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_reviews")),
    )
    with op.batch_alter_table("risk_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_reviews_risk_id"), ["risk_id"], unique=False)

    op.create_table(
        "commitment_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column(
            "quadrant",
            sa.Enum(
                "customers",
                "operations",
                "resources",
                "innovation_and_learning",
                name="quadrant",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("indicator_text", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("action_plan", sa.Text(), nullable=False),
        sa.Column("risk_impact", sa.Integer(), nullable=True),
        sa.Column("risk_likelihood", sa.Integer(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "risk_impact BETWEEN 1 AND 5", name=op.f("ck_commitment_items_risk_impact_scale")
        ),
        sa.CheckConstraint(
            "risk_likelihood BETWEEN 1 AND 5",
            name=op.f("ck_commitment_items_risk_likelihood_scale"),
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_commitment_items_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_commitment_items_indicator_id_indicators"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_commitment_items_objective_id_objectives"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_items")),
    )
    with op.batch_alter_table("commitment_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_items_commitment_id"), ["commitment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_commitment_items_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_commitment_items_objective_id"), ["objective_id"], unique=False
        )

    op.create_table(
        "risk_objective_links",
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_risk_objective_links_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["risks.id"],
            name=op.f("fk_risk_objective_links_risk_id_risks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("risk_id", "objective_id", name=op.f("pk_risk_objective_links")),
    )
    with op.batch_alter_table("risk_objective_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_risk_objective_links_objective_id"), ["objective_id"], unique=False
        )

    _add_line_manager()


def downgrade() -> None:
    _drop_line_manager()

    with op.batch_alter_table("risk_objective_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_objective_links_objective_id"))

    op.drop_table("risk_objective_links")
    with op.batch_alter_table("commitment_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_items_objective_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_items_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_items_commitment_id"))

    op.drop_table("commitment_items")
    with op.batch_alter_table("risk_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_reviews_risk_id"))

    op.drop_table("risk_reviews")
    with op.batch_alter_table("commitment_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_reviews_commitment_id"))

    op.drop_table("commitment_reviews")
    with op.batch_alter_table("appraisals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appraisals_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_appraisals_plan_id"))
        batch_op.drop_index(batch_op.f("ix_appraisals_person_id"))
        batch_op.drop_index(batch_op.f("ix_appraisals_held_on"))

    op.drop_table("appraisals")
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risks_owner_id"))
        batch_op.drop_index(batch_op.f("ix_risks_org_unit_id"))

    op.drop_table("risks")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_manager_id"))

    op.drop_table("commitments")
