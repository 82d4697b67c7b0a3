"""Stores, apps and their fixtures for the API tests (imported by the test modules, as
tests/store/databases.py is: no conftest here, so `conftest` stays the tests folder's): invented articles ingested into a fresh SQLite file, or into
a fresh PostgreSQL database when GOODTERMS_TEST_POSTGRES is set (skipping, saying so, without
it). Each PostgreSQL database is named gt_test_<8 hex> and dropped when its module is done, as
in tests/store/databases.py, so runs sharing one server never meet.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from goodterms.api import create_app
from goodterms.ingest.read import document_from_bytes
from goodterms.store import Store
from goodterms.store.ingesting import ingest
from goodterms.store.resolving import resolve_store

from temp_databases import BACKENDS, postgres_database

TOKEN = "test-token-7f3a"
#: Invented articles in the filled store (and one feud more).
ARTICLES = 4

FIRST = ("Marlo", "Tessa", "Quinlan", "Odette", "Bram", "Saffi", "Corin", "Liesl")
LAST = ("Vantreece", "Ollivard", "Quillfeather", "Sorensby", "Brightwater", "Pelligrove", "Castellane")

ARTICLE = """{a} and {b} are on good terms again
Published {month} {day}, {year}
{a} and {b} have patched things up after a year apart, friends of the pair said.
"We talk every day now, and I am proud of {pronoun}," {a} told Starglow Weekly.
{b}, who married {c} in 2009, praised {a} on Instagram, calling the {a_last} family generous.
{c} said the couple would host a dinner for {a} next month.
"""
FEUD = """{a} slams {b}
Published March 3, 2015
{a} and {b} are feuding. {a} slammed {b} in an interview, calling her a liar.
"I will never forgive {b_first}," {a} told Starglow Weekly.
"""


def names(i: int) -> tuple[str, str, str]:
    """The three invented people of the i-th article."""
    return (f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}", f"{FIRST[(i + 3) % len(FIRST)]} {LAST[(i + 2) % len(LAST)]}",
            f"{FIRST[(i + 5) % len(FIRST)]} {LAST[(i + 4) % len(LAST)]}")


def article(i: int) -> str:
    """The i-th invented article: a reconciliation, a quote, a marriage and praise."""
    a, b, c = names(i)
    return ARTICLE.format(a=a, b=b, c=c, a_last=a.split()[-1], pronoun="her" if i % 2 else "him",
                          month=("May", "June", "July")[i % 3], day=1 + i, year=2016 + i % 4)


def feud(i: int) -> str:
    """An older article in which the first two people of article i are feuding."""
    a, b, _ = names(i)
    return FEUD.format(a=a, b=b, b_first=b.split()[0])


@contextmanager
def store_location(backend: str, folder: Path) -> Iterator[str]:
    """An empty store's location on a backend: a new SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        yield str(folder / "store.db")
        return
    with postgres_database() as url:
        yield url

@pytest.fixture(scope="module", params=BACKENDS)
def filled_location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                    nlp: Any) -> Iterator[str]:
    """A store holding ARTICLES invented articles and a feud, resolved, on each backend (per module)."""
    with store_location(request.param, tmp_path_factory.mktemp("api")) as location:
        texts = [article(i) for i in range(ARTICLES)] + [feud(0)]
        docs = [document_from_bytes(t.encode(), source=f"invented-{i}.txt") for i, t in enumerate(texts)]
        with Store.open(location) as store:
            outcomes = list(ingest(store, docs))
            assert all(o.kind == "stored" for o in outcomes), outcomes
            resolve_store(store)
        yield location


@pytest.fixture(scope="module")
def client(filled_location: str) -> Iterator[TestClient]:
    """A client of an app over the filled store, started with the test token."""
    with TestClient(create_app(filled_location, token=TOKEN)) as test_client:
        yield test_client
