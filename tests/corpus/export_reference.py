"""The export as it was before it streamed (the whole graph in memory, ElementTree and json.dumps
over all of it): the reference the streamed files must equal byte for byte. Test code only."""
from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import aliased

from goodterms.model import Record
from goodterms.store import Store
from goodterms.store.schema import Article, Entity, EntityName, EvidenceRow, PersonRow, RelationRow
from goodterms.corpus.lookup import resolved
from goodterms.corpus.timeline import A, B, Report, summarize

FORMATS = ("graphml", "json", "csv")
SYMMETRIC = frozenset({"spouse", "partner", "sibling", "relative", "friend"})
BATCH = 5000


@dataclass(frozen=True)
class GraphNode(Record):
    """A person: every name form, handles and how many articles name them."""

    id: str
    name: str
    articles: int
    names: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphEdge(Record):
    """A relation (`kind` "relation": `type`, `status`) or a verdict (`kind` "verdict": `verdict`,
    `confidence`, `reports`) between two people, over `articles` articles from `first` to `last`.
    A relation runs from its subject (the parent, the spouse) to its object."""

    id: str
    source: str
    target: str
    kind: str
    type: str
    status: str = ""
    verdict: str = ""
    confidence: float = 0.0
    articles: int = 0
    reports: int = 0
    first: str = ""
    last: str = ""


@dataclass(frozen=True)
class Graph(Record):
    """People and the edges between them."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]

    nested: ClassVar[dict[str, type]] = {"nodes": GraphNode, "edges": GraphEdge}


def _node_id(entity_id: int | None, name: str) -> str:
    return f"e{entity_id}" if entity_id is not None else "n:" + " ".join(name.casefold().split())


def graph(store: Store) -> Graph:
    """Every person, relation and pair verdict of the store, as a graph."""
    with store.reading() as connection:
        nodes = _entity_nodes(connection) if resolved(connection) else {}
        named = _name_nodes(connection)
        for key, node in named.items():
            nodes.setdefault(key, node)
        relations = _relation_edges(connection)
        verdicts = _verdict_edges(connection)
    used = {n for e in (*relations, *verdicts) for n in (e.source, e.target)}
    kept = [n for n in nodes.values() if n.id.startswith("e") or n.id in used or n.articles > 0]
    return Graph(tuple(sorted(kept, key=lambda n: (-n.articles, n.name, n.id))), tuple(relations + verdicts))


def _entity_nodes(connection: Connection) -> dict[str, GraphNode]:
    forms: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for entity_id, name, kind, count in connection.execute(
            select(EntityName.entity_id, EntityName.name, EntityName.kind, EntityName.count)):
        forms[entity_id].append((name, kind, count))
    nodes = {}
    for entity_id, name, articles in connection.execute(select(Entity.id, Entity.name, Entity.articles)):
        ordered = sorted(forms[entity_id], key=lambda f: (-f[2], f[0]))
        nodes[f"e{entity_id}"] = GraphNode(
            f"e{entity_id}", name, articles,
            tuple(dict.fromkeys(f[0] for f in ordered if f[1] != "handle")),
            tuple(dict.fromkeys(f[0] for f in ordered if f[1] == "handle")))
    return nodes


def _name_nodes(connection: Connection) -> dict[str, GraphNode]:
    """Nodes for the persons no entity holds (all of them in a store not resolved)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    articles: dict[str, set[str]] = defaultdict(set)
    rows = connection.execution_options(yield_per=BATCH).execute(
        select(PersonRow.name, PersonRow.article_id).where(PersonRow.entity_id.is_(None)))
    for name, article_id in rows:
        key = _node_id(None, name)
        counts[key][name] += 1
        articles[key].add(article_id)
    nodes = {}
    for key, names in counts.items():
        ordered = sorted(names, key=lambda n: (-names[n], n))
        nodes[key] = GraphNode(key, ordered[0], len(articles[key]), tuple(ordered))
    return nodes


def _pair_rows(connection: Connection, table: Any, left: Any, right: Any, *columns: Any) -> Iterable[Any]:
    """Rows of a record table with the node of each end and the article's date, streamed."""
    one, two = aliased(PersonRow), aliased(PersonRow)
    query = (select(*columns, Article.published, one.entity_id.label("e1"), one.name.label("n1"),
                    two.entity_id.label("e2"), two.name.label("n2"))
             .join(one, and_(one.article_id == table.article_id, one.local_id == left))
             .join(two, and_(two.article_id == table.article_id, two.local_id == right))
             .join(Article, Article.id == table.article_id))
    return connection.execution_options(yield_per=BATCH).execute(query)


def _relation_edges(connection: Connection) -> list[GraphEdge]:
    groups: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in _pair_rows(connection, RelationRow, RelationRow.subject, RelationRow.object,
                          RelationRow.type, RelationRow.status, RelationRow.article_id):
        source, target = _node_id(row.e1, row.n1), _node_id(row.e2, row.n2)
        if source == target:
            continue
        if row.type in SYMMETRIC and target < source:
            source, target = target, source
        groups[(source, target, row.type)].append((row.published or "", row.article_id, row.status))
    edges: list[GraphEdge] = []
    for (source, target, rtype), seen in sorted(groups.items()):
        seen.sort()
        known = [s for s in seen if s[2] in ("current", "former")]
        dates = [s[0] for s in seen if s[0]]
        edges.append(GraphEdge(f"r{len(edges) + 1}", source, target, "relation", rtype,
                               status=known[-1][2] if known else "unknown", articles=len({s[1] for s in seen}),
                               first=dates[0] if dates else "", last=dates[-1] if dates else ""))
    return edges


