"""Indexes the corpus queries need: records by article, persons by entity, names by key, rejects by source.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: (table, column): each gets an index named ix_TABLE_COLUMN.
INDEXES = (
    ("persons", "entity_id"),
    ("relations", "article_id"),
    ("quotes", "article_id"),
    ("stances", "article_id"),
    ("evidence", "article_id"),
    ("entity_names", "key"),
    ("entity_names", "entity_id"),
    ("rejects", "source"),
)


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
