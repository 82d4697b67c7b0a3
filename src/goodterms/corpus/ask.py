"""ask(): are A and B on good terms, answered from the evidence of one or many analysed articles."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from ..model import Analysis, Person, Record
from .timeline import A, B, HALF_LIFE_DAYS, Conflict, Period, Report, summarize


AnswerItem = Report  # the name this record had before reports were dated and placed


@dataclass(frozen=True)
class Answer(Record):
    """The verdict on a pair across articles: now, over time, with every report behind it.

    `verdict`/`confidence` are the state as of `as_of` (the newest report's date), newer reports
    weighing more; `timeline` lists the periods it went through; `conflicts` the months in which
    articles disagreed; `items` the reports (newest first; a store shows the newest 20 of
    `reports`), each placed in its article.
    """

    a: str
    b: str
    verdict: str
    confidence: float
    articles: int
    found_in: int
    items: tuple[Report, ...] = field(default_factory=tuple)
    timeline: tuple[Period, ...] = ()
    found_a: int = 0  # articles naming A
    found_b: int = 0  # articles naming B
    conflicts: tuple[Conflict, ...] = ()
    as_of: str | None = None
    undated: int = 0  # articles with reports but no date
    reasons: tuple[str, ...] = ()
    reports: int = 0  # every report counted in the verdict; `items` may show fewer
    resolved: tuple[str, ...] = ()  # who a store took A and B to be (their display names)
    notes: tuple[str, ...] = ()  # e.g. a name that may mean more than one person

    nested: ClassVar[dict[str, type]] = {"items": Report, "timeline": Period, "conflicts": Conflict}


#: Fills in what a report lacks before it is shown (a store reads sentences only for those).
Placer = Callable[[Sequence[Report]], Sequence[Report]]


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Reports by date, newest first (undated last), the strongest first within a day."""
    ordered = sorted(reports, key=lambda r: (-abs(r.score), r.source, r.start))
    return sorted(ordered, key=lambda r: r.published or "", reverse=True)


def answer_from_reports(a: str, b: str, reports: Sequence[Report], *, articles: int, found_in: int,
                        found_a: int, found_b: int, grain: str = "month",
                        half_life_days: float = HALF_LIFE_DAYS, limit: int | None = None,
                        place: Placer | None = None, names: tuple[str, ...] = (),
                        notes: tuple[str, ...] = ()) -> Answer:
    """The answer on A and B from their reports: one function for files and for a store.

    All reports count in the verdict and timeline; `items` holds the newest `limit` of them
    (all with None), and `place` fills in the sentences of those and of the conflicts' reports.
    """
    summary = summarize(reports, grain=grain, half_life_days=half_life_days)
    items = newest_first(reports)[:limit] if limit is not None else newest_first(reports)
    conflicts = summary.conflicts
    if place is not None:
        in_conflicts = [r for c in conflicts for r in (*c.good, *c.bad)]
        filled = list(place([*items, *in_conflicts]))
        items, rest = filled[:len(items)], iter(filled[len(items):])
        conflicts = tuple(replace(c, good=tuple(next(rest) for _ in c.good), bad=tuple(next(rest) for _ in c.bad))
                          for c in conflicts)
    return Answer(a, b, summary.verdict, summary.confidence, articles, found_in, tuple(items), summary.timeline,
                  found_a, found_b, conflicts, summary.as_of, summary.undated, summary.reasons, len(reports),
                  names, notes)


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


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end], whitespace collapsed, for showing evidence."""
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[max(left, 0):right].split())


def _outlet_at(analysis: Analysis, position: int) -> str | None:
    """The outlet credited with the quote that holds this position, if any."""
    for quote in analysis.quotes:
        if quote.outlet and quote.start <= position < quote.end:
            return quote.outlet
    return None


def reports_of(analysis: Analysis, pa: Person, pb: Person) -> list[Report]:
    """Every piece of evidence between two people of one article, placed (A is pa, B is pb)."""
    doc = analysis.document
    out = []
    for e in analysis.evidence:
        if {e.a, e.b} != {pa.id, pb.id}:
            continue
        a, b = (A, B) if e.a == pa.id else (B, A)
        out.append(Report(doc.id, doc.source, doc.published, e.kind, e.score, e.span.start, e.span.end,
                          sentence_around(doc.text, e.span.start, e.span.end), e.note, e.rule,
                          _outlet_at(analysis, e.span.start), a, b))
    return out


def ask(name_a: str, name_b: str, analyses: Iterable[Analysis], *, grain: str = "month",
        half_life_days: float = HALF_LIFE_DAYS) -> Answer:
    """Are A and B on good terms? The verdict now and over time, over every article naming both."""
    reports: list[Report] = []
    total = found = found_a = found_b = 0
    for analysis in analyses:
        total += 1
        pa, pb = find_person(analysis, name_a), find_person(analysis, name_b)
        found_a += pa is not None
        found_b += pb is not None
        if pa is None or pb is None or pa.id == pb.id:
            continue
        found += 1
        reports.extend(reports_of(analysis, pa, pb))
    return answer_from_reports(name_a, name_b, reports, articles=total, found_in=found, found_a=found_a,
                               found_b=found_b, grain=grain, half_life_days=half_life_days)
