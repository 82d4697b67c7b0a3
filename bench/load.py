#!/usr/bin/env python3
"""Load on the HTTP API: requests/s and p50/p95/p99 of the pair endpoint and of people search,
from N concurrent clients, against `goodterms serve` over a generated store.

    python bench/load.py                                   # 100,000 articles, 50 clients, 4,000 requests
    python bench/load.py --articles 10000 --clients 10 --requests 1000 --max-p95-ms 100 --json build/load.json
    python bench/load.py --db /tmp/load.db                 # keep the filled store for the next run

The store is filled by the query area's generator (`bench/store_latency.py`: invented people,
Zipf-like, resolved as generated; rows through the store's own row mapping), in a temporary
folder or at --db (reused when it already holds the articles). The server is the real command,
`goodterms serve`, started in a subprocess on a free loopback port and stopped at the end. The
clients are asyncio tasks in this process, each on its own keep-alive connection with a small
hand-written HTTP/1.1 client (cheap, so the load generator takes little of the CPU the server
needs). A fixed number of requests is sent, half pair verdicts (pairs named together, weighted
by how often, two known people, and a name nobody has: the mix of store_latency.py), half
people searches by the first letters of a name; every request is timed from send to the last
byte. The run stops by itself; it passes when the pair endpoint's p95 is under --max-p95-ms and
no request failed.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_latency import Corpus, add_entities, fill, percentile, query_pairs  # noqa: E402  (the query area's generator)

from goodterms.store import Store  # noqa: E402

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
        return fill(store, corpus, articles)


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
        times, failures, seconds = asyncio.run(run_load(port, work, clients))
    finally:
        stop_server(server)
    every = [t for values in times.values() for t in values]
    return {"articles": articles, "clients": clients, "workers": workers, "requests": count, "seconds": round(seconds, 2),
            "per_second": round(len(every) / seconds, 1), "failures": len(failures), "failure_examples": failures[:5],
            **{endpoint: figures(values, seconds) for endpoint, values in sorted(times.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000, help="articles in the generated store (default 100000)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=4000, help="requests in all, half pair, half search (default 4000)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (goodterms serve --workers; default 2)")
    ap.add_argument("--db", metavar="PATH", help="the SQLite store to fill or reuse (default: a temporary one)")
    ap.add_argument("--max-p95-ms", type=float, default=None, metavar="MS",
                    help="fail when the pair endpoint's p95 is over MS (the goal: 100 at 50 clients)")
    ap.add_argument("--json", metavar="FILE", help="write the figures to FILE")
    args = ap.parse_args(argv)
    if args.articles < 1 or args.clients < 1 or args.requests < 2:
        ap.error("--articles and --clients must be at least 1, --requests at least 2")
    with tempfile.TemporaryDirectory(prefix="gt_load_") as folder:
        location = args.db or str(Path(folder) / "load.db")
        fill_seconds = filled_store(location, args.articles)
        result = {**measure(location, args.articles, args.clients, args.requests, args.workers), "fill_seconds": round(fill_seconds, 1)}
    print(f"{result['articles']:,} articles, {result['clients']} clients, {result['requests']:,} requests in "
          f"{result['seconds']} s: {result['per_second']} requests/s, {result['failures']} failed")
    for endpoint in ("pair", "search"):
        f = result.get(endpoint)
        if isinstance(f, dict):
            print(f"  {endpoint:7} {f['per_second']:7.1f}/s  p50 {f['p50_ms']:8.2f} ms  p95 {f['p95_ms']:8.2f} ms  "
                  f"p99 {f['p99_ms']:8.2f} ms  max {f['max_ms']:8.2f} ms")
    for example in result["failure_examples"]:  # type: ignore[attr-defined]
        print(f"  failed: {example}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = bool(result["failures"])
    if args.max_p95_ms is not None:
        pair_p95 = float(result["pair"]["p95_ms"]) if isinstance(result.get("pair"), dict) else float("inf")  # type: ignore[index]
        if pair_p95 > args.max_p95_ms:
            print(f"FAIL: pair p95 {pair_p95} ms > {args.max_p95_ms} ms")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
