"""plans, objectives and the golden thread, actions and progress updates, the QA checklist

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 23:22:25.673186
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


CHECKLIST = [
    (
        "QA01",
        "what_we_do",
        "What we do: the plan describes the service, who its customers are and its budget.",
    ),
    (
        "QA02",
        "what_we_do",
        "The needs of residents and service users are assessed, drawing on consultation.",
    ),
    (
        "QA03",
        "how_well_we_are_doing",
        "How well we're doing: indicators and targets are shown in the mandatory corporate "
        "format, with recent outturns and comparisons.",
    ),
    (
        "QA04",
        "what_is_changing",
        "What is changing: the changing environment (finance, human resources, legislation) "
        "is taken into account.",
    ),
    (
        "QA05",
        "what_we_will_do",
        "What we will do: objectives link clearly to the corporate plan, the annual operating "
        "plan and the community strategy.",
    ),
    (
        "QA06",
        "what_we_will_do",
        "Targets are measurable, and every action has an owner and a date.",
    ),
    (
        "QA07",
        "capacity_to_deliver",
        "Capacity to deliver: the resources needed (people, money, assets) are defined.",
    ),
    (
        "QA08",
        "",
        "Risks to delivery are identified and managed as part of performance management.",
    ),
    (
        "QA09",
        "",
        "The plan is clear and succinct, and tells staff and stakeholders where the service "
        "is going.",
    ),
    (
        "QA10",
        "",
        "The plan says how it will be reviewed, and how it will be revised when targets are "
        "not met.",
    ),
]


def upgrade() -> None:
    checklist = op.create_table(
        "qa_checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_checklist_items")),
        sa.UniqueConstraint("code", name=op.f("uq_qa_checklist_items_code")),
    )
    # The service-plan quality-assurance checklist starts from the service planning guidance;
    # the performance team keeps it up to date through the API.
    now = datetime.now(UTC)
    op.bulk_insert(
        checklist,
        [
            {
                "code": code,
                "question": question,
                "section": section,
                "weight": 1,
                "position": position,
                "active": True,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for position, (code, section, question) in enumerate(CHECKLIST, start=1)
        ],
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "community_strategy",
                "local_area_agreement",
                "corporate_plan",
                "annual_operating_plan",
                "directorate_plan",
                "service_plan",
                "team_plan",
                "individual",
                name="planlevel",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("owner_org_unit_id", sa.Integer(), nullable=True),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("start_year", sa.String(length=7), nullable=False),
        sa.Column("end_year", sa.String(length=7), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "quality_assured",
                "approved",
                "published",
                "archived",
                name="planstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column(
            "status_changed_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_plans_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_plans_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_org_unit_id"],
            ["org_units.id"],
            name=op.f("fk_plans_owner_org_unit_id_org_units"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"], ["users.id"], name=op.f("fk_plans_owner_user_id_users")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["plans.id"], name=op.f("fk_plans_parent_id_plans")),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["plans.id"], name=op.f("fk_plans_supersedes_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_level"), ["level"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plans_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plans_owner_org_unit_id"), ["owner_org_unit_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_plans_owner_user_id"), ["owner_user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plans_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plans_supersedes_id"), ["supersedes_id"], unique=False)

    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "ambition",
                "priority",
                "outcome",
                "objective",
                name="objectivekind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["copied_from_id"],
            ["objectives.id"],
            name=op.f("fk_objectives_copied_from_id_objectives"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_objectives_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_objectives_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
    )
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objectives_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_checklist_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "answer",
            sa.Enum(
                "met",
                "partly",
                "not_met",
                "not_applicable",
                name="checklistanswer",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_plan_checklist_answers_answered_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["qa_checklist_items.id"],
            name=op.f("fk_plan_checklist_answers_item_id_qa_checklist_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_checklist_answers_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_checklist_answers")),
        sa.UniqueConstraint("plan_id", "item_id", name=op.f("uq_plan_checklist_answers_plan_id")),
    )
    with op.batch_alter_table("plan_checklist_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_checklist_answers_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_plan_checklist_answers_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=True),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("timescale", sa.String(length=200), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "complete",
                "cancelled",
                name="actionstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("percent_complete", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_actions_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_actions_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_actions_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_actions_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_actions_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_actions_owner_id_users")),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["actions.id"],
            name=op.f("fk_actions_parent_id_actions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_indicator_id"), ["indicator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_objective_id"), ["objective_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_org_unit_id"), ["org_unit_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actions_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_actions_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_actions_status_due_on", ["status", "due_on"], unique=False)

    op.create_table(
        "objective_indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_objective_indicators_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_indicators_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_indicators")),
        sa.UniqueConstraint(
            "objective_id", "indicator_id", name=op.f("uq_objective_indicators_objective_id")
        ),
    )
    with op.batch_alter_table("objective_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objective_indicators_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_objective_indicators_objective_id"), ["objective_id"], unique=False
        )

    op.create_table(
        "objective_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objective_id", sa.Integer(), nullable=False),
        sa.Column("parent_objective_id", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_links_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_objective_id"],
            ["objectives.id"],
            name=op.f("fk_objective_links_parent_objective_id_objectives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective_links")),
        sa.UniqueConstraint(
            "objective_id", "parent_objective_id", name=op.f("uq_objective_links_objective_id")
        ),
    )
    with op.batch_alter_table("objective_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_objective_links_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_objective_links_parent_objective_id"),
            ["parent_objective_id"],
            unique=False,
        )

    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "complete",
                "cancelled",
                name="actionstatus",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("percent_complete", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["actions.id"],
            name=op.f("fk_action_updates_action_id_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_action_updates_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_updates")),
    )
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_updates_action_id"), ["action_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_updates_action_id"))

    op.drop_table("action_updates")
    with op.batch_alter_table("objective_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_links_parent_objective_id"))
        batch_op.drop_index(batch_op.f("ix_objective_links_objective_id"))

    op.drop_table("objective_links")
    with op.batch_alter_table("objective_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_indicators_objective_id"))
        batch_op.drop_index(batch_op.f("ix_objective_indicators_indicator_id"))

    op.drop_table("objective_indicators")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index("ix_actions_status_due_on")
        batch_op.drop_index(batch_op.f("ix_actions_parent_id"))
        batch_op.drop_index(batch_op.f("ix_actions_owner_id"))
        batch_op.drop_index(batch_op.f("ix_actions_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_actions_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_actions_objective_id"))
        batch_op.drop_index(batch_op.f("ix_actions_indicator_id"))

    op.drop_table("actions")
    with op.batch_alter_table("plan_checklist_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_checklist_answers_plan_id"))
        batch_op.drop_index(batch_op.f("ix_plan_checklist_answers_item_id"))

    op.drop_table("plan_checklist_answers")
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectives_plan_id"))
        batch_op.drop_index(batch_op.f("ix_objectives_owner_id"))

    op.drop_table("objectives")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_supersedes_id"))
        batch_op.drop_index(batch_op.f("ix_plans_parent_id"))
        batch_op.drop_index(batch_op.f("ix_plans_owner_user_id"))
        batch_op.drop_index(batch_op.f("ix_plans_owner_org_unit_id"))
        batch_op.drop_index(batch_op.f("ix_plans_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_plans_level"))

    op.drop_table("plans")
    op.drop_table("qa_checklist_items")
