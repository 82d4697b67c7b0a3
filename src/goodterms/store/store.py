"""The store: analysed articles and their records in SQLite (a file) or PostgreSQL (a URL).

`Store.open` brings the database to the newest schema (Alembic), `save` writes one analysis as
one transaction (a kill leaves an article whole or absent), `load` reads it back. SQLite runs in
WAL mode with a busy timeout, so readers work while an ingest writes.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from ..errors import NotStored, StoreError
from ..model import Analysis, Rejected
from . import migrate
from .records import ArticleInfo, Override, StoredReject
from .rows import record_rows
from .schema import ARTICLE_RECORD_TABLES, Article, OverrideRow, RejectRow

#: Where the store is when no --db and no GOODTERMS_DB is given.
DEFAULT_PATH = "goodterms.db"
ENV_VAR = "GOODTERMS_DB"

#: How long (ms) a SQLite writer waits for another writer's lock before giving up.
BUSY_TIMEOUT_MS = 60_000

#: What `save` did with an article.
STORED, SKIPPED, REANALYSED = "stored", "skipped", "reanalysed"


def default_location() -> str:
    """The store named by GOODTERMS_DB, else ./goodterms.db."""
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


def database_url(location: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a path or URL: 'postgresql://' gets the psycopg 3 driver."""
    text = os.fspath(location)
    if "://" not in text:
        return "sqlite:///" + str(Path(text).expanduser().absolute())
    scheme, rest = text.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return text


def shown(url: str) -> str:
    """A URL fit for a message: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys; transactions begun by us (BEGIN IMMEDIATE to write)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite must not open transactions of its own
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # in WAL: durable across a crash of the process
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A writer takes the lock first: a read turning into a write could fail with "database is
        # locked" at once instead of waiting (SQLite cannot upgrade a WAL snapshot under a writer).
        write = connection.get_execution_options().get("goodterms_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _reason(exc: DBAPIError) -> str:
    """The first line of the driver's message."""
    return str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__


def _missing_database(exc: DBAPIError, database: str) -> bool:
    """PostgreSQL said the database does not exist (SQLSTATE 3D000; at connection time only the message says)."""
    return (getattr(exc.orig, "sqlstate", None) == "3D000"
            or f'database "{database}" does not exist' in str(exc.orig))


def _create_database(url: str) -> None:
    """Create the PostgreSQL database a URL names, connected to the server's 'postgres' database."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            name = connection.dialect.identifier_preparer.quote(target.database or "")
            connection.execute(text(f"CREATE DATABASE {name}"))  # an identifier cannot be a bound parameter
    except DBAPIError as exc:
        raise StoreError(f"the database does not exist and cannot be created: {_reason(exc)}",
                         source=shown(url)) from None
    finally:
        admin.dispose()


def _utc(moment: datetime | None) -> datetime | None:
    """A stored time as UTC (SQLite gives times back without their zone)."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


