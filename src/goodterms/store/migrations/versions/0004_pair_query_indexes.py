"""Indexes `ask` needs to stay fast on a large store (bench/store_latency.py):

- persons (entity_id, article_id, local_id): the articles naming a person, and whether the
  other person is in one of them, read from the index alone. Without it SQLite joined the two
  sides through the entity_id index row by row: seconds for two people in thousands of
  articles at 100,000 articles.
- evidence (article_id, a, b): the pair's evidence of one article, found by its two persons.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: (table, columns): each gets an index named ix_TABLE_COLUMN_COLUMN...
INDEXES = (
    ("persons", ("entity_id", "article_id", "local_id")),
    ("evidence", ("article_id", "a", "b")),
)


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def downgrade() -> None:
    for table, columns in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table_name=table)
