#!/usr/bin/env python3
"""Ingest throughput with local worker processes and on Dask, beside one process, in one run.

    python bench/ingest_scale.py                        # ../shared/corpus/celebrity/ (every .txt below it)
    python bench/ingest_scale.py --corpus DIR           # any folder of .txt articles, e.g. a generated one
    python bench/ingest_scale.py --min-workers-ratio 1.8 --min-dask-ratio 0.9 --json build/ingest_scale.json

What is timed is `goodterms.store.ingesting.ingest` of every article: the document made from its
text in this process, the analysis, and this process saving each result into a new SQLite store.
Three ways, interleaved, `--repeats` times each, the best run of each counting:

    one       analyze_many in this process
    workers   a ProcessPool of --workers processes
    dask      a Dask LocalCluster of --workers processes, one thread each

Loading the model is paid before the clock starts, once per process (this process analyses a
warm-up article, the pool waits until its workers are ready, the Dask workers warm up through
client.run); the start-up seconds are reported apart. Ratios: workers/one (goal >= 1.8 with 2
workers) and dask/workers (goal >= 0.9). Afterwards the stores of the first round are compared:
every way must have stored the same analyses.

Then the same three ways as a user runs them: the `goodterms ingest` command, a new process each
run, timed from its start to its exit, so each way pays its own start-up (imports, the model
loaded in each process, starting the pool or the Dask cluster) and shutdown, and its CPU is the
command's and every process it waited for. The command reads `--command-copies` (default 3)
distinct copies of each article (1,119 from the celebrity corpus): the people who run
`--workers` or `--dask` ingest thousands of articles, and at 373 (about 13 s with 2 workers)
start-up would be a third of the time measured; both ways read the same copies.
`--min-workers-ratio` is checked on the first
measure, as it always was; `--min-dask-ratio` on this one, the ratio a user sees (both ways
start-up included). `--command-repeats 0` leaves it out.

Memory: a short and then a long stream of distinct articles (the texts cycled, each with its own
last line) go through the worker pool and are thrown away; the parent's peak RSS is measured for
each (the peak is reset between them). Flat: the long stream's peak is not above the short one's.

The machine's load average is printed: other processes on the same cores slow the parallel runs
more than the single one.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from goodterms import Settings
from goodterms.ingest import document_from_text
from goodterms.model import Analysis, Document, Rejected
from goodterms.pipeline import analyze_many
from goodterms.scale import ProcessPool, analyze_dask, dask_client, warm_workers
from goodterms.scale.partitions import warm_up
from goodterms.store import Store
from goodterms.store.ingesting import REJECTED, ingest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "celebrity"
MB = 1024 * 1024

Texts = list[tuple[str, str]]
Analyser = Callable[..., Iterable[Analysis | Rejected]]


def load_texts(folder: Path, limit: int) -> Texts:
    """(source, text) of every .txt article below folder, in path order, at most `limit` (0: all)."""
    files = sorted(folder.rglob("*.txt"))
    if limit:
        files = files[:limit]
    return [(str(f.relative_to(folder)), f.read_text(encoding="utf-8", errors="replace")) for f in files]


def documents(texts: Texts) -> Iterator[Document]:
    for source, text in texts:
        yield document_from_text(text, source=source)


def cpu_seconds(pids: Iterable[int]) -> float:
    """CPU seconds (user + system) used so far by this process and the given processes."""
    own = os.times()
    total = own.user + own.system
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def with_descendants(pids: Iterable[int]) -> list[int]:
    """The processes and every process they started, still running (a Dask worker's task process)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grown = set(pids), True
    while grown:
        added = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= added
        grown = bool(added)
    return sorted(tree)


def machine_busy_seconds() -> float:
    """CPU seconds every process on the machine has used since boot (/proc/stat; 0 without it)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, seconds: float) -> float:
    """Wait (up to `seconds`) until other processes use under `limit` cores; the cores they used last."""
    deadline = time.monotonic() + seconds
    while True:
        mine, busy = cpu_seconds(()), machine_busy_seconds()
        time.sleep(1.0)
        others = (machine_busy_seconds() - busy) - (cpu_seconds(()) - mine)
        if others < limit or time.monotonic() >= deadline:
            return max(0.0, others)


@dataclass
class Run:
    """One timed ingest: wall and CPU seconds (this process and its helpers), others' CPU meanwhile."""

    wall: float
    cpu: float
    others: float
    rejected: int


def ingest_run(texts: Texts, analyse: Analyser, db: Path, settings: Settings,
               helpers: Callable[[], list[int]]) -> Run:
    """Ingest every text into a new store at db, timed."""
    gc.collect()
    rejected = 0
    with Store.open(str(db)) as store:
        pids = helpers()
        cpu, busy = cpu_seconds(pids), machine_busy_seconds()
        start = time.perf_counter()
        for outcome in ingest(store, documents(texts), settings=settings, analyse=analyse):
            rejected += outcome.kind == REJECTED
        wall = time.perf_counter() - start
        cpu = cpu_seconds(pids) - cpu
        others = max(0.0, machine_busy_seconds() - busy - cpu)
        return Run(wall, cpu, others, rejected)


def stored_contracts(db: Path) -> dict[str, str]:
    """Each stored analysis as its JSON contract, by document id."""
    with Store.open(str(db), create=False) as store:
        return {a.document.id: json.dumps(a.to_contract(), sort_keys=True) for a in store.analyses()}


# -- as a user runs it ----------------------------------------------------------------------------

#: The command line's options for each way.
COMMAND_WAYS = {"one": [], "workers": ["--workers", "{n}"], "dask": ["--dask", "local", "--workers", "{n}"]}


def command_corpus(folder: Path, texts: Texts, into: Path, copies: int) -> Path:
    """A folder for the command to read: the chosen articles (links to them), then `copies` - 1 more
    copies of each, every copy distinct (its own last line), so that none is skipped as stored."""
    for source, text in texts:
        link = into / "copy1" / source
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to((folder / source).resolve())
        for copy in range(2, copies + 1):
            path = into / f"copy{copy}" / source
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{text.rstrip()}\n\nBench copy {copy}.\n", encoding="utf-8")
    return into


def command_run(way: str, corpus: Path, db: Path, workers: int) -> Run:
    """`goodterms ingest corpus --recursive --db db` with the way's options, from start to exit."""
    goodterms = Path(sys.executable).with_name("goodterms")
    options = [option.format(n=workers) for option in COMMAND_WAYS[way]]
    argv = [str(goodterms), "ingest", str(corpus), "--recursive", "--db", str(db), *options]
    gc.collect()
    busy = machine_busy_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)  # its CPU, and that of every process it waited for
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: some inputs rejected
        raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode}: "
                           f"{stderr.decode(errors='replace')[-500:]}")
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, machine_busy_seconds() - busy - cpu)
    return Run(wall, cpu, others, stderr.count(b": rejected "))


