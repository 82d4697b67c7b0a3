"""Fixtures of the API tests: a store filled with invented articles on each backend, and apps
over it (in-process, through FastAPI's TestClient)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from goodterms.api import create_app
from goodterms.corpus.refresh import resolve_store
from goodterms.ingest.read import document_from_bytes
from goodterms.store import Store
from goodterms.store.ingesting import ingest

from api_stores import BACKENDS, TOKEN, article, feud, store_location

#: Invented articles in the filled store.
ARTICLES = 4


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


@pytest.fixture
def empty_location(tmp_path: Path) -> str:
    """An empty SQLite store's path."""
    return str(tmp_path / "empty.db")
