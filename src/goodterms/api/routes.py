"""The JSON API under /api/: parse the request, call the library, return its records as JSON.

Reads are open to anyone who can reach the server; writes (ingest, merge, split) need
`Authorization: Bearer <token>`. Every list is paged (`limit` up to MAX_PAGE, `offset`).

The pair verdict and people search, the requests a busy server answers most, are coroutines
run on the event loop: each is a few indexed queries (about 1 ms; search_tops keeps the common
searches short), and the thread pool's hand-over and its contention for the GIL cost more than
the query. Their answers are written by `answered` (pydantic's serializer, no validation pass);
the response models still document them in /openapi.json. The other reads stay plain functions
on the thread pool.
"""
from __future__ import annotations

import hmac
import threading
import time
from dataclasses import replace
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic_core import to_json

from ..corpus import browse
from ..corpus.neighbourhood import MAX_NEIGHBOURS, Neighbourhood, neighbourhood
from ..corpus.people import ArticleItem, Profile, people, person
from ..corpus.stored_ask import ask_store
from ..engine import engine_id
from ..errors import TooLarge
from ..ingest.read import document_from_bytes
from ..model import Rejected
from ..pipeline import analyze_many
from ..store import ArticleInfo
from .app import AppState, TOKEN_ENV
from .jobs import Upload
from .schemas import (MAX_OFFSET, MAX_PAGE, AnalyzeRequest, AnalyzeResponse, ArticleDetail, ArticleSummary,
                      NO_NUL, ErrorBody, Health, IngestJob, OverrideOut, OverrideRequest, PageOf, PairOut, PersonMatchOut)

router = APIRouter(prefix="/api", tags=["api"])

#: Answers every endpoint may give besides its own, documented once.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "not found"},
    422: {"model": ErrorBody, "description": "invalid request"},
    503: {"model": ErrorBody, "description": "the store cannot be read"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "no token, or a wrong one"},
    403: {"model": ErrorBody, "description": "writing is off: the server has no token"},
    413: {"model": ErrorBody, "description": "the request is too large"},
}
#: Kinds of files ingest takes, by name ending.
UPLOAD_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
#: Analyses the analysis endpoint runs at once (the rest wait, then are told to come back).
ANALYSES_AT_ONCE = 2
_analysing = threading.BoundedSemaphore(ANALYSES_AT_ONCE)

#: Longest name a pair or person request takes, and longest search.
MAX_NAME = 300
MAX_QUERY = 200
#: Periods a pair's timeline comes in.
GRAINS = ("month", "year")
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"items per page (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many items to pass over")]
bearer = HTTPBearer(auto_error=False, description=f"the token the server was started with (${TOKEN_ENV})")


async def state_of(request: Request) -> AppState:
    """The app's shared state (store, token, limits, jobs). A coroutine: it does no I/O, and a
    plain function would cost every request a trip through the thread pool."""
    state: AppState = request.app.state.goodterms
    return state


State = Annotated[AppState, Depends(state_of)]


def writer(state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Let a write through only with the server's token: 403 when writing is off, 401 without it."""
    if state.token is None:
        raise HTTPException(403, {"code": "writes_off", "message":
                                  f"writing is off: the server was started without {TOKEN_ENV}"})
    given = credentials.credentials if credentials is not None else ""
    if not given or not hmac.compare_digest(given.encode(), state.token.encode()):
        raise HTTPException(401, {"code": "unauthorized", "message":
                                  "this needs Authorization: Bearer <token> with the server's token"},
                            headers={"WWW-Authenticate": "Bearer"})


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """A page of a list as the API returns it."""
    following = offset + len(items)
    return {"items": items, "total": total, "limit": limit, "offset": offset,
            "next_offset": following if following < total and items else None}


def answered(data: Any) -> Response:
    """`data` (dicts, lists and the library's dataclasses) as the JSON answer, written by
    pydantic's own serializer without validating it again against the response model: the
    endpoint builds exactly the documented shape, and validating it cost more than the query."""
    return Response(answered_bytes(data), media_type="application/json")


def answered_bytes(data: Any) -> bytes:
    """The body `answered` sends."""
    return to_json(data)


def _summary(info: ArticleInfo) -> dict[str, Any]:
    return {"id": info.id, "source": info.source, "url": info.url, "title": info.title,
            "published": info.published, "engine": info.engine, "analysed_at": info.analysed_at}


# -- reading ------------------------------------------------------------------------------------

@router.get("/health", response_model=Health, summary="Is the server up, and what does it serve")
def health(state: State) -> dict[str, Any]:
    return {"status": "ok", "store": state.store.location, "articles": state.store.count(),
            "writes": state.token is not None, "engine": engine_id(state.settings)}


@router.get("/articles", response_model=PageOf[ArticleSummary], responses=ERRORS,
            summary="Stored articles, newest first")
def articles(state: State, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    found = browse.article_page(state.store, limit=limit, offset=offset)
    return page([_summary(i) for i in found.items], found.total, limit, offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=ERRORS,
            summary="One stored article: its text and analysis")
def article(state: State, article_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)]) -> dict[str, Any]:
    stored = browse.stored_article(state.store, article_id)
    return {**_summary(stored.info), "text": stored.analysis.document.text,
            "analysis": stored.analysis.to_contract()}


