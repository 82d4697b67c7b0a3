"""The first page of people for common search keys, kept ready (`search_tops`).

A search by two or three common letters ("ma", "lev") matches thousands of names; grouping and
ordering them for every request costs milliseconds. For each key that matches at least HEAVY
people, the first TOP of them are written here in the order search shows them, with the total,
so such a search reads one short range of rows (`corpus.browse` falls back to working the
answer out for any other key, a page past TOP, or while the table is empty).

Written after each resolution, in its transaction (`refresh_search_tops`); triggers on
`entities` and `entity_names` (migration 0008) empty it whenever people or their names change,
whoever changes them, so it never holds an answer older than the store's people.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnClause, Connection, Select, delete, func, insert, literal_column, select

from .schema import Entity, EntityNamePart, SearchTop

#: A key is kept when it matches at least this many people (fewer are quick to work out).
HEAVY = 300
#: How many people of each key are kept: a page of a search must end within them to be read here.
TOP = 100
#: Keys this long or longer are found inside names; shorter ones at their beginning only
#: (as `corpus.browse.SUBSTRING_FROM`).
SUBSTRING_FROM = 3
#: The longest key considered (a longer key matching HEAVY people is very unlikely; it is worked out).
LONGEST = 12


def _ranked(length: int, heavy: int, top: int) -> Select[Any]:
    """The rows of search_tops for keys of `length` characters: each key's people in search order
    (a name form beginning with the key first, then by articles, name and id), the first `top`
    of keys matching at least `heavy`."""
    size: ColumnClause[Any] = literal_column(str(int(length)))  # a number of ours, not input: the same text in GROUP BY
    key = func.substr(EntityNamePart.part, 1, size)
    matched = select(key.label("key"), EntityNamePart.entity_id, func.max(EntityNamePart.at_start).label("starts"))
    matched = matched.where(func.length(EntityNamePart.part) >= size)
    if length < SUBSTRING_FROM:
        matched = matched.where(EntityNamePart.at_start == 1)
    found = matched.group_by(key, EntityNamePart.entity_id).subquery("found")
    order = (found.c.starts.desc(), Entity.articles.desc(), Entity.name, Entity.id)
    ranked = (select(found.c.key, found.c.entity_id, found.c.starts,
                     func.count().over(partition_by=found.c.key).label("total"),
                     func.row_number().over(partition_by=found.c.key, order_by=order).label("rank"))
              .join(Entity, Entity.id == found.c.entity_id).subquery("ranked"))
    return (select(ranked.c.key, ranked.c.rank, ranked.c.entity_id, ranked.c.starts, ranked.c.total)
            .where(ranked.c.total >= heavy, ranked.c.rank <= top))


def refresh_search_tops(connection: Connection, *, heavy: int | None = None, top: int | None = None) -> int:
    """Write search_tops anew from the entities and their name forms, in the caller's
    transaction (keys matching at least `heavy` people, HEAVY by default; their first `top`,
    TOP by default); return how many keys it holds."""
    heavy = HEAVY if heavy is None else heavy
    top = TOP if top is None else top
    connection.execute(delete(SearchTop))
    columns = ["key", "rank", "entity_id", "starts", "total"]
    for length in range(1, LONGEST + 1):
        written = connection.execute(insert(SearchTop).from_select(columns, _ranked(length, heavy, top))).rowcount
        if not written and length >= SUBSTRING_FROM:
            break  # a longer key matches no more people than its beginning does: none is heavy
    return int(connection.execute(select(func.count(func.distinct(SearchTop.key)))).scalar_one())