def command_runs(ways: list[str], folder: Path, texts: Texts, tmp: Path, args: argparse.Namespace
                 ) -> dict[str, Any]:
    """Each way as the `goodterms ingest` command, interleaved, best of --command-repeats; figures."""
    corpus = command_corpus(folder, texts, tmp / "corpus", args.command_copies)
    articles = len(texts) * args.command_copies
    best: dict[str, Run] = {}
    print(f"\nas a user runs it: goodterms ingest of {articles} articles ({args.command_copies} distinct copies of "
          f"each), a new process each run, start-up and shutdown timed")
    for rep in range(1, args.command_repeats + 1):
        for way in ways:
            if args.quiet is not None:
                wait_for_quiet(args.quiet, args.quiet_wait)
            run = command_run(way, corpus, tmp / f"command-{way}-{rep}.db", args.workers)
            if way not in best or run.wall < best[way].wall:
                best[way] = run
            print(f"  run {rep} {way:8} {run.wall:7.2f} s  {articles / run.wall:6.1f} articles/s  "
                  f"used {run.cpu / run.wall:.2f} cores, others {run.others / run.wall:.2f}", flush=True)
    figures: dict[str, Any] = {"articles": articles, "copies": args.command_copies}
    for way, run in best.items():
        figures[way] = {"seconds": round(run.wall, 2), "articles_per_s": round(articles / run.wall, 2),
                        "cpu_seconds": round(run.cpu, 1), "cores_used": round(run.cpu / run.wall, 2),
                        "others_cores": round(run.others / run.wall, 2)}
        print(f"  {way:8} best {run.wall:7.2f} s  {articles / run.wall:6.1f} articles/s  cpu {run.cpu:6.1f} s")
    figures["workers_ratio"] = round(best["one"].wall / best["workers"].wall, 3)
    print(f"  workers/one: {figures['workers_ratio']:.2f}")
    if "dask" in best:
        figures["dask_ratio"] = round(best["workers"].wall / best["dask"].wall, 3)
        print(f"  dask/workers: {figures['dask_ratio']:.2f} (goal >= 0.9)")
    same = {way: stored_contracts(tmp / f"command-{way}-1.db") for way in ways}
    figures["identical"] = all(same[way] == same["one"] for way in ways)
    print(f"  identical stored analyses across {', '.join(ways)}: {'yes' if figures['identical'] else 'NO'}")
    return figures


# -- memory ---------------------------------------------------------------------------------------

