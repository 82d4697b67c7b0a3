#!/usr/bin/env python3
"""What storing costs beside analysing: seconds per saved article against seconds per analysed one.

    python bench/store_write.py                                  # SQLite in a temporary folder
    python bench/store_write.py --postgres postgresql://u:p@127.0.0.1/db   # also PostgreSQL (a new database)
    python bench/store_write.py --copies 2000 --max-ratio 0.25 --json build/store_write.json

The baseline is the analysis itself: invented articles (examples/ and tests/fixtures/articles)
through analyze_many, best of three runs, in seconds per article. The store then saves each
analysis `--copies` times in total (each copy under its own document id, one transaction per
article as `goodterms ingest` does) and reads some back; the figure is seconds per save and
its ratio to seconds per analysis: the share of an ingest spent writing. Goal: ratio <= the bar.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path


from goodterms import read_path
from goodterms.model import Analysis
from goodterms.pipeline import analyze_many
from goodterms.store import Store
from goodterms.store.scratch import scratch_database

ROOT = Path(__file__).resolve().parent.parent


def articles() -> list[Path]:
    """The project's invented articles."""
    return [ROOT / "examples" / "hollis-wren.txt", *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))]


def analysis_seconds(paths: list[Path]) -> tuple[float, list[Analysis]]:
    """Best of three runs of analyze_many over the articles: seconds per article, and the analyses."""
    docs = [read_path(p) for p in paths]
    list(analyze_many(docs[:2]))  # warm up: models loaded
    best, results = float("inf"), []
    for _ in range(3):
        started = time.perf_counter()
        results = [r for r in analyze_many(docs) if isinstance(r, Analysis)]
        best = min(best, time.perf_counter() - started)
    return best / len(docs), results


def save_seconds(location: str, analyses: list[Analysis], copies: int) -> dict[str, float]:
    """Seconds per save (one transaction each) and per load, over `copies` saved articles."""
    with Store.open(location) as store:
        started = time.perf_counter()
        for i in range(copies):
            analysis = analyses[i % len(analyses)]
            doc = dataclasses.replace(analysis.document, id=f"{i:016x}")
            store.save(dataclasses.replace(analysis, document=doc), engine="bench")
        per_save = (time.perf_counter() - started) / copies
        reads = min(copies, 200)
        started = time.perf_counter()
        for i in range(reads):
            store.load(f"{i * (copies // reads):016x}")
        per_load = (time.perf_counter() - started) / reads
    return {"save_seconds": per_save, "load_seconds": per_load}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=1000, metavar="N", help="articles saved per database")
    ap.add_argument("--postgres", metavar="URL", help="also measure PostgreSQL (a new database on this server)")
    ap.add_argument("--max-ratio", type=float, default=None, metavar="X",
                    help="fail when seconds per save / seconds per analysis exceeds X on any database")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args()

    per_article, analyses = analysis_seconds(articles())
    print(f"analysis: {per_article * 1000:.1f} ms per article ({len(analyses)} invented articles, best of 3)")
    figures: dict[str, object] = {"analysis_seconds": per_article, "copies": args.copies, "databases": {}}
    with tempfile.TemporaryDirectory() as folder:
        measured = {"sqlite": save_seconds(str(Path(folder) / "bench.db"), analyses, args.copies)}
    if args.postgres:
        with scratch_database(args.postgres, "gt_bench") as url:
            measured["postgresql"] = save_seconds(url, analyses, args.copies)
    failed = False
    for database, result in measured.items():
        ratio = result["save_seconds"] / per_article
        result["ratio"] = ratio
        bar = args.max_ratio is not None and ratio > args.max_ratio
        failed |= bar
        print(f"{database}: save {result['save_seconds'] * 1000:.2f} ms, load {result['load_seconds'] * 1000:.2f} ms "
              f"per article; save/analysis {ratio:.3f}{'  ABOVE BAR' if bar else ''}")
    figures["databases"] = measured
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
