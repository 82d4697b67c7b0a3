"""What the store's reads return: plain frozen records, detached from any database session.

The CLI, the query functions of other areas and the coming web app read these; none of them
needs SQLAlchemy to use one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..model import Record


@dataclass(frozen=True)
class ArticleInfo(Record):
    """An article's row without its text and analysis: enough to list it and date it."""

    id: str
    source: str
    url: str
    title: str
    published: str | None
    engine: str
    analysed_at: datetime | None


@dataclass(frozen=True)
class StoredReject(Record):
    """A refused input as the store keeps it: the Rejected fields, when, and its row id."""

    id: int
    source: str
    location: str
    code: str
    message: str
    at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the time as ISO 8601."""
        data = super().to_dict()
        data["at"] = self.at.isoformat() if self.at else None
        return data


@dataclass(frozen=True)
class EvidenceFact(Record):
    """One piece of pair evidence with its persons' entities and its article's date and source."""

    article_id: str
    published: str | None
    source: str
    title: str
    a: str
    b: str
    a_entity: int | None
    b_entity: int | None
    kind: str
    score: float
    note: str
    rule: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Override(Record):
    """A hand correction of resolution: merge or split a and b, as the user named them."""

    id: int
    action: str
    a: str
    b: str
    at: datetime | None


@dataclass(frozen=True)
class IngestJobRecord(Record):
    """An ingest job as the store keeps it: state, counts, the first rejects' messages, times,
    and the process that runs it (`owner`) with its last sign of life (`heartbeat`)."""

    id: str
    state: str
    total: int
    done: int
    stored: int
    skipped: int
    reanalysed: int
    rejected: int
    rejects: tuple[str, ...]
    error: str | None
    entities: int | None
    owner: str
    created: datetime
    started: datetime | None
    finished: datetime | None
    heartbeat: datetime
