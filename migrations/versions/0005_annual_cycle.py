"""annual cycle: templates and events, data deadline rule, calendar feeds, sent reminders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 21:27:35.739859
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import goldenthread.core.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rules = op.create_table(
        "deadline_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("working_days_after", sa.Integer(), nullable=False),
        sa.Column("due_soon_days", sa.Integer(), nullable=False),
        sa.Column("lookback_days", sa.Integer(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=200), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_rules")),
    )
    # The performance team's rule starts at the default: 10 working days after a period ends.
    op.bulk_insert(
        rules,
        [
            {
                "id": 1,
                "working_days_after": 10,
                "due_soon_days": 7,
                "lookback_days": 400,
                "updated_by_name": "",
                "updated_at": datetime.now(UTC),
                "version": 1,
            }
        ],
    )
    op.create_table(
        "cycle_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "planning",
                "budget",
                "performance_reporting",
                "commitments",
                "appraisal",
                "risk",
                "publication",
                "partnership",
                "communications",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "recurrence",
            sa.Enum(
                "monthly",
                "quarterly",
                "months",
                "after_period_end",
                name="recurrence",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("months", sa.JSON(), nullable=False),
        sa.Column("month_of_quarter", sa.Integer(), nullable=True),
        sa.Column("window_months", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column(
            "frequency",
            sa.Enum(
                "monthly", "quarterly", "annual", name="frequency", native_enum=False, length=24
            ),
            nullable=True,
        ),
        sa.Column("working_days", sa.Integer(), nullable=True),
        sa.Column("responsible_role", sa.String(length=200), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_cycle_templates_org_unit_id_org_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_templates")),
    )
    with op.batch_alter_table("cycle_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_templates_org_unit_id"), ["org_unit_id"], unique=False
        )

    op.create_table(
        "calendar_feed_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_calendar_feed_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_calendar_feed_tokens")),
        sa.UniqueConstraint("digest", name=op.f("uq_calendar_feed_tokens_digest")),
    )
    op.create_table(
        "cycle_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("occurrence", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "planning",
                "budget",
                "performance_reporting",
                "commitments",
                "appraisal",
                "risk",
                "publication",
                "partnership",
                "communications",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("responsible_role", sa.String(length=200), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("done_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_by_name", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["users.id"], name=op.f("fk_cycle_events_done_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_cycle_events_org_unit_id_org_units")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["cycle_templates.id"],
            name=op.f("fk_cycle_events_template_id_cycle_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_events")),
        sa.UniqueConstraint(
            "template_id", "year", "occurrence", name=op.f("uq_cycle_events_template_id")
        ),
    )
    with op.batch_alter_table("cycle_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_events_org_unit_id"), ["org_unit_id"], unique=False
        )
        batch_op.create_index("ix_cycle_events_year_due_on", ["year", "due_on"], unique=False)

    op.create_table(
        "sent_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("claimed_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", goldenthread.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sent_reminders_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_reminders")),
        sa.UniqueConstraint("key", name=op.f("uq_sent_reminders_key")),
    )
    with op.batch_alter_table("sent_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sent_reminders_user_id"), ["user_id"], unique=False)

    op.create_table(
        "cycle_event_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "plan",
                "report",
                "indicator_set",
                "indicator",
                "objective",
                "document",
                "other",
                name="linkkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["cycle_events.id"],
            name=op.f("fk_cycle_event_links_event_id_cycle_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_event_links")),
        sa.UniqueConstraint(
            "event_id", "kind", "reference", name=op.f("uq_cycle_event_links_event_id")
        ),
    )
    with op.batch_alter_table("cycle_event_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_event_links_event_id"), ["event_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cycle_event_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_event_links_event_id"))

    op.drop_table("cycle_event_links")
    with op.batch_alter_table("sent_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sent_reminders_user_id"))

    op.drop_table("sent_reminders")
    with op.batch_alter_table("cycle_events", schema=None) as batch_op:
        batch_op.drop_index("ix_cycle_events_year_due_on")
        batch_op.drop_index(batch_op.f("ix_cycle_events_org_unit_id"))

    op.drop_table("cycle_events")
    op.drop_table("calendar_feed_tokens")
    with op.batch_alter_table("cycle_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_templates_org_unit_id"))

    op.drop_table("cycle_templates")
    op.drop_table("deadline_rules")
