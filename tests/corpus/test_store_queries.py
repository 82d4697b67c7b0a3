"""ask, person, people and export from a store, on SQLite and PostgreSQL, through the library.

The store holds the invented corpus of tests/fixtures/corpus (Orla Venn and Tamsin Reyes: a feud
in 2017, a reconciliation and an insider's contrary report in May 2019, a wedding in 2020, and an
undated profile), analysed by the engine and saved as an ingest saves it.
"""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from goodterms.corpus import ask
from goodterms.corpus.export import graph, write_graph
from goodterms.corpus.people import BY_NAME, people, person
from goodterms.corpus.stored_ask import ask_store
from goodterms.model import Analysis
from goodterms.store import Store
from query_databases import STORE_IDS, STORES, corpus_paths, database, fill

ORLA, TAMSIN, DARIO = "Orla Venn", "Tamsin Reyes", "Dario Okoye"


@pytest.fixture(scope="module", params=STORES, ids=STORE_IDS)
def location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             analyze_path: Callable[[Path], Analysis]) -> Iterator[str]:
    """A store holding the invented corpus, on each backend, its people resolved or not yet."""
    backend, resolved = request.param
    with database(backend, tmp_path_factory.mktemp(f"store-{backend}")) as url:
        fill(url, analyze_path, resolved=resolved)
        yield url


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with Store.open(location, create=False) as opened:
        yield opened


def texts(store: Store) -> dict[str, str]:
    return {a.id: store.load(a.id).document.text for a in store.articles()}


# -- ask -------------------------------------------------------------------------------------

def test_ask_from_the_store_is_good_now_after_a_feud(store: Store) -> None:
    answer = ask_store(store, ORLA, TAMSIN)
    assert (answer.verdict, answer.as_of) == ("good", "2020-02-08")
    assert answer.found_in == 6 and answer.undated == 1
    assert [p.verdict for p in answer.timeline][0] == "bad"
    assert answer.timeline[0].start == "2017-03-14" and answer.timeline[-1].start == "undated"
    assert "reconciled" in answer.timeline[-2].reasons


def test_ask_from_the_store_shows_the_may_2019_reports_side_by_side(store: Store) -> None:
    answer = ask_store(store, ORLA, TAMSIN)
    assert [c.period for c in answer.conflicts] == ["2019-05"]
    conflict = answer.conflicts[0]
    assert {r.published for r in conflict.good} == {"2019-05-20"}
    assert {r.published for r in conflict.bad} == {"2019-05-28"}
    full = texts(store)
    for report in (*conflict.good, *conflict.bad):
        words = full[report.article_id][report.start:report.end]
        assert words and " ".join(words.split()) in report.sentence


def test_every_report_points_into_its_article(store: Store) -> None:
    answer = ask_store(store, ORLA, TAMSIN, limit=None)
    full = texts(store)
    assert len(answer.items) == answer.reports > 20
    for item in answer.items:
        words = full[item.article_id][item.start:item.end]
        assert words.strip() and " ".join(words.split()) in item.sentence, item
    assert any(item.outlet == "The Daily Lantern" for item in answer.items)  # "... Venn told The Daily Lantern."


def test_ask_shows_the_newest_reports_first_and_counts_them_all(store: Store) -> None:
    answer = ask_store(store, ORLA, TAMSIN, limit=3)
    assert len(answer.items) == 3 and answer.reports > 3
    assert [i.published for i in answer.items][0] == "2020-02-08"


def test_the_store_and_the_files_give_the_same_answer(store: Store, analyze_path: Callable[[Path], Analysis]) -> None:
    from_files = ask(ORLA, TAMSIN, [analyze_path(p) for p in corpus_paths()])
    from_store = ask_store(store, ORLA, TAMSIN, limit=None)
    assert (from_store.verdict, from_store.confidence, from_store.timeline, from_store.reports) == (
        from_files.verdict, from_files.confidence, from_files.timeline, len(from_files.items))
    assert sorted((i.article_id, i.start, i.kind, i.score, i.sentence, i.outlet) for i in from_store.items) == sorted(
        (i.article_id, i.start, i.kind, i.score, i.sentence, i.outlet) for i in from_files.items)


