"""ASGI middleware of the app: security headers on every response, and a limit on request bodies.

Both are plain ASGI (not Starlette's BaseHTTPMiddleware), so a streamed response is not buffered
and the thread pool of the endpoints is not involved.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

#: The page may load scripts, styles, images and data only from this server; no inline script or
#: event handler, no plugins, no <base>, no framing by another site.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    """Adds the security headers (CSP and friends) to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                if scope.get("path", "").startswith("/api/") and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def too_large_body(limit: int) -> bytes:
    """The JSON body of a 413 answer."""
    return json.dumps({"error": {
        "code": "too_large",
        "message": too_large_message(limit),
    }}).encode()


class BodyLimit:
    """Refuses a request whose body is over its path's limit with 413 and a JSON message (a page,
    for a page's form, when the app answers page errors: `app.state.page_errors`).

    A declared Content-Length over the limit is refused before reading; a body sent without one
    (chunked) is read up to the limit and refused as soon as it passes it. The body read is
    handed on to the app unchanged. `limit_for(path)` gives each path its limit in bytes.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared in (None, 0) and not _chunked(scope):  # no body (a GET): nothing to limit or replay
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        if declared is not None and declared > limit:
            await _drain_for_page(scope, receive, 0)
            await _refuse(scope, send, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await _drain_for_page(scope, receive, size)
                await _refuse(scope, send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect

        await self.app(scope, replay, send)


def _chunked(scope: Scope) -> bool:
    """Whether the request says its body comes in chunks (Transfer-Encoding), length unsaid."""
    return any(name.lower() == b"transfer-encoding" for name, _ in scope.get("headers", []))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


#: The most of a refused body read (and dropped) before a page answers, so the browser that sent
#: it is still listening for the answer; beyond this the connection is closed on it.
DRAIN_MOST = 64 * 2**20


async def _drain_for_page(scope: Scope, receive: Receive, already: int) -> None:
    """Read and drop the rest of a refused body sent to a page (not /api/): a browser still
    sending its form shows a connection error, not the answer, when the server stops reading."""
    if scope.get("path", "").startswith("/api/"):
        return  # API clients read the early answer (or send Expect: 100-continue)
    size = already
    while size <= DRAIN_MOST:
        message = await receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            return
        size += len(message.get("body", b""))


def too_large_message(limit: int) -> str:
    """What a 413 says: the limit in bytes, and in MiB when it is that large."""
    size = f"{limit:,} bytes" + (f" ({limit / 2**20:g} MiB)" if limit >= 2**20 else "")
    return f"the request body is over the limit of {size}"


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    page_errors = getattr(getattr(scope.get("app"), "state", None), "page_errors", None)
    path = scope.get("path", "")
    if page_errors is not None and not path.startswith("/api/"):  # a page's form: answer with a page
        from starlette.requests import Request

        async def nothing() -> Message:
            return {"type": "http.disconnect"}

        page = page_errors(Request(scope), 413, "too_large", too_large_message(limit))
        page.headers["connection"] = "close"
        await page(scope, nothing, send)
        return
    body = too_large_body(limit)
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
