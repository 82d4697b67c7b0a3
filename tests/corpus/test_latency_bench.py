"""bench/store_latency.py on a tiny store: its synthetic articles are well formed and it runs
end to end (no timing is checked here: benchmarks check speed, tests check that they work)."""
from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from goodterms.model import Analysis
from goodterms.store import Store
from goodterms.store.schema import Entity, PersonRow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "store_latency.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("store_latency", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_latency"] = module
    spec.loader.exec_module(module)
    return module


def test_synthetic_articles_point_into_their_text(bench: ModuleType) -> None:
    corpus = bench.Corpus(people=500, seed=3)
    for _ in range(50):
        analysis, cast = corpus.analysis()
        assert Analysis.from_contract(analysis.to_contract(), analysis.document.text) == analysis
        text = analysis.document.text
        assert 5 <= len(analysis.people) <= 10 and len(set(cast)) == len(cast)
        for person in analysis.people:
            assert all(text[m.start:m.end] == person.name for m in person.mentions)
        for evidence in analysis.evidence:
            assert text[evidence.span.start:evidence.span.end].strip()
        for quote in analysis.quotes:
            assert quote.text.rstrip(",") in text[quote.start:quote.end]


def test_people_recur_with_a_long_tail(bench: ModuleType) -> None:
    corpus = bench.Corpus(people=2000, seed=3)
    for _ in range(2000):
        corpus.analysis()
    counts = sorted(corpus.articles_of.values(), reverse=True)
    assert counts[0] > 20 * counts[len(counts) // 2]  # a few people in many articles, most in few


def test_the_bench_runs_end_to_end(bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path, figures = tmp_path / "bench.db", tmp_path / "latency.json"
    assert bench.main(["--db", str(store_path), "--sizes", "100,300", "--queries", "30", "--json", str(figures)]) == 0
    rows = json.loads(figures.read_text())
    assert [r["articles"] for r in rows] == [100, 300]
    assert all(0 < r["p50_ms"] <= r["p95_ms"] <= r["p99_ms"] <= r["max_ms"] for r in rows)
    out = capsys.readouterr().out
    assert "p95 grows" in out
    with Store.open(str(store_path), create=False) as store:
        assert store.count() == 300
        assert store.count(Entity) == 1000  # the invented population: max(1000, articles / 2)
        with store.reading() as connection:
            linked = connection.execute(PersonRow.__table__.select().where(PersonRow.entity_id.is_(None))).first()
        assert linked is None  # every person in its entity


def test_query_pairs_mix_together_known_and_nobody(bench: ModuleType) -> None:
    corpus = bench.Corpus(people=300, seed=3)
    for _ in range(100):
        corpus.analysis()
    kinds = [kind for kind, _, _ in bench.query_pairs(corpus, 100, random.Random(1))]
    assert (kinds.count("together"), kinds.count("known"), kinds.count("nobody")) == (60, 30, 10)
