"""Stores for the query tests: the invented corpus of tests/fixtures/corpus analysed and saved
into a fresh SQLite file, or into a fresh PostgreSQL database when GOODTERMS_TEST_POSTGRES is
set (skipping, saying so, without it). Each PostgreSQL database is named gt_test_<8 hex> and
dropped when its test module is done, so runs sharing one server never meet.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


from goodterms.corpus.resolve import resolve
from goodterms.model import Analysis
from goodterms.store import Store
from goodterms.store.entities import person_facts, write_entities

from temp_databases import BACKENDS, postgres_database

#: Each backend with its people resolved into entities (as after an ingest) or not yet.
STORES = [(backend, resolved) for backend in BACKENDS for resolved in (True, False)]
STORE_IDS = [f"{backend}-{'resolved' if resolved else 'unresolved'}" for backend, resolved in STORES]
CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """An empty store location on the backend: a SQLite file in folder, or a new PostgreSQL database."""
    if backend == "sqlite":
        yield str(folder / "store.db")
    else:
        with postgres_database() as url:
            yield url


def corpus_paths() -> list[Path]:
    """The invented corpus: six articles about Orla Venn and Tamsin Reyes, 2017 to 2020 and undated."""
    return sorted(CORPUS.glob("*.txt"))


def fill(location: str, analyze_path: Callable[[Path], Analysis], *, resolved: bool = False) -> None:
    """Analyse the invented corpus and save it into the store at location, one article at a time;
    with `resolved`, resolve its people into entities as the store does after an ingest."""
    with Store.open(location) as store:
        for path in corpus_paths():
            store.save(analyze_path(path), engine="test")
        if resolved:
            write_entities(store, resolve(list(person_facts(store))))
