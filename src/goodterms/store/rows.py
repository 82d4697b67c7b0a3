"""An analysis as table rows: one row per person, relation, quote, stance and piece of evidence."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Analysis, Person, Span
from .schema import Base, EvidenceRow, PersonRow, QuoteRow, RelationRow, StanceRow

Row = dict[str, Any]


def _spans(spans: Iterable[Span]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def _first(spans: list[list[int]]) -> dict[str, int | None]:
    """The start and end columns: the first span's, or NULL when there is none."""
    return {"start": spans[0][0], "end": spans[0][1]} if spans else {"start": None, "end": None}


def descriptor_texts(person: Person) -> list[str]:
    """The distinct texts of a person's descriptor mentions ("the actress"), in text order."""
    return list(dict.fromkeys(m.text for m in person.mentions if m.kind == "descriptor"))


def person_rows(article_id: str, analysis: Analysis) -> list[Row]:
    """One row per person of the article."""
    return [{
        "article_id": article_id, "local_id": p.id, "name": p.name, "aliases": list(p.aliases),
        "handles": list(p.handles), "gender": p.gender, "mentions": len(p.mentions),
        "descriptors": descriptor_texts(p),
    } for p in analysis.people]


def relation_rows(article_id: str, analysis: Analysis) -> list[Row]:
    """One row per relation."""
    rows = []
    for r in analysis.relations:
        spans = _spans(r.evidence)
        rows.append({"article_id": article_id, "subject": r.subject, "object": r.object, "type": r.type,
                     "status": r.status, "rule": r.rule, "spans": spans, "derived_from": list(r.derived_from),
                     **_first(spans)})
    return rows


def quote_rows(article_id: str, analysis: Analysis) -> list[Row]:
    """One row per quote; `spans` holds its parts when an attribution interrupts it."""
    return [{
        "article_id": article_id, "speaker": q.speaker, "text": q.text, "outlet": q.outlet, "cue": q.cue,
        "kind": q.kind, "start": q.start, "end": q.end,
        "spans": _spans(q.parts) if q.parts else [[q.start, q.end]],
    } for q in analysis.quotes]


def stance_rows(article_id: str, analysis: Analysis) -> list[Row]:
    """One row per stance."""
    rows = []
    for s in analysis.stances:
        spans = _spans(s.evidence)
        rows.append({"article_id": article_id, "source": s.source, "target": s.target, "polarity": s.polarity,
                     "score": s.score, "rule": s.rule, "spans": spans, **_first(spans)})
    return rows


def evidence_rows(article_id: str, analysis: Analysis) -> list[Row]:
    """One row per piece of pair evidence."""
    return [{
        "article_id": article_id, "a": e.a, "b": e.b, "kind": e.kind, "score": e.score, "note": e.note,
        "rule": e.rule, "start": e.span.start, "end": e.span.end, "spans": [[e.span.start, e.span.end]],
    } for e in analysis.evidence]


def record_rows(article_id: str, analysis: Analysis) -> list[tuple[type[Base], list[Row]]]:
    """Every record table's rows for one analysis, persons first (the others name them)."""
    return [
        (PersonRow, person_rows(article_id, analysis)),
        (RelationRow, relation_rows(article_id, analysis)),
        (QuoteRow, quote_rows(article_id, analysis)),
        (StanceRow, stance_rows(article_id, analysis)),
        (EvidenceRow, evidence_rows(article_id, analysis)),
    ]
