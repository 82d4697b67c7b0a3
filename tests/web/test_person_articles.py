"""A person's articles a page at a time, newest first: `GET /api/person/articles` with `limit` and
`offset`, and the person page's "Older articles" / "Newer articles" links (plain links: no
JavaScript needed), on SQLite and PostgreSQL, over a store of 25 invented articles."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
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

ARTICLES = 25
FRIENDS = ("Odile Farrant", "Brisco Penhallow", "Marisol Quenby", "Tobiah Lindqvist", "Greer Ashdown")


def story(i: int) -> str:
    """The i-th invented article naming Calla Winterbourne; published on day i+1 of 2019 (by month)."""
    friend = FRIENDS[i % len(FRIENDS)]
    return (f"Calla Winterbourne and {friend} share a stage, story {i}\n"
            f"Published {('January', 'February', 'March')[i // 10]} {1 + i % 10}, 2019\n"
            f"Calla Winterbourne and {friend} performed together on night {i} of the tour.\n"
            f"\"{friend.split()[0]} is a dear friend,\" Calla Winterbourne told Harbour Lights.\n")


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[TestClient]:
    def filled(location: str) -> Iterator[TestClient]:
        with Store.open(location) as store:
            documents = [document_from_bytes(story(i).encode(), source=f"story-{i:02d}.txt", kind="text")
                         for i in range(ARTICLES)]
            assert all(o.rejected is None for o in ingest(store, documents))
            resolve_store(store)
        with TestClient(create_app(location)) as answering:
            yield answering

    if request.param == "sqlite":
        yield from filled(str(tmp_path_factory.mktemp("paging") / "store.db"))
    else:
        with postgres_database() as url:
            yield from filled(url)


def test_the_api_pages_a_persons_articles_newest_first(client: TestClient) -> None:
    seen: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        answer = client.get("/api/person/articles", params={"name": "Calla Winterbourne", "limit": 10, "offset": offset})
        assert answer.status_code == 200
        body = answer.json()
        assert body["total"] == ARTICLES and body["offset"] == offset and len(body["items"]) <= 10
        seen.extend(body["items"])
        offset = body["next_offset"]
    assert len(seen) == ARTICLES and len({item["id"] for item in seen}) == ARTICLES
    dates = [item["published"] for item in seen]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2019-03-05" and dates[-1] == "2019-01-01"
    assert {item["name"] for item in seen} == {"Calla Winterbourne"}
    beyond = client.get("/api/person/articles", params={"name": "Calla Winterbourne", "offset": 40}).json()
    assert beyond["items"] == [] and beyond["next_offset"] is None and beyond["total"] == ARTICLES
    missing = client.get("/api/person/articles", params={"name": "Nobody Atall"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert client.get("/api/person/articles", params={"name": "Calla Winterbourne", "offset": -1}).status_code == 422


def _titles(html: str) -> list[str]:
    section = html[html.index('id="articles-h"'):]
    return [unescape(t) for t in re.findall(r'<li><a href="/article/[0-9a-f]+">([^<]+)</a>', section)]


def _link(html: str, label: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="(?:prev|next)">{label}</a>', html)
    return unescape(found.group(1)) if found else None


def test_the_person_page_pages_the_articles_with_plain_links(client: TestClient) -> None:
    first = client.get("/person", params={"name": "Calla Winterbourne"}).text
    titles = _titles(first)
    assert len(titles) == 20 and titles[0].endswith("story 24") and "1 to 20 of 25" in first
    assert _link(first, "Newer articles") is None
    older = _link(first, "Older articles")
    assert older is not None and "offset=20" in older
    second = client.get(older.split("#")[0]).text
    rest = _titles(second)
    assert len(rest) == 5 and rest[-1].endswith("story 0") and "21 to 25 of 25" in second
    assert not set(rest) & set(titles)
    assert _link(second, "Older articles") is None
    newer = _link(second, "Newer articles")
    assert newer is not None and "offset" not in newer
    assert _titles(client.get(newer.split("#")[0]).text) == titles
    far = client.get("/person", params={"name": "Calla Winterbourne", "offset": 500}).text
    assert "No articles this far back (25 in all)." in far and _link(far, "Newer articles") is not None
