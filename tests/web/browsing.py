"""Helpers of the browser tests: where Chromium is, a free port, the served app, watched pages.

(Fixtures are in conftest.py; the tests import these by module name, as tests/corpus does.)
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
ROOT = HERE.parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = os.environ.get("GOODTERMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOKEN = "test-token-not-secret"


def free_port() -> int:
    """A TCP port nobody listens on right now, on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running app: its base URL and the uvicorn server (to stop it)."""

    url: str
    server: Any
    thread: threading.Thread


@dataclass
class Watched:
    """A page with everything it did recorded: requests, dialogs, console messages, page errors."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self, base: str) -> list[str]:
        """Requests that went anywhere but the test server."""
        return [url for url in self.requests if not (url.startswith(base + "/") or url == base)]

    def csp_violations(self) -> list[str]:
        """Console messages saying the Content-Security-Policy refused something."""
        return [m for m in self.console if "Content Security Policy" in m or "Refused to" in m]


@contextmanager
def serve(store_path: Path, *, token: str = TOKEN, limits: Any = None) -> Iterator[Server]:
    """The app over a store, served by uvicorn on 127.0.0.1 (a free port) in a thread, then stopped
    (`limits`: an `api.app.Limits`, else the defaults)."""
    import uvicorn

    from goodterms.api import create_app

    port = free_port()
    app = create_app(str(store_path), token=token, limits=limits)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", uv, thread)
    finally:
        uv.should_exit = True
        thread.join(timeout=15)


def watch(page: Any) -> Watched:
    """Record every request, dialog, console message and error of a page; dismiss any dialog."""
    watched = Watched(page)
    page.set_default_timeout(10_000)
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda message: watched.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: watched.errors.append(str(error)))

    def dialog(d: Any) -> None:
        watched.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return watched


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under build/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
