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
resolved once (as the ingests that filled it would have left it); then, `--rounds` times,
`--add` more articles are saved one by one (as `goodterms ingest` saves them) and the store is
resolved again, timed: what `goodterms ingest` of those articles spends after their analysis.
The resolution runs the steps of `resolve_store` one by one, so each phase is timed apart
(reading the facts, `resolve`, writing the ids and what changed); the best round counts, as a
shared machine's worst measures the neighbours.
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

from sqlalchemy import func, select  # noqa: E402

from goodterms.model import Analysis  # noqa: E402
from goodterms.store import Store  # noqa: E402
from goodterms.store.resolving import resolve_store  # noqa: E402
from goodterms.store.schema import Entity, PersonRow  # noqa: E402

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


def timed_resolution(store: Store) -> dict[str, float]:
    """Resolve the store as `resolve_store` does, each phase timed: reading the facts, resolving,
    and writing (ids, and only what changed, in one transaction)."""
    from goodterms.corpus.resolve import Override, resolve
    from goodterms.store import resolving
    from goodterms.store.entities import person_facts

    started = time.perf_counter()
    overrides = [Override(o.action, o.a, o.b) for o in store.overrides()]
    facts = list(person_facts(store))
    read = time.perf_counter()
    entities = resolve(facts, overrides)
    resolved = time.perf_counter()
    with store.writing() as connection:
        old = resolving._old_links(connection)
        top = connection.execute(select(func.max(Entity.id))).scalar_one_or_none() or 0
        result = resolving._write(connection, entities, resolving._assign_ids(entities, old, top + 1), old)
    done = time.perf_counter()
    return {"seconds": done - started, "read_facts": read - started, "resolve": resolved - read,
            "write": done - resolved, "relinked": result.relinked, "entities": result.entities}


def run(location: str, label: str, articles: int, add: int, rounds: int) -> dict[str, object]:
    rng = random.Random(11)
    corpus = store_latency.Corpus(people=max(1000, articles // 2))
    with Store.open(location) as store:
        if store.count() != 0:
            raise SystemExit(f"resolve_after_ingest.py: {store.url} is not empty; give an empty database")
        started = time.perf_counter()
        fill(store, corpus, articles, rng)
        print(f"{label}: filled {articles:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        first = resolve_store(store)
        tries = []
        for n in range(rounds):
            fill(store, corpus, add, rng)
            tries.append(timed_resolution(store))
            t = tries[-1]
            print(f"{label}: round {n + 1}: +{add} articles, {store.count(PersonRow):,} persons: resolved in "
                  f"{t['seconds']:.2f} s (reading the facts {t['read_facts']:.2f} s, resolving {t['resolve']:.2f} s, "
                  f"writing {t['write']:.2f} s; {t['relinked']:,} persons relinked)", file=sys.stderr)
        persons = store.count(PersonRow)
    best = min(tries, key=lambda t: t["seconds"])
    row: dict[str, object] = {
        "database": label, "articles": articles + add * rounds, "persons": persons, "added": add,
        "rounds": rounds, "entities_at_start": first.entities, "entities": best["entities"],
        "seconds": [round(t["seconds"], 2) for t in tries], "best_seconds": round(best["seconds"], 2),
        "best_phases": {k: round(best[k], 2) for k in ("read_facts", "resolve", "write")},
        "relinked": [int(t["relinked"]) for t in tries],
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    print(f"{label}: {persons:,} persons; resolving after adding {add} articles: best {best['seconds']:.2f} s of "
          f"{rounds} (reading the facts {best['read_facts']:.2f} s, resolving {best['resolve']:.2f} s, writing "
          f"{best['write']:.2f} s); all: {', '.join(f'{t:.2f}' for t in row['seconds'])} s; "  # type: ignore[attr-defined]
          f"load {row['load_average']}")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", metavar="PATH_OR_URL", help="an empty store to fill (default: SQLite in a temporary folder)")
    ap.add_argument("--articles", type=int, default=7000, help="articles in the store before (default 7000: "
                                                                "about 50,000 person rows)")
    ap.add_argument("--add", type=int, default=100, help="articles added, then resolved (default 100)")
    ap.add_argument("--rounds", type=int, default=3, help="times articles are added and resolved, the best "
                                                          "counting (default 3)")
    ap.add_argument("--max-seconds", type=float, default=None, help="fail when the best resolution after an add "
                                                                    "takes longer")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    if args.db:
        row = run(args.db, "given", args.articles, args.add, args.rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="gt_resolve_") as folder:
            row = run(str(Path(folder) / "resolve.db"), "sqlite", args.articles, args.add, args.rounds)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")
    if args.max_seconds is not None and float(row["best_seconds"]) > args.max_seconds:  # type: ignore[arg-type]
        print(f"FAIL: resolving after an add took {row['best_seconds']} s > {args.max_seconds} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
