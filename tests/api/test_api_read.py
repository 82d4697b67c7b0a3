"""The read endpoints over a filled store, on SQLite and PostgreSQL, in-process."""
from __future__ import annotations

from fastapi.testclient import TestClient

from goodterms.api.middleware import CONTENT_SECURITY_POLICY
from goodterms.api.schemas import MAX_PAGE

from api_stores import names
from conftest import ARTICLES


def test_health_says_what_is_served(client: TestClient) -> None:
    answer = client.get("/api/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["articles"] == ARTICLES + 1 and body["writes"] is True
    assert body["engine"].startswith("0.")


def test_every_answer_has_the_security_headers(client: TestClient) -> None:
    for path in ("/api/health", "/api/nothing-here", "/openapi.json", "/api/articles?limit=0"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_articles_page_through_the_store(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == ARTICLES + 1 and len(first["items"]) == 2 and first["next_offset"] == 2
    seen = [a["id"] for a in first["items"]]
    offset = first["next_offset"]
    while offset is not None:
        following = client.get("/api/articles", params={"limit": 2, "offset": offset}).json()
        seen += [a["id"] for a in following["items"]]
        offset = following["next_offset"]
    assert len(seen) == len(set(seen)) == ARTICLES + 1
    published = [a["published"] for a in client.get("/api/articles").json()["items"]]
    assert published == sorted(published, reverse=True)  # newest first


def test_a_page_has_a_largest_size(client: TestClient) -> None:
    answer = client.get("/api/articles", params={"limit": MAX_PAGE + 1})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid"
    assert "limit" in answer.json()["error"]["message"]
    assert client.get("/api/articles", params={"offset": -1}).status_code == 422


def test_an_article_comes_with_its_text_and_analysis(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    answer = client.get(f"/api/articles/{listed['id']}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == listed["id"] and body["analysis"]["schema"] == "goodterms.article/1"
    for person in body["analysis"]["people"]:
        for mention in person["mentions"]:
            assert body["text"][mention["start"]:mention["end"]] == mention["text"]


def test_an_unknown_article_is_a_json_404_with_the_engine_code(client: TestClient) -> None:
    answer = client.get("/api/articles/0000000000000000")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_stored"
    assert client.get("/api/no/such/address").json()["error"]["code"] == "not_found"


def test_people_search_by_prefix_and_substring(client: TestClient) -> None:
    a, _, _ = names(0)
    first, last = a.split()
    by_prefix = client.get("/api/people", params={"q": first[:3]}).json()
    assert a in [p["name"] for p in by_prefix["items"]]
    by_part = client.get("/api/people", params={"q": last[2:7]}).json()
    assert a in [p["name"] for p in by_part["items"]]
    assert all(p["articles"] >= 1 for p in by_part["items"])
    assert client.get("/api/people", params={"q": "Zzyzx"}).json()["total"] == 0


def test_people_search_takes_wildcards_and_sql_as_text(client: TestClient) -> None:
    for query in ("%", "_", "' OR 1=1 --", "\"; DROP TABLE persons; --", "\\"):
        answer = client.get("/api/people", params={"q": query})
        assert answer.status_code == 200, query
        assert answer.json()["total"] == 0, query
    assert client.get("/api/health").json()["articles"] == ARTICLES + 1
