#!/usr/bin/env python3
"""`goodterms export` peak memory at two store sizes, every format, in one run.

    python bench/export_memory.py                                   # 5,000 and 50,000 articles, SQLite
    python bench/export_memory.py --sizes 10000,100000 --max-ratio 1.5 --json build/export_memory.json
    python bench/export_memory.py --db postgresql://u:p@host/EMPTY_DB   # an empty PostgreSQL database

A store is filled with `bench/store_latency.py`'s synthetic analyses (invented people drawn
Zipf-like, 5 to 10 an article, relations, quotes, stances and pair evidence; people resolved
as the generator made them, so the store looks as after an ingest) up to the smaller size, then
to the larger. At each size `goodterms export OUTDIR --format F` runs as its own process for
graphml, json and csv, as a user runs it, and its peak resident memory (the kernel's ru_maxrss
of that process, from os.wait4) and seconds are recorded with the size of what it wrote.

Flat memory means the larger store's peak is not much above the smaller one's: the ratio
large/small is printed per format, and `--max-ratio` fails the run when a format's ratio is
above it. The interpreter, SQLAlchemy and the store's driver alone take some 60 MB, which any
export pays whatever the store holds.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goodterms.store import Store  # noqa: E402

import store_latency  # noqa: E402

FORMATS = ("graphml", "json", "csv")
MB = 1024 * 1024


def export_peak(location: str, fmt: str, folder: Path) -> dict[str, float]:
    """Run `goodterms export` in a new process; its peak RSS (MB), seconds, and output size (MB)."""
    out = folder / fmt
    command = [sys.executable, "-c", "import sys; from goodterms.cli import main; sys.exit(main())",
               "export", str(out), "--format", fmt, "--db", location]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stdout, stderr = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"export_memory.py: goodterms export --format {fmt} failed: "
                         f"{(stderr or stdout).decode(errors='replace').strip()}")
    written = sum(p.stat().st_size for p in out.iterdir())
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {"peak_mb": round(peak / MB, 1), "seconds": round(seconds, 2), "written_mb": round(written / MB, 1),
            "summary": stdout.decode().strip()}  # type: ignore[dict-item]


def run(location: str, label: str, sizes: list[int]) -> list[dict[str, object]]:
    """Fill the store size by size; at each, export every format and record its peak memory."""
    rows: list[dict[str, object]] = []
    corpus = store_latency.Corpus(people=max(2000, sizes[-1] // 5))
    with Store.open(location) as store:
        if store.count() != 0:
            raise SystemExit(f"export_memory.py: {store.url} is not empty; give an empty database")
        store_latency.add_entities(store, corpus)
        for size in sizes:
            fill_seconds = store_latency.fill(store, corpus, size)
            for fmt in FORMATS:
                with tempfile.TemporaryDirectory(prefix="gt_export_") as folder:
                    figures = export_peak(location, fmt, Path(folder))
                row = {"database": label, "articles": size, "format": fmt, "fill_seconds": round(fill_seconds, 1),
                       "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()), **figures}
                print(f"{label:10} {size:>8,} articles  {fmt:7}  peak {figures['peak_mb']:7.1f} MB  "
                      f"{figures['seconds']:6.1f} s  wrote {figures['written_mb']:6.1f} MB  ({figures['summary']}; "
                      f"load {row['load_average']})", flush=True)
                rows.append(row)
    return rows


def ratios(rows: list[dict[str, object]]) -> dict[tuple[str, str], float]:
    """(database, format) -> peak at the largest size / peak at the smallest."""
    out = {}
    for database in dict.fromkeys(str(r["database"]) for r in rows):
        for fmt in FORMATS:
            mine = sorted((r for r in rows if r["database"] == database and r["format"] == fmt),
                          key=lambda r: int(r["articles"]))  # type: ignore[call-overload]
            if len(mine) > 1:
                out[(database, fmt)] = float(mine[-1]["peak_mb"]) / float(mine[0]["peak_mb"])  # type: ignore[arg-type]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", metavar="PATH_OR_URL", help="an empty store to fill (default: SQLite in a temporary folder)")
    ap.add_argument("--sizes", default="5000,50000", help="article counts to export at (default 5000,50000)")
    ap.add_argument("--max-ratio", type=float, default=None, metavar="X",
                    help="fail when a format's peak at the largest size is over X times its peak at the smallest")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    sizes = sorted(int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip())
    if args.db:
        rows = run(args.db, "given", sizes)
    else:
        with tempfile.TemporaryDirectory(prefix="gt_export_store_") as folder:
            rows = run(str(Path(folder) / "export.db"), "sqlite", sizes)
    failed = False
    for (database, fmt), ratio in ratios(rows).items():
        over = args.max_ratio is not None and ratio > args.max_ratio
        failed |= over
        print(f"{database}: {fmt} peak grows {ratio:.2f}x from {sizes[0]:,} to {sizes[-1]:,} articles "
              f"({sizes[-1] / sizes[0]:.0f}x the articles){'  ABOVE BAR' if over else ''}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
