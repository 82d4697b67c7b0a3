"""Databases for the store tests: a fresh SQLite file, or a fresh PostgreSQL database.

PostgreSQL tests take their server from GOODTERMS_TEST_POSTGRES (a SQLAlchemy URL whose role
may CREATE DATABASE) and skip, saying so, without it. Each test module that uses PostgreSQL
gets its own database, named gt_test_<8 hex>, dropped when the module is done, so helpers and
CI runs sharing one server never see each other's rows.
"""
from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from goodterms.store import Store
from goodterms.store.schema import Base

POSTGRES_ENV = "GOODTERMS_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")
NO_POSTGRES = (f"PostgreSQL tests need {POSTGRES_ENV}=postgresql+psycopg://USER:PASSWORD@HOST/DB "
               "(a role with CREATEDB); it is not set")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (its URL), dropped afterwards; skips without a server."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(NO_POSTGRES)
    name = f"gt_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    quoted = admin.dialect.identifier_preparer.quote(name)  # a name we made: 8 hex digits
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {quoted}"))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        drop_database(base, name)
        admin.dispose()


def drop_database(base: str, name: str, *, attempts: int = 5) -> None:
    """Drop a test database, waiting out an autovacuum worker still in it.

    Plain DROP DATABASE asks autovacuum to leave and waits 5 s for other sessions; WITH (FORCE)
    cannot end an autovacuum worker's session for a role that is not superuser, so it comes last.
    """
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    quoted = admin.dialect.identifier_preparer.quote(name)
    try:
        for attempt in range(attempts):
            try:
                with admin.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {quoted}"))
                return
            except DBAPIError:
                if attempt == attempts - 1:
                    raise
                time.sleep(1)
    finally:
        admin.dispose()


def empty(store: Store) -> None:
    """Delete every row of every goodterms table (children first), keeping the schema."""
    with store.writing() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(scope="module")
def postgres_module_url() -> Iterator[str]:
    """One fresh PostgreSQL database for the whole test module."""
    with postgres_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's location on each backend: a new SQLite file, or the module's emptied database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("postgres_module_url")
    with Store.open(url) as store:
        empty(store)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, empty store on each backend."""
    with Store.open(db_url) as opened:
        yield opened
