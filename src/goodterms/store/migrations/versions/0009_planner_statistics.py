"""Planner statistics: ANALYZE once, so a store made before resolution kept them up to date gets
the join orders they give (see `goodterms.store.planner_statistics`). No schema change.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from goodterms.store.planner_statistics import update_planner_statistics

    update_planner_statistics(op.get_bind())


def downgrade() -> None:
    """Statistics are not schema: they stay, and an older goodterms reads the store as before."""
