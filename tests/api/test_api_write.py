"""Writes over HTTP (ingest, merge, split): the token, the size limits, jobs and their progress,
hostile text and SQL-looking names kept as data; on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from goodterms.api import create_app
from goodterms.api.app import Limits

from api_stores import BACKENDS, TOKEN, article, names, store_location

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(params=BACKENDS)
def writable(request: pytest.FixtureRequest, tmp_path: Path, nlp: Any) -> Iterator[TestClient]:
    """A client of an app over a new, empty store on each backend, with the test token."""
    with store_location(request.param, tmp_path) as location:
        with TestClient(create_app(location, token=TOKEN)) as client:
            yield client


def finished(client: TestClient, job: str, seconds: float = 120) -> dict[str, Any]:
    """Poll an ingest job until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state: dict[str, Any] = client.get(f"/api/ingest/{job}").json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"job {job} still {state['state']} after {seconds} s")


def test_writes_need_the_token(writable: TestClient) -> None:
    for path, kwargs in (("/api/ingest", {"data": {"text": "x"}}), ("/api/merge", {"json": {"a": "A B", "b": "C D"}}),
                         ("/api/split", {"json": {"a": "A B", "b": "C D"}})):
        missing = writable.post(path, **kwargs)
        assert missing.status_code == 401, path
        assert missing.json()["error"]["code"] == "unauthorized"
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = writable.post(path, headers={"Authorization": "Bearer not-the-token"}, **kwargs)
        assert wrong.status_code == 401, path
        not_bearer = writable.post(path, headers={"Authorization": f"Basic {TOKEN}"}, **kwargs)
        assert not_bearer.status_code == 401, path
    assert writable.get("/api/health").json()["articles"] == 0


def test_without_a_token_writing_is_off(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "store.db", token=None)) as client:
        assert client.get("/api/health").json()["writes"] is False
        answer = client.post("/api/merge", json={"a": "A B", "b": "C D"}, headers=AUTH)
        assert answer.status_code == 403
        assert answer.json()["error"] == {
            "code": "writes_off", "message": "writing is off: the server was started without GOODTERMS_TOKEN"}
        assert client.post("/api/ingest", data={"text": "Kim Vale"}).status_code == 403


def test_ingest_runs_in_the_background_and_reports_progress(writable: TestClient) -> None:
    files = [("files", (f"invented-{i}.txt", article(i).encode(), "text/plain")) for i in range(3)]
    html = f"<html><head><title>Gala</title></head><body><p>{article(3)}</p></body></html>"
    files.append(("files", ("../../../etc/gala.html", html.encode(), "text/html")))
    answer = writable.post("/api/ingest", files=files, data={"text": [article(4), "   "]}, headers=AUTH)
    assert answer.status_code == 202
    job = answer.json()
    assert job["total"] == 6 and job["state"] in ("queued", "running")
    done = finished(writable, job["id"])
    assert done["state"] == "done", done
    assert (done["done"], done["stored"], done["rejected"]) == (6, 5, 1)
    assert "empty" in done["rejects"][0] and done["entities"] >= 5
    sources = {a["source"] for a in writable.get("/api/articles").json()["items"]}
    assert "gala.html" in sources and not any("/" in s for s in sources)  # a name, never a path
    again = finished(writable, writable.post("/api/ingest", files=files[:1], headers=AUTH).json()["id"])
    assert (again["stored"], again["skipped"]) == (0, 1)
    a, _, _ = names(2)
    assert a in [p["name"] for p in writable.get("/api/people", params={"q": a.split()[-1]}).json()["items"]]


def test_ingest_refuses_other_files_and_empty_requests(writable: TestClient) -> None:
    answer = writable.post("/api/ingest", files=[("files", ("notes.pdf", b"%PDF-1.4", "application/pdf"))],
                           headers=AUTH)
    assert answer.status_code == 415 and "notes.pdf" in answer.json()["error"]["message"]
    assert writable.post("/api/ingest", headers=AUTH).json()["error"]["code"] == "no_inputs"
    assert writable.get("/api/ingest/nosuchjob").status_code == 404


