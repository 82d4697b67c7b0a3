"""Scratch PostgreSQL databases: made for one run (a test module, a benchmark) and dropped after it.

Tests and benchmarks share one PostgreSQL server with other runs, so each makes its own database
under a name nobody else can have (`<prefix>_<8 hex>`), and drops it when done, also after a
failure. Dropping waits out an autovacuum worker still in the database: plain DROP DATABASE asks
autovacuum to leave and waits 5 s for other sessions, but DROP ... WITH (FORCE) cannot end an
autovacuum worker's session for a role that is not superuser, so it is tried only last.
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

#: A prefix a scratch database's name may start with: lower-case letters, digits and underscores.
PREFIX = re.compile(r"[a-z][a-z0-9_]{0,40}")


def scratch_name(prefix: str) -> str:
    """A fresh database name: the prefix, an underscore and 8 random hex digits."""
    if not PREFIX.fullmatch(prefix):
        raise ValueError(f"a scratch database prefix is lower-case letters, digits and _, not {prefix!r}")
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@contextmanager
def scratch_database(server: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of `server` (a URL); its URL, dropped afterwards.

    The role of `server` must be allowed to CREATE DATABASE.
    """
    name = scratch_name(prefix)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            # an identifier cannot be a bound parameter; the name is ours (prefix checked, hex digits)
            connection.execute(text(f"CREATE DATABASE {admin.dialect.identifier_preparer.quote(name)}"))
    finally:
        admin.dispose()
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        drop_database(server, name)


def drop_database(server: str, name: str, *, attempts: int = 5, pause: float = 1.0) -> None:
    """Drop a database of the server if it exists, retrying while another session is still in it.

    The last attempt adds WITH (FORCE), which ends the other sessions where the role may.
    """
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    quoted = admin.dialect.identifier_preparer.quote(name)
    try:
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                with admin.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {quoted}" + (" WITH (FORCE)" if last else "")))
                return
            except DBAPIError:
                if last:
                    raise
                time.sleep(pause)
    finally:
        admin.dispose()
