#!/usr/bin/env python3
"""Time per 100 KB as one article grows: every stage should run in time linear in the length.

    python bench/scaling.py                              # 10 KB .. 5 MB (the default --max-bytes)
    python bench/scaling.py --max-size 400000 --max-ratio 2.0     # what CI runs
    python bench/scaling.py ARTICLE.txt --sizes 10000,100000,1000000

One realistic article (default: examples/hollis-wren.txt, an invented story) keeps its
headline and has its body repeated until it reaches each size. Each size is analysed with
analyze_one (NER and every stage, no time budget), best of a few runs, smaller sizes run
more often. It prints seconds per 100 KB at each size and the ratio largest/smallest; with
--max-ratio it exits 1 when that ratio is higher (quadratic work shows up as a ratio that
grows with the size). Peak resident memory is printed after each size (sizes run in
ascending order, so it is the peak of the largest so far).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from goodterms.config import DEFAULT_MAX_BYTES, Settings
from goodterms.ingest import document_from_text
from goodterms.pipeline import analyze_one

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (10_000, 50_000, 100_000, 200_000, 400_000, 1_000_000, 2_000_000, DEFAULT_MAX_BYTES)


def grown(text: str, size: int) -> str:
    """The headline, then the body repeated until the text is about `size` characters."""
    headline, _, body = text.partition("\n")
    body = body.strip() + "\n\n"
    copies = max(1, (size - len(headline)) // len(body))
    return headline + "\n\n" + body * copies


def time_once(text: str, settings: Settings) -> float:
    doc = document_from_text(text, source="scaling.txt")
    started = time.perf_counter()
    analyze_one(doc, settings=settings)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", default=str(ROOT / "examples" / "hollis-wren.txt"))
    parser.add_argument("--sizes", help="comma-separated sizes in characters (default 10 KB .. 5 MB)")
    parser.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, help="leave out larger sizes")
    parser.add_argument("--max-ratio", type=float, help="fail when largest/smallest s per 100 KB is above this")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    text = Path(args.article).read_text(encoding="utf-8")
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(DEFAULT_SIZES)
    sizes = sorted(s for s in sizes if s <= args.max_size)
    settings = Settings(article_seconds=0)
    time_once(grown(text, sizes[0]), settings)  # load the models, warm the caches
    rows = []
    for size in sizes:
        article = grown(text, size)
        runs = 5 if size <= 50_000 else 3 if size <= 200_000 else 1
        best = min(time_once(article, settings) for _ in range(runs))
        per = best / len(article) * 100_000
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append({"chars": len(article), "seconds": round(best, 3), "seconds_per_100kb": round(per, 3),
                     "peak_rss_mb": round(peak_mb)})
        print(f"{len(article):>10,} chars  {best:8.2f} s  {per:6.3f} s/100KB  peak RSS {peak_mb:6.0f} MB", flush=True)
    ratio = rows[-1]["seconds_per_100kb"] / rows[0]["seconds_per_100kb"]
    print(f"ratio largest/smallest (s per 100 KB): {ratio:.2f}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"rows": rows, "ratio": round(ratio, 3)}, indent=1))
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"scaling.py: ratio {ratio:.2f} is above {args.max_ratio}: some stage grows faster than the text",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
