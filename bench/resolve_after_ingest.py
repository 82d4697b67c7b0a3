#!/usr/bin/env python3
"""What resolution costs an ingest: seconds to resolve the store's people again after adding
articles to a large store, split into reading the facts, resolving and writing.

    python bench/resolve_after_ingest.py                          # ~50,000 person rows, add 100 articles
    python bench/resolve_after_ingest.py --articles 7000 --add 100 --json build/resolve_after_ingest.json
    python bench/resolve_after_ingest.py --db postgresql://u:p@host/EMPTY_DB

The store is filled with `bench/store_latency.py`'s synthetic analyses (invented people drawn
Zipf-like, 5 to 10 an article, with relations); a share of each article's people are named by
one word only, their surname or their first name ("Vale", "Kim"), as articles name people
after the first mention, so resolution has single names to place by context. The store is
resolved once (as the ingests that filled it would have left it), then `--add` more articles
are saved one by one (as `goodterms ingest` saves them) and `resolve_store` runs again, timed:
the figure is what `goodterms ingest` of those articles spends after their analysis. The
phases are timed apart by running them as `resolve_store` does (facts, `resolve`, write).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goodterms.model import Analysis  # noqa: E402
from goodterms.store import Store  # noqa: E402
from goodterms.store.resolving import resolve_store  # noqa: E402
from goodterms.store.schema import PersonRow  # noqa: E402

import store_latency  # noqa: E402

#: Share of an article's people (after its first two) named by one word only.
SINGLE = 0.3


def one_word_names(analysis: Analysis, rng: random.Random) -> Analysis:
    """The analysis with some people called by their surname or first name alone."""
    people = list(analysis.people)
    for i in range(2, len(people)):
        if rng.random() < SINGLE:
            first, last = people[i].name.split(" ", 1)
            people[i] = dataclasses.replace(people[i], name=rng.choice((first, last)), handles=())
    return dataclasses.replace(analysis, people=tuple(people))


def fill(store: Store, corpus: store_latency.Corpus, count: int, rng: random.Random) -> None:
    """Save `count` synthetic articles, one transaction each, as an ingest does."""
    for _ in range(count):
        analysis, _ = corpus.analysis()
        store.save(one_word_names(analysis, rng), engine="synthetic")


def phases(store: Store) -> dict[str, float]:
    """Seconds of each phase of resolve_store, run as it runs them (the last one writes)."""
    from goodterms.corpus.resolve import Override, resolve
    from goodterms.store.entities import person_facts

    started = time.perf_counter()
    facts = list(person_facts(store))
    read = time.perf_counter()
    resolve(facts, [Override(o.action, o.a, o.b) for o in store.overrides()])
    resolved = time.perf_counter()
    return {"read_facts_seconds": round(read - started, 2), "resolve_seconds": round(resolved - read, 2)}


def run(location: str, label: str, articles: int, add: int) -> dict[str, object]:
    rng = random.Random(11)
    corpus = store_latency.Corpus(people=max(1000, articles // 2))
    with Store.open(location) as store:
        if store.count() != 0:
            raise SystemExit(f"resolve_after_ingest.py: {store.url} is not empty; give an empty database")
        started = time.perf_counter()
        fill(store, corpus, articles, rng)
        print(f"{label}: filled {articles:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        started = time.perf_counter()
        first = resolve_store(store)
        initial = time.perf_counter() - started
        fill(store, corpus, add, rng)
        split = phases(store)
        started = time.perf_counter()
        again = resolve_store(store)
        seconds = time.perf_counter() - started
        persons = store.count(PersonRow)
    row: dict[str, object] = {
        "database": label, "articles": articles + add, "persons": persons, "added": add,
        "entities": again.entities, "relinked": again.relinked, "initial_seconds": round(initial, 2),
        "resolve_after_add_seconds": round(seconds, 2), **split,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(f"{label}: {persons:,} persons in {again.entities:,} entities ({first.entities:,} before the "
          f"{add} new articles); resolving after adding {add} articles: {seconds:.2f} s (reading the facts "
          f"{split['read_facts_seconds']:.2f} s, resolving {split['resolve_seconds']:.2f} s, the rest writing); "
          f"{again.relinked:,} persons relinked; load {row['load_average']}")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", metavar="PATH_OR_URL", help="an empty store to fill (default: SQLite in a temporary folder)")
    ap.add_argument("--articles", type=int, default=7000, help="articles in the store before (default 7000: "
                                                                "about 50,000 person rows)")
    ap.add_argument("--add", type=int, default=100, help="articles added, then resolved (default 100)")
    ap.add_argument("--max-seconds", type=float, default=None, help="fail when resolving after the add takes longer")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    if args.db:
        row = run(args.db, "given", args.articles, args.add)
    else:
        with tempfile.TemporaryDirectory(prefix="gt_resolve_") as folder:
            row = run(str(Path(folder) / "resolve.db"), "sqlite", args.articles, args.add)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")
    if args.max_seconds is not None and float(row["resolve_after_add_seconds"]) > args.max_seconds:  # type: ignore[arg-type]
        print(f"FAIL: resolving after the add took {row['resolve_after_add_seconds']} s > {args.max_seconds} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
