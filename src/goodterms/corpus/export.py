"""The store as a graph: people as nodes, relations and pair verdicts as edges, written as
GraphML (Gephi, networkx), JSON (nodes and edges for a Neo4j-style import) or CSV (spreadsheets).

A node is an entity (`e12`) or, in a store whose people are not resolved, a name (`n:kim vale`).
A relation edge joins the two people of every article stating it, with the status the newest
such article gives; a verdict edge carries the pair's verdict now (`corpus.timeline`, as `ask`
gives it) from all of the pair's evidence.

`export_graph(store, folder, fmt)` streams: the store's rows pass once through a scratch SQLite
file (`Scratch`), which sorts them on disk, and nodes and edges are written one by one as they
come out of it in their order, so memory stays flat however large the store (only one pair's
evidence is held at a time). `graph(store)` gives the same nodes and edges as records in memory,
for small stores and tests; `write_graph(graph, folder, fmt)` writes those the same way.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from itertools import groupby
from pathlib import Path
from typing import IO, Any, ClassVar

from sqlalchemy import Connection, and_, select
from sqlalchemy.orm import aliased

from ..model import Record
from ..store import Store
from ..store.schema import Article, Entity, EntityName, EvidenceRow, PersonRow, RelationRow
from .lookup import resolved
from .timeline import A, B, Report, verdict_now

FORMATS = ("graphml", "json", "csv")
SYMMETRIC = frozenset({"spouse", "partner", "sibling", "relative", "friend"})
BATCH = 5000
#: Pages of the scratch file SQLite keeps in memory (negative: KiB), bounding the export's memory.
SCRATCH_CACHE_KIB = 16_384


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


@dataclass(frozen=True)
class Exported(Record):
    """What `export_graph` wrote: how many nodes and edges, and the files."""

    nodes: int
    edges: int
    files: tuple[str, ...]


def _node_id(entity_id: int | None, name: str) -> str:
    return f"e{entity_id}" if entity_id is not None else "n:" + " ".join(name.casefold().split())


# -- reading the store through a scratch file that sorts on disk --------------------------------

class Scratch:
    """A temporary SQLite file holding the rows an export needs, read back sorted.

    The store's rows stream in once; SQLite's sorter orders them on disk (its page cache is
    bounded by SCRATCH_CACHE_KIB), so an export holds one node, or one pair's rows, at a time.
    Text sorts as Python sorts it: SQLite compares UTF-8 bytes, which keeps code point order.
    """

    TABLES = (
        "CREATE TABLE nodes (articles INTEGER, name TEXT, id TEXT, names TEXT, handles TEXT)",
        "CREATE TABLE named (key TEXT, name TEXT, article TEXT)",
        "CREATE TABLE relations (source TEXT, target TEXT, type TEXT, published TEXT, article TEXT, status TEXT)",
        "CREATE TABLE evidence (seq INTEGER PRIMARY KEY, one TEXT, two TEXT, article TEXT, published TEXT, "
        "kind TEXT, score REAL, forward INTEGER)",
    )

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = FILE",
                       f"cache_size = -{SCRATCH_CACHE_KIB}"):
            self.db.execute(f"PRAGMA {pragma}")
        for statement in self.TABLES:
            self.db.execute(statement)

    def close(self) -> None:
        """Close the scratch file (its folder removes it)."""
        self.db.close()

    def _insert(self, statement: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert rows in batches, each batch one transaction."""
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                self._flush(statement, batch)
        self._flush(statement, batch)

    def _flush(self, statement: str, batch: list[tuple[Any, ...]]) -> None:
        if batch:
            self.db.execute("BEGIN")
            self.db.executemany(statement, batch)
            self.db.execute("COMMIT")
            batch.clear()

    def fill(self, connection: Connection) -> None:
        """Copy what the export needs from the store: nodes, unresolved names, relation and evidence rows."""
        node = "INSERT INTO nodes VALUES (?, ?, ?, ?, ?)"
        if resolved(connection):
            self._insert(node, (_node_row(n) for n in _entity_nodes(connection)))
        self._insert("INSERT INTO named VALUES (?, ?, ?)", (
            (_node_id(None, name), name, article_id) for name, article_id in connection.execution_options(
                yield_per=BATCH).execute(select(PersonRow.name, PersonRow.article_id)
                                         .where(PersonRow.entity_id.is_(None)))))
        self._insert(node, (_node_row(n) for n in self._name_nodes()))
        self._insert("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?)", _relation_rows(connection))
        self._insert("INSERT INTO evidence (one, two, article, published, kind, score, forward) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", _evidence_rows(connection))

    def _name_nodes(self) -> Iterator[GraphNode]:
        """Nodes for the persons no entity holds (all of them in a store not resolved)."""
        forms = self.db.execute("SELECT key, name, COUNT(*) FROM named GROUP BY key, name ORDER BY key")
        articles = self.db.cursor().execute(
            "SELECT key, COUNT(DISTINCT article) FROM named GROUP BY key ORDER BY key")
        for (key, group), (same_key, count) in zip(groupby(forms, key=lambda r: r[0]), articles):
            assert key == same_key  # both are grouped and ordered by key
            names = {name: n for _, name, n in group}
            ordered = sorted(names, key=lambda n: (-names[n], n))
            yield GraphNode(key, ordered[0], count, tuple(ordered))

    def nodes(self) -> Iterator[GraphNode]:
        """Every node, the most articles first, then by name and id."""
        for articles, name, node_id, names, handles in self.db.execute(
                "SELECT articles, name, id, names, handles FROM nodes ORDER BY articles DESC, name, id"):
            yield GraphNode(node_id, name, articles, tuple(json.loads(names)), tuple(json.loads(handles)))

    def edges(self) -> Iterator[GraphEdge]:
        """The relation edges (r1, r2...) by their ends and type, then the verdict edges (v1...) by their ends."""
        rows = self.db.execute("SELECT source, target, type, published, article, status FROM relations "
                               "ORDER BY source, target, type, published, article, status")
        for number, ((source, target, rtype), group) in enumerate(groupby(rows, key=lambda r: r[:3]), 1):
            yield _relation_edge(f"r{number}", source, target, rtype, [r[3:] for r in group])
        rows = self.db.execute("SELECT one, two, article, published, kind, score, forward FROM evidence "
                               "ORDER BY one, two, seq")
        for number, ((one, two), group) in enumerate(groupby(rows, key=lambda r: r[:2]), 1):
            yield _verdict_edge(f"v{number}", one, two, [r[2:] for r in group])


