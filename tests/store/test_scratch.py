"""Scratch PostgreSQL databases (`goodterms.store.scratch`): made empty, dropped afterwards, also
after a failure; the tests' and the benchmarks' temporary databases both come from here."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from goodterms.store import Store
from goodterms.store.scratch import scratch_database, scratch_name

from temp_databases import NO_POSTGRES, POSTGRES_ENV


def exists(server: str, name: str) -> bool:
    engine = create_engine(server)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                      {"name": name}).first() is not None
    finally:
        engine.dispose()


def test_a_scratch_name_is_its_prefix_and_eight_hex_digits() -> None:
    first, second = scratch_name("gt_bench"), scratch_name("gt_bench")
    assert first != second and first.startswith("gt_bench_") and len(first) == len("gt_bench_") + 8
    for bad in ("Gt", "gt-bench", 'x"; DROP DATABASE postgres; --', ""):
        with pytest.raises(ValueError):
            scratch_name(bad)


def test_a_scratch_database_is_empty_and_gone_afterwards_even_after_a_failure() -> None:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(NO_POSTGRES)
    with scratch_database(server, "gt_test") as url:
        name = url.rsplit("/", 1)[1]
        assert exists(server, name)
        with Store.open(url) as store:
            assert store.count() == 0
    assert not exists(server, name)
    with pytest.raises(RuntimeError), scratch_database(server, "gt_test") as url:
        name = url.rsplit("/", 1)[1]
        raise RuntimeError("the run failed")
    assert not exists(server, name)
