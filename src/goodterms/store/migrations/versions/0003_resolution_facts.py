"""What resolution reads and writes: persons.descriptors (filled from the stored analyses),
entities.key, and indexes on persons.name and entities.key.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: Articles read per batch while filling persons.descriptors.
BATCH = 500

articles = sa.table("articles", sa.column("id", sa.String), sa.column("analysis", sa.JSON))
persons = sa.table("persons", sa.column("article_id", sa.String), sa.column("local_id", sa.String),
                   sa.column("descriptors", sa.JSON))


def descriptor_texts(person: dict) -> list[str]:  # type: ignore[type-arg]
    """The distinct texts of a person's descriptor mentions ("the actress"), in text order."""
    seen: dict[str, None] = {}
    for mention in person.get("mentions") or ():
        if mention.get("kind") == "descriptor":
            seen.setdefault(mention.get("text", ""), None)
    return list(seen)


def _fill_descriptors() -> None:
    """Every stored person's descriptors, from its article's analysis, a batch of articles at a time."""
    bind = op.get_bind()
    last = ""
    while True:
        rows = bind.execute(sa.select(articles.c.id, articles.c.analysis).where(articles.c.id > last)
                            .order_by(articles.c.id).limit(BATCH)).all()
        if not rows:
            return
        updates = [{"a": row.id, "l": person["id"], "d": descriptor_texts(person)}
                   for row in rows for person in (row.analysis or {}).get("people", ())
                   if descriptor_texts(person)]
        if updates:
            bind.execute(persons.update().where(persons.c.article_id == sa.bindparam("a"),
                                                persons.c.local_id == sa.bindparam("l"))
                         .values(descriptors=sa.bindparam("d")), updates)
        last = rows[-1].id


def upgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("descriptors", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("key", sa.Text(), nullable=False, server_default=""))
    op.create_index(op.f("ix_persons_name"), "persons", ["name"])
    op.create_index(op.f("ix_entities_key"), "entities", ["key"])
    _fill_descriptors()


def downgrade() -> None:
    op.drop_index(op.f("ix_entities_key"), table_name="entities")
    op.drop_index(op.f("ix_persons_name"), table_name="persons")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("key")
    with op.batch_alter_table("persons") as batch:
        batch.drop_column("descriptors")