def _node_row(node: GraphNode) -> tuple[int, str, str, str, str]:
    return node.articles, node.name, node.id, json.dumps(node.names), json.dumps(node.handles)


@contextmanager
def _sorted(store: Store) -> Iterator[Scratch]:
    """The store's graph rows in a scratch file, removed afterwards.

    A scratch file that cannot be made or written (the temporary folder missing, full or not
    writable) is an OSError saying so, as a file the export cannot write is.
    """
    made = False
    try:
        with tempfile.TemporaryDirectory(prefix="goodterms-export-") as folder:
            made = True
            scratch = Scratch(Path(folder) / "export.db")
            try:
                with store.reading() as connection:
                    scratch.fill(connection)
                yield scratch
            finally:
                scratch.close()
    except sqlite3.Error as exc:
        raise _scratch_failed(str(exc)) from None
    except OSError as exc:
        if made:
            raise  # the export's own files: their error names them
        raise _scratch_failed(exc.strerror or str(exc)) from None


def _scratch_failed(reason: str) -> OSError:
    return OSError(f"the export's scratch file in the temporary folder {tempfile.gettempdir()} failed: "
                   f"{reason.lower()}")


def graph(store: Store) -> Graph:
    """Every person, relation and pair verdict of the store, as a graph in memory (see `export_graph`)."""
    with _sorted(store) as scratch:
        return Graph(tuple(scratch.nodes()), tuple(scratch.edges()))


