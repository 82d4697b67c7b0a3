"""The tables of the shared design: articles, persons, entities, records, rejects, overrides.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _article_id(table: str) -> list[sa.Column | sa.ForeignKeyConstraint]:
    return [
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f(f"fk_{table}_article_id_articles"),
                                ondelete="CASCADE"),
    ]


def _offsets() -> list[sa.Column]:
    return [
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("spans", sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index(op.f("ix_articles_engine"), "articles", ["engine"])
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])
    op.create_table(
        "entities",
        _id(),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    op.create_table(
        "entity_names",
        _id(),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_names_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_names")),
    )
    op.create_table(
        "persons",
        _id(),
        *_article_id("persons"),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("handles", sa.JSON(), nullable=False),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_persons_entity_id_entities"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("article_id", "local_id", name=op.f("uq_persons_article_id_local_id")),
    )
    op.create_table(
        "relations",
        _id(),
        *_article_id("relations"),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("object", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        *_offsets(),
        sa.Column("derived_from", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    op.create_table(
        "quotes",
        _id(),
        *_article_id("quotes"),
        sa.Column("speaker", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        *_offsets(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    op.create_table(
        "stances",
        _id(),
        *_article_id("stances"),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        *_offsets(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stances")),
    )
    op.create_table(
        "evidence",
        _id(),
        *_article_id("evidence"),
        sa.Column("a", sa.String(length=32), nullable=False),
        sa.Column("b", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        *_offsets(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_table(
        "rejects",
        _id(),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejects")),
    )
    op.create_table(
        "overrides",
        _id(),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("a", sa.Text(), nullable=False),
        sa.Column("b", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overrides")),
    )


def downgrade() -> None:
    for table in ("overrides", "rejects", "evidence", "stances", "quotes", "relations", "persons",
                  "entity_names", "entities"):
        op.drop_table(table)
    op.drop_index(op.f("ix_articles_published"), table_name="articles")
    op.drop_index(op.f("ix_articles_engine"), table_name="articles")
    op.drop_table("articles")
