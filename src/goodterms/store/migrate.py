"""Alembic run from inside the package: bring a database to the newest schema when it is opened.

A new database is made by the migrations too (never by `create_all`), so a fresh store and an
upgraded one are the same schema by construction.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: A PostgreSQL advisory lock key: one process migrates at a time (workers may open at once).
_PG_LOCK = 0x676F6F64  # "good"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config over the packaged migrations, running on `connection` when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head() -> str:
    """The newest revision the package knows (read once per process)."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The revision a database is at (None: no goodterms schema yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate the database to `revision` (default: the newest), in the connection's transaction.

    On PostgreSQL an advisory lock makes concurrent openers wait for the first one; on SQLite
    the caller's BEGIN IMMEDIATE does the same.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
    command.upgrade(alembic_config(connection), revision)
