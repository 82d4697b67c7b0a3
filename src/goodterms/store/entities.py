"""Resolution's reads and writes on the store: person facts out, entities and links back in.

`person_facts` streams the facts `goodterms.corpus.resolve.resolve` reads, made from the
persons and relations tables (never the full analyses), a batch of articles at a time, equal
to `facts_of` of each stored analysis. `write_entities` replaces the store's entities, their
name forms and every person's link in one transaction, so readers see the old resolution or
the new one, never a mix.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Text, bindparam, delete, insert, select, type_coerce, update

from ..corpus.resolve import ASYMMETRIC_INVERSE, PersonEntity, PersonFacts
from .schema import Article, Entity, EntityName, PersonRow, RelationRow
from .planner_statistics import update_planner_statistics
from .search_tops import refresh_search_tops
from .store import Store

#: Articles whose facts are read per query.
BATCH = 500


def descriptor_word(text: str) -> str:
    """The word of a descriptor that resolution compares: its last, lower-cased ("the actress": "actress")."""
    words = text.lower().split()
    return words[-1] if words else ""


def person_facts(store: Store, *, batch: int = BATCH) -> Iterator[PersonFacts]:
    """Every stored person's facts, article by article in id order, people in their article's order."""
    last = ""
    while True:
        with store.reading() as connection:
            ids = connection.execute(select(Article.id).where(Article.id > last).order_by(Article.id)
                                     .limit(batch)).scalars().all()
            if not ids:
                return
            people = connection.execute(
                select(PersonRow.article_id, PersonRow.local_id, PersonRow.name, _raw(PersonRow.aliases),
                       _raw(PersonRow.handles), PersonRow.gender, PersonRow.mentions, _raw(PersonRow.descriptors),
                       Article.published)
                .join(Article, Article.id == PersonRow.article_id)
                .where(PersonRow.article_id.in_(ids)).order_by(PersonRow.article_id, PersonRow.id)).all()
            relations = connection.execute(
                select(RelationRow.article_id, RelationRow.subject, RelationRow.object, RelationRow.type,
                       RelationRow.status).where(RelationRow.article_id.in_(ids))).all()
        yield from _facts(people, relations)
        last = ids[-1]


def _facts(people: Sequence, relations: Sequence) -> Iterator[PersonFacts]:  # type: ignore[type-arg]
    """Person facts from person and relation rows of whole articles (as `resolve.facts_of` makes them)."""
    by_article: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in people:
        by_article[row.article_id].append(row)
    ties: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    named: dict[str, dict[str, str]] = {}  # article -> local id -> name
    for rel in relations:
        if rel.article_id not in named:
            named[rel.article_id] = {p.local_id: p.name for p in by_article.get(rel.article_id, ())}
        names = named[rel.article_id]
        if rel.subject in names and rel.object in names:
            ties[(rel.article_id, rel.subject)].add((rel.type, rel.status, names[rel.object]))
            inverse = ASYMMETRIC_INVERSE.get(rel.type, rel.type)
            ties[(rel.article_id, rel.object)].add((inverse, rel.status, names[rel.subject]))
    for article_id, rows in by_article.items():
        everyone = [p.name for p in rows]
        for i, row in enumerate(rows):
            yield PersonFacts(
                article=article_id, local=row.local_id, name=row.name, published=row.published,
                aliases=_listed(row.aliases), handles=_listed(row.handles), gender=row.gender,
                mentions=row.mentions, co_mentions=tuple(everyone[:i] + everyone[i + 1:]),  # local ids are unique
                relations=tuple(sorted(ties[(article_id, row.local_id)])),
                descriptors=tuple(sorted({descriptor_word(d) for d in _listed(row.descriptors)} - {""})),
            )


def _raw(column: Any) -> Any:
    """A JSON list column read as its stored text where the driver gives text (SQLite), so the
    empty lists most persons have cost no JSON parse; labelled with the column's name."""
    return type_coerce(column, Text).label(column.key)


def _listed(value: Any) -> tuple[str, ...]:
    """A JSON list column's value as a tuple, from its text (SQLite) or the driver's list (PostgreSQL)."""
    if not value or value == "[]":
        return ()
    return tuple(json.loads(value) if isinstance(value, str) else value)


def write_entities(store: Store, entities: Sequence[PersonEntity]) -> None:
    """Replace the store's entities, name forms and person links with these, in one transaction.

    A member naming a person the store does not hold (an article removed since) is passed over.
    """
    with store.writing() as connection:
        connection.execute(update(PersonRow).where(PersonRow.entity_id.is_not(None))
                           .values(entity_id=None, link=None))
        connection.execute(delete(EntityName))
        connection.execute(delete(Entity))
        if not entities:
            return
        ids = connection.execute(
            insert(Entity).returning(Entity.id, sort_by_parameter_order=True),
            [{"key": e.key, "name": e.name, "gender": e.gender, "articles": e.articles} for e in entities],
        ).scalars().all()
        names = [{"entity_id": entity_id, "name": n.name, "key": n.key, "kind": n.kind, "count": n.count}
                 for entity_id, e in zip(ids, entities) for n in e.names]
        if names:
            connection.execute(insert(EntityName), names)
        links = [{"a": m.article, "l": m.local, "e": entity_id, "why": m.link}
                 for entity_id, e in zip(ids, entities) for m in e.members]
        if links:
            connection.execute(
                update(PersonRow).where(PersonRow.article_id == bindparam("a"), PersonRow.local_id == bindparam("l"))
                .values(entity_id=bindparam("e"), link=bindparam("why")), links)
        refresh_search_tops(connection)
        update_planner_statistics(connection)
