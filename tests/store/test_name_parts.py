"""The index of name endings (entity_name_parts) follows entity_names through its triggers, on
SQLite and PostgreSQL, whoever writes the names; people search reads it."""
from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from goodterms.corpus.browse import search_people
from goodterms.store import Store
from goodterms.store.schema import Entity, EntityName, EntityNamePart

from databases import db_url, postgres_module_url, store  # noqa: F401  (fixtures)


def parts(store: Store) -> set[tuple[int, str, int]]:
    with store.writing() as connection:
        return {(r.entity_id, r.part, r.at_start) for r in connection.execute(
            select(EntityNamePart.entity_id, EntityNamePart.part, EntityNamePart.at_start))}


def endings(entity_id: int, key: str) -> set[tuple[int, str, int]]:
    """Every ending of three characters or more, and the whole key however short."""
    return {(entity_id, key[i:], int(i == 0)) for i in range(len(key) - 2)} | {(entity_id, key, 1)}


def add_people(store: Store) -> None:
    with store.writing() as connection:
        connection.execute(insert(Entity), [{"id": 1, "name": "Tovah Brenlin", "articles": 4},
                                            {"id": 2, "name": "Quill Asterby", "articles": 9}])
        connection.execute(insert(EntityName), [
            {"entity_id": 1, "name": "Tovah Brenlin", "key": "tovah brenlin", "kind": "name", "count": 4},
            {"entity_id": 1, "name": "@tbren", "key": "tbren", "kind": "handle", "count": 1},
            {"entity_id": 2, "name": "Quill Asterby", "key": "quill asterby", "kind": "name", "count": 9},
            {"entity_id": 2, "name": "Qu", "key": "qu", "kind": "alias", "count": 1}])


def test_every_ending_of_every_name_is_indexed_as_names_come_and_go(store: Store) -> None:
    add_people(store)
    assert parts(store) == (endings(1, "tovah brenlin") | endings(1, "tbren") | endings(2, "quill asterby")
                            | endings(2, "qu"))
    with store.writing() as connection:
        connection.execute(update(EntityName).where(EntityName.key == "tbren").values(key="tovahb", entity_id=2))
        connection.execute(update(EntityName).values(count=EntityName.count + 1))  # not a key: parts unchanged
    assert parts(store) == (endings(1, "tovah brenlin") | endings(2, "tovahb") | endings(2, "quill asterby")
                            | endings(2, "qu"))
    with store.writing() as connection:
        connection.execute(delete(Entity).where(Entity.id == 2))  # its names go by cascade, their parts with them
        connection.execute(delete(EntityName).where(EntityName.entity_id == 2))  # (SQLite without foreign keys)
    assert parts(store) == endings(1, "tovah brenlin")


def test_search_finds_a_piece_inside_a_name_through_the_index(store: Store) -> None:
    add_people(store)
    inside = search_people(store, "renli")
    assert [(m.name, m.matched, m.kind) for m in inside.items] == [("Tovah Brenlin", "Tovah Brenlin", "name")]
    assert inside.total == 1
    by_handle = search_people(store, "@tbre")
    assert [(m.name, m.matched, m.kind) for m in by_handle.items] == [("Tovah Brenlin", "@tbren", "handle")]
    # names beginning with the text come first, then the most named
    with store.writing() as connection:
        connection.execute(insert(Entity), [{"id": 3, "name": "Asterbyne Vale", "articles": 1}])
        connection.execute(insert(EntityName), [
            {"entity_id": 3, "name": "Asterbyne Vale", "key": "asterbyne vale", "kind": "name", "count": 1}])
    assert [m.name for m in search_people(store, "aster").items] == ["Asterbyne Vale", "Quill Asterby"]
    assert [m.name for m in search_people(store, "qu").items] == ["Quill Asterby"]  # two letters: beginnings only
    with store.writing() as connection:
        connection.execute(insert(Entity), [{"id": 4, "name": "Zed Orrin", "articles": 2}])
        connection.execute(insert(EntityName), [
            {"entity_id": 4, "name": "Zed Orrin", "key": "zed orrin", "kind": "name", "count": 2},
            {"entity_id": 4, "name": "Zo", "key": "zo", "kind": "alias", "count": 1}])
    assert [(m.name, m.matched, m.kind) for m in search_people(store, "zo").items] == [("Zed Orrin", "Zo", "alias")]
    assert search_people(store, "er").total == 0  # inside a name, but too short to look inside
    assert search_people(store, "ill ast", offset=1).items == () and search_people(store, "ill ast").total == 1
    assert search_people(store, "%er").total == 0
