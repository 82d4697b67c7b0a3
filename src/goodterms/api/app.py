"""The web app: `create_app(store_location, token=...)` builds the FastAPI application.

It opens the store once, mounts the JSON API (`routes.py`, under /api/) and the pages, and wraps
everything in the security headers and the request size limit (`middleware.py`). Errors under
/api/ are JSON `{"error": {"code", "message"}}` with the engine's error codes.

Endpoints that read the store are plain `def` functions: FastAPI runs them on its thread pool,
so the event loop keeps answering while a query or an ingest works (SQLite runs in WAL mode:
readers never wait for the writer); the pair verdict and people search, short indexed queries
asked most, run on the event loop (see `routes.py`), and clean GETs of the two skip the framework
(`lean_reads.py`).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ArticleTimeout, ConfigError, GoodtermsError, InputError, NotStored, StoreError, TooLarge
from ..store import Store
from .middleware import BodyLimit, SecurityHeaders

log = logging.getLogger("goodterms.api")

#: The variable the write token is read from by `goodterms serve`.
TOKEN_ENV = "GOODTERMS_TOKEN"
#: The variable `goodterms serve` hands its worker processes the store and limits in (JSON).
SERVE_ENV = "GOODTERMS_SERVE"
#: Largest request body, except uploads to /api/ingest.
MAX_BODY_BYTES = 2 * 1024 * 1024
#: Largest upload to ingest (all files of one request together; `goodterms serve --max-upload-mb`).
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
#: Where files are uploaded to ingest: the API, and the ingest page's form (without JavaScript).
UPLOAD_PATHS = ("/api/ingest", "/ingest")
#: Largest article the analysis endpoint takes, in characters.
MAX_ANALYZE_CHARS = 1_000_000
#: Seconds one article may take in the analysis endpoint.
ANALYZE_SECONDS = 30.0

#: HTTP status of each engine error class (the most specific first).
STATUS_OF: tuple[tuple[type[GoodtermsError], int], ...] = (
    (NotStored, 404), (TooLarge, 413), (ArticleTimeout, 422), (InputError, 422), (ConfigError, 400),
    (StoreError, 503),
)


@dataclass
class Limits:
    """What the app accepts: request sizes and the analysis budget."""

    max_body_bytes: int = MAX_BODY_BYTES
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_analyze_chars: int = MAX_ANALYZE_CHARS
    analyze_seconds: float = ANALYZE_SECONDS

    def body_limit(self, path: str) -> int:
        """The body limit of a path: uploads to ingest (/api/ingest, and the page's form /ingest)
        have their own."""
        return self.max_upload_bytes if path.rstrip("/") in UPLOAD_PATHS else self.max_body_bytes


@dataclass
class AppState:
    """What the endpoints share: the open store, the write token, the limits and ingest jobs."""

    store: Store
    token: str | None
    limits: Limits
    settings: Settings
    jobs: Any = None  # api.jobs.IngestJobs, made by create_app
    extras: dict[str, Any] = field(default_factory=dict)


def error_json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """An error answer of the API."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


#: Pages may answer their own errors as HTML: a function (request, status, code, message) -> Response,
#: set by the pages' module in `app.state.page_errors`; without it every error is JSON.
PageErrors = Callable[[Request, int, str, str], Response]


def _answer(request: Request, status: int, code: str, message: str,
            headers: dict[str, str] | None = None) -> Response:
    page_errors: PageErrors | None = getattr(request.app.state, "page_errors", None)
    if page_errors is not None and not request.url.path.startswith("/api/") and request.url.path != "/openapi.json":
        return page_errors(request, status, code, message)
    return error_json(status, code, message, headers)


def _status_of(exc: GoodtermsError) -> int:
    return next((status for kind, status in STATUS_OF if isinstance(exc, kind)), 500)


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "too_large",
              415: "unsupported_media_type", 429: "too_many_requests"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GoodtermsError)
    async def engine_error(request: Request, exc: GoodtermsError) -> Response:
        status = _status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return _answer(request, status, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail: dict[str, Any] = exc.detail if isinstance(exc.detail, dict) else {}
        code = detail.get("code") or HTTP_CODES.get(exc.status_code, "error")
        message = detail.get("message") or (exc.detail if isinstance(exc.detail, str) else "")
        if exc.status_code == 404 and message in ("", "Not Found"):
            message = f"no such address: {request.url.path}"
        return _answer(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors()[:5]:
            where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "request"
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return _answer(request, 422, "invalid", "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _answer(request, 500, "internal", f"internal error: {type(exc).__name__}")


def create_app(store_location: str | os.PathLike[str] | Store | None = None, *, token: str | None = None,
               limits: Limits | None = None, settings: Settings | None = None, lean_reads: bool = True) -> FastAPI:
    """The application over the store at `store_location` (a path or URL; None: GOODTERMS_DB or
    ./goodterms.db; or an open Store, which the caller closes).

    `token`: the Bearer token writes need (ingest, merge, split); None turns writing off.
    `lean_reads`: answer clean GET /api/pair and /api/people requests without the framework
    (`lean_reads.py`: the same answers); False sends them through FastAPI like every other.
    Raises StoreError (one line) when the store cannot be opened.
    """
    from .jobs import IngestJobs
    from .lean_reads import LeanReads
    from .routes import router

    owned = not isinstance(store_location, Store)
    store = store_location if isinstance(store_location, Store) else Store.open(store_location)
    limits = limits or Limits()
    state = AppState(store, token or None, limits, settings or Settings())
    state.jobs = IngestJobs(store, state.settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.jobs.shutdown()
            if owned:
                store.close()

    app = FastAPI(
        title="goodterms", version=_version(),
        description="People, quotes, relations and pair verdicts of a store of analysed articles. "
                    "Reads are open; ingest, merge and split need `Authorization: Bearer <token>`.",
        docs_url=None, redoc_url=None, lifespan=lifespan,  # the docs pages need inline script: off
    )
    app.state.goodterms = state
    _install_error_handlers(app)
    app.include_router(router)
    _mount_pages(app)
    if lean_reads:
        app.add_middleware(LeanReads)
    app.add_middleware(BodyLimit, limit_for=limits.body_limit)
    app.add_middleware(SecurityHeaders)
    return app


def serve_environment(store_location: str, limits: Limits, *, workers: int = 1) -> str:
    """What `goodterms serve` puts in SERVE_ENV for its worker processes: the store (a path or a
    URL with its password: workers must connect), the limits, and, when the workers are child
    processes, the serving process's id."""
    return json.dumps({"store": store_location, "limits": asdict(limits),
                       "parent": os.getpid() if workers > 1 else None})


def app_from_environment() -> FastAPI:
    """The app one worker process of `goodterms serve` runs (uvicorn's app factory): the store
    and limits from SERVE_ENV, the write token from TOKEN_ENV. Each worker opens its own store."""
    try:
        told = json.loads(os.environ[SERVE_ENV])
        location, limits, parent = str(told["store"]), Limits(**told["limits"]), told.get("parent")
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{SERVE_ENV} does not say what to serve ({type(exc).__name__}: {exc}); "
                          "start the server with goodterms serve") from None
    if parent:
        _end_with(int(parent))
    return create_app(location, token=os.environ.get(TOKEN_ENV) or None, limits=limits)


def _end_with(parent: int) -> None:
    """Make this worker process end when `goodterms serve` does, even killed (SIGKILL: no
    goodbye), so no worker goes on serving or ingesting with nobody to stop it (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    set_parent_death_signal = 1  # PR_SET_PDEATHSIG
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, int(signal.SIGKILL))
    if os.getppid() != parent:  # it ended before we asked
        os._exit(1)


def _mount_pages(app: FastAPI) -> None:
    """The web pages and static files (area webui), when that module is present."""
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec(f"{__package__}.pages") is None:
        return
    import_module(f"{__package__}.pages").mount(app)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("goodterms")
    except PackageNotFoundError:
        return "0"
