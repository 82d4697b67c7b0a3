"""The store's tables, as SQLAlchemy 2 declarative models (one schema for SQLite and PostgreSQL).

The migrations in `store/migrations/` create and upgrade these tables; a test checks that the
two agree. Every record row carries its article's id and the article-local person ids ("p1"),
so a query can join it to `persons` and from there to `entities`.

An `end` column is quoted by SQLAlchemy wherever it is used; write queries through the models.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names fixed by convention, so migrations can name what they alter on both databases.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Document ids are 16 hex characters today; room for a longer hash later.
ID = String(64)


class Base(DeclarativeBase):
    """Shared metadata of every table."""

    metadata = MetaData(naming_convention=NAMING)


class Article(Base):
    """One analysed article, keyed by its document id: its text, metadata and full analysis."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    source: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str | None] = mapped_column(String(32), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    engine: Mapped[str] = mapped_column(String(64))
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index(None, "published"), Index(None, "engine"))


class Entity(Base):
    """One person across articles, as resolution made them."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Text, default="", server_default="")  # resolution's key of the name
    name: Mapped[str] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(String(16), nullable=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index(None, "key"),)


class EntityName(Base):
    """One name form of an entity (a name, alias or handle), with how often it was seen."""

    __tablename__ = "entity_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)  # the normalised form lookups use
    kind: Mapped[str] = mapped_column(String(16))  # name, alias, handle
    count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index(None, "key"), Index(None, "entity_id"))


class EntityNamePart(Base):
    """One ending of a name form's key ("kelor marlin", "elor marlin", ...), at least three
    characters, so a search for a piece of a name is a range of the index on `part`. Written by
    triggers on `entity_names` (migration 0006), never by hand."""

    __tablename__ = "entity_name_parts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_id: Mapped[int] = mapped_column(Integer)  # entity_names.id
    entity_id: Mapped[int] = mapped_column(Integer)
    # Compared by code point on both databases (SQLite's default; "C" on PostgreSQL): a range is a prefix.
    part: Mapped[str] = mapped_column(Text().with_variant(Text(collation="C"), "postgresql"))
    at_start: Mapped[int] = mapped_column(Integer)  # 1: the whole key (the name begins with the part)

    __table_args__ = (Index(None, "part", "entity_id", "at_start"), Index(None, "name_id"))


class SearchTop(Base):
    """The first names a search by a common piece of a name shows: for each key matching many
    people (`total`, at least `search_tops.HEAVY`), its first `search_tops.TOP` people in the
    order search shows them (`rank` from 1), so such a search reads a few rows instead of
    grouping and ordering thousands. Filled by `store.search_tops.refresh_search_tops` after
    each resolution; emptied by triggers (migration 0008) whenever entities or their names
    change, so a search never reads a stale list (an empty table: every search is worked out)."""

    __tablename__ = "search_tops"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer)
    starts: Mapped[int] = mapped_column(Integer)  # 1: a name form begins with the key
    total: Mapped[int] = mapped_column(Integer)  # every person the key matches


class PersonRow(Base):
    """One person of one article (`local_id` is the article's "p1"), linked to its entity."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    handles: Mapped[list[str]] = mapped_column(JSON, default=list)
    gender: Mapped[str | None] = mapped_column(String(16), nullable=True)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    # The texts of the descriptor mentions that stood for this person ("the actress"), distinct.
    descriptors: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), nullable=True)
    link: Mapped[str | None] = mapped_column(Text, nullable=True)  # why resolution put it in its entity

    __table_args__ = (UniqueConstraint("article_id", "local_id"), Index(None, "entity_id"), Index(None, "name"),
                      Index(None, "entity_id", "article_id", "local_id"))  # ask: both people's articles


class RelationRow(Base):
    """A relation of one article between two of its persons."""

    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(32))
    object: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(64), default="")
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    derived_from: Mapped[list[str]] = mapped_column(JSON, default=list)

    __table_args__ = (Index(None, "article_id"),)


class QuoteRow(Base):
    """A quote of one article: its words, speaker (a local person id or NULL) and outlet."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    speaker: Mapped[str | None] = mapped_column(String(32), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    cue: Mapped[str | None] = mapped_column(Text, nullable=True)
    kind: Mapped[str] = mapped_column(String(16))  # marked, block or partial
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)

    __table_args__ = (Index(None, "article_id"),)


class StanceRow(Base):
    """A stance of one article: source speaks or acts well or badly of target."""

    __tablename__ = "stances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(32))
    polarity: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(64), default="")
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)

    __table_args__ = (Index(None, "article_id"),)


class EvidenceRow(Base):
    """One piece of pair evidence of one article: a reason bearing on whether a and b get on."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    a: Mapped[str] = mapped_column(String(32))
    b: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str] = mapped_column(String(64), default="")
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)

    __table_args__ = (Index(None, "article_id"), Index(None, "article_id", "a", "b"))  # ask: a pair's evidence


class RejectRow(Base):
    """An input that was refused (unreadable, too large, timed out...), where and why."""

    __tablename__ = "rejects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index(None, "source"),)


class OverrideRow(Base):
    """A hand correction of resolution (merge or split of a and b), re-applied after each one."""

    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))



class IngestJobRow(Base):
    """An ingest job the web app ran or runs: its state, counts and times, kept in the store so
    every server process, and one started later, can report it. `owner` names the process that
    runs it (host:pid:instance); `heartbeat` is when that process last said the job was alive."""

    __tablename__ = "ingest_jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # queued, running, resolving, done, failed, interrupted
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    reanalysed: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    rejects: Mapped[list[str]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    entities: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index(None, "state"),)

#: Record tables of an article, in the order they are deleted on re-analysis (children first).
ARTICLE_RECORD_TABLES = (EvidenceRow, StanceRow, QuoteRow, RelationRow, PersonRow)