def test_ask_either_way_round(store: Store) -> None:
    one, other = ask_store(store, ORLA, TAMSIN), ask_store(store, TAMSIN, ORLA)
    assert (one.verdict, one.timeline) == (other.verdict, other.timeline)
    assert {(i.a, i.note) for i in one.items if i.kind == "stance"} == {
        ("B" if i.a == "A" else "A", i.note) for i in other.items if i.kind == "stance"}


def test_ask_by_a_short_or_differently_written_name(store: Store) -> None:
    assert ask_store(store, "orla venn", "TAMSIN REYES").verdict == "good"
    assert ask_store(store, "Orla Venn's", TAMSIN).found_in == 6


def test_ask_about_someone_the_store_does_not_know(store: Store) -> None:
    answer = ask_store(store, ORLA, "Nobody Anywhere")
    assert (answer.verdict, answer.found_in, answer.found_b, answer.items, answer.timeline) == (
        "unknown", 0, 0, (), ())
    assert answer.found_a == 6


def test_a_name_that_looks_like_sql_is_just_a_name(store: Store) -> None:
    answer = ask_store(store, "'; DROP TABLE persons; --", ORLA)
    assert answer.verdict == "unknown" and answer.found_a == 0
    assert person(store, "Robert'); DELETE FROM articles; --") is None
    assert {"persons", "articles", "evidence"} <= set(inspect(store.engine).get_table_names())
    assert store.count() == 6


# -- person and people -------------------------------------------------------------------------

def test_person_gathers_names_relations_stances_quotes_and_articles(store: Store) -> None:
    profile = person(store, ORLA)
    assert profile is not None
    assert (profile.name, profile.articles) == (ORLA, 6)
    ties = {(r.type, r.other, r.status) for r in profile.relations}
    assert ("spouse", DARIO, "current") in ties and ("friend", TAMSIN, "current") in ties
    assert any(s.direction == "to" and s.other == TAMSIN and s.negative for s in profile.stances)
    assert any(s.direction == "from" and s.other == TAMSIN and s.positive for s in profile.stances)
    assert any(q.outlet == "The Daily Lantern" and "missed my friend" in q.text for q in profile.quotes_by)
    assert all(q.speaker == ORLA for q in profile.quotes_by)
    assert any(q.speaker == TAMSIN and "Orla" in q.text for q in profile.quotes_about)
    dates = [a.published for a in profile.newest]
    assert dates[:5] == ["2020-02-08", "2019-05-28", "2019-05-20", "2017-09-02", "2017-03-14"]
    assert dates[5] is None  # the undated article comes last
    full = texts(store)
    for quote in (*profile.quotes_by, *profile.quotes_about):
        assert quote.text.strip(" ,") in full[quote.article_id][quote.start:quote.end]


def test_person_why_says_how_the_names_were_matched(store: Store) -> None:
    assert person(store, TAMSIN).why == ()  # type: ignore[union-attr]
    profile = person(store, TAMSIN, why=True)
    assert profile is not None and profile.why
    assert sum(w.articles for w in profile.why) >= 6 and all(w.link for w in profile.why)


def test_person_unknown_is_none(store: Store) -> None:
    assert person(store, "Nobody Anywhere") is None


def test_people_lists_who_the_corpus_is_about(store: Store) -> None:
    top = people(store, top=3)
    assert [(p.name, p.articles) for p in top[:2]] == [(ORLA, 6), (TAMSIN, 6)] or \
        [(p.name, p.articles) for p in top[:2]] == [(TAMSIN, 6), (ORLA, 6)]
    assert len(top) == 3 and top[2].articles < 6
    assert len(people(store, top=1)) == 1


