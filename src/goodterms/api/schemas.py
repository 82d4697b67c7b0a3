"""The JSON shapes of the API (pydantic), so /openapi.json documents every answer.

The article analysis is the engine's contract (`goodterms.article/1`, FORMAT.md), passed on as
an object; everything else is typed here.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from ..corpus.ask import Answer

T = TypeVar("T")

#: The most items one page of any list may hold.
MAX_PAGE = 100
#: Text no database can hold (PostgreSQL refuses NUL): names and ids must match this.
NO_NUL = r"^[^\x00]*$"
#: How far into a list a page may start (deeper pages are for export, not for browsing).
MAX_OFFSET = 100_000


class ErrorDetail(BaseModel):
    code: str = Field(description="a stable code: the engine's error codes (not_stored, too_large, "
                                  "timeout, ...) or not_found, invalid, unauthorized, writes_off, internal")
    message: str = Field(description="one line saying what is wrong")


class ErrorBody(BaseModel):
    """Every error of the API."""

    error: ErrorDetail


class PageOf(BaseModel, Generic[T]):
    """One page of a list: `items`, how many there are in all, and where the next page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="the offset of the next page; null on the last page")


class Health(BaseModel):
    status: Literal["ok"]
    store: str = Field(description="where the store is (a SQLite file, or a URL with the password hidden)")
    articles: int
    writes: bool = Field(description="whether ingest, merge and split are on (the server has a token)")
    engine: str = Field(description="the engine id new analyses are made with")


class ArticleSummary(BaseModel):
    id: str
    source: str
    url: str
    title: str
    published: str | None
    engine: str
    analysed_at: datetime | None


class ArticleDetail(ArticleSummary):
    """A stored article: its text and the engine's analysis (offsets index `text`)."""

    text: str
    analysis: dict[str, Any] = Field(description="the article contract (schema goodterms.article/1)")


class AnalyzeRequest(BaseModel):
    """An article to analyse without storing it."""

    text: str = Field(min_length=1, description="the article: plain text, or HTML when format is html")
    format: Literal["text", "html"] = "text"
    title: str = Field(default="", max_length=1000)
    source: str = Field(default="", max_length=1000, description="a name for the article in messages")


class AnalyzeResponse(BaseModel):
    analysis: dict[str, Any] = Field(description="the article contract (schema goodterms.article/1)")
    text: str = Field(description="the text the offsets index (the input, normalised)")
    seconds: float = Field(description="how long the analysis took")


class PairOut(BaseModel):
    """The answer on a pair; `answer.items` is one page of its reports (newest first)."""

    answer: Answer
    total: int = Field(description="every report on the pair (all count in the verdict)")
    limit: int
    offset: int
    next_offset: int | None


class PersonMatchOut(BaseModel):
    """A person found by a piece of a name: the display name and the form that matched."""

    name: str
    matched: str
    kind: str = Field(description="which form matched: name, alias or handle")
    articles: int
    entity_id: int | None = Field(description="the person's entity; null in a store not resolved yet")


class IngestJob(BaseModel):
    """An ingest job and how far it got."""

    id: str
    state: Literal["queued", "running", "resolving", "done", "failed", "interrupted"] = Field(
        description="interrupted: the server process running it stopped or died before it finished")
    total: int = Field(description="articles sent")
    done: int = Field(description="articles dealt with so far")
    stored: int
    skipped: int = Field(description="already in the store")
    reanalysed: int
    rejected: int
    rejects: list[str] = Field(description="why articles were refused (the first 100)")
    error: str | None = Field(description="why the job failed, when it did")
    entities: int | None = Field(description="people in the store after resolving again")
    created: float = Field(description="when the job was sent (Unix time)")
    started: float | None
    finished: float | None


class OverrideRequest(BaseModel):
    a: str = Field(min_length=1, max_length=300, pattern=NO_NUL, description="a name, alias or handle")
    b: str = Field(min_length=1, max_length=300, pattern=NO_NUL, description="another")


class OverrideOut(BaseModel):
    """The hand correction recorded, and how many people the store holds after resolving again."""

    id: int
    action: Literal["merge", "split"]
    a: str
    b: str
    at: datetime | None
    entities: int
