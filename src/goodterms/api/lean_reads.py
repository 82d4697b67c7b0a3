"""A lean path for the two reads a busy server answers most: GET /api/pair and GET /api/people.

Under load, FastAPI's routing, dependency solving and parameter validation cost a third of
these requests' CPU (about 0.4 ms of 1.5 ms at 100,000 articles), and on a busy server every
request waits for that of the requests ahead of it. `LeanReads` is ASGI middleware in front of
the app: a GET to one of the two paths whose query it can read with certainty (each parameter
at most once, every value within the limits the routes declare) is answered here, by the same
functions the routes call (`routes.people_page`, `routes.pair_answer`), with the same bytes
and headers. Anything else, including every request that is an error (a missing name, a page
too large, the same person twice), goes on to FastAPI, which answers it as documented in
/openapi.json; so the lean path can only answer what the routes would answer the same way.
"""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import parse_qsl

from starlette.responses import Response

from .routes import GRAINS, MAX_NAME, MAX_QUERY, answered_bytes, pair_answer, people_page, same_person_twice
from .schemas import MAX_OFFSET, MAX_PAGE

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

#: Longest page number or offset read here (longer ones go to FastAPI to be refused).
MOST_DIGITS = 7


class LeanReads:
    """Answers clean GET /api/pair and /api/people requests without the framework; hands every
    other request to `app` unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope["path"]
            if path == "/api/pair":
                body = self._pair(scope)
            elif path == "/api/people":
                body = self._people(scope)
            else:
                body = None
            if body is not None:
                await Response(body, media_type="application/json")(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _pair(self, scope: Scope) -> bytes | None:
        query = _query(scope)
        if query is None:
            return None
        a, b = _name(query.get("a")), _name(query.get("b"))
        grain = query.get("grain", "month")
        limit, offset = _number(query.get("limit"), 20, 1, MAX_PAGE), _number(query.get("offset"), 0, 0, MAX_OFFSET)
        if a is None or b is None or grain not in GRAINS or limit is None or offset is None or same_person_twice(a, b):
            return None
        return pair_answer(scope["app"].state.goodterms, a, b, limit, offset, grain)

    def _people(self, scope: Scope) -> bytes | None:
        query = _query(scope)
        if query is None:
            return None
        q = query.get("q")
        limit, offset = _number(query.get("limit"), 20, 1, MAX_PAGE), _number(query.get("offset"), 0, 0, MAX_OFFSET)
        if (q is not None and (len(q) > MAX_QUERY or "\x00" in q)) or limit is None or offset is None:
            return None
        return answered_bytes(people_page(scope["app"].state.goodterms, q, limit, offset))


def _query(scope: Scope) -> dict[str, str] | None:
    """The query's parameters, read as Starlette reads them; None when one is given twice (which
    value FastAPI takes is its business)."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    query = dict(pairs)
    return query if len(query) == len(pairs) else None


def _name(value: str | None) -> str | None:
    """A name as the routes take it (1 to MAX_NAME characters, no NUL), else None."""
    if value is None or not 1 <= len(value) <= MAX_NAME or "\x00" in value:
        return None
    return value


def _number(value: str | None, default: int, least: int, most: int) -> int | None:
    """A whole number in [least, most] written in plain digits (the default when absent), else None."""
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > MOST_DIGITS:
        return None
    number = int(value)
    return number if least <= number <= most else None