class Store:
    """An open store. Use `Store.open(location)`; close it (or use `with`) when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, location: str | os.PathLike[str] | None = None, *, create: bool = True,
             upgrade: bool = True) -> "Store":
        """Open the store at a path or URL and migrate it to the newest schema.

        `location`: a file path or `sqlite:///...` (SQLite), `postgresql://...` or
        `postgresql+psycopg://...` (PostgreSQL); None means GOODTERMS_DB or ./goodterms.db.
        A missing SQLite file is created, and so is a missing PostgreSQL database when the role
        may create one; `create=False` refuses both (for commands that only read). Raises
        StoreError with one line saying what is wrong.
        """
        url = database_url(location if location is not None else default_location())
        try:
            engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        except (ArgumentError, ImportError, ValueError) as exc:
            raise StoreError(f"not a database path or URL: {exc}", source=shown(url)) from None
        if engine.dialect.name == "sqlite":
            database = engine.url.database or ""
            if database and database != ":memory:" and not Path(database).parent.is_dir():
                raise StoreError("its folder does not exist", source=database)
            if database and database != ":memory:" and not create and not Path(database).exists():
                raise StoreError("no store here yet (goodterms ingest makes one)", source=database)
            _sqlite_setup(engine)
        store = cls(engine)
        if upgrade:
            try:
                store.upgrade()
            except StoreError:
                if not (create and engine.dialect.name == "postgresql" and store._database_missing()):
                    raise
                _create_database(url)
                store.upgrade()
        return store

    def _database_missing(self) -> bool:
        """Whether connecting fails because the PostgreSQL database does not exist."""
        try:
            with self.engine.connect():
                return False
        except DBAPIError as exc:
            return _missing_database(exc, self.engine.url.database or "")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return shown(self.engine.url.render_as_string(hide_password=False))

    @property
    def location(self) -> str:
        """Where the store is, for messages: a SQLite file's path, else the URL (password hidden)."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            return self.engine.url.database
        return self.url

    # -- transactions ------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in a read transaction (a consistent snapshot on SQLite)."""
        with self._errors(), self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction: all of it is committed, or none of it."""
        with self._errors(), self.engine.connect() as connection:
            connection.execution_options(goodterms_write=True)
            with connection.begin():
                yield connection

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Database failures as StoreError, one line naming the store."""
        try:
            yield
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise StoreError(_reason(exc), source=self.url) from None
        except UnicodeError as exc:  # a lone surrogate: text no database encoding can hold
            raise StoreError(f"text the database cannot hold: {exc}", source=self.url) from None

    def upgrade(self, revision: str = "head") -> None:
        """Migrate the database to `revision` (the newest by default).

        A store already at the newest schema is only read (no write lock, so opening it never
        waits for an ingest's transaction); otherwise the check is repeated under the lock.
        """
        if revision == "head":
            with self.reading() as connection:
                if migrate.current(connection) == migrate.head():
                    return
        with self.writing() as connection:
            if revision != "head" or migrate.current(connection) != migrate.head():
                migrate.upgrade(connection, revision)

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self.reading() as connection:
            return migrate.current(connection)

    # -- articles ----------------------------------------------------------------------------

    def save(self, analysis: Analysis, *, engine: str, reanalyze: bool = False) -> str:
        """Store one analysis and all its records in one transaction; return what was done.

        An article already stored (same document id) is left as it is ("skipped"), unless
        `reanalyze` and it was made by another engine: then its records are replaced
        ("reanalysed"). A new one is "stored".
        """
        doc = analysis.document
        row = {
            "source": doc.source, "url": doc.url, "title": doc.title, "published": doc.published,
            "text": doc.text, "meta": dict(doc.metadata), "engine": engine,
            "analysed_at": datetime.now(timezone.utc), "analysis": analysis.to_contract(),
        }
        try:
            with self.writing() as connection:
                stored_engine = connection.execute(
                    select(Article.engine).where(Article.id == doc.id)).scalar_one_or_none()
                if stored_engine is not None and (not reanalyze or stored_engine == engine):
                    return SKIPPED
                if stored_engine is None:
                    connection.execute(insert(Article).values(id=doc.id, **row))
                    outcome = STORED
                else:
                    for table in ARTICLE_RECORD_TABLES:
                        connection.execute(delete(table).where(table.article_id == doc.id))
                    connection.execute(update(Article).where(Article.id == doc.id).values(**row))
                    outcome = REANALYSED
                for record_table, rows in record_rows(doc.id, analysis):
                    if rows:
                        connection.execute(insert(record_table), rows)
                return outcome
        except IntegrityError:
            if self.engine_of(doc.id) is not None:  # another writer stored it first
                return SKIPPED
            raise

    def engine_of(self, document_id: str) -> str | None:
        """The engine that analysed a stored article, or None when it is not stored."""
        with self.reading() as connection:
            return connection.execute(
                select(Article.engine).where(Article.id == document_id)).scalar_one_or_none()

    def engines_of(self, document_ids: Iterable[str]) -> dict[str, str]:
        """The engine of each stored article among these ids (absent ones are left out)."""
        wanted = list(dict.fromkeys(document_ids))
        found: dict[str, str] = {}
        with self.reading() as connection:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(connection.execute(
                    select(Article.id, Article.engine).where(Article.id.in_(chunk))).tuples().all())
        return found

    def load(self, document_id: str) -> Analysis:
        """The stored analysis of one article, with its text; NotStored when there is none."""
        with self.reading() as connection:
            row = connection.execute(
                select(Article.analysis, Article.text).where(Article.id == document_id)).one_or_none()
        if row is None:
            raise NotStored("no such article in the store", source=document_id)
        return Analysis.from_contract(row.analysis, row.text)

    def analyses(self, document_ids: Iterable[str] | None = None, *, batch: int = 200) -> Iterator[Analysis]:
        """Stored analyses, streamed (all, in id order, or those of the given ids that are stored)."""
        if document_ids is None:
            with self.reading() as connection:
                result = connection.execution_options(yield_per=batch).execute(
                    select(Article.analysis, Article.text).order_by(Article.id))
                for row in result:
                    yield Analysis.from_contract(row.analysis, row.text)
            return
        wanted = list(dict.fromkeys(document_ids))
        for i in range(0, len(wanted), batch):
            with self.reading() as connection:
                rows = connection.execute(select(Article.id, Article.analysis, Article.text)
                                          .where(Article.id.in_(wanted[i:i + batch]))).all()
            by_id = {row.id: row for row in rows}
            for document_id in wanted[i:i + batch]:
                if document_id in by_id:
                    yield Analysis.from_contract(by_id[document_id].analysis, by_id[document_id].text)

    def articles(self, *, batch: int = 1000) -> Iterator[ArticleInfo]:
        """Every stored article's row (no text, no analysis), streamed in id order."""
        columns = (Article.id, Article.source, Article.url, Article.title, Article.published,
                   Article.engine, Article.analysed_at)
        with self.reading() as connection:
            result = connection.execution_options(yield_per=batch).execute(select(*columns).order_by(Article.id))
            for row in result:
                yield ArticleInfo(row.id, row.source, row.url, row.title, row.published, row.engine,
                                  _utc(row.analysed_at))

    def count(self, table: type = Article) -> int:
        """How many rows a table holds (articles by default)."""
        with self.reading() as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())

    # -- rejects and overrides -----------------------------------------------------------------

    def add_reject(self, rejected: Rejected) -> None:
        """Record an input that was refused, with where and why (replacing an older record of it)."""
        with self.writing() as connection:
            connection.execute(delete(RejectRow).where(
                RejectRow.source == rejected.source, RejectRow.location == rejected.location,
                RejectRow.code == rejected.code))
            connection.execute(insert(RejectRow).values(
                source=rejected.source, location=rejected.location, code=rejected.code,
                message=rejected.message, at=datetime.now(timezone.utc)))

    def rejects(self) -> Iterator[StoredReject]:
        """Every recorded reject, oldest first."""
        columns = (RejectRow.id, RejectRow.source, RejectRow.location, RejectRow.code, RejectRow.message,
                   RejectRow.at)
        with self.reading() as connection:
            result = connection.execution_options(yield_per=1000).execute(select(*columns).order_by(RejectRow.id))
            for row in result:
                yield StoredReject(row.id, row.source, row.location, row.code, row.message, _utc(row.at))

    def add_override(self, action: str, a: str, b: str) -> Override:
        """Record a hand correction (merge or split of a and b) and return it."""
        if action not in ("merge", "split"):
            raise ValueError(f"an override is 'merge' or 'split', not {action!r}")
        at = datetime.now(timezone.utc)
        with self.writing() as connection:
            new_id = connection.execute(
                insert(OverrideRow).values(action=action, a=a, b=b, at=at).returning(OverrideRow.id)).scalar_one()
        return Override(new_id, action, a, b, at)

    def overrides(self) -> list[Override]:
        """Every hand correction, in the order given."""
        with self.reading() as connection:
            rows = connection.execute(select(OverrideRow.id, OverrideRow.action, OverrideRow.a, OverrideRow.b,
                                             OverrideRow.at).order_by(OverrideRow.id)).all()
        return [Override(row.id, row.action, row.a, row.b, _utc(row.at)) for row in rows]

    def remove_override(self, override_id: int) -> bool:
        """Forget one hand correction; False when there was none with that id."""
        with self.writing() as connection:
            return bool(connection.execute(delete(OverrideRow).where(OverrideRow.id == override_id)).rowcount)


__all__ = ["DEFAULT_PATH", "ENV_VAR", "REANALYSED", "SKIPPED", "STORED", "Store", "database_url", "default_location"]
