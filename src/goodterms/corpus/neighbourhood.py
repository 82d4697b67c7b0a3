"""The people around one person, for a graph: who appears with them, how they are related, and
whether they are on good terms (the verdict `ask` would give, from the same evidence rows).

`neighbourhood(store, name)` returns the person, the `limit` people most often named in the
same articles, and the edges among all of them, read from the centre's articles: one relation
edge per (pair, type) with the newest article's status, and one verdict edge per pair with
evidence between the two. Edges between two of the people around (who of them are married,
feuding or friends, as the stories about the centre tell it) are kept to the
`BETWEEN_PER_PERSON * limit` best supported pairs (stated relations first, then most articles),
so a graph of a few hundred people stays drawable; `more_edges` says how many pairs were left
out. Node ids follow `corpus.export`: `e12` for an entity, `n:kim vale` for a name in a store
not resolved.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Connection, and_, false, func, or_, select
from sqlalchemy.orm import aliased

from ..model import SYMMETRIC_RELATIONS, Record
from ..store import Store
from ..store.schema import Article, Entity, EvidenceRow, PersonRow, RelationRow
from .lookup import Identity, find_identities
from .timeline import A, B, Report, summarize

#: The most people a neighbourhood shows besides its centre (the graph page draws a few hundred well).
MAX_NEIGHBOURS = 400
#: Pairs of the people around linked by edges of their own, at most, per person shown.
BETWEEN_PER_PERSON = 2


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
    """Between two people of the neighbourhood (from the centre when it is one of them): a
    relation (`kind` "relation": `type`, `status`, `role` saying which end `source` is: "subject"
    when `source` is the `type` of `target`, and always for mutual relations) or a verdict
    (`kind` "verdict": `verdict`, `confidence`, `reports`), over `articles` articles."""

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
    """A person, the people around them and the edges among them; `more` people were left out,
    and `more_edges` pairs of the people shown with ties of their own."""

    centre: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    more: int = 0
    more_edges: int = 0

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
        others, more, forms = _others(connection, mine, centre.id, limit)
        kept = {n.id for n in others}
        edges = [*_relation_edges(connection, mine, centre.id, kept), *_verdict_edges(connection, mine, centre.id, kept)]
        between, left_out = _between(connection, mine, forms, BETWEEN_PER_PERSON * limit)
    return Neighbourhood(centre.id, (centre, *others), tuple(edges + between), more, left_out)


def _other_columns(other: Any, entity: Any) -> tuple[Any, ...]:
    return (other.entity_id, func.coalesce(entity.name, other.name).label("shown"), other.name)


Forms = dict[str, tuple[int | None, set[str]]]  # node id -> (entity id, names of its persons without one)


def _others(connection: Connection, mine: Any, centre: str, limit: int) -> tuple[list[Node], int, Forms]:
    """The people named in the centre's articles, by how many articles they share with them;
    how many more there are; and how to find the kept ones' persons again (`Forms`)."""
    other, entity = aliased(PersonRow), aliased(Entity)
    rows = connection.execute(
        select(other.article_id, *_other_columns(other, entity), entity.articles.label("entity_articles"))
        .join(mine, and_(mine.c.article_id == other.article_id, mine.c.local_id != other.local_id))
        .outerjoin(entity, entity.id == other.entity_id)).all()
    together: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, tuple[str, int | None]] = {}  # node id -> (name shown, its entity's articles)
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        key = node_id(row.entity_id, row.name)
        if key == centre:
            continue
        together[key].add(row.article_id)
        shown.setdefault(key, (row.shown, row.entity_articles))
        if row.entity_id is None:
            names[key].add(row.name)
    ranked = sorted(together, key=lambda k: (-len(together[k]), shown[k][0], k))
    nodes = []
    for k in ranked[:limit]:
        name, entity_articles = shown[k]
        nodes.append(Node(k, name, entity_articles if entity_articles is not None else len(together[k]),
                          len(together[k])))
    forms = {node.id: (_entity_of(node.id), names[node.id]) for node in nodes}
    return nodes, max(0, len(ranked) - limit), forms


def _entity_of(key: str) -> int | None:
    return int(key[1:]) if key.startswith("e") and key[1:].isdigit() else None


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


def _persons_of(table: Any, forms: Forms) -> Any:
    """The condition on a `persons` alias picking the persons of the kept people."""
    entities = sorted({entity for entity, _ in forms.values() if entity is not None})
    names = sorted({name for _, named in forms.values() for name in named})
    conditions = [table.entity_id.in_(entities)] if entities else []
    if names:
        conditions.append(and_(table.entity_id.is_(None), table.name.in_(names)))
    return or_(*conditions) if conditions else false()


