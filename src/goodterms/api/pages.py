"""The web pages: search, person, pair, article, graph, analyze and ingest, rendered on the server.

Each page parses its request, calls the library (the store's query functions, the pipeline) and
renders a Jinja2 template with autoescape on; article text reaches a page only escaped (through
`highlight`). Pages carry no inline script, no event handler attributes and no style attributes:
behaviour comes from files in static/ (suggestions, the graph, ingest progress), so the
Content-Security-Policy can forbid inline script. Every page works without JavaScript except the
graph, which says so.

`mount(app)` adds the pages and /static to the app `create_app` builds (app.py calls it), and
answers errors outside /api/ as HTML pages (`app.state.page_errors`). The store, the token and
the ingest jobs come from the app's shared state (`app.state.goodterms`).
"""
from __future__ import annotations

import hmac
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..corpus.neighbourhood import MAX_NEIGHBOURS, Neighbourhood, neighbourhood
from ..corpus.people import person as person_profile
from ..corpus.browse import person_articles, search_people
from ..corpus.stored_ask import ask_store
from ..errors import GoodtermsError, NotStored
from ..ingest.read import document_from_bytes
from ..model import SYMMETRIC_RELATIONS, Analysis
from ..pipeline import analyze_one
from ..store import Store
from .highlight import article_html

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
VENDOR_FILE = STATIC_DIR / "vendor" / "cytoscape.min.js"

#: Largest text or file the analyze page takes (bytes); the app's request limit may be lower.
ANALYZE_MAX_BYTES = 2_000_000
#: How many search results, evidence reports and graph nodes a page shows at most.
SEARCH_SHOWN = 20
REPORTS_SHOWN = 50
PROFILE_SHOWN = 20
MOST_SHOWN = 1000  # a "show more" link asks for up to this many
#: A person's articles per page, and the furthest offset a page starts at (as the API's).
ARTICLES_SHOWN = 20
MAX_ARTICLE_OFFSET = 100_000
GRAPH_LIMITS = tuple(n for n in (25, 50, 100, 200, 400) if n <= MAX_NEIGHBOURS)
#: Layouts the graph page offers (Cytoscape.js names and labels); rings are quick at a few hundred nodes.
GRAPH_LAYOUTS = {"concentric": "Rings around the person", "cose": "Force-directed", "breadthfirst": "Tree",
                 "circle": "Circle"}

