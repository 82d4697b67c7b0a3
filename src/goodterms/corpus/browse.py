"""Reads of a store for browsing it a page at a time: articles, and people by a piece of a name.

Plain functions over an open `Store` returning records (the web app and the API show them).
Every list takes `limit` and `offset` and says how many there are in all, so a client can page.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, and_, bindparam, case, func, or_, select

from ..errors import NotStored
from ..model import Analysis
from ..store import ArticleInfo, Store
from ..store.schema import Article, Entity, EntityName, EntityNamePart, PersonRow, SearchTop
from ..store.search_tops import SUBSTRING_FROM, TOP
from .lookup import find_identities
from .people import ArticleItem
from .resolve import handle_key, name_key

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, and how many the whole list holds."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class StoredArticle:
    """A stored article: its row and its analysis (which holds the text)."""

    info: ArticleInfo
    analysis: Analysis


@dataclass(frozen=True)
class PersonMatch:
    """A person whose name, alias or handle holds the searched text: `matched` is that form."""

    name: str
    matched: str
    kind: str  # name, alias or handle
    articles: int
    entity_id: int | None = None


def _info(row: object) -> ArticleInfo:
    from ..store.store import _utc

    return ArticleInfo(row.id, row.source, row.url, row.title, row.published, row.engine,  # type: ignore[attr-defined]
                       _utc(row.analysed_at))  # type: ignore[attr-defined]


_INFO_COLUMNS = (Article.id, Article.source, Article.url, Article.title, Article.published, Article.engine,
                 Article.analysed_at)


def article_page(store: Store, *, limit: int = 50, offset: int = 0) -> Page[ArticleInfo]:
    """Stored articles, newest publication first (undated last), then by id."""
    with store.reading() as connection:
        total = int(connection.execute(select(func.count()).select_from(Article)).scalar_one())
        rows = connection.execute(select(*_INFO_COLUMNS)
                                  .order_by(Article.published.desc().nulls_last(), Article.id)
                                  .limit(limit).offset(offset)).all()
    return Page(tuple(_info(r) for r in rows), total, limit, offset)


def person_articles(store: Store, name: str, *, limit: int = 20, offset: int = 0) -> Page[ArticleItem] | None:
    """The articles naming the person the name means (as `person` finds them), newest
    publication first (undated last), then by id, with the name each used; None when nobody is
    so named."""
    with store.reading() as connection:
        found = find_identities(connection, name)
        if not found:
            return None
        mine = select(PersonRow.article_id, PersonRow.name).where(found[0].persons()).subquery("mine")
        total = int(connection.execute(select(func.count(func.distinct(mine.c.article_id)))).scalar_one())
        rows = connection.execute(
            select(Article.id, Article.source, Article.title, Article.published, func.min(mine.c.name).label("name"))
            .join(mine, mine.c.article_id == Article.id)
            .group_by(Article.id, Article.source, Article.title, Article.published)
            .order_by(Article.published.desc().nulls_last(), Article.id).limit(limit).offset(offset)).all()
    return Page(tuple(ArticleItem(r.id, r.source, r.title, r.published, r.name) for r in rows), total, limit, offset)


def stored_article(store: Store, document_id: str) -> StoredArticle:
    """One stored article with its analysis; NotStored when the store does not hold it."""
    with store.reading() as connection:
        row = connection.execute(select(*_INFO_COLUMNS, Article.analysis, Article.text)
                                 .where(Article.id == document_id)).one_or_none()
    if row is None:
        raise NotStored("no such article in the store", source=document_id)
    return StoredArticle(_info(row), Analysis.from_contract(row.analysis, row.text))


def _escaped(text: str) -> str:
    """Text for a LIKE pattern, its wildcards taken literally (escape character '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_people(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> Page[PersonMatch]:
    """People whose name, alias or handle begins with or contains `query` (case folded), for
    suggestions: those starting with it first, then by how many articles name them. A query of
    one or two letters finds the names beginning with them only.

    A resolved store searches its entities' name forms; one not resolved yet, the names
    articles gave their people.
    """
    with store.reading() as connection:
        if connection.execute(select(Entity.id).limit(1)).first() is not None:
            return _entity_matches(connection, query, limit, offset)
        return _name_matches(connection, query, limit, offset)


def _keys(query: str) -> list[str]:
    return [k for k in dict.fromkeys((name_key(query), handle_key(query))) if k]


# SUBSTRING_FROM (store.search_tops): queries this long or longer also find names containing
# them; shorter ones, names beginning so.
#: Above every character: key + LAST is past every text beginning with key (both databases
#: compare entity_name_parts.part by code point: SQLite always, PostgreSQL by its "C" collation).
LAST = "\U0010ffff"


@lru_cache(maxsize=16)
def _search_statements(long_keys: tuple[bool, ...]) -> tuple[Select[Any], Select[Any]]:
    """The count and the page statements of a search for keys of these lengths (True: long
    enough to be found inside a name), built once per shape with the keys as parameters.

    Each key is a range of the index of key endings (entity_name_parts): any ending for a long
    key, the whole key's row (at_start) for a short one."""
    found = []
    for i, long_key in enumerate(long_keys):
        in_range = and_(EntityNamePart.part >= bindparam(f"key{i}"), EntityNamePart.part < bindparam(f"past{i}"))
        found.append(in_range if long_key else and_(in_range, EntityNamePart.at_start == 1))
    grouped = (select(EntityNamePart.entity_id, func.max(EntityNamePart.at_start).label("starts"))
               .where(or_(*found)).group_by(EntityNamePart.entity_id))
    count = select(func.count()).select_from(grouped.subquery())
    # the page says the total too (a window over the matches): one pass instead of two
    matched = grouped.add_columns(func.count().over().label("total")).subquery()
    page = (select(Entity.id, Entity.name, Entity.articles, matched.c.starts, matched.c.total)
            .join(matched, matched.c.entity_id == Entity.id)
            .order_by(matched.c.starts.desc(), Entity.articles.desc(), Entity.name, Entity.id)
            .limit(bindparam("limit")).offset(bindparam("offset")))
    return count, page


_FORMS = (select(EntityName.entity_id, EntityName.name, EntityName.kind, EntityName.key, EntityName.count.label("uses"))
          .where(EntityName.entity_id.in_(bindparam("ids", expanding=True))))


#: A page of a common key's people, as search_tops keeps them (ranks offset+1 to offset+limit).
_KEPT = (select(Entity.id, Entity.name, Entity.articles, SearchTop.starts, SearchTop.total)
         .join(Entity, Entity.id == SearchTop.entity_id)
         .where(SearchTop.key == bindparam("key"), SearchTop.rank > bindparam("offset"),
                SearchTop.rank <= bindparam("end"))
         .order_by(SearchTop.rank))


def _entity_matches(connection: Connection, query: str, limit: int, offset: int) -> Page[PersonMatch]:
    keys = _keys(query)
    if not keys:
        return Page((), 0, limit, offset)
    rows: list[Any] = []
    if len(keys) == 1 and offset + limit <= TOP:  # a common key's page may be kept ready
        rows = list(connection.execute(_KEPT, {"key": keys[0], "offset": offset, "end": offset + limit}).all())
    if not rows or len(rows) != min(limit, int(rows[0].total) - offset):  # not kept, or not all of the page
        rows = _worked_out(connection, keys, limit, offset)
    # past the last page there is no row to say the total: count apart
    total = int(rows[0].total) if rows else _count(connection, keys)
    best = _best_forms(connection, [r.id for r in rows], keys)
    matches = []
    for r in rows:
        form, kind = best.get(r.id, (r.name, "name"))
        matches.append(PersonMatch(r.name, form, kind, int(r.articles), r.id))
    return Page(tuple(matches), total, limit, offset)


def _key_values(keys: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i, key in enumerate(keys):
        values[f"key{i}"], values[f"past{i}"] = key, key + LAST
    return values


def _worked_out(connection: Connection, keys: list[str], limit: int, offset: int) -> list[Any]:
    """A page of the people matching any of the keys, grouped and ordered from the index of
    name endings, each row with the total."""
    _, page = _search_statements(tuple(len(k) >= SUBSTRING_FROM for k in keys))
    return list(connection.execute(page, {"limit": limit, "offset": offset, **_key_values(keys)}).all())


def _count(connection: Connection, keys: list[str]) -> int:
    count, _ = _search_statements(tuple(len(k) >= SUBSTRING_FROM for k in keys))
    return int(connection.execute(count, _key_values(keys)).scalar_one())


def _best_forms(connection: Connection, entity_ids: list[int], keys: list[str]) -> dict[int, tuple[str, str]]:
    """For each entity, its name form that matched best: one starting with the query first,
    then the most used."""
    if not entity_ids:
        return {}
    forms = connection.execute(_FORMS, {"ids": entity_ids}).all()
    best: dict[int, tuple[tuple[int, int, str], tuple[str, str]]] = {}
    for form in forms:
        places = [form.key.find(k) for k in keys if k in form.key]
        if not places:
            continue
        rank = (0 if 0 in places else 1, -(form.uses or 0), form.name)
        if form.entity_id not in best or rank < best[form.entity_id][0]:
            best[form.entity_id] = (rank, (form.name, form.kind))
    return {entity_id: shown for entity_id, (_, shown) in best.items()}


def _name_matches(connection: Connection, query: str, limit: int, offset: int) -> Page[PersonMatch]:
    folded = " ".join(query.casefold().split()).lstrip("@")
    if not folded:
        return Page((), 0, limit, offset)
    lowered = func.lower(PersonRow.name)
    starts = lowered.like(f"{_escaped(folded)}%", escape="\\")
    grouped = (select(PersonRow.name, func.count(func.distinct(PersonRow.article_id)).label("n"),
                      func.max(case((starts, 1), else_=0)).label("starts"))
               .where(lowered.like(f"%{_escaped(folded)}%", escape="\\")).group_by(PersonRow.name))
    total = int(connection.execute(select(func.count()).select_from(grouped.subquery())).scalar_one())
    sub = grouped.subquery()
    rows = connection.execute(select(sub).order_by(sub.c.starts.desc(), sub.c.n.desc(), sub.c.name)
                              .limit(limit).offset(offset)).all()
    return Page(tuple(PersonMatch(r.name, r.name, "name", int(r.n)) for r in rows), total, limit, offset)
