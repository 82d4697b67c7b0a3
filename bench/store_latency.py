#!/usr/bin/env python3
"""`ask` latency on a generated store: p50/p95/p99 at 10,000 and 100,000 articles.

    python bench/store_latency.py                              # SQLite in a temporary folder
    python bench/store_latency.py --db postgresql://u:p@host/db_for_the_bench   # an EMPTY database
    python bench/store_latency.py --sizes 10000,100000 --queries 400 --max-p95-ms 50 --json build/latency.json

With GOODTERMS_TEST_POSTGRES set (and no --db) it also runs on PostgreSQL, in a database it
creates for the run (gt_bench_<8 hex>) and drops afterwards, the same way the tests make
theirs (`goodterms.store.scratch`).

The store is filled with synthetic analyses built directly (the engine would take hours for
100,000 articles): invented names from a seeded generator, 5 to 10 persons an article drawn
with a Zipf-like frequency (a few people in thousands of articles, most in a handful), a few
relations, quotes, stances and pieces of pair evidence an article, each with offsets into a
text that holds the words, dates over 2010-2025 (5% undated). The people are resolved as the
generator made them (one entity per invented person, its names and handle in entity_names), so
the measure is the query, not resolution. Rows go in through the store's own row mapping
(`goodterms.store.rows.record_rows`), many articles per transaction (the bench's only shortcut:
`Store.save` writes one article per transaction, as an ingest must).

At each size the store is filled up to it (10,000, then 90,000 more), then `ask` runs for a
few hundred random pairs, timed one by one after a warm-up: pairs named together in articles
(drawn by how often they are), pairs of two known people mostly never together, and pairs with
a name nobody has. Each pair is asked --repeats times and its best time counts: on a shared
machine the worst of three measures the neighbours, not the query (the load average is
printed beside the figures). A run passes when p95 < --max-p95-ms at every size and database.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import bindparam, insert, update

from goodterms.corpus.resolve import handle_key, name_key
from goodterms.corpus.stored_ask import ask_store
from goodterms.model import (
    Analysis, Document, Mention, PairEvidence, Person, Quote, Relation, Span, Stance, document_id,
)
from goodterms.store import Store
from goodterms.store.planner_statistics import update_planner_statistics
from goodterms.store.search_tops import refresh_search_tops
from goodterms.store.rows import record_rows
from goodterms.store.scratch import scratch_database
from goodterms.store.schema import Article, Entity, EntityName

POSTGRES_ENV = "GOODTERMS_TEST_POSTGRES"
SEED = 9
BATCH = 1000
ZIPF_S, ZIPF_Q = 1.0, 30  # Zipf-Mandelbrot: weight 1/(rank + Q)^S (the top person in ~3% of articles)
TOGETHER = 0.35  # how often a person's partner (2k and 2k+1 are a couple) comes into their article
OUTLETS = ("Starglow Weekly", "The Daily Lantern", "Velvet Rope", "Marquee Now", "Pressbox Live")
GOOD_EVENTS = ("reconciled", "made up", "are on good terms", "spend time together", "co-parenting")
BAD_EVENTS = ("feud", "slammed", "are not speaking", "fell out", "sued")
RELATIONS = (("spouse", "wife"), ("partner", "girlfriend"), ("sibling", "sister"), ("friend", "friend"),
             ("parent", "mother"))
SYLLABLES = ("al", "bri", "cas", "dor", "el", "fen", "gar", "hal", "is", "jor", "kel", "lin", "mar", "nor",
             "or", "pel", "quin", "ros", "sel", "tam", "ul", "vas", "wyn", "xan", "yor", "zel", "an", "ber",
             "cor", "dra", "ev", "fil", "gwen", "hes", "ith", "jas", "kor", "lev", "mi", "nad")


# -- invented people and articles --------------------------------------------------------------

def invent_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct invented full names ("Kelmar Dorvasen")."""
    names: set[str] = set()
    out = []
    while len(out) < count:
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{first} {last}"
        if name not in names:
            names.add(name)
            out.append(name)
    return out


