"""Ingest: documents in, analyses stored, rejects recorded; one outcome per input, streamed.

Articles already stored are skipped before they are analysed (by document id), unless
`reanalyze` is set and another engine made them. Each analysis is saved in its own
transaction, so an ingest killed at any point loses nothing already stored and leaves no half
article; running it again carries on where it stopped.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..config import Settings
from ..engine import engine_id
from ..errors import StoreError
from ..model import Analysis, Document, Rejected
from ..pipeline import analyze_many
from .store import REANALYSED, SKIPPED, STORED, Store

#: What happened to one input.
REJECTED = "rejected"
OUTCOMES = (STORED, SKIPPED, REANALYSED, REJECTED)

#: Something that turns documents into analyses, in order, as `analyze_many` does
#: (`goodterms.scale` offers parallel ones with the same signature).
Analyser = Callable[..., Iterable[Analysis | Rejected]]


@dataclass(frozen=True)
class Outcome:
    """One input's fate: stored, skipped, reanalysed or rejected (with the Rejected record)."""

    kind: str
    source: str
    document_id: str = ""
    rejected: Rejected | None = None


@dataclass
class Tally:
    """How many inputs had each outcome."""

    stored: int = 0
    skipped: int = 0
    reanalysed: int = 0
    rejected: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.kind, getattr(self, outcome.kind) + 1)

    def summary(self) -> str:
        """One line: 'stored 3, skipped 1, re-analysed 0, rejected 1'."""
        return (f"stored {self.stored}, skipped {self.skipped}, re-analysed {self.reanalysed}, "
                f"rejected {self.rejected}")


def ingest(
    store: Store, items: Iterable[Document | Rejected], *, settings: Settings | None = None,
    reanalyze: bool = False, analyse: Analyser = analyze_many,
) -> Iterator[Outcome]:
    """Analyse and store every document not stored yet; record every reject. One Outcome per input.

    A StoreError on one article (a value the database refuses) is recorded as its reject and
    the rest go on; a store that cannot be written at all raises StoreError.
    """
    settings = settings or Settings()
    engine = engine_id(settings)
    skipped: deque[Outcome] = deque()
    seen: set[str] = set()

    def needing_analysis() -> Iterator[Document | Rejected]:
        for item in items:
            if isinstance(item, Document):
                if item.id in seen:
                    skipped.append(Outcome(SKIPPED, item.source, item.id))
                    continue
                seen.add(item.id)
                stored_engine = store.engine_of(item.id)
                if stored_engine is not None and (not reanalyze or stored_engine == engine):
                    skipped.append(Outcome(SKIPPED, item.source, item.id))
                    continue
            yield item

    for result in analyse(needing_analysis(), settings=settings):
        while skipped:
            yield skipped.popleft()
        yield _keep(store, result, engine, reanalyze)
    while skipped:
        yield skipped.popleft()


def _keep(store: Store, result: Analysis | Rejected, engine: str, reanalyze: bool) -> Outcome:
    """Save an analysis or record a reject, and say which."""
    if isinstance(result, Rejected):
        store.add_reject(result)
        return Outcome(REJECTED, result.source, rejected=result)
    doc = result.document
    try:
        return Outcome(store.save(result, engine=engine, reanalyze=reanalyze), doc.source, doc.id)
    except StoreError as exc:
        rejected = Rejected(doc.source or doc.id, exc.code, f"{doc.source or doc.id}: cannot store: {exc.message}")
        store.add_reject(rejected)
        return Outcome(REJECTED, rejected.source, doc.id, rejected)