ENVIRONMENT = Environment(loader=FileSystemLoader(HERE / "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          trim_blocks=True, lstrip_blocks=True)



def source_label(source: str | None) -> str:
    """A short name for where an article came from: a URL's host, else a path's last part
    (the server's folders are nobody's business and make long lines)."""
    text = (source or "").strip()
    if "://" in text:
        return urlsplit(text).hostname or text
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


ENVIRONMENT.filters["source_label"] = source_label

router = APIRouter(include_in_schema=False)


def mount(app: FastAPI) -> None:
    """Add the pages and their static files to an app; its errors outside /api/ become pages."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.state.page_errors = error_page


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    """An error as a page (the app's handlers call this for paths outside /api/)."""
    titles = {404: "Not found", 413: "Too large", 422: "Cannot do that", 401: "Token needed", 403: "Writing is off"}
    text, back = message or code, None
    if status == 413 and request.url.path.rstrip("/") == "/ingest":
        text = (f"The files are too large to add at once: {text}. Add fewer files at a time, or start the "
                "server with a larger --max-upload-mb.")
        back = ("/ingest", "Add other files")
    return render(request, "missing.html", status_code=status, title=titles.get(status, "Something went wrong"),
                  message=text, back=back)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template; every value inserted is escaped unless it is Markup made here."""
    html = ENVIRONMENT.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


def _state(request: Request) -> Any:
    """The app's shared state (`api.app.AppState`): store, token, limits, jobs."""
    return request.app.state.goodterms


def _store(request: Request) -> Store:
    store: Store = _state(request).store
    return store


def _clean(value: str | None, most: int = 200) -> str:
    """A name as typed into a form: control characters out (a NUL is no name, and PostgreSQL
    refuses it), spaces collapsed, at most `most` characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (value or "")[:4 * most])
    return " ".join(printable.split())[:most]


# -- search ----------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    """Search people by part of a name or handle (the form works without JavaScript)."""
    query = _clean(q)
    matches = search_people(_store(request), query, limit=SEARCH_SHOWN).items if query else ()
    return render(request, "search.html", title="Search people", query=query, matches=matches)


@router.get("/search", response_class=HTMLResponse)
def search_alias(request: Request, q: str = "") -> HTMLResponse:
    """The same page under /search."""
    return search_page(request, q)


# -- person and pair -------------------------------------------------------------------------

@router.get("/person", response_class=HTMLResponse)
def person_page(request: Request, name: str = "", shown: int = PROFILE_SHOWN, offset: int = 0) -> HTMLResponse:
    """One person across the store: names, relations, quotes and stances (`shown` of each list),
    and a page of their articles, newest first, from `offset` (older and newer pages by links)."""
    wanted = _clean(name)
    shown = max(1, min(shown, MOST_SHOWN))
    offset = max(0, min(offset, MAX_ARTICLE_OFFSET))
    store = _store(request)
    profile = person_profile(store, wanted, limit=shown) if wanted else None
    articles = person_articles(store, wanted, limit=ARTICLES_SHOWN, offset=offset) if profile else None
    if profile is None or articles is None:
        return render(request, "missing.html", status_code=404, title="No such person",
                      message=f"Nobody in the store is called {wanted!r}." if wanted else "Give a name to look up.")
    return render(request, "person.html", title=profile.name, profile=profile, shown=shown, most=MOST_SHOWN,
                  articles=articles)


@router.get("/pair", response_class=HTMLResponse)
def pair_page(request: Request, a: str = "", b: str = "", shown: int = REPORTS_SHOWN) -> HTMLResponse:
    """Are A and B on good terms? The verdict, the timeline, conflicts and the newest `shown` reports."""
    name_a, name_b = _clean(a), _clean(b)
    if not name_a or not name_b:
        return render(request, "pair_form.html", title="Are they on good terms?", a=name_a, b=name_b)
    shown = max(1, min(shown, MOST_SHOWN))
    answer = ask_store(_store(request), name_a, name_b, limit=shown)
    names = answer.resolved if len(answer.resolved) == 2 else (name_a, name_b)
    return render(request, "pair.html", title=f"{names[0]} and {names[1]}", answer=answer, names=names,
                  shown=shown, most=MOST_SHOWN)


# -- articles --------------------------------------------------------------------------------

@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """A stored article: its text highlighted from the analysis's offsets, the analysis beside it."""
    try:
        analysis = _store(request).load(article_id[:64])
    except NotStored:
        return render(request, "missing.html", status_code=404, title="No such article",
                      message="The store holds no article with this id.")
    return render(request, "article.html", title=analysis.document.title or "Article",
                  **_article_context(analysis), stored=True)


def _article_context(analysis: Analysis) -> dict[str, Any]:
    names = {p.id: p.name for p in analysis.people}
    return {"analysis": analysis, "doc": analysis.document, "text_html": article_html(analysis), "names": names}


# -- analyze ---------------------------------------------------------------------------------

@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    """Paste an article or upload a .txt or .html file."""
    return render(request, "analyze.html", title="Analyze an article", text="", error="")


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request, text: str = Form(""),
                         file: UploadFile | None = File(None)) -> HTMLResponse:
    """The analysis of the pasted text or uploaded file, shown like an article; nothing is stored."""
    raw, source, kind = text.encode("utf-8", "replace"), "pasted text", "text"
    if file is not None and file.filename:
        raw = await file.read(ANALYZE_MAX_BYTES + 1)
        source = Path(file.filename.replace("\\", "/")).name[:200] or "upload"
        kind = "html" if source.lower().endswith((".html", ".htm")) else "auto"
    state = _state(request)
    settings = replace(state.settings, article_seconds=state.limits.analyze_seconds)


    def analyse() -> Analysis:
        doc = document_from_bytes(raw, source=source, kind=kind, max_bytes=ANALYZE_MAX_BYTES)
        return analyze_one(doc, settings=settings)

    try:  # on the thread pool: the event loop keeps answering other requests meanwhile
        analysis = await run_in_threadpool(analyse)
    except GoodtermsError as exc:
        return render(request, "analyze.html", status_code=422, title="Analyze an article",
                      text=text[:ANALYZE_MAX_BYTES], error=f"{exc.code}: {exc}")
    return render(request, "article.html", title="Analysis (not stored)", **_article_context(analysis),
                  stored=False)


# -- graph -----------------------------------------------------------------------------------

@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, name: str = "", limit: int = 50, layout: str = "concentric") -> HTMLResponse:
    """The people around a person: drawn by static/graph.js from the graph endpoint's JSON, and
    listed here as links (the list is the page for the keyboard and without JavaScript)."""
    wanted = _clean(name)
    chosen = limit if limit in GRAPH_LIMITS else min(50, max(GRAPH_LIMITS))
    around = neighbourhood(_store(request), wanted, limit=chosen) if wanted else None
    if wanted and around is None:
        return render(request, "missing.html", status_code=404, title="No such person",
                      message=f"Nobody in the store is called {wanted!r}.")
    centre = around.nodes[0] if around else None
    return render(request, "graph.html", title=f"People around {centre.name}" if centre else "Graph",
                  around=around, centre=centre, connections=connections(around) if around else [],
                  among=links_between(around) if around else [],
                  name=wanted, limit=chosen, limits=GRAPH_LIMITS, vendor_present=VENDOR_FILE.is_file(),
                  layout=layout if layout in GRAPH_LAYOUTS else "concentric", layouts=GRAPH_LAYOUTS)


@dataclass(frozen=True)
class Connection:
    """One neighbour as the graph page lists it: name, shared articles, relations, verdict."""

    name: str
    together: int
    relations: tuple[str, ...]
    verdict: str


def connections(around: Neighbourhood) -> list[Connection]:
    """The centre's neighbours, each with its relations to the centre and their verdict."""
    centre = next(node for node in around.nodes if node.id == around.centre)
    relations: dict[str, list[str]] = defaultdict(list)
    verdicts: dict[str, str] = {}
    for edge in around.edges:
        if edge.source != around.centre:
            continue  # between two of the others: see `links_between`
        if edge.kind == "verdict":
            verdicts[edge.target] = edge.verdict
            continue
        former = " (former)" if edge.status == "former" else ""
        # role: which end the centre is ("subject": the centre is `type` of the other)
        mutual = edge.type in SYMMETRIC_RELATIONS
        relations[edge.target].append(f"{edge.type}{former} of {centre.name}" if edge.role == "object" or mutual
                                      else f"{centre.name} is their {edge.type}{former}")
    return [Connection(node.name, node.together, tuple(relations[node.id]), verdicts.get(node.id, "unknown"))
            for node in around.nodes if node.id != around.centre]


@dataclass(frozen=True)
class Between:
    """Two of the people around the centre, as the graph page lists them: what ties them, their verdict."""

    a: str
    b: str
    relations: tuple[str, ...]
    verdict: str


def links_between(around: Neighbourhood) -> list[Between]:
    """The pairs of the centre's neighbours the centre's articles relate or have evidence on,
    each with its relations ("spouses", "A is parent of B") and verdict; related pairs first."""
    names = {node.id: node.name for node in around.nodes}
    relations: dict[tuple[str, str], list[str]] = defaultdict(list)
    verdicts: dict[tuple[str, str], str] = {}
    for edge in around.edges:
        if around.centre in (edge.source, edge.target):
            continue
        key = (edge.source, edge.target) if edge.source < edge.target else (edge.target, edge.source)
        if edge.kind == "verdict":
            verdicts[key] = edge.verdict
            continue
        former = " (former)" if edge.status == "former" else ""
        if edge.type in SYMMETRIC_RELATIONS:
            relations[key].append(f"{edge.type}s{former}")  # "spouses", "siblings (former)"
        else:  # source is the `type` of target
            relations[key].append(f"{names[edge.source]} is {edge.type} of {names[edge.target]}{former}")
    pairs = sorted(set(relations) | set(verdicts), key=lambda k: (-len(relations.get(k, ())), names[k[0]], names[k[1]]))
    return [Between(names[a], names[b], tuple(relations.get((a, b), ())), verdicts.get((a, b), "unknown"))
            for a, b in pairs]


# -- ingest ----------------------------------------------------------------------------------

#: Kinds of files the ingest form takes, by name ending (as the API's ingest takes them).
INGEST_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


def token_ok(request: Request, given: str) -> bool:
    """True when writing is on and the given token is the app's (compared in constant time)."""
    token: str | None = _state(request).token
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())  # type: ignore[union-attr]


