"""Small reads other areas and the web app build on: plain functions over an open Store,
returning records (never printing, never holding a connection after they return)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from .records import ArticleInfo, EvidenceFact
from .schema import Article, EvidenceRow, PersonRow
from .store import Store, _utc

#: Ids per IN (...) list: well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500

_INFO = (Article.id, Article.source, Article.url, Article.title, Article.published, Article.engine,
         Article.analysed_at)


def _info(row: object) -> ArticleInfo:
    return ArticleInfo(row.id, row.source, row.url, row.title, row.published, row.engine,  # type: ignore[attr-defined]
                       _utc(row.analysed_at))  # type: ignore[attr-defined]


def articles_with(store: Store, entity_ids: Iterable[int], *, limit: int | None = None) -> list[ArticleInfo]:
    """The articles naming every one of these entities, oldest first (undated last, then by id)."""
    wanted = sorted(set(entity_ids))
    if not wanted:
        return []
    naming = (select(PersonRow.article_id).where(PersonRow.entity_id.in_(wanted))
              .group_by(PersonRow.article_id)
              .having(func.count(func.distinct(PersonRow.entity_id)) == len(wanted)).subquery())
    query = (select(*_INFO).join(naming, naming.c.article_id == Article.id)
             .order_by(Article.published.is_(None), Article.published, Article.id))
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as connection:
        return [_info(row) for row in connection.execute(query)]


def article_infos(store: Store, article_ids: Iterable[str]) -> list[ArticleInfo]:
    """The rows (no text, no analysis) of the stored articles among these ids, in the order given."""
    wanted = list(dict.fromkeys(article_ids))
    found: dict[str, ArticleInfo] = {}
    with store.reading() as connection:
        for i in range(0, len(wanted), CHUNK):
            for row in connection.execute(select(*_INFO).where(Article.id.in_(wanted[i:i + CHUNK]))):
                found[row.id] = _info(row)
    return [found[i] for i in wanted if i in found]


def evidence_for_articles(store: Store, article_ids: Iterable[str]) -> list[EvidenceFact]:
    """Every piece of pair evidence of these articles, with the entities of its two people
    (None before resolution) and its article's date, source and title; by date, article, offset."""
    wanted = list(dict.fromkeys(article_ids))
    person_a, person_b = aliased(PersonRow), aliased(PersonRow)
    out: list[EvidenceFact] = []
    with store.reading() as connection:
        for i in range(0, len(wanted), CHUNK):
            query = (
                select(EvidenceRow.article_id, Article.published, Article.source, Article.title, EvidenceRow.a,
                       EvidenceRow.b, person_a.entity_id.label("a_entity"), person_b.entity_id.label("b_entity"),
                       EvidenceRow.kind, EvidenceRow.score, EvidenceRow.note, EvidenceRow.rule, EvidenceRow.start,
                       EvidenceRow.end)
                .join(Article, Article.id == EvidenceRow.article_id)
                .outerjoin(person_a, (person_a.article_id == EvidenceRow.article_id)
                           & (person_a.local_id == EvidenceRow.a))
                .outerjoin(person_b, (person_b.article_id == EvidenceRow.article_id)
                           & (person_b.local_id == EvidenceRow.b))
                .where(EvidenceRow.article_id.in_(wanted[i:i + CHUNK])))
            out.extend(EvidenceFact(*row) for row in connection.execute(query))
    out.sort(key=lambda e: (e.published is None, e.published or "", e.article_id, e.start or 0, e.end or 0))
    return out