def test_the_app_answers_during_an_ingest(writable: TestClient) -> None:
    texts = [article(i) for i in range(16)]
    job = writable.post("/api/ingest", data={"text": texts}, headers=AUTH).json()["id"]
    answered_while_running = 0
    slowest = 0.0
    while writable.get(f"/api/ingest/{job}").json()["state"] in ("queued", "running"):
        started = time.monotonic()
        health = writable.get("/api/health")
        listed = writable.get("/api/articles", params={"limit": 5})
        slowest = max(slowest, time.monotonic() - started)
        assert health.status_code == listed.status_code == 200
        if writable.get(f"/api/ingest/{job}").json()["state"] == "running":
            answered_while_running += 1
    assert answered_while_running >= 1
    assert slowest < 10, f"a read waited {slowest:.1f} s for the ingest"
    assert finished(writable, job)["stored"] == 16


def test_merge_and_split_change_the_people(writable: TestClient) -> None:
    job = writable.post("/api/ingest", data={"text": [article(0), article(1)]}, headers=AUTH).json()["id"]
    before = finished(writable, job)["entities"]
    a0, _, _ = names(0)
    a1, _, _ = names(1)
    merged = writable.post("/api/merge", json={"a": a0, "b": a1}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert merged.json()["action"] == "merge" and merged.json()["entities"] == before - 1
    split = writable.post("/api/split", json={"a": a0, "b": a1}, headers=AUTH)
    assert split.json()["entities"] == before
    same = writable.post("/api/merge", json={"a": a0, "b": f"  {a0.upper()} "}, headers=AUTH)
    assert same.status_code == 422


def test_sql_looking_names_are_kept_as_data(writable: TestClient) -> None:
    hostile = "Robert'); DROP TABLE persons; --"
    answer = writable.post("/api/merge", json={"a": hostile, "b": "x\" OR \"1\"=\"1"}, headers=AUTH)
    assert answer.status_code == 404
    assert answer.json()["error"]["message"].startswith(f"no person named {hostile!r}")
    assert writable.get("/api/people", params={"q": hostile}).json()["total"] == 0
    assert writable.get("/api/health").status_code == 200


def test_hostile_article_text_comes_back_as_data(writable: TestClient) -> None:
    text = ('Kim Vantreece praised <script>alert("x")</script> Tessa Ollivard.\n'
            '"<img src=x onerror=alert(1)> is lovely," Kim Vantreece said. \u2028 ]]> </p>\n')
    answer = writable.post("/api/analyze", json={"text": text, "source": "<b>hostile</b>"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert "<script>alert(\"x\")</script>" in body["text"] and body["analysis"]["source"] == "<b>hostile</b>"
    assert writable.get("/api/health").json()["articles"] == 0  # analysed, not stored


def test_request_size_limits_answer_413_in_json(tmp_path: Path) -> None:
    limits = Limits(max_body_bytes=2000, max_upload_bytes=5000, max_analyze_chars=500)
    with TestClient(create_app(tmp_path / "s.db", token=TOKEN, limits=limits)) as client:
        big = client.post("/api/analyze", json={"text": "word " * 1000})
        assert big.status_code == 413
        assert big.json()["error"]["code"] == "too_large" and "2,000 bytes" in big.json()["error"]["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 100
            yield b'"}'

        chunked = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "too_large"
        long_text = client.post("/api/analyze", json={"text": "Kim Vale is here. " * 40})
        assert long_text.status_code == 413 and "characters" in long_text.json()["error"]["message"]
        upload = client.post("/api/ingest", files=[("files", ("a.txt", b"a" * 4000, "text/plain"))], headers=AUTH)
        assert upload.status_code == 202  # ingest takes larger bodies than the rest
        huge = client.post("/api/ingest", files=[("files", ("a.txt", b"a" * 6000, "text/plain"))], headers=AUTH)
        assert huge.status_code == 413
        assert client.get("/api/health").status_code == 200


def test_analysis_rejects_empty_and_says_why(writable: TestClient) -> None:
    answer = writable.post("/api/analyze", json={"text": "   \n  "})
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "empty"
    assert writable.post("/api/analyze", json={"text": ""}).json()["error"]["code"] == "invalid"
    assert writable.post("/api/analyze", content=b"not json", headers={"content-type": "application/json"}
                         ).status_code == 422


def test_reads_and_an_ingest_at_once_from_threads(writable: TestClient) -> None:
    job = writable.post("/api/ingest", data={"text": [article(i) for i in range(6)]}, headers=AUTH).json()["id"]
    failures: list[str] = []

    def read() -> None:
        for _ in range(20):
            answer = writable.get("/api/articles", params={"limit": 3})
            if answer.status_code != 200:
                failures.append(answer.text)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert finished(writable, job)["stored"] == 6
