"""The people around one person, for a graph: who appears with them, how they are related, and
whether they are on good terms (the verdict `ask` would give, from the same evidence rows).

`neighbourhood(store, name)` returns a star: the person, the `limit` people most often named in
the same articles, one relation edge per (other, type) with the newest article's status, and
one verdict edge per other person with evidence between the two. Node ids follow
`corpus.export`: `e12` for an entity, `n:kim vale` for a name in a store not resolved.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import aliased

from ..model import SYMMETRIC_RELATIONS, Record
from ..store import Store
from ..store.schema import Article, Entity, EvidenceRow, PersonRow, RelationRow
from .lookup import Identity, find_identities
from .timeline import A, B, Report, summarize

#: The most people a neighbourhood shows besides its centre (the graph page draws a few hundred well).
MAX_NEIGHBOURS = 400


@dataclass(frozen=True)
class Node(Record):
    """A person of the neighbourhood: `together` is how many articles name them with the centre."""

    id: str
    name: str
    articles: int
    together: int
    centre: bool = False


@dataclass(frozen=True)
class Edge(Record):
    """From the centre to a neighbour: a relation (`kind` "relation": `type`, `status`, `role`
    saying which end the centre is) or a verdict (`kind` "verdict": `verdict`, `confidence`,
    `reports`), over `articles` articles."""

    source: str
    target: str
    kind: str
    type: str = ""
    status: str = ""
    role: str = ""
    verdict: str = ""
    confidence: float = 0.0
    articles: int = 0
    reports: int = 0


@dataclass(frozen=True)
class Neighbourhood(Record):
    """A person, the people around them and the edges from them; `more` people were left out."""

    centre: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    more: int = 0

    nested: ClassVar[dict[str, type]] = {"nodes": Node, "edges": Edge}


def node_id(entity_id: int | None, name: str) -> str:
    """The graph id of a person: its entity, or its folded name."""
    return f"e{entity_id}" if entity_id is not None else "n:" + " ".join(name.casefold().split())


def neighbourhood(store: Store, name: str, *, limit: int = 30) -> Neighbourhood | None:
    """The person the name means and the `limit` people most often named with them; None when
    nobody is so named."""
    limit = max(0, min(limit, MAX_NEIGHBOURS))
    with store.reading() as connection:
        found = find_identities(connection, name)
        if not found:
            return None
        who = found[0]
        centre = Node(node_id(who.entity_id, who.name), who.name, who.articles, who.articles, True)
        mine = select(PersonRow.article_id, PersonRow.local_id).where(who.persons()).subquery("mine")
        others, more = _others(connection, mine, centre.id, limit)
        kept = {n.id for n in others}
        edges = [*_relation_edges(connection, mine, centre.id, kept), *_verdict_edges(connection, mine, centre.id, kept)]
    return Neighbourhood(centre.id, (centre, *others), tuple(edges), more)


def _other_columns(other: Any, entity: Any) -> tuple[Any, ...]:
    return (other.entity_id, func.coalesce(entity.name, other.name).label("shown"), other.name)


def _others(connection: Connection, mine: Any, centre: str, limit: int) -> tuple[list[Node], int]:
    """The people named in the centre's articles, by how many articles they share with them."""
    other, entity = aliased(PersonRow), aliased(Entity)
    rows = connection.execute(
        select(other.article_id, *_other_columns(other, entity), entity.articles.label("entity_articles"))
        .join(mine, and_(mine.c.article_id == other.article_id, mine.c.local_id != other.local_id))
        .outerjoin(entity, entity.id == other.entity_id)).all()
    together: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, tuple[str, int | None]] = {}  # node id -> (name shown, its entity's articles)
    for row in rows:
        key = node_id(row.entity_id, row.name)
        if key == centre:
            continue
        together[key].add(row.article_id)
        shown.setdefault(key, (row.shown, row.entity_articles))
    ranked = sorted(together, key=lambda k: (-len(together[k]), shown[k][0], k))
    nodes = []
    for k in ranked[:limit]:
        name, entity_articles = shown[k]
        nodes.append(Node(k, name, entity_articles if entity_articles is not None else len(together[k]),
                          len(together[k])))
    return nodes, max(0, len(ranked) - limit)


def _relation_edges(connection: Connection, mine: Any, centre: str, kept: set[str]) -> list[Edge]:
    groups: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for role, mine_end, other_end in (("subject", RelationRow.subject, RelationRow.object),
                                      ("object", RelationRow.object, RelationRow.subject)):
        other = aliased(PersonRow)
        rows = connection.execute(
            select(RelationRow.type, RelationRow.status, RelationRow.article_id, Article.published,
                   other.entity_id, other.name)
            .join(mine, and_(mine.c.article_id == RelationRow.article_id, mine.c.local_id == mine_end))
            .join(other, and_(other.article_id == RelationRow.article_id, other.local_id == other_end))
            .join(Article, Article.id == RelationRow.article_id)).all()
        for row in rows:
            key = node_id(row.entity_id, row.name)
            if key in kept:
                side = "subject" if row.type in SYMMETRIC_RELATIONS else role
                groups[(key, row.type, side)].append(row)
    edges = []
    for (key, rtype, role), rows in sorted(groups.items()):
        ordered = sorted(rows, key=lambda r: (r.published or "", r.article_id))
        known = [r for r in ordered if r.status in ("current", "former")]
        edges.append(Edge(centre, key, "relation", rtype, known[-1].status if known else "unknown", role,
                          articles=len({r.article_id for r in rows})))
    return edges


def _verdict_edges(connection: Connection, mine: Any, centre: str, kept: set[str]) -> list[Edge]:
    other = aliased(PersonRow)
    reports: dict[str, list[Report]] = defaultdict(list)
    for mine_end, other_end, sides in ((EvidenceRow.a, EvidenceRow.b, (A, B)), (EvidenceRow.b, EvidenceRow.a, (B, A))):
        rows = connection.execute(
            select(EvidenceRow.article_id, Article.source, Article.published, EvidenceRow.kind, EvidenceRow.score,
                   EvidenceRow.start, EvidenceRow.end, EvidenceRow.note, EvidenceRow.rule, other.entity_id, other.name)
            .join(mine, and_(mine.c.article_id == EvidenceRow.article_id, mine.c.local_id == mine_end))
            .join(other, and_(other.article_id == EvidenceRow.article_id, other.local_id == other_end))
            .join(Article, Article.id == EvidenceRow.article_id)).all()
        for r in rows:
            key = node_id(r.entity_id, r.name)
            if key in kept:
                reports[key].append(Report(r.article_id, r.source, r.published, r.kind, r.score, r.start or 0,
                                           r.end or 0, "", r.note, r.rule, None, *sides))
    edges = []
    for key in sorted(reports):
        summary = summarize(reports[key])
        edges.append(Edge(centre, key, "verdict", verdict=summary.verdict, confidence=summary.confidence,
                          articles=len({r.article_id for r in reports[key]}), reports=len(reports[key])))
    return edges


__all__ = ["Edge", "Identity", "MAX_NEIGHBOURS", "Neighbourhood", "Node", "neighbourhood", "node_id"]
