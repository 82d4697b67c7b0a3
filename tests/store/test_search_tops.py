"""search_tops: a search by a common key reads the page kept ready, and gets the same answer as
one worked out from the index of name endings; any change of people empties it (triggers, on
SQLite and PostgreSQL), and resolution writes it again."""
from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete, func, insert, select, update

from goodterms.corpus import browse
from goodterms.corpus.browse import search_people
from goodterms.corpus.resolve import EntityName as EntityForm
from goodterms.corpus.resolve import PersonEntity
from goodterms.store import Store
from goodterms.store import search_tops as tops
from goodterms.store.entities import write_entities
from goodterms.store.schema import Entity, EntityName, SearchTop

from databases import db_url, postgres_module_url, store  # noqa: F401  (fixtures)

FIRST = ["Marel", "Mavro", "Tesmar", "Orlan", "Maddox", "Lirae"]
LAST = ["Vantrell", "Marquist", "Osk", "Delmar", "Ravenor"]


def invented_people() -> list[dict[str, object]]:
    """Thirty invented people whose names share many pieces ("mar", "ma", "ra"), with articles
    counts that tie, so the order's every key (starts, articles, name, id) is needed."""
    return [{"id": i + 1, "name": f"{first} {last}", "articles": (i * 7) % 5}
            for i, (first, last) in enumerate(itertools.product(FIRST, LAST))]


def fill(store: Store) -> None:
    people = invented_people()
    with store.writing() as connection:
        connection.execute(insert(Entity), people)
        names = [{"entity_id": p["id"], "name": p["name"], "key": str(p["name"]).lower(), "kind": "name", "count": 2}
                 for p in people]
        names += [{"entity_id": p["id"], "name": f"@{str(p['name']).split()[0].lower()}{p['id']}",
                   "key": f"{str(p['name']).split()[0].lower()}{p['id']}", "kind": "handle", "count": 1}
                  for p in people if int(str(p["id"])) % 3 == 0]
        connection.execute(insert(EntityName), names)


def kept_keys(store: Store) -> list[str]:
    with store.reading() as connection:
        return sorted(connection.execute(select(SearchTop.key).distinct()).scalars())


def worked_out(store: Store, query: str, limit: int, offset: int) -> tuple[list[tuple[int, str, str, str, int]], int]:
    """The page as search shows it with search_tops left empty."""
    with store.writing() as connection:
        saved = [dict(r._mapping) for r in connection.execute(select(SearchTop))]
        connection.execute(delete(SearchTop))
    try:
        return shown(store, query, limit, offset)
    finally:
        with store.writing() as connection:
            if saved:
                connection.execute(insert(SearchTop), saved)


def shown(store: Store, query: str, limit: int, offset: int) -> tuple[list[tuple[int, str, str, str, int]], int]:
    found = search_people(store, query, limit=limit, offset=offset)
    return [(m.entity_id or 0, m.name, m.matched, m.kind, m.articles) for m in found.items], found.total


def test_a_common_key_reads_the_kept_page_and_gets_the_worked_out_answer(store: Store) -> None:
    fill(store)
    with store.writing() as connection:
        held = tops.refresh_search_tops(connection, heavy=4, top=8)
    keys = kept_keys(store)
    assert held == len(keys) and {"m", "ma", "mar", "rav", "rel", "tesmar"} <= set(keys)
    assert "osk" in keys and "vantrell" in keys and "zz" not in keys and "ra" not in keys  # two letters: beginnings only
    with store.reading() as connection:
        assert connection.execute(select(func.max(SearchTop.rank))).scalar_one() == 8
        totals = dict(connection.execute(select(SearchTop.key, SearchTop.total).where(SearchTop.rank == 1)).all())
    assert min(totals.values()) >= 4
    for key in keys + ["Mar", " MA ", "tes mar", "@mar", "zz"]:
        for limit, offset in ((3, 0), (5, 3), (8, 0), (4, 6), (2, 20)):  # within the kept 8, and past them
            assert shown(store, key, limit, offset) == worked_out(store, key, limit, offset), (key, limit, offset)
    assert shown(store, "mar", 8, 0)[1] == totals["mar"] > 8


def test_pages_are_read_from_search_tops_when_kept_whole(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(store)
    with store.writing() as connection:
        tops.refresh_search_tops(connection, heavy=4, top=8)
    worked: list[list[str]] = []
    real = browse._worked_out

    def watched(connection: object, keys: list[str], limit: int, offset: int) -> list[object]:
        worked.append(keys)
        return real(connection, keys, limit, offset)  # type: ignore[arg-type]

    monkeypatch.setattr(browse, "_worked_out", watched)
    search_people(store, "mar", limit=5, offset=3)  # ranks 4 to 8: kept
    search_people(store, "vantrel", limit=5)  # six people: kept
    assert worked == []
    search_people(store, "mar", limit=5, offset=4)  # ends past the 8 kept
    search_people(store, "zz", limit=5)  # nobody: not kept
    search_people(store, "osk", limit=5, offset=200)  # past the end
    assert worked == [["mar"], ["zz"], ["osk"]]


def test_any_change_of_people_empties_search_tops(store: Store) -> None:
    fill(store)
    changes = [
        lambda c: c.execute(insert(Entity).values(id=99, name="Marlo Quen", articles=40)),
        lambda c: c.execute(update(Entity).where(Entity.id == 1).values(articles=50)),
        lambda c: c.execute(update(Entity).where(Entity.id == 1).values(name="Marel Vantrelle")),
        lambda c: c.execute(insert(EntityName).values(entity_id=2, name="Marv", key="marv", kind="alias", count=1)),
        lambda c: c.execute(update(EntityName).where(EntityName.entity_id == 3).values(count=9)),
        lambda c: c.execute(delete(EntityName).where(EntityName.entity_id == 4)),
        lambda c: c.execute(delete(Entity).where(Entity.id == 5)),
    ]
    for change in changes:
        with store.writing() as connection:
            tops.refresh_search_tops(connection, heavy=4, top=8)
        assert kept_keys(store)
        with store.writing() as connection:
            change(connection)
        assert kept_keys(store) == []
    with store.writing() as connection:
        tops.refresh_search_tops(connection, heavy=4, top=8)
        connection.execute(update(Entity).where(Entity.id == 6).values(gender="f"))  # not in any order
    assert kept_keys(store)
    # the new person, with the most articles, now leads its keys
    assert search_people(store, "mar", limit=1).items[0].name == "Marel Vantrelle"


def test_writing_entities_writes_search_tops(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tops, "HEAVY", 3)
    people = invented_people()[:12]
    entities = [PersonEntity(key=str(p["name"]).lower(), name=str(p["name"]), gender=None, articles=int(str(p["id"])),
                             names=(EntityForm(str(p["name"]), str(p["name"]).lower(), "name", 1),)) for p in people]
    write_entities(store, entities)
    keys = kept_keys(store)
    assert {"ma", "mar", "vantrell", "mavro"} <= set(keys) and "osk" not in keys and "lirae" not in keys
    for key in keys:
        assert shown(store, key, 10, 0) == worked_out(store, key, 10, 0)
    assert shown(store, "ma", 3, 0)[0][0][1] == "Mavro Ravenor"  # begins with "ma", most articles (10)
