"""Temporary databases for tests on both backends, shared by the store, query, API and page tests.

PostgreSQL tests take their server from GOODTERMS_TEST_POSTGRES (a SQLAlchemy URL whose role
may CREATE DATABASE) and skip, saying so, without it. Each database is named gt_test_<8 hex> and
dropped when done, so runs sharing one server never see each other's rows.
"""
from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

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