def export_graph(store: Store, folder: str | os.PathLike[str], fmt: str) -> Exported:
    """Write the store's graph into folder in one format, streamed; what was written.

    The files are those of `write_graph`, byte for byte.
    """
    _check_format(fmt)
    with _sorted(store) as scratch:
        written, nodes, edges = _write(scratch.nodes(), scratch.edges(), folder, fmt)
    return Exported(nodes, edges, tuple(str(p) for p in written))


def _entity_nodes(connection: Connection) -> Iterator[GraphNode]:
    """A node per entity with its name forms (the most seen first), streamed in entity id order."""
    rows = connection.execution_options(yield_per=BATCH).execute(
        select(Entity.id, Entity.name, Entity.articles, EntityName.name.label("form"), EntityName.kind,
               EntityName.count).outerjoin(EntityName, EntityName.entity_id == Entity.id).order_by(Entity.id))
    for (entity_id, name, articles), group in groupby(rows, key=lambda r: (r[0], r[1], r[2])):
        forms = [(r.form, r.kind, r[5]) for r in group if r.form is not None]  # r.count is the tuple method
        ordered = sorted(forms, key=lambda f: (-f[2], f[0]))
        yield GraphNode(f"e{entity_id}", name, articles,
                        tuple(dict.fromkeys(f[0] for f in ordered if f[1] != "handle")),
                        tuple(dict.fromkeys(f[0] for f in ordered if f[1] == "handle")))


def _pair_rows(connection: Connection, table: Any, left: Any, right: Any, *columns: Any) -> Iterable[Any]:
    """Rows of a record table with the node of each end and the article's date, streamed."""
    one, two = aliased(PersonRow), aliased(PersonRow)
    query = (select(*columns, Article.published, one.entity_id.label("e1"), one.name.label("n1"),
                    two.entity_id.label("e2"), two.name.label("n2"))
             .join(one, and_(one.article_id == table.article_id, one.local_id == left))
             .join(two, and_(two.article_id == table.article_id, two.local_id == right))
             .join(Article, Article.id == table.article_id))
    return connection.execution_options(yield_per=BATCH).execute(query)


