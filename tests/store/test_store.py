"""The store on SQLite and PostgreSQL: save, load, stored once, re-analysis, rejects, overrides."""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

import goodterms
from goodterms.config import Settings
from goodterms.engine import engine_id, rule_data_digest
from goodterms.errors import NotStored, StoreError
from goodterms.model import Analysis, Block, Document, Rejected
from goodterms.store import REANALYSED, SKIPPED, STORED, Store, database_url
from goodterms.store.migrate import head
from goodterms.store.schema import Article, EvidenceRow, PersonRow, QuoteRow, RelationRow, StanceRow

from databases import NO_POSTGRES, POSTGRES_ENV, db_url, drop_database, postgres_module_url, store  # noqa: F401  (fixtures)
from invented import article

RECORD_TABLES = {"people": PersonRow, "relations": RelationRow, "quotes": QuoteRow, "stances": StanceRow,
                 "evidence": EvidenceRow}


@pytest.fixture(scope="module")
def analyses(nlp: Any) -> list[Analysis]:
    """Three invented articles, analysed once for the module."""
    return [goodterms.analyze_text(article(i), source=f"invented-{i}.txt") for i in range(3)]


def rows_of(store: Store, table: type, article_id: str) -> int:
    with store.reading() as connection:
        return int(connection.execute(
            select(func.count()).select_from(table).where(table.article_id == article_id)).scalar_one())


def test_an_analysis_comes_back_as_it_went_in(store: Store, analyses: list[Analysis]) -> None:
    for analysis in analyses:
        assert store.save(analysis, engine="e1") == STORED
    for analysis in analyses:
        loaded = store.load(analysis.document.id)
        assert loaded == analysis
        assert loaded.to_contract() == analysis.to_contract()
        assert loaded.document.text == analysis.document.text


def test_every_record_is_a_row_pointing_into_its_text(store: Store, analyses: list[Analysis]) -> None:
    analysis = analyses[0]
    store.save(analysis, engine="e1")
    doc_id = analysis.document.id
    for field, table in RECORD_TABLES.items():
        assert rows_of(store, table, doc_id) == len(getattr(analysis, field)) > 0, field
    with store.reading() as connection:
        evidence = connection.execute(select(EvidenceRow.start, EvidenceRow.end, EvidenceRow.a, EvidenceRow.b)
                                      .where(EvidenceRow.article_id == doc_id)).all()
        names = dict(connection.execute(select(PersonRow.local_id, PersonRow.name)
                                        .where(PersonRow.article_id == doc_id)).tuples().all())
    assert sorted((e.start, e.end) for e in evidence) == sorted((e.span.start, e.span.end) for e in analysis.evidence)
    assert names == {p.id: p.name for p in analysis.people}
    assert all(e.a in names and e.b in names for e in evidence)


def test_an_article_is_stored_once_however_often_it_is_saved(store: Store, analyses: list[Analysis]) -> None:
    analysis = analyses[1]
    assert store.save(analysis, engine="e1") == STORED
    assert store.save(analysis, engine="e1") == SKIPPED
    assert store.save(analysis, engine="e2") == SKIPPED  # another engine, but no --reanalyze
    assert store.count() == 1
    assert rows_of(store, PersonRow, analysis.document.id) == len(analysis.people)


def test_reanalysis_replaces_the_records_of_another_engine_only(store: Store, analyses: list[Analysis]) -> None:
    analysis = analyses[2]
    store.save(analysis, engine="e1")
    assert store.save(analysis, engine="e1", reanalyze=True) == SKIPPED
    assert store.save(analysis, engine="e2", reanalyze=True) == REANALYSED
    assert store.engine_of(analysis.document.id) == "e2"
    assert store.count() == 1
    for field, table in RECORD_TABLES.items():
        assert rows_of(store, table, analysis.document.id) == len(getattr(analysis, field)), field


def test_reads_stream_articles_and_chosen_analyses(store: Store, analyses: list[Analysis]) -> None:
    for analysis in analyses:
        store.save(analysis, engine="e1")
    infos = list(store.articles())
    assert [i.id for i in infos] == sorted(a.document.id for a in analyses)
    assert {i.source for i in infos} == {"invented-0.txt", "invented-1.txt", "invented-2.txt"}
    assert all(i.analysed_at is not None and i.analysed_at.tzinfo is not None for i in infos)
    wanted = [analyses[2].document.id, "0000000000000000", analyses[0].document.id]
    assert [a.document.id for a in store.analyses(wanted)] == [wanted[0], wanted[2]]
    assert sorted(a.document.id for a in store.analyses(batch=1)) == sorted(i.id for i in infos)
    assert store.engines_of(wanted) == {wanted[0]: "e1", wanted[2]: "e1"}


