"""The lean path for GET /api/pair and /api/people answers exactly what FastAPI's routes answer,
and hands every request it cannot read with certainty to them (on SQLite and PostgreSQL)."""
from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from goodterms.api import create_app
from goodterms.api.lean_reads import LeanReads

from api_stores import filled_location, names  # noqa: F401  (fixtures)


def _requests() -> list[str]:
    """Paths of every kind: clean ones the lean path answers, and odd or wrong ones it passes on."""
    a, b, c = names(0)
    x, y = quote(a), quote(b)
    return [
        # clean: answered by the lean path
        f"/api/pair?a={x}&b={y}", f"/api/pair?a={y}&b={x}", f"/api/pair?a={x}&b={y}&limit=1",
        f"/api/pair?a={x}&b={y}&limit=1&offset=1", f"/api/pair?a={x}&b={y}&grain=year",
        f"/api/pair?a={x}&b={y}&limit=05&offset=000", f"/api/pair?a={x.upper()}&b={quote(c)}",
        f"/api/pair?a={x}&b=Nobody+Atall", f"/api/pair?b={y}&a={x}&unrelated=1",
        f"/api/pair?a={x}&b=%E2%80%9C{y}%E2%80%9D", f"/api/pair?a={x}&b={y}&offset=100000",
        "/api/people?q=" + quote(a[:3]), "/api/people?q=" + quote(b[2:6]), "/api/people?q=zz&limit=1",
        "/api/people", "/api/people?q=", "/api/people?q=+++", "/api/people?limit=2&offset=1",
        "/api/people?q=%25", "/api/people?q=%27%3B+DROP+TABLE+persons%3B--", "/api/people?q=" + "m" * 200,
        # odd or wrong: FastAPI answers (errors, repeated parameters, numbers not in plain digits)
        f"/api/pair?a={x}", f"/api/pair?a={x}&b=", f"/api/pair?a={x}&b={x.lower()}",
        f"/api/pair?a={x}&b={y}&limit=0", f"/api/pair?a={x}&b={y}&limit=101", f"/api/pair?a={x}&b={y}&limit=abc",
        f"/api/pair?a={x}&b={y}&limit=-1", f"/api/pair?a={x}&b={y}&limit=+5", f"/api/pair?a={x}&b={y}&limit=1.0",
        f"/api/pair?a={x}&b={y}&offset=100001", f"/api/pair?a={x}&b={y}&grain=week",
        f"/api/pair?a={x}&b={y}&a={quote(c)}", f"/api/pair?a={x}&b=%00", "/api/pair?a=" + "n" * 301 + f"&b={y}",
        f"/api/pair?a={x}&b={y}&limit=%EF%BC%95", "/api/people?q=" + "m" * 201, "/api/people?q=%00",
        "/api/people?q=a&q=b", "/api/people?limit=0", "/api/people?offset=-3", "/api/people?limit=99999999",
    ]


@pytest.fixture(scope="module")
def both(filled_location: str) -> Iterator[tuple[TestClient, TestClient]]:  # noqa: F811
    """Clients of two apps over one store: with the lean path, and without it."""
    with TestClient(create_app(filled_location)) as lean, \
            TestClient(create_app(filled_location, lean_reads=False)) as framework:
        yield lean, framework


@pytest.mark.parametrize("path", _requests())
def test_the_lean_path_answers_as_the_routes_do(both: tuple[TestClient, TestClient], path: str) -> None:
    lean, framework = both
    mine, theirs = lean.get(path), framework.get(path)
    assert (mine.status_code, mine.content) == (theirs.status_code, theirs.content)
    assert sorted(mine.headers.items()) == sorted(theirs.headers.items())


def test_clean_requests_have_an_answer(both: tuple[TestClient, TestClient]) -> None:
    lean, _ = both
    a, b, _ = names(0)
    answer = lean.get("/api/pair", params={"a": a, "b": b}).json()["answer"]
    assert answer["found_in"] >= 1 and answer["items"] and answer["timeline"]
    assert lean.get("/api/people", params={"q": a[:3]}).json()["items"]


class _Framework:
    """Stands for the app behind LeanReads: counts what reaches it, answers 299."""

    def __init__(self) -> None:
        self.reached: list[str] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.reached.append(scope["path"] + "?" + scope["query_string"].decode())
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _through_lean(app: Any, path: str, method: str = "GET") -> int:
    """Send one request through LeanReads(framework) in front of the real app's state; its status."""
    framework = _Framework()
    lean = LeanReads(framework)
    where, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": where, "query_string": query.encode(), "app": app,
             "headers": []}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(lean(scope, receive, send))
    return int(sent[0]["status"])


def test_only_clean_reads_take_the_lean_path(filled_location: str) -> None:  # noqa: F811
    app = create_app(filled_location)
    try:
        paths = _requests()
        clean, odd = paths[:paths.index("/api/people?q=" + "m" * 200) + 1], paths[len(paths) - 21:]
        assert len(clean) + len(odd) == len(paths)
        assert all(_through_lean(app, p) == 200 for p in clean)
        assert all(_through_lean(app, p) == 299 for p in odd)
        a, b, _ = names(0)
        assert _through_lean(app, f"/api/pair?a={quote(a)}&b={quote(b)}", method="HEAD") == 299
        assert _through_lean(app, "/api/person?name=" + quote(a)) == 299
    finally:
        app.state.goodterms.store.close()