def _relation_rows(connection: Connection) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(source, target, type, published or "", article, status) of every relation between two nodes."""
    for row in _pair_rows(connection, RelationRow, RelationRow.subject, RelationRow.object,
                          RelationRow.type, RelationRow.status, RelationRow.article_id):
        source, target = _node_id(row.e1, row.n1), _node_id(row.e2, row.n2)
        if source == target:
            continue
        if row.type in SYMMETRIC and target < source:
            source, target = target, source
        yield source, target, row.type, row.published or "", row.article_id, row.status


def _relation_edge(edge_id: str, source: str, target: str, rtype: str, seen: list[tuple[str, str, str]]) -> GraphEdge:
    """One relation edge from its (published, article, status) rows, in that order."""
    known = [s for s in seen if s[2] in ("current", "former")]
    dates = [s[0] for s in seen if s[0]]
    return GraphEdge(edge_id, source, target, "relation", rtype, status=known[-1][2] if known else "unknown",
                     articles=len({s[1] for s in seen}), first=dates[0] if dates else "", last=dates[-1] if dates else "")


def _evidence_rows(connection: Connection) -> Iterator[tuple[str, str, str, str | None, str, float, bool]]:
    """(one, two, article, published, kind, score, forward) of every piece of evidence between two nodes."""
    for row in _pair_rows(connection, EvidenceRow, EvidenceRow.a, EvidenceRow.b, EvidenceRow.article_id,
                          EvidenceRow.kind, EvidenceRow.score):
        one, two = _node_id(row.e1, row.n1), _node_id(row.e2, row.n2)
        if one != two:
            yield min(one, two), max(one, two), row.article_id, row.published, row.kind, row.score, one < two


def _verdict_edge(edge_id: str, one: str, two: str, seen: list[tuple[str, str | None, str, float, int]]) -> GraphEdge:
    """One verdict edge from its (article, published, kind, score, forward) rows, as the store gave them."""
    reports = [Report(article_id, "", published, kind, score, 0, 0, "", "", "", None,
                      *((A, B) if forward else (B, A))) for article_id, published, kind, score, forward in seen]
    now = verdict_now(reports)
    dates = sorted(r.published for r in reports if r.published)
    return GraphEdge(edge_id, one, two, "verdict", "verdict", verdict=now.verdict, confidence=now.confidence,
                     articles=len({r.article_id for r in reports}), reports=len(reports),
                     first=dates[0] if dates else "", last=dates[-1] if dates else "")


# -- writing ---------------------------------------------------------------------------------

#: The files of each format.
FILES = {"graphml": ("people.graphml",), "json": ("graph.json",), "csv": ("nodes.csv", "edges.csv")}


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def write_graph(result: Graph, folder: str | os.PathLike[str], fmt: str) -> list[Path]:
    """Write the graph into folder in one format; return the files written.

    graphml: people.graphml; json: graph.json ({"nodes": [...], "edges": [...]}); csv:
    nodes.csv and edges.csv. Each file is written whole or not at all (a temporary name, then
    a rename).
    """
    _check_format(fmt)
    return _write(iter(result.nodes), iter(result.edges), folder, fmt)[0]


def _write(nodes: Iterator[GraphNode], edges: Iterator[GraphEdge], folder: str | os.PathLike[str],
           fmt: str) -> tuple[list[Path], int, int]:
    """Stream nodes, then edges, into the format's files under temporary names, then rename them."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = [target / name for name in FILES[fmt]]
    temporary = [p.with_name(f".{p.name}.{os.getpid()}.tmp") for p in paths]
    try:
        with _opened(temporary) as handles:
            counted = WRITERS[fmt](nodes, edges, *handles)
        for done, path in zip(temporary, paths):
            os.replace(done, path)
    except BaseException:
        for done in temporary:
            done.unlink(missing_ok=True)
        raise
    return paths, *counted


@contextmanager
def _opened(paths: list[Path]) -> Iterator[list[IO[str]]]:
    handles: list[IO[str]] = []
    try:
        for path in paths:
            handles.append(path.open("w", encoding="utf-8", newline=""))
        yield handles
    finally:
        for handle in handles:
            handle.close()


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


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPH_TAG = '<graph id="goodterms" edgedefault="undirected"'


def _count(items: Iterable[Any], write: Callable[[Any], None]) -> int:
    """Write each item; how many there were."""
    n = 0
    for n, item in enumerate(items, 1):
        write(item)
    return n


def _graphml(nodes: Iterator[GraphNode], edges: Iterator[GraphEdge], out: IO[str]) -> tuple[int, int]:
    """GraphML 1.0: a node per person, an edge per relation or verdict, typed attributes; indented
    as ElementTree indents a whole tree, one element at a time."""
    node_keys = _attributes(GraphNode, {"id"})
    edge_keys = _attributes(GraphEdge, {"id", "source", "target"})
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{GRAPHML_NS}">')
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys:
            key = ET.Element("key", {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind})
            out.write("\n  " + ET.tostring(key, encoding="unicode"))
    opened = False

    def element(tag: str, attributes: dict[str, str], record: Record, scope: str,
                keys: list[tuple[str, str]]) -> None:
        nonlocal opened
        if not opened:
            out.write(f"\n  {GRAPH_TAG}>")
            opened = True
        item = ET.Element(tag, attributes)
        _data(item, scope, record, keys)
        ET.indent(item, level=2)
        out.write("\n    " + ET.tostring(item, encoding="unicode"))

    counted = (_count(nodes, lambda n: element("node", {"id": n.id}, n, "node", node_keys)),
               _count(edges, lambda e: element("edge", {"id": e.id, "source": e.source, "target": e.target},
                                               e, "edge", edge_keys)))
    out.write("\n  </graph>" if opened else f"\n  {GRAPH_TAG} />")
    out.write("\n</graphml>\n")
    return counted


