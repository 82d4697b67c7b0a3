"""The web pages in a real headless Chromium: a server on 127.0.0.1 over a store of invented articles.

The store is filled through the store's own ingest path (`ingest.sources.read_sources` then
`store.ingesting.ingest`) from tests/web/articles/, invented articles about invented people,
one of them hostile (markup, script, event handlers, javascript: links, broken tags). The app
runs under uvicorn in a thread on a free port. Chromium is Debian's /usr/bin/chromium driven by
playwright (never `playwright install`); without it the browser tests skip, saying why.
Screenshots go to build/screenshots/.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The PostgreSQL test databases come from the query tests' helper (tests/corpus/query_databases.py),
# one convention for every test that needs a database.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "corpus"))

from browsing import ARTICLES, CHROMIUM, CHROMIUM_ARGS, Server, Watched, serve, watch

from goodterms.ingest.sources import read_sources
from goodterms.store import Store
from goodterms.store.ingesting import ingest
from goodterms.store.resolving import resolve_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the invented articles, ingested as `goodterms ingest` does, its
    people resolved (test_pages_databases.py covers a store not resolved, on both databases)."""
    path = tmp_path_factory.mktemp("webstore") / "store.db"
    with Store.open(path) as store:
        outcomes = list(ingest(store, read_sources([ARTICLES])))
        refused = [o.rejected for o in outcomes if o.rejected is not None]
        assert not refused, refused
        assert resolve_store(store).entities > 0  # people resolved into entities, as an ingest through the app does
    return path


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[Server]:
    """The app over the store, served by uvicorn on 127.0.0.1 in a thread."""
    with serve(store_path) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's package) through playwright; skips when either is missing."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium); not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]'); not installed")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Watched]:
    """A fresh browser page (desktop width), watched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield watch(context.new_page())
    finally:
        context.close()


@pytest.fixture()
def phone(browser: Any) -> Iterator[Watched]:
    """A fresh browser page at phone width (375 px), watched."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    try:
        yield watch(context.new_page())
    finally:
        context.close()
