"""Temporary databases for tests on both backends, shared by the store, query, API and page tests.

PostgreSQL tests take their server from GOODTERMS_TEST_POSTGRES (a SQLAlchemy URL whose role
may CREATE DATABASE) and skip, saying so, without it. Each database is named gt_test_<8 hex> and
dropped when done (`goodterms.store.scratch`, which the benchmarks use too), so runs sharing one
server never see each other's rows.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from goodterms.store.scratch import drop_database, scratch_database

POSTGRES_ENV = "GOODTERMS_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")
NO_POSTGRES = (f"PostgreSQL tests need {POSTGRES_ENV}=postgresql+psycopg://USER:PASSWORD@HOST/DB "
               "(a role with CREATEDB); it is not set")

__all__ = ["BACKENDS", "NO_POSTGRES", "POSTGRES_ENV", "drop_database", "postgres_database"]


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (its URL), dropped afterwards; skips without a server."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(NO_POSTGRES)
    with scratch_database(base, "gt_test") as url:
        yield url
