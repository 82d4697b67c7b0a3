"""`ask` from a store: the verdict on a pair from its stored, dated evidence, no engine run.

The reports come from the `evidence` rows of the articles that name both people, joined to
their article's date and source; the timeline code (`corpus.timeline`) is the one `ask` over
files uses. Sentences and outlets are read only for the reports shown, so a pair with
thousands of reports answers as fast as a pair with ten.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, or_, select
from sqlalchemy.orm import aliased

from ..store import Store
from ..store.schema import Article, EvidenceRow, PersonRow, QuoteRow
from .ask import Answer, answer_from_reports, sentence_around
from .lookup import Identity, find_identities, resolved
from .timeline import A, B, HALF_LIFE_DAYS, Report

#: How many reports an answer shows (with their sentences) unless told otherwise.
SHOWN = 20


def ask_store(store: Store, name_a: str, name_b: str, *, limit: int | None = SHOWN, grain: str = "month",
              half_life_days: float = HALF_LIFE_DAYS) -> Answer:
    """Are A and B on good terms, by the store? The verdict now, over time, and the newest
    `limit` reports (all with None) in their sentences."""
    with store.reading() as connection:
        entities = resolved(connection)
        found_a = find_identities(connection, name_a, entities=entities)
        found_b = find_identities(connection, name_b, entities=entities)
        notes = _ambiguity_notes(name_a, found_a) + _ambiguity_notes(name_b, found_b)
        if not found_a or not found_b or found_a[0] == found_b[0]:
            either = sum(found[0].articles for found in (found_a, found_b) if found)
            return answer_from_reports(name_a, name_b, [], articles=either, found_in=0,
                                       found_a=found_a[0].articles if found_a else 0,
                                       found_b=found_b[0].articles if found_b else 0, notes=tuple(notes))
        who_a, who_b = found_a[0], found_b[0]
        found_in, reports = pair_reports(connection, who_a, who_b)

        def place(chosen: Sequence[Report]) -> list[Report]:
            return placed(connection, chosen)

        # The articles considered: those naming either person (a store does not count the rest).
        either = who_a.articles + who_b.articles - found_in
        return answer_from_reports(name_a, name_b, reports, articles=either, found_in=found_in,
                                   found_a=who_a.articles, found_b=who_b.articles, grain=grain,
                                   half_life_days=half_life_days, limit=limit, place=place,
                                   names=(who_a.name, who_b.name), notes=tuple(notes))


def _ambiguity_notes(name: str, found: list[Identity]) -> list[str]:
    if len(found) < 2:
        return []
    others = ", ".join(f"{i.name} ({i.articles} articles)" for i in found[1:4])
    return [f"{name!r} is taken as {found[0].name} ({found[0].articles} articles); it may also be {others}"]


Condition = Callable[[Any], ColumnElement[bool]]


def _pair_statement(is_a: Condition, is_b: Condition) -> Select[Any]:
    """Each article naming both (persons picked by is_a and is_b), with its evidence between them."""
    side_a, side_b = aliased(PersonRow), aliased(PersonRow)
    forward = and_(EvidenceRow.a == side_a.local_id, EvidenceRow.b == side_b.local_id)
    backward = and_(EvidenceRow.a == side_b.local_id, EvidenceRow.b == side_a.local_id)
    return (select(side_a.article_id, Article.source, Article.published, EvidenceRow.kind, EvidenceRow.score,
                   EvidenceRow.start, EvidenceRow.end, EvidenceRow.note, EvidenceRow.rule, EvidenceRow.a,
                   side_a.local_id.label("la"))
            .select_from(side_a)
            .join(side_b, and_(side_b.article_id == side_a.article_id, side_b.local_id != side_a.local_id))
            .join(Article, Article.id == side_a.article_id)
            .outerjoin(EvidenceRow, and_(EvidenceRow.article_id == side_a.article_id, or_(forward, backward)))
            .where(is_a(side_a), is_b(side_b)))


@lru_cache(maxsize=1)
def _entity_pair_statement() -> Select[Any]:
    """The pair statement for two entities, built once (building costs more than the query)."""
    return _pair_statement(lambda side: side.entity_id == bindparam("entity_a"),
                           lambda side: side.entity_id == bindparam("entity_b"))


def pair_reports(connection: Connection, who_a: Identity, who_b: Identity) -> tuple[int, list[Report]]:
    """How many articles name both, and every piece of evidence between them (no sentences yet).

    One pass: each article naming both, with its pieces of evidence between the two (none for
    an article that names both but says nothing of how they get on). The statement walks the
    articles of its first person and looks the second up in each, so the less-named person goes
    first (the database's statistics cannot tell two people apart).
    """
    first, second, sides = (who_a, who_b, (A, B)) if who_a.articles <= who_b.articles else (who_b, who_a, (B, A))
    if first.entity_id is not None and second.entity_id is not None:
        rows = connection.execute(_entity_pair_statement(),
                                  {"entity_a": first.entity_id, "entity_b": second.entity_id}).all()
    else:
        rows = connection.execute(_pair_statement(first.persons, second.persons)).all()
    found_in = len({r.article_id for r in rows})
    flipped = sides[::-1]
    reports = [Report(r.article_id, r.source, r.published, r.kind, r.score, r.start or 0, r.end or 0, "",
                      r.note, r.rule, None, *(sides if r.a == r.la else flipped))
               for r in rows if r.kind is not None]
    return found_in, reports


_TEXTS = select(Article.id, Article.text).where(Article.id.in_(bindparam("ids", expanding=True)))
_OUTLETS = (select(QuoteRow.article_id, QuoteRow.start, QuoteRow.end, QuoteRow.outlet)
            .where(QuoteRow.article_id.in_(bindparam("ids", expanding=True)), QuoteRow.outlet.is_not(None)))


def placed(connection: Connection, reports: Sequence[Report]) -> list[Report]:
    """The reports with their sentence and the outlet of the quote holding them, read from the
    store for their articles only."""
    articles = sorted({r.article_id for r in reports})
    if not articles:
        return list(reports)
    texts = {i: t for i, t in connection.execute(_TEXTS, {"ids": articles})}
    quotes: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article_id, start, end, outlet in connection.execute(_OUTLETS, {"ids": articles}):
        quotes[article_id].append((start or 0, end or 0, outlet))
    out = []
    for r in reports:
        text = texts.get(r.article_id, "")
        outlet = next((o for s, e, o in quotes[r.article_id] if s <= r.start < e), None)
        out.append(replace(r, sentence=sentence_around(text, r.start, r.end), outlet=outlet))
    return out
