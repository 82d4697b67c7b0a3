"""Reads of a store for browsing it a page at a time: articles, and people by a piece of a name.

Plain functions over an open `Store` returning records (the web app and the API show them).
Every list takes `limit` and `offset` and says how many there are in all, so a client can page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, and_, case, func, literal, literal_column, or_, select, union_all

from ..errors import NotStored
from ..model import Analysis
from ..store import ArticleInfo, Store
from ..store.schema import Article, Entity, EntityName, EntityNamePart, PersonRow
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


#: Queries this long or longer also find names containing them; shorter ones, names beginning so.
SUBSTRING_FROM = 3


def _begins(connection: Connection, column: Any, key: str) -> Any:
    """Rows whose column begins with `key`: a range the column's index answers (both databases
    compare these columns by code point: SQLite always, PostgreSQL through the "C" collation of
    entity_name_parts.part), checked by LIKE as well where the range alone would not be exact."""
    begins = column.startswith(key, autoescape=True)
    if connection.dialect.name == "sqlite" or column is EntityNamePart.part:
        return and_(column >= key, column < key + "\U0010ffff", begins)
    return begins


def _matching_forms(connection: Connection, keys: list[str]) -> Any:
    """(entity_id, starts) of every name form holding one of the keys: through the index of key
    endings (entity_name_parts) for keys of SUBSTRING_FROM characters or more, through the
    beginnings of keys for shorter ones; `starts` is 1 when the form begins with the key."""
    long_keys = [k for k in keys if len(k) >= SUBSTRING_FROM]
    short_keys = [k for k in keys if len(k) < SUBSTRING_FROM]
    # entity_id + 0: SQLite reads the key index's range instead of walking the table in entity order
    beginning = (select((EntityName.entity_id + literal_column("0")).label("entity_id"), literal(1).label("starts"))
                 .where(or_(*(_begins(connection, EntityName.key, k) for k in short_keys))) if short_keys else None)
    containing = (select(EntityNamePart.entity_id.label("entity_id"), EntityNamePart.at_start.label("starts"))
                  .where(or_(*(_begins(connection, EntityNamePart.part, k) for k in long_keys))) if long_keys else None)
    if containing is not None and beginning is not None:
        return union_all(containing, beginning)
    return containing if containing is not None else beginning


def _entity_matches(connection: Connection, query: str, limit: int, offset: int) -> Page[PersonMatch]:
    keys = _keys(query)
    if not keys:
        return Page((), 0, limit, offset)
    forms = _matching_forms(connection, keys).subquery()
    matched = (select(forms.c.entity_id, func.max(forms.c.starts).label("starts"))
               .group_by(forms.c.entity_id).subquery())
    total = int(connection.execute(select(func.count()).select_from(matched)).scalar_one())
    rows = connection.execute(
        select(Entity.id, Entity.name, Entity.articles, matched.c.starts)
        .join(matched, matched.c.entity_id == Entity.id)
        .order_by(matched.c.starts.desc(), Entity.articles.desc(), Entity.name, Entity.id)
        .limit(limit).offset(offset)).all()
    best = _best_forms(connection, [r.id for r in rows], keys)
    matches = []
    for r in rows:
        form, kind = best.get(r.id, (r.name, "name"))
        matches.append(PersonMatch(r.name, form, kind, int(r.articles), r.id))
    return Page(tuple(matches), total, limit, offset)


def _best_forms(connection: Connection, entity_ids: list[int], keys: list[str]) -> dict[int, tuple[str, str]]:
    """For each entity, its name form that matched best: one starting with the query first,
    then the most used."""
    if not entity_ids:
        return {}
    forms = connection.execute(select(EntityName.entity_id, EntityName.name, EntityName.kind, EntityName.key,
                                      EntityName.count.label("uses")).where(EntityName.entity_id.in_(entity_ids))).all()
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
