"""ask(): are A and B on good terms, answered from the evidence of one or many analysed articles."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..extract.verdict import verdict_from_evidence
from ..model import Analysis, PairEvidence, Person, Record

A, B = "A", "B"


@dataclass(frozen=True)
class AnswerItem(Record):
    """One piece of evidence, placed: which article, which offsets, what it says."""

    source: str
    document_id: str
    published: str | None
    kind: str
    score: float
    start: int
    end: int
    sentence: str
    note: str
    rule: str = ""


@dataclass(frozen=True)
class Answer(Record):
    """The verdict on a pair across articles, with every piece of evidence behind it."""

    a: str
    b: str
    verdict: str
    confidence: float
    articles: int
    found_in: int
    items: tuple[AnswerItem, ...] = field(default_factory=tuple)
    timeline: tuple[tuple[str, str], ...] = ()  # (published or source, verdict in that article)
    found_a: int = 0  # articles naming A
    found_b: int = 0  # articles naming B


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold().strip().lstrip("@")
    return text[:-2] if text.endswith("'s") else text


def find_person(analysis: Analysis, name: str) -> Person | None:
    """The person in an analysis that a user's name means: exact name, alias or handle, then last name."""
    want = _norm(name)
    for person in analysis.people:
        keys = {_norm(person.name)} | {_norm(a) for a in person.aliases} | {_norm(h) for h in person.handles}
        if want in keys:
            return person
    tokens = want.split()
    for person in analysis.people:
        parts = _norm(person.name).split()
        if tokens and parts and (tokens[-1] == parts[-1] and tokens[0] == parts[0]):
            return person
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[max(left, 0):right].split())


def ask(name_a: str, name_b: str, analyses: Iterable[Analysis]) -> Answer:
    """Are A and B on good terms? The verdict over every article that names both."""
    evidence: list[PairEvidence] = []
    items: list[AnswerItem] = []
    timeline: list[tuple[str, str]] = []
    total = found = found_a = found_b = 0
    for analysis in analyses:
        total += 1
        pa, pb = find_person(analysis, name_a), find_person(analysis, name_b)
        found_a += pa is not None
        found_b += pb is not None
        if pa is None or pb is None or pa.id == pb.id:
            continue
        found += 1
        doc = analysis.document
        mine = [e for e in analysis.evidence if {e.a, e.b} == {pa.id, pb.id}]
        for e in mine:
            a, b = (A, B) if e.a == pa.id else (B, A)
            note = e.note
            evidence.append(PairEvidence(a, b, e.kind, e.score, e.span, note, e.rule))
            items.append(AnswerItem(doc.source, doc.id, doc.published, e.kind, e.score, e.span.start, e.span.end,
                                    _sentence_around(doc.text, e.span.start, e.span.end), note, e.rule))
        local = verdict_from_evidence(pa.id, pb.id, mine)
        timeline.append((doc.published or doc.source, local.verdict))
    verdict = verdict_from_evidence(A, B, evidence)
    timeline.sort()
    return Answer(name_a, name_b, verdict.verdict, verdict.confidence, total, found, tuple(items), tuple(timeline),
                  found_a, found_b)
