"""People across the store's articles: resolution run over the stored persons, its result written back.

`resolve_store` reads every stored person with what resolution needs (its article's date, the
article's other people, its relations: `entities.person_facts`), reads the hand corrections (`overrides`), resolves them
with `goodterms.corpus.resolve.resolve`, and writes the entities: `persons.entity_id` and
`persons.link`, `entities` and `entity_names`. An entity keeps its id across runs when most of
its members had that id before, so an unchanged entity keeps its id and a grown one keeps the id
most of it had. Only what changed is written, in one transaction: readers see the old entities
or the new ones, never half of each.

`why` and `entities_named` are the read side: the reasons an entity holds each of its names, and
the entities a name stands for (for `merge`, `split`, `person --why` and the coming web app).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from ..corpus.resolve import Override, PersonEntity, handle_key, name_key, override_key, resolve
from ..model import Record
from .entities import person_facts
from .schema import Entity, EntityName, PersonRow, SearchTop
from .planner_statistics import update_planner_statistics
from .search_tops import refresh_search_tops
from .store import Store

#: Rows per statement when ids go into an IN list or a batch of updates.
CHUNK = 500


@dataclass(frozen=True)
class Resolved(Record):
    """What one resolution run did: persons and entities in all, and what changed."""

    persons: int
    entities: int
    relinked: int  # persons whose entity or link changed
    new_entities: int
    removed_entities: int


@dataclass(frozen=True)
class NameReason(Record):
    """One name an entity holds, why it holds it, and in how many articles (one example article)."""

    name: str
    link: str
    articles: int
    example: str  # an article id


@dataclass(frozen=True)
class EntitySummary(Record):
    """An entity as a lookup by name finds it: id, display name, article count, and how the name matched."""

    id: int
    name: str
    articles: int
    matched: str  # name, alias or handle


# --- reading what is stored ----------------------------------------------------------------

OldLinks = dict[tuple[str, str], tuple[int, "int | None", "str | None"]]


def _old_links(connection: Connection) -> OldLinks:
    """(article, local id) -> (person row id, entity id, link) of every stored person."""
    return {(r.article_id, r.local_id): (r.id, r.entity_id, r.link) for r in connection.execute(
        select(PersonRow.id, PersonRow.article_id, PersonRow.local_id, PersonRow.entity_id, PersonRow.link))}


# --- writing the entities -------------------------------------------------------------------

def _assign_ids(entities: Sequence[PersonEntity], old: OldLinks, next_id: int) -> list[int]:
    """An id per entity: the old id most of its members had (largest entities choose first), else a new one."""
    order = sorted(range(len(entities)), key=lambda k: (-len(entities[k].members), entities[k].key,
                                                        entities[k].members[0].article, entities[k].members[0].local))
    claimed: set[int] = set()
    ids = [0] * len(entities)
    for k in order:
        votes = Counter(old[(m.article, m.local)][1] for m in entities[k].members if (m.article, m.local) in old)
        votes.pop(None, None)
        choice = next((i for i, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if i not in claimed), None)
        if choice is None:
            choice, next_id = next_id, next_id + 1
        claimed.add(choice)
        ids[k] = choice
    return ids


def _names_of(entity: PersonEntity) -> list[tuple[str, str, str, int]]:
    return sorted((n.name, n.key, n.kind, n.count) for n in entity.names)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _write(connection: Connection, entities: Sequence[PersonEntity], ids: list[int], old: OldLinks) -> Resolved:
    """Write entities, their names and the persons' links; only what changed."""
    before = {r.id: (r.key, r.name, r.gender, r.articles) for r in connection.execute(
        select(Entity.id, Entity.key, Entity.name, Entity.gender, Entity.articles))}
    old_names: dict[int, list[tuple[str, str, str, int]]] = defaultdict(list)
    for r in connection.execute(select(EntityName.entity_id, EntityName.name, EntityName.key, EntityName.kind,
                                       EntityName.count)):
        old_names[r.entity_id].append((r.name, r.key, r.kind, r[4]))  # r.count is the tuple method
    new_rows, changed_rows, renamed = [], [], []
    for entity, eid in zip(entities, ids):
        values = {"key": entity.key, "name": entity.name, "gender": entity.gender, "articles": entity.articles}
        if eid not in before:
            new_rows.append({"id": eid, **values})
        elif before[eid] != tuple(values.values()):
            changed_rows.append({"eid": eid, **values})
        if sorted(old_names.get(eid, [])) != _names_of(entity):
            renamed.append((eid, entity))
    if new_rows:
        connection.execute(insert(Entity), new_rows)
    if changed_rows:
        connection.execute(update(Entity).where(Entity.id == bindparam("eid"))
                           .values(key=bindparam("key"), name=bindparam("name"), gender=bindparam("gender"),
                                   articles=bindparam("articles")),
                           changed_rows)
    links = []
    for entity, eid in zip(entities, ids):
        for m in entity.members:
            if (m.article, m.local) not in old:
                continue  # an article removed since its facts were read
            row_id, was, link = old[(m.article, m.local)]
            if was != eid or link != m.link:
                links.append({"pid": row_id, "entity_id": eid, "link": m.link})
    for batch in _chunks(links, 5000):
        connection.execute(update(PersonRow).where(PersonRow.id == bindparam("pid"))
                           .values(entity_id=bindparam("entity_id"), link=bindparam("link")), list(batch))
    gone = sorted(set(before) - set(ids))
    for chunk in _chunks([eid for eid, _ in renamed] + gone):
        connection.execute(delete(EntityName).where(EntityName.entity_id.in_(chunk)))
    name_rows = [{"entity_id": eid, "name": n, "key": k, "kind": kind, "count": c}
                 for eid, entity in renamed for n, k, kind, c in _names_of(entity)]
    for batch in _chunks(name_rows, 5000):
        connection.execute(insert(EntityName), list(batch))
    for chunk in _chunks(gone):
        connection.execute(delete(Entity).where(Entity.id.in_(chunk)))
    if new_rows or changed_rows or renamed or gone or not _search_tops_kept(connection):
        refresh_search_tops(connection)
    if new_rows or changed_rows or links or gone:
        update_planner_statistics(connection)
    return Resolved(len(old), len(entities), len(links), len(new_rows), len(gone))


