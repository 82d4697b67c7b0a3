#!/usr/bin/env python3
"""Load on the HTTP API: requests/s and p50/p95/p99 of the pair endpoint and of people search,
from N concurrent clients, against `goodterms serve` over a generated store.

    python bench/load.py                                   # 100,000 articles, 10 then 50 clients, 4,000 requests each
    python bench/load.py --articles 10000 --clients 10 --requests 1000 --max-p95-ms 100 --json build/load.json
    python bench/load.py --db /tmp/load.db                 # keep the filled SQLite store for the next run
    python bench/load.py --db postgresql+psycopg://user:password@127.0.0.1/postgres   # a temporary database there

The store is filled by the query area's generator (`bench/store_latency.py`: invented people,
Zipf-like, resolved as generated; rows through the store's own row mapping): a SQLite file in a
temporary folder or at --db (reused when it already holds the articles), or, when --db is a
PostgreSQL URL, a new database on that server (gt_bench_<8 hex>), made for the run and dropped
after it. The server is the real command,
`goodterms serve`, started in a subprocess on a free loopback port and stopped at the end. The
clients are asyncio tasks in this process, each on its own keep-alive connection with a small
hand-written HTTP/1.1 client (cheap, so the load generator takes little of the CPU the server
needs). A fixed number of requests is sent, half pair verdicts (pairs named together, weighted
by how often, two known people, and a name nobody has: the mix of store_latency.py), half
people searches by the first letters of a name; every request is timed from send to the last
byte. Each number of --clients runs against the same store and a new server. The run stops by
itself; it passes when the pair endpoint's p95 is under --max-p95-ms at the largest number of
clients and no request failed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_latency import Corpus, add_entities, fill, percentile, query_pairs  # noqa: E402  (the query area's generator)

from goodterms.store import Store, database_url  # noqa: E402
from goodterms.store.scratch import scratch_database  # noqa: E402
from goodterms.store.planner_statistics import update_planner_statistics  # noqa: E402
from goodterms.store.search_tops import refresh_search_tops  # noqa: E402

SEED = 11


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def filled_store(location: str, articles: int) -> float:
    """Fill the store at location with the generator up to `articles` (reused if it has them);
    return the seconds filling took (0 when reused)."""
    with Store.open(location) as store:
        held = store.count()
        if held >= articles:
            print(f"store: reusing {location} ({held:,} articles)", file=sys.stderr)
            return 0.0
        if held:
            raise SystemExit(f"load.py: {location} holds {held:,} articles, fewer than {articles:,}; give an empty one")
        corpus = Corpus(people=max(1000, articles // 2))
        add_entities(store, corpus)
        seconds = fill(store, corpus, articles)
        started = time.perf_counter()
        with store.writing() as connection:  # as resolution does after writing people
            refresh_search_tops(connection)
            update_planner_statistics(connection)
        return seconds + time.perf_counter() - started


def requests_for(articles: int, count: int) -> list[tuple[str, str]]:
    """(endpoint, path) for `count` requests: pairs and searches alternating, reproducible."""
    corpus = Corpus(people=max(1000, articles // 2))  # the same seeded population the store was filled with
    rng = random.Random(SEED)
    # query_pairs draws "together" pairs from what the generator made: make a sample of articles
    for _ in range(min(articles, 5000)):
        corpus.analysis()
    pairs = query_pairs(corpus, count // 2 + 1, rng)
    out: list[tuple[str, str]] = []
    for i in range(count):
        if i % 2 == 0:
            _, a, b = pairs[i // 2]
            out.append(("pair", "/api/pair?" + urllib.parse.urlencode({"a": a, "b": b})))
        else:
            name = corpus.names[rng.randrange(len(corpus.names))]
            prefix = name[:rng.randint(2, 5)]
            out.append(("search", "/api/people?" + urllib.parse.urlencode({"q": prefix, "limit": 10})))
    return out


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: GET a path, read the answer."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next((int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")), 0)
        body = await self.reader.readexactly(length)
        if any(line.lower() == "connection: close" for line in lines):
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def run_load(port: int, work: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], list[str], float]:
    """Send every request, `clients` at a time; the latencies (ms) by endpoint, failures, seconds."""
    times: dict[str, list[float]] = {}
    failures: list[str] = []
    queue = iter(work)

    async def client() -> None:
        connection = Connection(port)
        try:
            for endpoint, path in queue:
                started = time.perf_counter()
                try:
                    status, body = await connection.get(path)
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    failures.append(f"{path}: {type(exc).__name__}: {exc}")
                    await connection.close()
                    continue
                times.setdefault(endpoint, []).append((time.perf_counter() - started) * 1000)
                if status != 200:
                    failures.append(f"{path}: HTTP {status}: {body[:200]!r}")
        finally:
            await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return times, failures, time.perf_counter() - started


def start_server(location: str, port: int, workers: int) -> subprocess.Popen[str]:
    """`goodterms serve` on the store, in a subprocess; returns once it answers."""
    env = {k: v for k, v in os.environ.items() if k != "GOODTERMS_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "goodterms.cli", "serve", "--db", location, "--port", str(port),
                               "--workers", str(workers)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"load.py: the server did not start: {server.stderr.read() if server.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("load.py: the server did not start within 120 s")


def stop_server(server: subprocess.Popen[str]) -> None:
    """Ctrl-C the server and wait for it (killed after 30 s)."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def server_cpu_seconds(server: subprocess.Popen[str]) -> float:
    """CPU seconds (user + system) the server and its worker processes have used so far (Linux
    /proc; 0 elsewhere): beside requests/s, the CPU a request costs, whatever else the cores do."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    pids = [server.pid]
    try:
        pids += Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        total = 0
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0.0
    return total / tick


def figures(times: list[float], seconds: float) -> dict[str, float]:
    return {"requests": len(times), "per_second": round(len(times) / seconds, 1),
            "p50_ms": round(percentile(times, 0.50), 2), "p95_ms": round(percentile(times, 0.95), 2),
            "p99_ms": round(percentile(times, 0.99), 2), "max_ms": round(max(times), 2)}


def measure(location: str, articles: int, clients: int, count: int, workers: int) -> dict[str, object]:
    """Start the server, warm it up, send the requests and gather the figures."""
    work = requests_for(articles, count)
    port = free_port()
    server = start_server(location, port, workers)
    try:
        # warm-up, not counted: every worker process up and its first queries done
        asyncio.run(run_load(port, requests_for(articles, max(2 * clients, 100 * workers))[::-1], clients))
        cpu_before, own_before = server_cpu_seconds(server), time.process_time()
        times, failures, seconds = asyncio.run(run_load(port, work, clients))
        server_cpu, own_cpu = server_cpu_seconds(server) - cpu_before, time.process_time() - own_before
    finally:
        stop_server(server)
    every = [t for values in times.values() for t in values]
    return {"articles": articles, "clients": clients, "workers": workers, "requests": count, "seconds": round(seconds, 2),
            "load_average": round(os.getloadavg()[0], 2),
            "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, len(every)), 2),
            "client_cpu_ms_per_request": round(1000 * own_cpu / max(1, len(every)), 3),
            "per_second": round(len(every) / seconds, 1), "failures": len(failures), "failure_examples": failures[:5],
            **{endpoint: figures(values, seconds) for endpoint, values in sorted(times.items())}}


def client_counts(text: str) -> list[int]:
    """--clients: one number or several, comma-separated ("10,50")."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("every number of clients is at least 1")
    return counts


