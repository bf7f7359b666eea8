"""merge the golden thread, benchmarking and reports branches

Revision ID: 0010
Revises: 0007, 0008, 0009
Create Date: 2026-11-25 23:45:00.000000
"""

from __future__ import annotations

revision = "0010"
down_revision = ("0007", "0008", "0009")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the three branches touch separate tables."""


def downgrade() -> None:
    """Nothing to change."""