@router.get("/people", response_model=PageOf[PersonMatchOut], responses=ERRORS,
            summary="People whose name, alias or handle begins with or contains q (suggestions); "
                    "without q, the people most articles name")
async def people_search(state: State, q: Annotated[str | None, Query(max_length=MAX_QUERY, pattern=NO_NUL)] = None,
                        limit: Limit = 20, offset: Offset = 0) -> Response:
    return answered(people_page(state, q, limit, offset))


def people_page(state: AppState, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """The page /api/people answers: the people matching q, or the most named without it."""
    if q is None or not q.strip():
        everyone = people(state.store, top=offset + limit + 1)
        items = [{"name": p.name, "matched": p.name, "kind": "name", "articles": p.articles,
                  "entity_id": p.entity_id} for p in everyone[offset:offset + limit]]
        # the total is not counted for the whole store: one more than shown says a next page exists
        return page(items, offset + len(everyone[offset:]), limit, offset)
    found = browse.search_people(state.store, q, limit=limit, offset=offset)
    items = [{"name": m.name, "matched": m.matched, "kind": m.kind, "articles": m.articles,
              "entity_id": m.entity_id} for m in found.items]
    return page(items, found.total, limit, offset)


Name = Annotated[str, Query(min_length=1, max_length=MAX_NAME, pattern=NO_NUL, description="a name, alias or @handle")]


def _not_named(name: str) -> HTTPException:
    return HTTPException(404, {"code": "not_found", "message": f"nobody in the store is named {name!r}"})


@router.get("/person", response_model=Profile, responses=ERRORS,
            summary="One person across the store: names, relations, quotes by and about them, stances, "
                    "newest articles")
def person_profile(state: State, name: Name, limit: Limit = 10,
                   why: Annotated[bool, Query(description="say why each name is this person")] = False) -> Profile:
    found = person(state.store, name, limit=limit, why=why)
    if found is None:
        raise _not_named(name)
    return found


@router.get("/person/articles", response_model=PageOf[ArticleItem], responses=ERRORS,
            summary="The articles naming one person, newest first (paged), with the name each used")
def person_articles(state: State, name: Name, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    found = browse.person_articles(state.store, name, limit=limit, offset=offset)
    if found is None:
        raise _not_named(name)
    return page([item.to_dict() for item in found.items], found.total, limit, offset)


@router.get("/pair", response_model=PairOut, responses=ERRORS,
            summary="Are A and B on good terms: the verdict now, over time, and its evidence (paged)")
async def pair(state: State, a: Name, b: Name, limit: Limit = 20, offset: Offset = 0,
               grain: Annotated[Literal["month", "year"], Query(description="timeline periods")] = "month",
               ) -> Response:
    if same_person_twice(a, b):
        raise HTTPException(422, {"code": "invalid", "message": f"a pair is two different people, got {a!r} twice"})
    return Response(pair_answer(state, a, b, limit, offset, grain), media_type="application/json")


def same_person_twice(a: str, b: str) -> bool:
    """Whether a pair names one person twice (the same words, whatever their case and spacing)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def pair_answer(state: AppState, a: str, b: str, limit: int, offset: int, grain: str) -> bytes:
    """The body /api/pair answers: the verdict on a and b with a page of its evidence.

    Answered on the event loop, even for a pair with hundreds of reports (tens of milliseconds):
    under load, handing those to the thread pool made the other requests slower (its threads and
    the loop take turns at the interpreter), pair p95 at 50 clients 91 ms against 77 ms.
    """
    answer = ask_store(state.store, a, b, limit=offset + limit, grain=grain)
    answer = replace(answer, items=answer.items[offset:])
    following = offset + len(answer.items)
    return answered_bytes({"answer": answer, "total": answer.reports, "limit": limit, "offset": offset,
                           "next_offset": following if following < answer.reports and answer.items else None})


@router.get("/graph", response_model=Neighbourhood, responses=ERRORS,
            summary="The people around one person: nodes, and relation and verdict edges among them "
                    "(from the centre, and between the others)")
def graph(state: State, name: Name,
          limit: Annotated[int, Query(ge=1, le=MAX_NEIGHBOURS, description="most neighbours shown")] = 30,
          ) -> Neighbourhood:
    found = neighbourhood(state.store, name, limit=limit)
    if found is None:
        raise _not_named(name)
    return found


# -- analysing without storing -----------------------------------------------------------------

@router.post("/analyze", response_model=AnalyzeResponse,
             responses={**ERRORS, 413: {"model": ErrorBody, "description": "the article is too long"},
                        429: {"model": ErrorBody, "description": "too many analyses at once"}},
             summary="Analyse an article without storing it")
def analyze(state: State, body: AnalyzeRequest) -> dict[str, Any]:
    limits = state.limits
    if len(body.text) > limits.max_analyze_chars:
        raise TooLarge(f"{len(body.text):,} characters is over the limit of {limits.max_analyze_chars:,}",
                       source=body.source or "text")
    source = body.source or "text"
    document = document_from_bytes(body.text.encode("utf-8", "surrogatepass"), source=source, kind=body.format,
                                   max_bytes=4 * limits.max_analyze_chars + 4)
    if body.title and not document.title:
        document = replace(document, title=body.title)
    settings = replace(state.settings, article_seconds=limits.analyze_seconds)
    if not _analysing.acquire(timeout=limits.analyze_seconds):
        raise HTTPException(429, {"code": "busy", "message": "the server is analysing other articles; try again"})
    try:
        started = time.monotonic()
        result = next(iter(analyze_many([document], settings=settings)))
        seconds = time.monotonic() - started
    finally:
        _analysing.release()
    if isinstance(result, Rejected):
        status = 413 if result.code == "too_large" else 500 if result.code == "internal" else 422
        raise HTTPException(status, {"code": result.code, "message": result.message})
    return {"analysis": result.to_contract(), "text": result.document.text, "seconds": round(seconds, 3)}


# -- writing ------------------------------------------------------------------------------------

@router.post("/ingest", response_model=IngestJob, status_code=202,
             responses={**WRITE_ERRORS, 415: {"model": ErrorBody, "description": "a file that is not .txt or .html"}},
             dependencies=[Depends(writer)],
             summary="Analyse uploaded .txt/.html files or pasted texts into the store (in the background)")
def ingest(state: State,
           files: Annotated[list[UploadFile], File(description="article files: .txt, .html or .htm")] = [],  # noqa: B006
           text: Annotated[list[str], Form(description="articles as plain text")] = []) -> dict[str, Any]:  # noqa: B006
    uploads: list[Upload] = []
    for upload in files:
        name = PurePath((upload.filename or "upload").replace("\\", "/")).name or "upload"
        kind = UPLOAD_KINDS.get(PurePath(name).suffix.lower())
        if kind is None:
            raise HTTPException(415, {"code": "unsupported_media_type", "message":
                                      f"{name}: ingest takes .txt, .html and .htm files"})
        uploads.append(Upload(name, upload.file.read(), kind))
    for number, pasted in enumerate(text, 1):
        uploads.append(Upload(f"text {number}", pasted.encode("utf-8", "surrogatepass"), "text"))
    if not uploads:
        raise HTTPException(422, {"code": "no_inputs", "message": "send files (field 'files') or texts (field 'text')"})
    return state.jobs.submit(uploads)


@router.get("/ingest/{job_id}", response_model=IngestJob, responses=ERRORS, summary="An ingest job's progress")
def ingest_job(state: State, job_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)]) -> dict[str, Any]:
    snapshot = state.jobs.get(job_id)
    if snapshot is None:
        raise HTTPException(404, {"code": "not_found", "message": f"no ingest job {job_id}"})
    return snapshot


def _override(state: AppState, action: str, body: OverrideRequest) -> dict[str, Any]:
    """Record a hand correction and resolve again, as `goodterms merge`/`split` do."""
    from ..corpus.resolve import override_key
    from ..store.resolving import persons_named, resolve_store

    for name in (body.a, body.b):
        if not persons_named(state.store, name):
            raise HTTPException(404, {"code": "not_found", "message":
                                      f"no person named {name!r} in the store (names and @handles are looked up)"})
    if override_key(body.a) == override_key(body.b):
        raise HTTPException(422, {"code": "invalid", "message":
                                  f"{body.a!r} and {body.b!r} are one name to resolution; give two different names"})
    override = state.store.add_override(action, body.a, body.b)
    resolved = resolve_store(state.store)
    return {"id": override.id, "action": override.action, "a": override.a, "b": override.b,
            "at": override.at, "entities": resolved.entities}


@router.post("/merge", response_model=OverrideOut, responses=WRITE_ERRORS, dependencies=[Depends(writer)],
             summary="Say that two names are one person (a hand correction kept across resolutions)")
def merge(state: State, body: OverrideRequest) -> dict[str, Any]:
    return _override(state, "merge", body)


@router.post("/split", response_model=OverrideOut, responses=WRITE_ERRORS, dependencies=[Depends(writer)],
             summary="Say that two names are different people (a hand correction kept across resolutions)")
def split(state: State, body: OverrideRequest) -> dict[str, Any]:
    return _override(state, "split", body)
