"""The read endpoints over a filled store, on SQLite and PostgreSQL, in-process."""
from __future__ import annotations

from fastapi.testclient import TestClient

from goodterms.api.middleware import CONTENT_SECURITY_POLICY
from goodterms.api.schemas import MAX_PAGE

from api_stores import ARTICLES, client, filled_location, names  # noqa: F401  (fixtures)


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
    for size in (2, 3):
        by_prefix = client.get("/api/people", params={"q": first[:size]}).json()
        assert a in [p["name"] for p in by_prefix["items"]]
    middle = last[1:3]  # two letters inside a name: only names beginning so are suggested
    assert all(p["matched"].casefold().startswith(middle.casefold()) or
               any(w.casefold().startswith(middle.casefold()) for w in p["matched"].split())
               for p in client.get("/api/people", params={"q": middle}).json()["items"])
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


def test_a_person_across_the_store(client: TestClient) -> None:
    a, _, _ = names(0)
    answer = client.get("/api/person", params={"name": a})
    assert answer.status_code == 200
    body = answer.json()
    assert body["name"] == a and body["articles"] == 3  # articles 0 and 3, and the feud
    assert body["quotes_by"] and all(q["speaker"] == a for q in body["quotes_by"])
    assert {n["name"] for n in body["names"]} >= {a}
    assert len(client.get("/api/person", params={"name": a, "limit": 1}).json()["newest"]) == 1
    missing = client.get("/api/person", params={"name": "Nobody Atall"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_a_pair_verdict_with_paged_evidence_and_timeline(client: TestClient) -> None:
    a, b, _ = names(0)
    whole = client.get("/api/pair", params={"a": a, "b": b}).json()
    answer = whole["answer"]
    assert answer["verdict"] in ("good", "bad", "mixed", "unknown") and answer["found_in"] >= 1
    assert whole["total"] == answer["reports"] == len(answer["items"]) >= 2
    assert answer["timeline"] and answer["as_of"]
    first = client.get("/api/pair", params={"a": a, "b": b, "limit": 1}).json()
    second = client.get("/api/pair", params={"a": a, "b": b, "limit": 1, "offset": 1}).json()
    assert first["answer"]["items"] == answer["items"][:1] and second["answer"]["items"] == answer["items"][1:2]
    assert first["next_offset"] == 1
    for item in answer["items"]:
        assert item["sentence"] and item["published"]
    assert client.get("/api/pair", params={"a": a, "b": a.upper()}).status_code == 422
    nobody = client.get("/api/pair", params={"a": a, "b": "Nobody Atall"}).json()["answer"]
    assert nobody["verdict"] == "unknown" and nobody["found_b"] == 0


def test_a_graph_neighbourhood_has_relation_and_verdict_edges(client: TestClient) -> None:
    a, b, c = names(0)
    body = client.get("/api/graph", params={"name": a}).json()
    by_name = {n["name"]: n for n in body["nodes"]}
    centre = by_name[a]
    assert centre["centre"] and body["centre"] == centre["id"]
    assert by_name[b]["together"] >= 1
    kinds = {(e["target"], e["kind"]) for e in body["edges"]}
    assert (by_name[b]["id"], "verdict") in kinds
    verdict = next(e for e in body["edges"] if e["target"] == by_name[b]["id"] and e["kind"] == "verdict")
    assert verdict["verdict"] in ("good", "bad", "mixed") and verdict["reports"] >= 1
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and centre["id"] != e["target"] for e in body["edges"])
    # between two of the others: b married c, in a's articles
    between = {(e["source"], e["target"], e["type"]) for e in body["edges"] if centre["id"] not in (e["source"], e["target"])}
    assert (*sorted((by_name[b]["id"], by_name[c]["id"])), "spouse") in between
    small = client.get("/api/graph", params={"name": a, "limit": 1}).json()
    assert len(small["nodes"]) == 2 and small["more"] == len(body["nodes"]) - 2
    assert client.get("/api/graph", params={"name": a, "limit": 1000}).status_code == 422
    assert client.get("/api/graph", params={"name": "Nobody Atall"}).status_code == 404


def test_people_without_a_query_are_the_most_named(client: TestClient) -> None:
    body = client.get("/api/people", params={"limit": 2}).json()
    counts = [p["articles"] for p in body["items"]]
    assert len(counts) == 2 and counts == sorted(counts, reverse=True) and body["next_offset"] == 2
    following = client.get("/api/people", params={"limit": 2, "offset": 2}).json()
    assert not {p["name"] for p in following["items"]} & {p["name"] for p in body["items"]}


def test_text_no_database_can_hold_is_refused_not_a_server_error(client: TestClient) -> None:
    for path, params in (("/api/person", {"name": "Kim\x00Vale"}), ("/api/people", {"q": "\x00"}),
                         ("/api/pair", {"a": "A\x00", "b": "B"}), ("/api/graph", {"name": "\x00"})):
        answer = client.get(path, params=params)
        assert answer.status_code == 422, path
        assert answer.json()["error"]["code"] == "invalid"
    assert client.get("/api/articles/ab%00cd").status_code == 422


def test_answers_written_without_validation_are_what_their_response_models_give(client: TestClient) -> None:
    """/api/pair and /api/people write their JSON without a validation pass: each answer must be
    byte for byte what the documented response model makes of it (shape, types, order)."""
    from goodterms.api.schemas import PageOf, PairOut, PersonMatchOut

    a, b, _ = names(0)
    asked = [("/api/pair", PairOut, {"a": a, "b": b}), ("/api/pair", PairOut, {"a": a, "b": b, "limit": 1, "offset": 1}),
             ("/api/pair", PairOut, {"a": a, "b": "Nobody Atall", "grain": "year"}),
             ("/api/people", PageOf[PersonMatchOut], {"q": a[:2]}), ("/api/people", PageOf[PersonMatchOut], {"q": a[2:6]}),
             ("/api/people", PageOf[PersonMatchOut], {}), ("/api/people", PageOf[PersonMatchOut], {"q": "Zzyzx"})]
    for path, model, params in asked:
        answer = client.get(path, params=params)
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json", (path, params)
        assert model.model_validate_json(answer.content).model_dump_json().encode() == answer.content, (path, params)
