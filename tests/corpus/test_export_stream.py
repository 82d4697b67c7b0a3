"""`export` streams through a scratch file, and writes exactly what the export that held the whole
graph in memory wrote (`export_reference`), every format, byte for byte: on the invented corpus
(resolved or not, both databases), on hand-made articles whose names sort and escape awkwardly,
and on an empty store."""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import export_reference as reference
from goodterms.cli import main
from goodterms.corpus.export import FORMATS, export_graph, graph
from goodterms.corpus.resolve import resolve
from goodterms.model import Analysis, Document, Mention, PairEvidence, Person, Relation, Span, document_id
from goodterms.store import Store
from goodterms.store.entities import person_facts, write_entities
from query_databases import STORE_IDS, STORES, database, fill

#: Names that sort differently by bytes, by case and by accent, hold XML and JSON specials, and
#: fold to one name node ("Émile Zola" / "ÉMILE  ZOLA") in a store not resolved.
NAMES = ("Émile Zola", "ÉMILE  ZOLA", "Zoë Ångström", "Ada <Lovelace> & Co", 'Quin "Q" Ortega', "李 小龙",
         "Bea Ortiz", "bea ortiz", "Ölaf Dunn", "Olaf Dunn", "Ray 🎸 Holt", "Ana\tMaria Paz")
#: People named once each, so their nodes tie on articles and their order is their names' order.
WALK_ONS = ("Ása Berg", "asa Berg", "Åsa Berg", "Zed Lin", "zed Lin", "Øyvind Lie", "Oyvind Lie", "Ärne Wolf",
            "Arne Wolf", "Ñico Paz", "Nico Paz", "Ìo Ra", "Io Ra", "io ra", "Ύβα Νέα", "Ива Нова", "🎸 Rex", "Rex 🎸",
            "A. B. Cole", "A.B. Cole", "Ab Cole")
TYPES = ("spouse", "parent", "friend", "sibling", "partner")


def analyses(count: int, seed: int = 5) -> list[Analysis]:
    """Hand-made analyses: 3 to 5 of NAMES an article, relations and pair evidence between them."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        cast = rng.sample(NAMES, rng.randint(3, 5)) + list(WALK_ONS[n:n + 1])
        text = f"Story {n}. " + ". ".join(cast) + "."
        people = []
        for i, name in enumerate(cast, 1):
            at = text.index(name)
            people.append(Person(f"p{i}", name, mentions=(Mention(at, at + len(name), name, "name"),)))
        relations, evidence = [], []
        for _ in range(rng.randint(0, 3)):
            a, b = rng.sample(range(1, len(cast) + 1), 2)
            relations.append(Relation(rng.choice(TYPES), f"p{a}", f"p{b}", rng.choice(("current", "former", "unknown")),
                                      (Span(0, 5),)))
        for _ in range(rng.randint(0, 4)):
            a, b = rng.sample(range(1, len(cast) + 1), 2)
            score = rng.choice((-0.9, -0.4, 0.3, 0.8))
            evidence.append(PairEvidence(f"p{a}", f"p{b}", rng.choice(("stance", "event")), score, Span(0, 5),
                                         "note"))
        published = None if n % 7 == 0 else f"20{10 + n % 12:02d}-{1 + n % 12:02d}-{1 + n % 27:02d}"
        doc = Document(document_id(text), text, source=f"hand/{n}.txt", published=published)
        out.append(Analysis(doc, tuple(people), relations=tuple(relations), evidence=tuple(evidence)))
    return out


def assert_same_files(store: Store, folder: Path) -> None:
    """Every format streamed equals the reference export's files, byte for byte."""
    before = reference.graph(store)
    assert [n.to_dict() for n in graph(store).nodes] == [n.to_dict() for n in before.nodes]
    assert [e.to_dict() for e in graph(store).edges] == [e.to_dict() for e in before.edges]
    for fmt in FORMATS:
        expected = reference.write_graph(before, folder / "reference" / fmt, fmt)
        done = export_graph(store, folder / "streamed" / fmt, fmt)
        assert (done.nodes, done.edges) == (len(before.nodes), len(before.edges))
        assert [Path(p).name for p in done.files] == [p.name for p in expected]
        for mine, theirs in zip(done.files, expected):
            assert Path(mine).read_bytes() == theirs.read_bytes(), f"{fmt}: {Path(mine).name} differs"
        assert not list((folder / "streamed" / fmt).glob(".*.tmp"))


@pytest.fixture(scope="module", params=STORES, ids=STORE_IDS)
def corpus_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 analyze_path: Callable[[Path], Analysis]) -> Iterator[str]:
    backend, resolved = request.param
    with database(backend, tmp_path_factory.mktemp(f"export-{backend}")) as url:
        fill(url, analyze_path, resolved=resolved)
        yield url


def test_the_streamed_export_of_the_invented_corpus_is_the_old_one(corpus_store: str, tmp_path: Path) -> None:
    with Store.open(corpus_store, create=False) as store:
        assert_same_files(store, tmp_path)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("resolved", [True, False], ids=["resolved", "unresolved"])
def test_awkward_names_sort_and_escape_as_before(backend: str, resolved: bool, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url, Store.open(url) as store:
        for analysis in analyses(60):
            store.save(analysis, engine="test")
        if resolved:
            write_entities(store, resolve(list(person_facts(store))))
        assert_same_files(store, tmp_path)


def test_an_empty_store_exports_an_empty_graph_as_before(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        assert_same_files(store, tmp_path)


def test_the_command_says_what_it_wrote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with Store.open(tmp_path / "hand.db") as store:
        for analysis in analyses(20):
            store.save(analysis, engine="test")
        expected = reference.graph(store)
    assert main(["export", str(tmp_path / "out"), "--format", "csv", "--db", str(tmp_path / "hand.db")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{len(expected.nodes)} people, {len(expected.edges)} edges: ")
    assert (tmp_path / "out" / "nodes.csv").is_file() and (tmp_path / "out" / "edges.csv").is_file()


def test_a_temporary_folder_that_cannot_hold_the_scratch_file_is_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    with Store.open(tmp_path / "hand.db") as store:
        for analysis in analyses(3):
            store.save(analysis, engine="test")
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "not-a-folder"))
    code = main(["export", str(tmp_path / "out"), "--db", str(tmp_path / "hand.db")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"goodterms: cannot write into {tmp_path / 'out'}: the export's scratch file in the "
                          f"temporary folder {tmp_path / 'not-a-folder'} failed: ")
    assert not list((tmp_path / "out").glob("*"))
