#!/usr/bin/env python3
"""Speed and memory of goodterms beside plain spaCy, measured in one process.

    python bench/speed.py                    # ../shared/eval/*/articles, else examples/ and tests/fixtures/
    python bench/speed.py FOLDER ...         # .txt articles from these folders (or files)
    python bench/speed.py --memory 1000 --min-ratio 1.0 --json build/speed.json

Memory: N articles (the texts cycled, each with a unique last line so every id differs)
stream through analyze_many and are thrown away; RSS is sampled as they go. This runs
first, before the baseline pipeline is loaded, so the peak is goodterms' own.

Speed: the baseline is spaCy's full default English pipeline (nlp.pipe over the raw
texts); the analysis is goodterms.pipeline.analyze_many over documents built with
goodterms.ingest.document_from_text, ingest included. Both are warmed up, then timed
three times, interleaved; the best run of each counts. Goal: ratio analysis/baseline >= 1.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from goodterms.ingest import document_from_text
from goodterms.model import Document
from goodterms.nlp import load_full_pipeline
from goodterms.pipeline import Rejected, analyze_many

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3
MB = 1024 * 1024


def default_folders() -> list[Path]:
    """The shared eval articles when present, else the project's own examples and fixtures."""
    shared = sorted((ROOT.parent / "shared" / "eval").glob("*/articles"))
    if shared:
        return shared
    return [p for p in (ROOT / "examples", ROOT / "tests" / "fixtures") if p.is_dir()]


def load_texts(paths: list[Path]) -> list[tuple[str, str]]:
    """(source, text) of every .txt article under the given folders or files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.txt")))
        elif path.is_file():
            files.append(path)
        else:
            raise SystemExit(f"speed.py: {path}: no such file or folder")
    return [(str(f), f.read_text(encoding="utf-8", errors="replace")) for f in files]


def rss_bytes() -> tuple[int, int]:
    """(current RSS, peak RSS) of this process in bytes."""
    current = peak = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    current = int(line.split()[1]) * 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    # ru_maxrss is in KiB on Linux (bytes on macOS); keep the larger reading.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    maxrss *= 1 if sys.platform == "darwin" else 1024
    return current, max(peak, maxrss)


def documents(texts: list[tuple[str, str]]) -> Iterator[Document]:
    for source, text in texts:
        yield document_from_text(text, source=source)


def run_baseline(texts: list[tuple[str, str]]) -> int:
    nlp = load_full_pipeline()
    n = 0
    for _ in nlp.pipe(text for _, text in texts):
        n += 1
    return n


def run_analysis(texts: list[tuple[str, str]]) -> int:
    rejected = 0
    for result in analyze_many(documents(texts)):
        if isinstance(result, Rejected):
            rejected += 1
    return rejected


def timed(fn: Callable[[list[tuple[str, str]]], int], texts: list[tuple[str, str]]) -> tuple[float, int]:
    """Seconds taken by fn(texts), and what it returned."""
    gc.collect()
    start = time.perf_counter()
    value = fn(texts)
    return time.perf_counter() - start, value


def memory_stream(texts: list[tuple[str, str]], total: int, every: int) -> dict[str, object]:
    """Stream `total` distinct articles through analyze_many, sampling RSS every `every`."""
    def stream() -> Iterator[Document]:
        for i in range(total):
            source, text = texts[i % len(texts)]
            yield document_from_text(f"{text.rstrip()}\n\nBench copy {i}.\n", source=f"{source}#{i}")

    before, _ = rss_bytes()
    samples: list[dict[str, float]] = []
    rejected = 0
    start = time.perf_counter()
    for done, result in enumerate(analyze_many(stream()), start=1):
        if isinstance(result, Rejected):
            rejected += 1
        del result
        if done % every == 0 or done == total:
            current, peak = rss_bytes()
            samples.append({"articles": done, "rss_mb": round(current / MB, 1), "peak_mb": round(peak / MB, 1)})
            print(f"  {done:>7} articles  rss {current / MB:7.1f} MB  peak {peak / MB:7.1f} MB", flush=True)
    elapsed = time.perf_counter() - start
    _, peak = rss_bytes()
    first, last = (samples[0]["rss_mb"], samples[-1]["rss_mb"]) if samples else (0.0, 0.0)
    return {
        "articles": total, "rejected": rejected, "seconds": round(elapsed, 2),
        "rss_before_mb": round(before / MB, 1), "samples": samples,
        "growth_mb": round(last - first, 1), "peak_mb": round(peak / MB, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, help="folders of .txt articles (default: see above)")
    ap.add_argument("--memory", type=int, default=10000, metavar="N",
                    help="articles to stream for the memory check; 0 skips it (default 10000)")
    ap.add_argument("--every", type=int, default=0, metavar="K",
                    help="sample RSS every K articles (default 1000, or N/5 when N < 5000)")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    ap.add_argument("--min-ratio", type=float, default=None, metavar="X",
                    help="exit 1 when analysis/baseline articles per second is below X")
    args = ap.parse_args(argv)

    folders = args.paths or default_folders()
    texts = load_texts(folders)
    if not texts:
        print("speed.py: no .txt articles in " + " ".join(map(str, folders)), file=sys.stderr)
        return 2
    words = sum(len(text.split()) for _, text in texts)
    print(f"texts: {len(texts)} articles, {words} words from {', '.join(map(str, folders))}")
    figures: dict[str, object] = {"articles": len(texts), "words": words, "folders": [str(f) for f in folders]}

    if args.memory > 0:
        every = args.every or (1000 if args.memory >= 5000 else max(1, args.memory // 5))
        print(f"\nmemory: streaming {args.memory} articles through analyze_many")
        mem = memory_stream(texts, args.memory, every)
        print(f"  before {mem['rss_before_mb']} MB, growth first->last sample {mem['growth_mb']} MB, "
              f"peak {mem['peak_mb']} MB ({mem['seconds']} s; goal: flat, < 1024 MB)")
        figures["memory"] = mem

    print("\nwarming up")
    run_baseline(texts[:5])
    run_analysis(texts[:5])

    best = {"baseline": float("inf"), "analysis": float("inf")}
    rejected = 0
    for rep in range(1, REPEATS + 1):
        seconds, _ = timed(run_baseline, texts)
        best["baseline"] = min(best["baseline"], seconds)
        seconds, rejected = timed(run_analysis, texts)
        best["analysis"] = min(best["analysis"], seconds)
        print(f"  run {rep}: baseline {best['baseline']:.2f} s, analysis {best['analysis']:.2f} s (best so far)")

    print(f"\n{'':10} {'seconds':>8} {'words/s':>10} {'articles/s':>11}")
    for name in ("baseline", "analysis"):
        seconds = best[name]
        figures[name] = {"seconds": round(seconds, 3), "words_per_s": round(words / seconds, 1),
                         "articles_per_s": round(len(texts) / seconds, 2)}
        print(f"{name:10} {seconds:8.2f} {words / seconds:10.0f} {len(texts) / seconds:11.1f}")
    ratio = best["baseline"] / best["analysis"]
    figures["ratio"] = round(ratio, 3)
    figures["rejected"] = rejected
    print(f"ratio analysis/baseline: {ratio:.2f} (goal >= 1.0; baseline = spaCy full pipeline)")
    if rejected:
        print(f"note: {rejected} of {len(texts)} articles were rejected by the analysis")

    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.min_ratio is not None and ratio < args.min_ratio:
        print(f"FAIL: ratio {ratio:.2f} < {args.min_ratio}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