def _verdict_edges(connection: Connection) -> list[GraphEdge]:
    # Compact tuples while the whole store streams past; a pair's reports are made when it is summarised.
    groups: dict[tuple[str, str], list[tuple[str, str | None, str, float, bool]]] = defaultdict(list)
    for row in _pair_rows(connection, EvidenceRow, EvidenceRow.a, EvidenceRow.b, EvidenceRow.article_id,
                          EvidenceRow.kind, EvidenceRow.score):
        one, two = _node_id(row.e1, row.n1), _node_id(row.e2, row.n2)
        if one == two:
            continue
        groups[(min(one, two), max(one, two))].append((row.article_id, row.published, row.kind, row.score, one < two))
    edges: list[GraphEdge] = []
    for one, two in sorted(groups):
        seen = groups.pop((one, two))
        reports = [Report(article_id, "", published, kind, score, 0, 0, "", "", "", None,
                          *((A, B) if forward else (B, A))) for article_id, published, kind, score, forward in seen]
        summary = summarize(reports)
        dates = sorted(r.published for r in reports if r.published)
        edges.append(GraphEdge(f"v{len(edges) + 1}", one, two, "verdict", "verdict", verdict=summary.verdict,
                               confidence=summary.confidence, articles=len({r.article_id for r in reports}),
                               reports=len(reports), first=dates[0] if dates else "",
                               last=dates[-1] if dates else ""))
    return edges


# -- writing ---------------------------------------------------------------------------------

def write_graph(result: Graph, folder: str | os.PathLike[str], fmt: str) -> list[Path]:
    """Write the graph into folder in one format; return the files written.

    graphml: people.graphml; json: graph.json ({"nodes": [...], "edges": [...]}); csv:
    nodes.csv and edges.csv. Each file is written whole or not at all (a temporary name, then
    a rename).
    """
    writers: dict[str, list[tuple[str, Callable[[Graph], str]]]] = {
        "graphml": [("people.graphml", graphml_text)],
        "json": [("graph.json", json_text)],
        "csv": [("nodes.csv", nodes_csv), ("edges.csv", edges_csv)],
    }
    if fmt not in writers:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in writers[fmt]:
        path = target / name
        _write_whole(path, render(result))
        written.append(path)
    return written


def _write_whole(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise




def _attributes(record_type: type, skip: set[str]) -> list[tuple[str, str]]:
    """(name, GraphML type) of a record's fields, tuples written as '; '-joined strings."""
    out = []
    for f in fields(record_type):
        if f.name in skip:
            continue
        kind = {"int": "int", "float": "double"}.get(str(f.type), "string")
        out.append((f.name, kind))
    return out


def _value(value: Any) -> str:
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def graphml_text(result: Graph) -> str:
    """GraphML 1.0: a node per person, an edge per relation or verdict, typed attributes."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    node_keys = _attributes(GraphNode, {"id"})
    edge_keys = _attributes(GraphEdge, {"id", "source", "target"})
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys:
            ET.SubElement(root, "key", {"id": f"{scope}_{name}", "for": scope, "attr.name": name,
                                        "attr.type": kind})
    body = ET.SubElement(root, "graph", {"id": "goodterms", "edgedefault": "undirected"})
    for node in result.nodes:
        element = ET.SubElement(body, "node", {"id": node.id})
        _data(element, "node", node, node_keys)
    for edge in result.edges:
        element = ET.SubElement(body, "edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        _data(element, "edge", edge, edge_keys)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _data(element: ET.Element, scope: str, record: Record, keys: list[tuple[str, str]]) -> None:
    """The record's values as <data> children; an empty one is left out (readers use no value)."""
    for name, _ in keys:
        value = _value(getattr(record, name))
        if value:
            ET.SubElement(element, "data", {"key": f"{scope}_{name}"}).text = value


def json_text(result: Graph) -> str:
    """{"nodes": [{"id", "labels": ["Person"], "properties"}], "edges": [{"id", "type", "source",
    "target", "properties"}]}: the shape of a Neo4j-style import of nodes and relationships."""
    nodes = [{"id": n.id, "labels": ["Person"],
              "properties": {k: (list(v) if isinstance(v, tuple) else v) for k, v in n.to_dict().items() if k != "id"}}
             for n in result.nodes]
    edges = [{"id": e.id, "type": (e.type if e.kind == "relation" else "verdict").upper(), "source": e.source,
              "target": e.target,
              "properties": {k: v for k, v in e.to_dict().items() if k not in ("id", "source", "target")}}
             for e in result.edges]
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent=1) + "\n"


def _csv(records: Iterable[Record], record_type: type) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [f.name for f in fields(record_type)]
    writer.writerow(names)
    for record in records:
        writer.writerow([_value(getattr(record, n)) for n in names])
    return out.getvalue()


def nodes_csv(result: Graph) -> str:
    """nodes.csv: id, name, articles, names, handles (lists joined with '; ')."""
    return _csv(result.nodes, GraphNode)


def edges_csv(result: Graph) -> str:
    """edges.csv: id, source, target, kind, type, status, verdict, confidence, articles, reports, first, last."""
    return _csv(result.edges, GraphEdge)