def _status(pid: int | str, field: str) -> int:
    """A VmRSS / VmHWM line of /proc/PID/status, in bytes (0 where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakRss:
    """The parent's peak RSS over a stretch of work: the kernel's high-water mark, reset at the start
    (/proc/self/clear_refs), and RSS sampled every 20 ms where the mark cannot be reset."""

    def __init__(self) -> None:
        self.sampled = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        try:
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # reset VmHWM to the current RSS
            self.reset = True
        except OSError:
            self.reset = False

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.sampled = max(self.sampled, _status("self", "VmRSS"))

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self) -> int:
        return max(self.sampled, _status("self", "VmHWM")) if self.reset else self.sampled


def memory_stream(pool: ProcessPool, texts: Texts, total: int) -> dict[str, Any]:
    """Stream `total` distinct articles through the pool, results thrown away; the parent's peak RSS."""
    def stream() -> Iterator[Document]:
        for i in range(total):
            source, text = texts[i % len(texts)]
            yield document_from_text(f"{text.rstrip()}\n\nBench copy {i}.\n", source=f"{source}#{i}")

    gc.collect()
    start = time.perf_counter()
    with PeakRss() as rss:
        done = sum(1 for _ in pool.analyze(stream()))
    workers = [_status(pid, "VmHWM") for pid in pool.pids()]
    return {"articles": done, "seconds": round(time.perf_counter() - start, 1),
            "parent_peak_mb": round(rss.peak() / MB, 1),
            "worker_peak_mb": round(max(workers, default=0) / MB, 1)}


