"""Every page over a store on SQLite and on PostgreSQL, in-process (FastAPI's TestClient): the
same invented articles, the same answers, and the hostile article's markup escaped in the HTML."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARTICLES, TOKEN
from fastapi.testclient import TestClient
from query_databases import BACKENDS, database

from goodterms.api import create_app
from goodterms.ingest.sources import read_sources
from goodterms.store import Store
from goodterms.store.ingesting import ingest


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with database(request.param, tmp_path_factory.mktemp(f"pages-{request.param}")) as url:
        with Store.open(url) as store:
            assert all(o.rejected is None for o in ingest(store, read_sources([ARTICLES])))
            with TestClient(create_app(store, token=TOKEN)) as test_client:
                yield test_client


def hostile_id(client: TestClient) -> str:
    html = client.get("/person", params={"name": "Bram Tolliver"}).text
    found = re.search(r'href="/article/([0-9a-f]+)"', html)
    assert found
    return found.group(1)


@pytest.mark.parametrize("path, expected", [
    ("/?q=castell", "Delia Castell"),
    ("/person?name=Mira%20Castell", "Quotes about Mira Castell"),
    ("/pair?a=Mira%20Castell&b=Jonah%20Pellworth", "Contradicting reports"),
    ("/graph?name=Mira%20Castell", "sibling of Mira Castell"),
    ("/analyze", "Article text"),
    ("/ingest", "Token"),
])
def test_each_page_answers(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_hostile_article_is_escaped_in_the_html(client: TestClient) -> None:
    article = client.get(f"/article/{hostile_id(client)}").text
    assert "&lt;script&gt;window.__pwned = true" in article
    assert "<script>window" not in article and "<img src=x" not in article and "<svg" not in article
    pair = client.get("/pair", params={"a": "Bram Tolliver", "b": "Odette Crane"}).text
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in pair
    assert "<script>window" not in pair


def test_missing_things_are_pages_that_say_so(client: TestClient) -> None:
    for path in ("/person?name=Nobody%20Atall", "/article/0123456789abcdef", "/no/such/page",
                 "/graph?name=Nobody%20Atall", "/ingest/not-a-job"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "<h1>" in response.text
    assert client.get("/person", params={"name": "Mira\x00Castell"}).status_code in (200, 404)


def test_the_graph_page_says_when_the_drawing_library_is_missing(client: TestClient, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from goodterms.api import pages

    monkeypatch.setattr(pages, "VENDOR_FILE", tmp_path / "vendor" / "cytoscape.min.js")  # as without make vendor
    html = client.get("/graph", params={"name": "Mira Castell"}).text
    assert "The graph library (static/vendor/cytoscape.min.js) is missing" in html
    assert "/static/vendor/cytoscape.min.js" not in html.replace("(static/vendor/cytoscape.min.js)", "")
    assert "sibling of Mira Castell" in html  # the list of connections still works