def test_loading_an_article_not_stored_says_so(store: Store) -> None:
    with pytest.raises(NotStored, match="0123456789abcdef: no such article"):
        store.load("0123456789abcdef")
    assert store.engine_of("0123456789abcdef") is None


def test_rejects_are_kept_with_location_and_listed_once(store: Store) -> None:
    store.add_reject(Rejected("feed.jsonl", "bad_input", "feed.jsonl: line 3: not JSON", location="line 3"))
    store.add_reject(Rejected("huge.txt", "too_large", "huge.txt: larger than 5 bytes"))
    store.add_reject(Rejected("feed.jsonl", "bad_input", "feed.jsonl: line 3: not JSON", location="line 3"))
    listed = list(store.rejects())
    assert [(r.source, r.location, r.code) for r in listed] == [
        ("huge.txt", "", "too_large"), ("feed.jsonl", "line 3", "bad_input")]
    assert listed[1].to_dict()["at"].endswith("+00:00")


def test_overrides_are_kept_in_order(store: Store) -> None:
    first = store.add_override("merge", "Tessa Ollivard", "Tess")
    store.add_override("split", "Marlo Vantreece", "Marlo")
    assert [(o.action, o.a, o.b) for o in store.overrides()] == [
        ("merge", "Tessa Ollivard", "Tess"), ("split", "Marlo Vantreece", "Marlo")]
    assert store.remove_override(first.id) and not store.remove_override(first.id)
    with pytest.raises(ValueError):
        store.add_override("join", "a", "b")


def test_sqlite_store_runs_in_wal_mode(tmp_path: Path) -> None:
    with Store.open(tmp_path / "wal.db") as opened, opened.reading() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_locations_become_urls(tmp_path: Path) -> None:
    assert database_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql://u@h/news") == "postgresql+psycopg://u@h/news"
    assert database_url("postgresql+psycopg://u@h/news") == "postgresql+psycopg://u@h/news"


def test_a_store_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="its folder does not exist"):
        Store.open(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match="no store here yet"):
        Store.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()
    with pytest.raises(StoreError, match="not a database path or URL"):
        Store.open("nosuchdb://x/y")
    with pytest.raises(StoreError, match=r"\*\*\*.*connection"):  # the password hidden
        Store.open("postgresql://gt:secret@127.0.0.1:1/none")


def test_engine_id_changes_with_output_settings_only() -> None:
    base = engine_id(Settings())
    assert base.startswith(goodterms.__version__ + "+") and len(base.split("+")[1]) == 8
    assert engine_id(Settings(quote_units="utterances")) != base
    assert engine_id(Settings(max_bytes=10, article_seconds=5, batch_size=3)) == base
    assert len(rule_data_digest()) == 64


def test_tables_have_the_indexes_queries_need(store: Store) -> None:
    with store.reading() as connection:
        inspector = inspect(connection)
        indexed = {(table, tuple(ix["column_names"])) for table in inspector.get_table_names()
                   for ix in inspector.get_indexes(table)}
        unique = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("persons")}
    for need in [("persons", ("entity_id",)), ("evidence", ("article_id",)), ("entity_names", ("key",)),
                 ("articles", ("published",)), ("articles", ("engine",))]:
        assert need in indexed, need
    assert ("article_id", "local_id") in unique
    assert Article.__tablename__ == "articles"


def test_text_no_database_can_hold_is_a_store_error_and_the_store_goes_on(store: Store,
                                                                           analyses: list[Analysis]) -> None:
    doc = analyses[0].document
    broken = Analysis(document=Document(id="badbadbadbadbad0", text="Lone \ud800 surrogate", source="odd.txt",
                                        blocks=(Block("headline", 0, 18),)))
    with pytest.raises(StoreError, match="cannot hold"):
        store.save(broken, engine="e1")
    assert store.count() == 0
    assert store.save(analyses[0], engine="e1") == STORED and store.load(doc.id) == analyses[0]


def test_a_missing_postgresql_database_is_created_unless_only_reading() -> None:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(NO_POSTGRES)
    name = f"gt_test_{uuid.uuid4().hex[:8]}"
    target = make_url(url).set(database=name).render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(target, create=False)
    try:
        with Store.open(target) as created:
            assert created.revision() == head() and created.count() == 0
    finally:
        drop_database(url, name)
