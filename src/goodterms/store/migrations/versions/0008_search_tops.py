"""`search_tops`: the first page of people for each search key matching many people, so a
search by two or three common letters reads a few rows (see `goodterms.store.search_tops`).

Triggers empty the table whenever entities (their name or article count) or their name forms
change, whoever changes them, so no search reads a list older than the store's people; the
next resolution writes it again. Stores already resolved get theirs here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CLEAR = "DELETE FROM search_tops"
#: (table, the changes that empty search_tops): a name form, or an entity's name or article count.
WATCHED = (("entity_names", ("INSERT", "DELETE", "UPDATE")),
           ("entities", ("INSERT", "DELETE", "UPDATE OF name, articles")))


def sqlite_triggers() -> list[str]:
    return [f"CREATE TRIGGER tr_{table}_search_tops_{change.split()[0].lower()} AFTER {change} ON {table} "
            f"BEGIN {CLEAR}; END"
            for table, changes in WATCHED for change in changes]


def postgres_triggers() -> list[str]:
    statements = [f"CREATE FUNCTION search_tops_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {CLEAR}; "
                  "RETURN NULL; END $$"]
    for table, changes in WATCHED:
        statements.append(f"CREATE TRIGGER tr_{table}_search_tops AFTER {' OR '.join(changes)} ON {table} "
                          "FOR EACH STATEMENT EXECUTE FUNCTION search_tops_clear()")
    return statements


def upgrade() -> None:
    op.create_table(
        "search_tops",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "rank", name=op.f("pk_search_tops")),
    )
    bind = op.get_bind()
    for statement in postgres_triggers() if bind.dialect.name == "postgresql" else sqlite_triggers():
        op.execute(statement)
    from goodterms.store.search_tops import refresh_search_tops

    refresh_search_tops(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, _ in WATCHED:
            op.execute(f"DROP TRIGGER tr_{table}_search_tops ON {table}")
        op.execute("DROP FUNCTION search_tops_clear()")
    else:
        for table, changes in WATCHED:
            for change in changes:
                op.execute(f"DROP TRIGGER tr_{table}_search_tops_{change.split()[0].lower()}")
    op.drop_table("search_tops")