def _data(element: ET.Element, scope: str, record: Record, keys: list[tuple[str, str]]) -> None:
    """The record's values as <data> children; an empty one is left out (readers use no value)."""
    for name, _ in keys:
        value = _value(getattr(record, name))
        if value:
            ET.SubElement(element, "data", {"key": f"{scope}_{name}"}).text = value


def _json_node(n: GraphNode) -> dict[str, Any]:
    return {"id": n.id, "labels": ["Person"],
            "properties": {k: (list(v) if isinstance(v, tuple) else v) for k, v in n.to_dict().items() if k != "id"}}


def _json_edge(e: GraphEdge) -> dict[str, Any]:
    return {"id": e.id, "type": (e.type if e.kind == "relation" else "verdict").upper(), "source": e.source,
            "target": e.target,
            "properties": {k: v for k, v in e.to_dict().items() if k not in ("id", "source", "target")}}


def _json(nodes: Iterator[GraphNode], edges: Iterator[GraphEdge], out: IO[str]) -> tuple[int, int]:
    """{"nodes": [{"id", "labels": ["Person"], "properties"}], "edges": [{"id", "type", "source",
    "target", "properties"}]}: the shape of a Neo4j-style import of nodes and relationships,
    written as json.dumps(..., indent=1) writes the whole, one item at a time."""
    def listing(name: str, items: Iterable[dict[str, Any]], last: bool) -> int:
        out.write(f' "{name}": [')
        n = 0
        for n, item in enumerate(items, 1):
            text = json.dumps(item, ensure_ascii=False, indent=1)
            out.write(("\n" if n == 1 else ",\n") + "\n".join("  " + line for line in text.split("\n")))
        out.write(("\n ]" if n else "]") + ("\n" if last else ",\n"))
        return n

    out.write("{\n")
    counted = listing("nodes", map(_json_node, nodes), False), listing("edges", map(_json_edge, edges), True)
    out.write("}\n")
    return counted


def _csv(records: Iterable[Record], record_type: type, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    names = [f.name for f in fields(record_type)]
    writer.writerow(names)
    return _count(records, lambda r: writer.writerow([_value(getattr(r, n)) for n in names]))


def _csvs(nodes: Iterator[GraphNode], edges: Iterator[GraphEdge], node_file: IO[str],
          edge_file: IO[str]) -> tuple[int, int]:
    """nodes.csv: id, name, articles, names, handles (lists joined with '; '); edges.csv: id, source,
    target, kind, type, status, verdict, confidence, articles, reports, first, last."""
    return _csv(nodes, GraphNode, node_file), _csv(edges, GraphEdge, edge_file)


WRITERS: dict[str, Callable[..., tuple[int, int]]] = {"graphml": _graphml, "json": _json, "csv": _csvs}


def _text(writer: Callable[..., tuple[int, int]], result: Graph, files: int = 1) -> list[str]:
    outs = [io.StringIO() for _ in range(files)]
    writer(iter(result.nodes), iter(result.edges), *outs)
    return [o.getvalue() for o in outs]


def graphml_text(result: Graph) -> str:
    """The graph as GraphML text (what people.graphml holds)."""
    return _text(_graphml, result)[0]


def json_text(result: Graph) -> str:
    """The graph as JSON text (what graph.json holds)."""
    return _text(_json, result)[0]


def nodes_csv(result: Graph) -> str:
    """nodes.csv: id, name, articles, names, handles (lists joined with '; ')."""
    return _text(_csvs, result, 2)[0]


def edges_csv(result: Graph) -> str:
    """edges.csv: id, source, target, kind, type, status, verdict, confidence, articles, reports, first, last."""
    return _text(_csvs, result, 2)[1]
