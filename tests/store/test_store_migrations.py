"""Migrations: they make every new store, they agree with the models, they upgrade old stores."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, insert, inspect

import goodterms
from goodterms.corpus.resolve import facts_of
from goodterms.model import Analysis, Rejected
from goodterms.store.rows import record_rows
from goodterms.store.entities import person_facts
from goodterms.store import Store
from goodterms.store.migrate import MIGRATIONS, head
from goodterms.store.schema import Base

from conftest import ARTICLES
from databases import BACKENDS, planner_rows, postgres_database, rows_in


@pytest.fixture(params=BACKENDS)
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A location with no store in it yet, on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "new.db")
    else:
        with postgres_database() as url:
            yield url


def test_a_new_store_is_made_by_the_migrations_and_matches_the_models(new_url: str) -> None:
    with Store.open(new_url) as store:
        assert store.revision() == head()
        with store.reading() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def save_as_the_first_schema(store: Store, analysis: Analysis, *, engine: str) -> None:
    """Write an analysis into the tables as they are (reflected), keeping only the columns they have."""
    doc = analysis.document
    with store.writing() as connection:
        tables = MetaData()
        tables.reflect(connection)
        article = {"id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title,
                   "published": doc.published, "text": doc.text, "meta": {}, "engine": engine,
                   "analysed_at": datetime.now(timezone.utc), "analysis": analysis.to_contract()}
        connection.execute(insert(tables.tables["articles"]), [article])
        for model, rows in record_rows(doc.id, analysis):
            if not rows:
                continue
            table = tables.tables[model.__tablename__]
            kept = [{k: v for k, v in row.items() if k in table.c} for row in rows]
            assert len(kept[0]) < len(rows[0]) or model.__tablename__ != "persons"  # no descriptors yet
            connection.execute(insert(table), kept)


def test_a_store_of_the_first_schema_upgrades_with_its_data_intact(new_url: str, nlp: Any) -> None:
    analysis = goodterms.analyze_one(goodterms.read_path(ARTICLES / "colon_block_quote.txt"))
    assert any(m.kind == "descriptor" for p in analysis.people for m in p.mentions)
    with Store.open(new_url, upgrade=False) as store:
        store.upgrade("0001")
        assert store.revision() == "0001"
        with store.reading() as connection:
            assert not inspect(connection).get_indexes("evidence")  # 0002 adds it
        save_as_the_first_schema(store, analysis, engine="old-engine")
        store.add_reject(Rejected("old.jsonl", "bad_input", "old.jsonl: line 2: not JSON", location="line 2"))
    with Store.open(new_url) as store:  # opening upgrades to the newest schema
        assert store.revision() == head() != "0001"
        assert store.load(analysis.document.id) == analysis
        assert store.engine_of(analysis.document.id) == "old-engine"
        assert [(r.source, r.location) for r in store.rejects()] == [("old.jsonl", "line 2")]
        with store.reading() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert list(person_facts(store)) == facts_of(analysis)  # 0003 filled descriptors from the analysis
        assert planner_rows(store, "persons") == rows_in(store, "persons") > 0  # 0009 ran ANALYZE


def test_migrations_ship_with_the_package() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    versions = sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    assert versions[:3] == ["0001_tables.py", "0002_query_indexes.py", "0003_resolution_facts.py"]
    assert (MIGRATIONS / "env.py").is_file() and (MIGRATIONS / "script.py.mako").is_file()
    for pattern in ("store/migrations/*.py", "store/migrations/*.mako", "store/migrations/versions/*.py"):
        assert pattern in pyproject, pattern