# -- export ------------------------------------------------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_export_graph_has_people_relations_and_verdicts(store: Store) -> None:
    result = graph(store)
    names = {n.id: n.name for n in result.nodes}
    assert {ORLA, TAMSIN, DARIO} <= set(names.values())
    edges = {(names[e.source], names[e.target], e.kind, e.type): e for e in result.edges}
    spouse = edges.get((ORLA, DARIO, "relation", "spouse")) or edges[(DARIO, ORLA, "relation", "spouse")]
    assert spouse.status == "current"
    verdict = edges.get((ORLA, TAMSIN, "verdict", "verdict")) or edges[(TAMSIN, ORLA, "verdict", "verdict")]
    assert (verdict.verdict, verdict.articles, verdict.first, verdict.last) == ("good", 6, "2017-03-14", "2020-02-08")
    assert verdict.verdict == ask_store(store, ORLA, TAMSIN).verdict


def test_export_graphml_loads_as_xml_and_in_networkx(store: Store, tmp_path: Path) -> None:
    result = graph(store)
    [path] = write_graph(result, tmp_path / "out", "graphml")
    root = ET.parse(path).getroot()
    body = root.find(f"{GRAPHML}graph")
    assert body is not None
    nodes = body.findall(f"{GRAPHML}node")
    edges = body.findall(f"{GRAPHML}edge")
    assert (len(nodes), len(edges)) == (len(result.nodes), len(result.edges))
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    keys = {k.get("id"): k.get("attr.type") for k in root.findall(f"{GRAPHML}key")}
    assert keys["node_articles"] == "int" and keys["edge_confidence"] == "double"
    networkx = pytest.importorskip("networkx", reason="networkx is not installed: the GraphML was checked as XML")
    loaded = networkx.read_graphml(path)
    assert loaded.number_of_nodes() == len(result.nodes) and loaded.number_of_edges() == len(result.edges)
    orla = next(n for n, d in loaded.nodes(data=True) if d["name"] == ORLA)
    assert loaded.nodes[orla]["articles"] == 6


def test_export_json_and_csv(store: Store, tmp_path: Path) -> None:
    result = graph(store)
    [path] = write_graph(result, tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(result.nodes) and len(data["edges"]) == len(result.edges)
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert {e["type"] for e in data["edges"]} >= {"SPOUSE", "VERDICT"}
    assert all(n["labels"] == ["Person"] and "name" in n["properties"] for n in data["nodes"])
    nodes_csv, edges_csv = write_graph(result, tmp_path, "csv")
    with nodes_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["name"] for r in rows} >= {ORLA, TAMSIN, DARIO} and len(rows) == len(result.nodes)
    with edges_csv.open(encoding="utf-8", newline="") as handle:
        edge_rows = list(csv.DictReader(handle))
    assert len(edge_rows) == len(result.edges)
    assert {"source", "target", "kind", "type", "status", "verdict", "confidence"} <= set(edge_rows[0])


def test_export_refuses_an_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml"):
        write_graph(graph(store), tmp_path, "gexf")


# -- resolved or not ---------------------------------------------------------------------------

def test_a_resolved_store_answers_by_alias_and_says_why(location: str) -> None:
    with Store.open(location, create=False) as store:
        profile = person(store, ORLA, why=True)
        assert profile is not None
        if profile.entity_id is None:  # people not resolved: names as the articles wrote them
            assert {w.link for w in profile.why} == {BY_NAME}
            assert ask_store(store, "Venn", "Reyes").found_in == 0
            return
        assert BY_NAME not in {w.link for w in profile.why} and all(w.link for w in profile.why)
        assert {"Orla Venn", "Venn"} <= {n.name for n in profile.names}
        answer = ask_store(store, "Venn", "Reyes")
        assert answer.resolved == (ORLA, TAMSIN) and answer.found_in == 6 and answer.verdict == "good"
        assert graph(store).nodes[0].id.startswith("e")