def _between(connection: Connection, mine: Any, forms: Forms, most_pairs: int) -> tuple[list[Edge], int]:
    """Relation and verdict edges between two of the people around the centre, in the centre's
    articles; each pair once, its source the smaller node id (for a relation that is not
    mutual, the edge runs from its subject). The `most_pairs` best supported pairs are kept
    (a stated relation first, then most articles); how many pairs were left out."""
    if len(forms) < 2:
        return [], 0
    articles = select(mine.c.article_id).distinct().subquery("centre_articles")
    edges = [*_between_relations(connection, articles, forms), *_between_verdicts(connection, articles, forms)]
    support: dict[tuple[str, str], tuple[int, int]] = {}
    for edge in edges:
        key = (edge.source, edge.target) if edge.source < edge.target else (edge.target, edge.source)
        related, articles_seen = support.get(key, (0, 0))
        support[key] = (max(related, int(edge.kind == "relation")), max(articles_seen, edge.articles))
    ranked = sorted(support, key=lambda k: (-support[k][0], -support[k][1], k))
    kept = set(ranked[:most_pairs])
    shown = [e for e in edges if ((e.source, e.target) if e.source < e.target else (e.target, e.source)) in kept]
    return shown, len(ranked) - len(kept)


def _pair_rows(connection: Connection, table: Any, first: Any, second: Any, columns: tuple[Any, ...],
               articles: Any, forms: Forms) -> list[Any]:
    """Rows of a record table, in the given articles, whose two persons (columns `first`,
    `second`) are both kept people."""
    one, two = aliased(PersonRow), aliased(PersonRow)
    return list(connection.execute(
        select(*columns, Article.source, Article.published, one.entity_id.label("one_entity"),
               one.name.label("one_name"), two.entity_id.label("two_entity"), two.name.label("two_name"))
        .join(articles, articles.c.article_id == table.article_id)
        .join(one, and_(one.article_id == table.article_id, one.local_id == first))
        .join(two, and_(two.article_id == table.article_id, two.local_id == second))
        .join(Article, Article.id == table.article_id)
        .where(_persons_of(one, forms), _persons_of(two, forms))).all())


def _between_relations(connection: Connection, articles: Any, forms: Forms) -> list[Edge]:
    groups: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    rows = _pair_rows(connection, RelationRow, RelationRow.subject, RelationRow.object,
                      (RelationRow.type, RelationRow.status, RelationRow.article_id), articles, forms)
    for row in rows:
        subject, obj = node_id(row.one_entity, row.one_name), node_id(row.two_entity, row.two_name)
        if subject == obj or subject not in forms or obj not in forms:
            continue
        if row.type in SYMMETRIC_RELATIONS:
            subject, obj = sorted((subject, obj))
        groups[(subject, obj, row.type)].append(row)
    edges = []
    for (source, target, rtype), members in sorted(groups.items()):
        ordered = sorted(members, key=lambda r: (r.published or "", r.article_id))
        known = [r for r in ordered if r.status in ("current", "former")]
        edges.append(Edge(source, target, "relation", rtype, known[-1].status if known else "unknown", "subject",
                          articles=len({r.article_id for r in members})))
    return edges


def _between_verdicts(connection: Connection, articles: Any, forms: Forms) -> list[Edge]:
    reports: dict[tuple[str, str], list[Report]] = defaultdict(list)
    rows = _pair_rows(connection, EvidenceRow, EvidenceRow.a, EvidenceRow.b,
                      (EvidenceRow.article_id, EvidenceRow.kind, EvidenceRow.score, EvidenceRow.start,
                       EvidenceRow.end, EvidenceRow.note, EvidenceRow.rule), articles, forms)
    for r in rows:
        a, b = node_id(r.one_entity, r.one_name), node_id(r.two_entity, r.two_name)
        if a == b or a not in forms or b not in forms:
            continue
        key, sides = ((a, b), (A, B)) if a < b else ((b, a), (B, A))
        reports[key].append(Report(r.article_id, r.source, r.published, r.kind, r.score, r.start or 0, r.end or 0,
                                   "", r.note, r.rule, None, *sides))
    edges = []
    for (source, target), found in sorted(reports.items()):
        summary = summarize(found)
        edges.append(Edge(source, target, "verdict", verdict=summary.verdict, confidence=summary.confidence,
                          articles=len({r.article_id for r in found}), reports=len(found)))
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
