"""Resolution on the store: person facts read from rows equal facts_of of the analyses, and
entities written back link every person, in one transaction. Both databases."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from goodterms import analyze_one, read_path
from goodterms.corpus.resolve import facts_of, resolve
from goodterms.model import Analysis
from goodterms.store import Store
from goodterms.store.entities import person_facts, write_entities
from goodterms.store.schema import Entity, EntityName, PersonRow

from conftest import ARTICLES
from databases import db_url, postgres_module_url, store  # noqa: F401  (fixtures)

#: Invented fixture articles with relations, descriptors ("the actress") and people in common.
NAMES = ("colon_block_quote", "comments_run", "interrupted_and_partial_quotes", "stepmom_hubby",
         "descriptor_saying_colon", "exes_reconcile_coparent", "stepdaughter_tribute")


@pytest.fixture(scope="module")
def analyses(nlp: Any) -> list[Analysis]:
    return [analyze_one(read_path(ARTICLES / f"{name}.txt")) for name in NAMES]


def stored(store: Store, analyses: list[Analysis]) -> list[Analysis]:
    for analysis in analyses:
        store.save(analysis, engine="e1")
    return sorted(analyses, key=lambda a: a.document.id)


def test_person_facts_from_rows_equal_facts_of_the_analyses(store: Store, analyses: list[Analysis]) -> None:
    ordered = stored(store, analyses)
    expected = [fact for analysis in ordered for fact in facts_of(analysis)]
    assert list(person_facts(store, batch=2)) == expected
    assert any(f.descriptors for f in expected) and any(f.relations for f in expected)


def test_entities_written_back_link_every_person(store: Store, analyses: list[Analysis]) -> None:
    stored(store, analyses)
    entities = resolve(person_facts(store))
    write_entities(store, entities)
    with store.reading() as connection:
        rows = connection.execute(select(Entity.id, Entity.key, Entity.name, Entity.articles).order_by(Entity.id)).all()
        linked = connection.execute(select(PersonRow.article_id, PersonRow.local_id, PersonRow.entity_id,
                                           PersonRow.link)).all()
        forms = connection.execute(select(EntityName.entity_id, EntityName.name, EntityName.key, EntityName.kind,
                                          EntityName.count)).all()
    assert [(r.key, r.name, r.articles) for r in rows] == [(e.key, e.name, e.articles) for e in entities]
    entity_of = {r.id: i for i, r in enumerate(rows)}
    assert {(p.article_id, p.local_id): (entity_of[p.entity_id], p.link) for p in linked} == {
        (m.article, m.local): (i, m.link) for i, e in enumerate(entities) for m in e.members}
    assert sorted((entity_of[f.entity_id], f.name, f.key, f.kind, f.count) for f in forms) == sorted(
        (i, n.name, n.key, n.kind, n.count) for i, e in enumerate(entities) for n in e.names)
    assert any(e.articles > 1 for e in entities)


def test_writing_entities_again_replaces_them(store: Store, analyses: list[Analysis]) -> None:
    stored(store, analyses[:3])
    write_entities(store, resolve(person_facts(store)))
    first = store.count(Entity)
    write_entities(store, resolve(person_facts(store)))
    assert store.count(Entity) == first
    write_entities(store, [])
    assert store.count(Entity) == store.count(EntityName) == 0
    with store.reading() as connection:
        assert connection.execute(select(func.count()).select_from(PersonRow)
                                  .where(PersonRow.entity_id.is_not(None))).scalar_one() == 0


def test_articles_with_entities_and_their_evidence(store: Store, analyses: list[Analysis]) -> None:
    from goodterms.store.queries import article_infos, articles_with, evidence_for_articles

    by_id = {a.document.id: a for a in stored(store, analyses)}
    entities = resolve(person_facts(store))
    write_entities(store, entities)
    with store.reading() as connection:
        ids = dict(connection.execute(select(Entity.key, Entity.id)).tuples().all())
        entity_of = {(p.article_id, p.local_id): p.entity_id for p in
                     connection.execute(select(PersonRow.article_id, PersonRow.local_id, PersonRow.entity_id))}
    busiest = entities[0]  # most articles first
    assert busiest.articles > 1
    found = articles_with(store, [ids[busiest.key]])
    assert sorted(a.id for a in found) == sorted({m.article for m in busiest.members})
    assert [a.published for a in found] == sorted((a.published for a in found), key=lambda d: (d is None, d or ""))
    pairs = {(entity_of[(a, e.a)], entity_of[(a, e.b)]) for a, an in by_id.items() for e in an.evidence}
    first, second = next((x, y) for x, y in sorted(pairs) if x != y)
    both = {a.id for a in articles_with(store, [first, second])}
    assert both == {a for a in by_id if {first, second} <= {entity_of[(a, p.id)] for p in by_id[a].people}}
    assert articles_with(store, []) == [] and articles_with(store, [first, 10**9]) == []

    facts = evidence_for_articles(store, sorted(both) + ["0000000000000000"])
    assert sorted((f.article_id, f.a, f.b, f.kind, f.score, f.rule, f.start, f.end) for f in facts) == sorted(
        (a, e.a, e.b, e.kind, e.score, e.rule, e.span.start, e.span.end) for a in both for e in by_id[a].evidence)
    assert all((f.a_entity, f.b_entity) == (entity_of[(f.article_id, f.a)], entity_of[(f.article_id, f.b)])
               for f in facts)
    assert [i.id for i in article_infos(store, list(reversed(sorted(both))))] == list(reversed(sorted(both)))