# -- the run --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                    help=f"folder of .txt articles, read recursively (default {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, default=0, metavar="N", help="use the first N articles only")
    ap.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes (default 2)")
    ap.add_argument("--repeats", type=int, default=2, metavar="R", help="timed runs of each way (default 2)")
    ap.add_argument("--command-repeats", type=int, default=2, metavar="R",
                    help="runs of each way as the goodterms ingest command (default 2; 0: none)")
    ap.add_argument("--command-copies", type=int, default=3, metavar="K",
                    help="the command runs ingest K distinct copies of each article (default 3)")
    ap.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    ap.add_argument("--memory-short", type=int, default=100, metavar="N",
                    help="articles in the short memory stream (default 100)")
    ap.add_argument("--memory-long", type=int, default=1000, metavar="N",
                    help="articles in the long memory stream (default 1000; 0 skips the memory check)")
    ap.add_argument("--quiet", type=float, default=None, metavar="CORES",
                    help="before each timed run, wait until other processes use under CORES cores")
    ap.add_argument("--quiet-wait", type=float, default=120.0, metavar="S",
                    help="wait at most S seconds for that (default 120)")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    ap.add_argument("--min-workers-ratio", type=float, default=None, metavar="X",
                    help="exit 1 when workers/one articles per second is below X")
    ap.add_argument("--min-dask-ratio", type=float, default=None, metavar="X",
                    help="exit 1 when dask/workers articles per second, as the command runs (start-up "
                         "included), is below X (without command runs: as measured in this process)")
    args = ap.parse_args(argv)

    folder = args.corpus or DEFAULT_CORPUS
    if not folder.is_dir():
        if args.corpus is not None:
            print(f"ingest_scale.py: {folder}: no such folder", file=sys.stderr)
            return 2
        print(f"ingest_scale.py: {folder} not found, skipping (give --corpus DIR)")
        return 0
    if args.command_copies < 1:
        print(f"ingest_scale.py: --command-copies must be at least 1, got {args.command_copies}", file=sys.stderr)
        return 2
    texts = load_texts(folder, args.limit)
    if not texts:
        print(f"ingest_scale.py: no .txt articles below {folder}", file=sys.stderr)
        return 2
    settings = Settings()
    print(f"corpus: {len(texts)} articles, {sum(len(t) for _, t in texts):,} characters from {folder}")
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    figures: dict[str, Any] = {"corpus": str(folder), "articles": len(texts), "worker_count": args.workers,
                               "cores": os.cpu_count(), "load_at_start": [round(x, 2) for x in os.getloadavg()]}

    ways = ["one", "workers"] + ([] if args.no_dask else ["dask"])
    best = {way: float("inf") for way in ways}
    rejected: dict[str, int] = {}
    cpu_of: dict[str, float] = {}
    others_of: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ingest_scale_") as tmp, \
            ProcessPool(args.workers, settings=settings) as pool:
        started = time.perf_counter()
        warm_up(settings)
        figures["start_one_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        pool.wait_ready()
        figures["start_workers_s"] = round(time.perf_counter() - started, 2)
        analysers: dict[str, Analyser] = {
            "one": analyze_many,
            "workers": lambda docs, settings: pool.analyze(docs),
        }
        helpers: dict[str, Callable[[], list[int]]] = {"one": list, "workers": pool.pids}
        client_context = None
        if "dask" in ways:
            started = time.perf_counter()
            client_context = dask_client("local", workers=args.workers)
            client = client_context.__enter__()
            warm_workers(client, settings)
            figures["start_dask_s"] = round(time.perf_counter() - started, 2)
            analysers["dask"] = partial(analyze_dask, client=client)
            helpers["dask"] = lambda: with_descendants(client.run(os.getpid).values())
        print("start-up (not timed): " + ", ".join(
            f"{way} {figures[f'start_{way}_s']} s" for way in ways))
        try:
            for rep in range(1, args.repeats + 1):
                for way in ways:
                    if args.quiet is not None:
                        wait_for_quiet(args.quiet, args.quiet_wait)
                    run = ingest_run(texts, analysers[way], Path(tmp) / f"{way}-{rep}.db", settings, helpers[way])
                    rejected[way] = run.rejected
                    if run.wall < best[way]:
                        best[way], cpu_of[way], others_of[way] = run.wall, run.cpu, run.others / run.wall
                    print(f"  run {rep} {way:8} {run.wall:7.2f} s  {len(texts) / run.wall:6.1f} articles/s  "
                          f"used {run.cpu / run.wall:.2f} cores, others {run.others / run.wall:.2f}", flush=True)
            same = {way: stored_contracts(Path(tmp) / f"{way}-1.db") for way in ways}
        finally:
            if client_context is not None:
                client_context.__exit__(None, None, None)
        identical = all(same[way] == same["one"] for way in ways)
        figures["identical"] = identical
        figures["stored"] = len(same["one"])
        figures["rejected"] = rejected

        print(f"\n{'':8} {'seconds':>8} {'articles/s':>11} {'cpu s':>7} {'cores used':>11} {'others':>7}"
              f"   (best of {args.repeats})")
        for way in ways:
            rate = len(texts) / best[way]
            figures[way] = {"seconds": round(best[way], 2), "articles_per_s": round(rate, 2),
                            "cpu_seconds": round(cpu_of[way], 1), "cores_used": round(cpu_of[way] / best[way], 2),
                            "others_cores": round(others_of[way], 2)}
            print(f"{way:8} {best[way]:8.2f} {rate:11.1f} {cpu_of[way]:7.1f} {cpu_of[way] / best[way]:11.2f} "
                  f"{others_of[way]:7.2f}")
        overhead = cpu_of["workers"] / cpu_of["one"] - 1
        figures["workers_cpu_overhead"] = round(overhead, 3)
        print(f"CPU the workers way spends beyond one process: {overhead:+.1%}; 'others' is the cores other "
              f"processes on the machine used meanwhile (they slow the parallel ways most)")
        workers_ratio = best["one"] / best["workers"]
        figures["workers_ratio"] = round(workers_ratio, 3)
        print(f"workers/one: {workers_ratio:.2f} (goal >= 1.8 with 2 workers)")
        dask_ratio = None
        if "dask" in ways:
            dask_ratio = best["workers"] / best["dask"]
            figures["dask_ratio"] = round(dask_ratio, 3)
            print(f"dask/workers: {dask_ratio:.2f} (goal >= 0.9)")
        print(f"identical stored analyses across {', '.join(ways)}: {'yes' if identical else 'NO'} "
              f"({len(same['one'])} articles)")

        command = None
        if args.command_repeats > 0:
            command = command_runs(ways, folder, texts, Path(tmp), args)
            figures["command"] = command
            identical = identical and command["identical"]
            if command.get("dask_ratio") is not None:
                dask_ratio = command["dask_ratio"]

        if args.memory_long > 0:
            print(f"\nmemory: {args.memory_short} then {args.memory_long} distinct articles through "
                  f"{args.workers} workers, results thrown away")
            short = memory_stream(pool, texts, args.memory_short)
            long = memory_stream(pool, texts, args.memory_long)
            for name, stream in (("short", short), ("long", long)):
                print(f"  {name:5} {stream['articles']:>6} articles {stream['seconds']:>7} s  parent peak "
                      f"{stream['parent_peak_mb']} MB  worker peak {stream['worker_peak_mb']} MB")
            growth = long["parent_peak_mb"] - short["parent_peak_mb"]
            figures["memory"] = {"short": short, "long": long, "parent_growth_mb": round(growth, 1)}
            print(f"  parent peak, long minus short: {growth:+.1f} MB (flat: about 0)")
    figures["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    failed = False
    if not identical:
        print("FAIL: the ways stored different analyses")
        failed = True
    if args.min_workers_ratio is not None and workers_ratio < args.min_workers_ratio:
        print(f"FAIL: workers/one {workers_ratio:.2f} < {args.min_workers_ratio}")
        failed = True
    if args.min_dask_ratio is not None and dask_ratio is not None and dask_ratio < args.min_dask_ratio:
        measured = "as the command runs" if command is not None and "dask_ratio" in command else "in this process"
        print(f"FAIL: dask/workers ({measured}) {dask_ratio:.2f} < {args.min_dask_ratio}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