def _search_tops_kept(connection: Connection) -> bool:
    """Whether search_tops holds its lists (emptied by a change of people since it was written,
    or never written in a store where no key is common: written again either way)."""
    return connection.execute(select(SearchTop.key).limit(1)).first() is not None


def resolve_store(store: Store) -> Resolved:
    """Resolve every stored person into entities, with the hand corrections, and store the result.

    The facts are read first (in batches, see `entities.person_facts`) and resolved outside any
    transaction; the result is written in one.
    """
    overrides = [Override(o.action, o.a, o.b) for o in store.overrides()]
    entities = resolve(person_facts(store), overrides)
    with store.writing() as connection:
        old = _old_links(connection)
        top = connection.execute(select(func.max(Entity.id))).scalar_one_or_none() or 0
        ids = _assign_ids(entities, old, top + 1)
        return _write(connection, entities, ids, old)


# --- reading the entities -------------------------------------------------------------------

def entities_named(store: Store, name: str) -> list[EntitySummary]:
    """The entities a name stands for (as a name, a handle or an alias), most articles first."""
    key = override_key(name)
    kinds = ("handle",) if key.startswith("@") else ("name", "alias")
    want = handle_key(name) if key.startswith("@") else name_key(name)
    with store.reading() as connection:
        rows = connection.execute(
            select(Entity.id, Entity.name, Entity.articles, EntityName.kind)
            .join(EntityName, EntityName.entity_id == Entity.id)
            .where(EntityName.key == want, EntityName.kind.in_(kinds))).all()
    best: dict[int, EntitySummary] = {}
    for r in rows:
        if r.id not in best or (best[r.id].matched != "name" and r.kind == "name"):
            best[r.id] = EntitySummary(r.id, r.name, r.articles, r.kind)
    return sorted(best.values(), key=lambda e: (e.matched != "name" and e.matched != "handle", -e.articles, e.id))


def why(store: Store, entity_id: int) -> list[NameReason]:
    """Why an entity holds each of its persons: (name, link) with the number of articles, most first."""
    with store.reading() as connection:
        rows = connection.execute(select(PersonRow.name, PersonRow.link, PersonRow.article_id)
                                  .where(PersonRow.entity_id == entity_id)
                                  .order_by(PersonRow.article_id)).all()
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        groups[(r.name, r.link or "")].append(r.article_id)
    return sorted((NameReason(name, link, len(arts), arts[0]) for (name, link), arts in groups.items()),
                  key=lambda n: (-n.articles, n.name, n.link))


def entity_of(store: Store, article_id: str, local_id: str) -> int | None:
    """The entity one person of one article belongs to, if resolution has run."""
    with store.reading() as connection:
        return connection.execute(select(PersonRow.entity_id).where(
            PersonRow.article_id == article_id, PersonRow.local_id == local_id)).scalar_one_or_none()


def needs_resolution(store: Store) -> bool:
    """Whether some stored person has no entity yet (an ingest stopped before resolving, say)."""
    with store.reading() as connection:
        return connection.execute(select(PersonRow.id).where(PersonRow.entity_id.is_(None)).limit(1)).first() is not None


def persons_named(store: Store, name: str) -> list[tuple[str, str]]:
    """The stored persons (article, local id) called by this name (or holding this @handle) in their article."""
    key = override_key(name)
    candidates = [e.id for e in entities_named(store, name) if e.matched in ("name", "handle")]
    found = []
    with store.reading() as connection:
        for chunk in _chunks(candidates):
            for r in connection.execute(select(PersonRow.article_id, PersonRow.local_id, PersonRow.name,
                                               PersonRow.handles).where(PersonRow.entity_id.in_(chunk))):
                keys = {"@" + handle_key(h) for h in r.handles or ()} if key.startswith("@") else {name_key(r.name)}
                if key in keys:
                    found.append((r.article_id, r.local_id))
    return sorted(found)


def entities_of(store: Store, persons: Sequence[tuple[str, str]]) -> list[EntitySummary]:
    """The distinct entities these persons belong to, most articles first."""
    wanted = set(persons)
    articles = sorted({a for a, _ in wanted})
    out: dict[int, EntitySummary] = {}
    with store.reading() as connection:
        for chunk in _chunks(articles):
            for r in connection.execute(
                    select(PersonRow.article_id, PersonRow.local_id, Entity.id, Entity.name, Entity.articles)
                    .join(Entity, Entity.id == PersonRow.entity_id).where(PersonRow.article_id.in_(chunk))):
                if (r.article_id, r.local_id) in wanted:
                    out[r.id] = EntitySummary(r.id, r.name, r.articles, "name")
    return sorted(out.values(), key=lambda e: (-e.articles, e.id))