def upload_limit(request: Request) -> str:
    """The largest upload the ingest form takes, for people: "32 MiB"."""
    limit: int = _state(request).limits.max_upload_bytes
    return f"{limit / 2**20:g} MiB" if limit >= 2**20 else f"{limit:,} bytes"


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    """Add files to the store (the token is needed; without one set at start, writing is off)."""
    return render(request, "ingest.html", title="Add articles", writing=_state(request).token is not None,
                  error="", upload_limit=upload_limit(request))


@router.post("/ingest", response_model=None)
async def ingest_submit(request: Request, token: str = Form(""),
                        files: list[UploadFile] = File(default_factory=list)) -> Response:
    """Queue the uploaded files for ingest (the form without JavaScript); on to the job's page.

    The token in the form is what lets a write through, so another site cannot make a visitor's
    browser ingest (it does not know the token).
    """
    from .jobs import Upload

    writing = _state(request).token is not None

    def refused(status: int, message: str) -> HTMLResponse:
        return render(request, "ingest.html", status_code=status, title="Add articles", writing=writing,
                      error=message, upload_limit=upload_limit(request))

    if not writing:
        return refused(403, "Writing is off: the server was started without GOODTERMS_TOKEN.")
    if not token_ok(request, token):
        return refused(401, "That is not the server's token.")
    uploads = []
    for upload in files:
        name = Path((upload.filename or "upload").replace("\\", "/")).name or "upload"
        kind = INGEST_KINDS.get(Path(name).suffix.lower())
        if kind is None:
            return refused(415, f"{name}: only .txt, .html and .htm files can be added.")
        uploads.append(Upload(name, await upload.read(), kind))
    if not uploads:
        return refused(422, "Choose one or more files to add.")
    job = _state(request).jobs.submit(uploads)
    return RedirectResponse(f"/ingest/{job['id']}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse)
def ingest_progress(request: Request, job_id: str) -> HTMLResponse:
    """How far an ingest job got; static/ingest.js refreshes it, a reload does without JavaScript."""
    job = _state(request).jobs.get(job_id[:64])
    if job is None:
        return render(request, "missing.html", status_code=404, title="No such job",
                      message="The store holds no ingest job with this id.")
    return render(request, "ingest_job.html", title="Adding articles", job=job)


__all__ = ["mount", "router", "render"]