class Corpus:
    """A seeded generator of synthetic analyses about a fixed population of invented people."""

    def __init__(self, people: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.names = invent_names(people, self.rng)
        weights = [1.0 / (rank + 1 + ZIPF_Q) ** ZIPF_S for rank in range(people)]
        self.cumulative = list(itertools.accumulate(weights))
        self.made = 0
        self.articles_of: Counter[int] = Counter()
        self.pairs: Counter[tuple[int, int]] = Counter()

    def handle(self, person: int) -> str:
        return self.names[person].replace(" ", ".").lower()

    def cast(self) -> list[int]:
        """5 to 10 distinct people for one article, drawn Zipf-like, a person's partner often with them."""
        size = self.rng.randint(5, 10)
        chosen: dict[int, None] = {}
        while len(chosen) < size:
            for person in self.rng.choices(range(len(self.names)), cum_weights=self.cumulative, k=size):
                chosen[person] = None
                if self.rng.random() < TOGETHER and (person ^ 1) < len(self.names):
                    chosen[person ^ 1] = None
        return list(chosen)[:size]

    def analysis(self) -> tuple[Analysis, list[int]]:
        """One synthetic article: its analysis and the population index of each person p1..pN."""
        rng = self.rng
        self.made += 1
        cast = self.cast()
        parts: list[str] = []
        size = 0
        mentions: dict[int, list[Mention]] = {i: [] for i in range(len(cast))}

        def add(piece: str) -> int:
            nonlocal size
            parts.append(piece)
            size += len(piece)
            return size - len(piece)

        def name(i: int) -> Span:
            at = add(self.names[cast[i]])
            mentions[i].append(Mention(at, size, self.names[cast[i]], "name"))
            return Span(at, size)

        name(0)
        add(" and ")
        name(1)
        add(f" in the news, story {self.made}\n\n")
        for i in range(2, len(cast)):
            name(i)
            add(" was seen at the premiere. ")
        add("\n\n")
        relations, quotes, stances, evidence = [], [], [], []
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(range(len(cast)), 2)
            rtype, noun = rng.choice(RELATIONS)
            name(a)
            at = add(f"'s {noun} ")
            word = Span(at + 3, at + 3 + len(noun))
            name(b)
            add(" joined the party. ")
            relations.append(Relation(rtype, f"p{a + 1}", f"p{b + 1}", rng.choice(("current", "current", "former")),
                                      (word,), rule="kin_possessive"))
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(range(len(cast)), 2)
            good = rng.random() < 0.6
            words = f"I adore {self.names[cast[b]]}" if good else f"I am done with {self.names[cast[b]]}"
            start = add("\u201c")
            add(words)
            end = add(",\u201d ") + 2
            name(a)
            add(" told ")
            outlet = rng.choice(OUTLETS)
            outlet_at = add(outlet)
            add(". ")
            quotes.append(Quote(words + ",", start, end, f"p{a + 1}", None, outlet, Span(outlet_at, outlet_at + len(outlet)),
                                "told", "marked"))
            stances.append(Stance(f"p{a + 1}", f"p{b + 1}", "positive" if good else "negative",
                                  0.8 if good else -0.8, (Span(start + 1, start + 1 + len(words)),), rule="stance_verb"))
            evidence.append(PairEvidence(f"p{a + 1}", f"p{b + 1}", "stance", 0.8 if good else -0.8,
                                         Span(start + 1, start + 1 + len(words)),
                                         f"{self.names[cast[a]]} is {'positive' if good else 'negative'} about "
                                         f"{self.names[cast[b]]}", "stance_verb"))
            self.pairs[tuple(sorted((cast[a], cast[b])))] += 1  # type: ignore[index]
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(range(2), 2) if rng.random() < 0.5 else rng.sample(range(len(cast)), 2)
            good = rng.random() < 0.5
            event = rng.choice(GOOD_EVENTS if good else BAD_EVENTS)
            name(a)
            add(" and ")
            name(b)
            add(" ")
            at = add(event)
            add(". ")
            evidence.append(PairEvidence(f"p{a + 1}", f"p{b + 1}", "event", 0.9 if good else -0.9,
                                         Span(at, at + len(event)), event,
                                         "good_terms_words" if good else "bad_terms_words"))
            self.pairs[tuple(sorted((cast[a], cast[b])))] += 1  # type: ignore[index]
        text_ = "".join(parts)
        day = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        doc = Document(document_id(text_), text_, source=f"synthetic/{self.made:07d}.txt",
                       title=text_.split("\n", 1)[0], published=None if rng.random() < 0.05 else day.isoformat())
        people = tuple(Person(f"p{i + 1}", self.names[p], handles=(self.handle(p),) if p % 3 == 0 else (),
                              mentions=tuple(mentions[i])) for i, p in enumerate(cast))
        for p in set(cast):
            self.articles_of[p] += 1
        return Analysis(doc, people, tuple(quotes), (), (), tuple(relations), tuple(stances), (), tuple(evidence)), cast


# -- filling the store ---------------------------------------------------------------------------

def add_entities(store: Store, corpus: Corpus) -> None:
    """One entity per invented person, with its full name and (for every third) its handle."""
    with store.writing() as connection:
        for start in range(0, len(corpus.names), BATCH * 5):
            chunk = range(start, min(start + BATCH * 5, len(corpus.names)))
            connection.execute(insert(Entity), [{"id": i + 1, "name": corpus.names[i], "articles": 0} for i in chunk])
            names = [{"entity_id": i + 1, "name": corpus.names[i], "key": name_key(corpus.names[i]), "kind": "name",
                      "count": 0} for i in chunk]
            names += [{"entity_id": i + 1, "name": "@" + corpus.handle(i), "key": handle_key(corpus.handle(i)),
                       "kind": "handle", "count": 0} for i in chunk if i % 3 == 0]
            connection.execute(insert(EntityName), names)


def fill(store: Store, corpus: Corpus, upto: int) -> float:
    """Add synthetic articles until the store holds `upto`; return the seconds it took."""
    started, first = time.perf_counter(), corpus.made
    now = datetime.now(timezone.utc)
    while corpus.made < upto:
        batch = min(BATCH, upto - corpus.made)
        articles, tables = [], {}  # type: ignore[var-annotated]
        for _ in range(batch):
            analysis, cast = corpus.analysis()
            doc = analysis.document
            articles.append({"id": doc.id, "source": doc.source, "url": "", "title": doc.title,
                             "published": doc.published, "text": doc.text, "meta": {}, "engine": "synthetic",
                             "analysed_at": now, "analysis": analysis.to_contract()})
            for table, rows in record_rows(doc.id, analysis):
                if table.__tablename__ == "persons":
                    for row in rows:
                        row["entity_id"] = cast[int(row["local_id"][1:]) - 1] + 1
                        row["link"] = "synthetic: the generator's own identity"
                tables.setdefault(table, []).extend(rows)
        with store.writing() as connection:
            connection.execute(insert(Article), articles)
            for table, rows in tables.items():
                if rows:
                    connection.execute(insert(table), rows)
        print(f"\r  filled {corpus.made:,}/{upto:,} ({(corpus.made - first) / (time.perf_counter() - started):,.0f}"
              f" articles/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with store.writing() as connection:
        counts = [{"eid": p + 1, "n": n} for p, n in corpus.articles_of.items()]
        connection.execute(update(Entity).where(Entity.id == bindparam("eid")).values(articles=bindparam("n")),
                           counts)
        connection.execute(update(EntityName).where(EntityName.entity_id == bindparam("eid"))
                           .values(count=bindparam("n")), counts)
    return time.perf_counter() - started


# -- asking --------------------------------------------------------------------------------------

def query_pairs(corpus: Corpus, count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, A, B): 60% pairs named together (drawn by how often), 30% two known people, 10% a
    name nobody has."""
    together = list(corpus.pairs.items())
    keys, weights = [k for k, _ in together], [w for _, w in together]
    out = []
    for i in range(count):
        roll = i % 10
        if roll < 6:
            a, b = rng.choices(keys, weights=weights)[0]
            out.append(("together", corpus.names[a], corpus.names[b]))
        elif roll < 9:
            a, b = rng.sample(range(len(corpus.names)), 2)
            out.append(("known", corpus.names[a], corpus.names[b]))
        else:
            out.append(("nobody", corpus.names[rng.randrange(len(corpus.names))], "Nobody Q. Anywhere"))
    return out


def percentile(values: list[float], share: float) -> float:
    """The value at a share of the sorted list (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(store: Store, pairs: list[tuple[str, str, str]], repeats: int = 3) -> dict[str, object]:
    """Time ask_store over the pairs (after a warm-up of 20), each `repeats` times, its best time
    counting (on a shared machine a query's worst time measures the neighbours); milliseconds."""
    for _, a, b in pairs[:20]:
        ask_store(store, a, b)
    times: list[float] = []
    firsts: list[float] = []
    by_kind: dict[str, list[float]] = {}
    reports: list[int] = []
    for kind, a, b in pairs:
        tries = []
        for _ in range(repeats):
            started = time.perf_counter()
            answer = ask_store(store, a, b)
            tries.append((time.perf_counter() - started) * 1000)
        best = min(tries)
        firsts.append(tries[0])
        times.append(best)
        by_kind.setdefault(kind, []).append(best)
        reports.append(answer.reports)
    return {
        "queries": len(times), "repeats": repeats, "p50_ms": round(percentile(times, 0.50), 2),
        "p95_ms": round(percentile(times, 0.95), 2), "p99_ms": round(percentile(times, 0.99), 2),
        "max_ms": round(max(times), 2), "mean_ms": round(statistics.fmean(times), 2), "max_reports": max(reports),
        "p95_ms_by_kind": {k: round(percentile(v, 0.95), 2) for k, v in sorted(by_kind.items())},
        "first_try_p95_ms": round(percentile(firsts, 0.95), 2), "load_average": round(os.getloadavg()[0], 2),
    }


def run(location: str, label: str, sizes: list[int], queries: int, repeats: int = 3) -> list[dict[str, object]]:
    """Fill the store at location up to each size in turn and measure ask there."""
    corpus = Corpus(people=max(1000, max(sizes) // 2))
    rng = random.Random(SEED + 1)
    rows = []
    with Store.open(location) as store:
        if store.count() != 0:
            raise SystemExit(f"store_latency.py: {store.url} is not empty; give an empty database")
        add_entities(store, corpus)
        for size in sizes:
            print(f"{label}: filling to {size:,} articles", file=sys.stderr)
            seconds = fill(store, corpus, size)
            with store.writing() as connection:  # as resolution does after an ingest
                refresh_search_tops(connection)
                update_planner_statistics(connection)
            figures = measure(store, query_pairs(corpus, queries, rng), repeats)
            row = {"database": label, "articles": size, "fill_seconds": round(seconds, 1), **figures}
            print(f"{label:10} {size:>8,} articles  p50 {figures['p50_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms  "
                  f"p99 {figures['p99_ms']:7.2f} ms  max {figures['max_ms']:7.2f} ms  "
                  f"(largest pair: {figures['max_reports']} reports; filled in {seconds:.0f} s; "
                  f"load {figures['load_average']})", flush=True)
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", metavar="PATH_OR_URL", help="an empty store to fill (default: SQLite in a temporary "
                                                        "folder, and PostgreSQL when GOODTERMS_TEST_POSTGRES is set)")
    ap.add_argument("--sizes", default="10000,100000", help="article counts to measure at (default 10000,100000)")
    ap.add_argument("--queries", type=int, default=400, help="ask calls timed at each size (default 400)")
    ap.add_argument("--repeats", type=int, default=3, help="times each pair is asked, the best counting (default 3)")
    ap.add_argument("--max-p95-ms", type=float, default=None, metavar="MS", help="fail when a p95 is over MS")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    ap.add_argument("--keep-sqlite", metavar="PATH", help="fill the SQLite store at PATH (a new file) instead of a "
                                                          "temporary one, and keep it: bench/load.py --db PATH reuses it")
    args = ap.parse_args(argv)
    sizes = sorted(int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip())
    rows: list[dict[str, object]] = []
    if args.db:
        rows += run(args.db, "given", sizes, args.queries, args.repeats)
    else:
        if args.keep_sqlite:
            if Path(args.keep_sqlite).exists():
                raise SystemExit(f"store_latency.py: {args.keep_sqlite} exists; --keep-sqlite makes a new store")
            rows += run(args.keep_sqlite, "sqlite", sizes, args.queries, args.repeats)
        else:
            with tempfile.TemporaryDirectory(prefix="gt_latency_") as folder:
                rows += run(str(Path(folder) / "latency.db"), "sqlite", sizes, args.queries, args.repeats)
        if os.environ.get(POSTGRES_ENV):
            with scratch_database(os.environ[POSTGRES_ENV], "gt_bench") as url:
                rows += run(url, "postgresql", sizes, args.queries, args.repeats)
        else:
            print(f"postgresql: skipped ({POSTGRES_ENV} is not set)", file=sys.stderr)
    for label in dict.fromkeys(str(r["database"]) for r in rows):
        mine = [r for r in rows if r["database"] == label]
        if len(mine) > 1:
            first, last = mine[0], mine[-1]
            growth = float(last["p95_ms"]) / max(float(first["p95_ms"]), 1e-9)  # type: ignore[arg-type]
            print(f"{label}: p95 grows {growth:.2f}x from {first['articles']:,} to {last['articles']:,} articles "
                  f"({int(last['articles']) / int(first['articles']):.0f}x the articles)")  # type: ignore[call-overload]
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    if args.max_p95_ms is not None:
        over = [r for r in rows if float(r["p95_ms"]) > args.max_p95_ms]  # type: ignore[arg-type]
        for r in over:
            print(f"FAIL: {r['database']} at {r['articles']:,} articles: p95 {r['p95_ms']} ms > {args.max_p95_ms} ms")
        return 1 if over else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
