"""Databases for the store tests: a fresh SQLite file, or a fresh PostgreSQL database.

PostgreSQL tests take their server from GOODTERMS_TEST_POSTGRES (a SQLAlchemy URL whose role
may CREATE DATABASE) and skip, saying so, without it. Each test module that uses PostgreSQL
gets its own database, named gt_test_<8 hex>, dropped when the module is done, so helpers and
CI runs sharing one server never see each other's rows.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, text

from goodterms.store import Store
from goodterms.store.schema import Base

from temp_databases import BACKENDS, NO_POSTGRES, POSTGRES_ENV, drop_database, postgres_database  # noqa: F401  (re-exported)


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


def planner_rows(store: Store, table: str) -> int | None:
    """The table's row count as the database's query planner has it (None: no statistics)."""
    with store.reading() as connection:
        if connection.dialect.name == "sqlite":
            stat = connection.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t"), {"t": table}).first()
            return int(stat[0].split()[0]) if stat else None
        tuples = float(connection.execute(text("SELECT reltuples FROM pg_class WHERE relname = :t"),
                                          {"t": table}).scalar_one())
        return None if tuples < 0 else int(tuples)  # -1 until analysed (or vacuumed)


def rows_in(store: Store, table: str) -> int:
    with store.reading() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())  # a fixed name