def is_postgres(location: str | None) -> bool:
    return bool(location) and location.split("://", 1)[0].startswith(("postgresql", "postgres"))  # type: ignore[union-attr]


@contextmanager
def store_location(db: str | None) -> Iterator[str]:
    """Where the bench's store is: --db (a SQLite path), a temporary database on the PostgreSQL
    server --db names (dropped afterwards), or a SQLite file in a temporary folder."""
    if is_postgres(db):
        with scratch_database(database_url(db or ""), "gt_bench") as url:
            yield url
        return
    with tempfile.TemporaryDirectory(prefix="gt_load_") as folder:
        yield db or str(Path(folder) / "load.db")


def report(result: dict[str, Any]) -> None:
    print(f"{result['database']}, {result['articles']:,} articles, {result['clients']} clients, "
          f"{result['workers']} server processes, {result['requests']:,} requests in {result['seconds']} s: "
          f"{result['per_second']} requests/s, {result['failures']} failed; server CPU "
          f"{result['server_cpu_ms_per_request']} ms a request, the clients' {result['client_cpu_ms_per_request']} ms "
          f"(load average {result['load_average']})")
    for endpoint in ("pair", "search"):
        f = result.get(endpoint)
        if isinstance(f, dict):
            print(f"  {endpoint:7} {f['per_second']:7.1f}/s  p50 {f['p50_ms']:8.2f} ms  p95 {f['p95_ms']:8.2f} ms  "
                  f"p99 {f['p99_ms']:8.2f} ms  max {f['max_ms']:8.2f} ms")
    for example in result["failure_examples"]:
        print(f"  failed: {example}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000, help="articles in the generated store (default 100000)")
    ap.add_argument("--clients", type=client_counts, default=[10, 50], metavar="N[,N...]",
                    help="concurrent clients, one run each (default 10,50)")
    ap.add_argument("--requests", type=int, default=4000, help="requests in all, half pair, half search (default 4000)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (goodterms serve --workers; default 2)")
    ap.add_argument("--db", metavar="PATH_OR_URL",
                    help="the SQLite store to fill or reuse, or a PostgreSQL server's URL to make a temporary "
                         "database on (default: a temporary SQLite store)")
    ap.add_argument("--max-p95-ms", type=float, default=None, metavar="MS",
                    help="fail when the pair endpoint's p95 at the most clients is over MS (the goal: 100 at 50)")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    if args.articles < 1 or args.requests < 2 or args.workers < 1:
        ap.error("--articles and --workers must be at least 1, --requests at least 2")
    results: list[dict[str, Any]] = []
    with store_location(args.db) as location:
        fill_seconds = filled_store(location, args.articles)
        database = "postgresql" if is_postgres(location) else "sqlite"
        for clients in args.clients:
            result = {"database": database, **measure(location, args.articles, clients, args.requests, args.workers),
                      "fill_seconds": round(fill_seconds, 1)}
            report(result)
            results.append(result)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    failed = any(r["failures"] for r in results)
    if args.max_p95_ms is not None:
        busiest = max(results, key=lambda r: int(r["clients"]))
        pair_p95 = float(busiest["pair"]["p95_ms"]) if isinstance(busiest.get("pair"), dict) else float("inf")
        if pair_p95 > args.max_p95_ms:
            print(f"FAIL: pair p95 {pair_p95} ms > {args.max_p95_ms} ms at {busiest['clients']} clients")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
