"""Ingest jobs kept in the store: another server process reads a job's progress, a restart keeps
it, and a job whose server stopped or died reads as interrupted (on SQLite and PostgreSQL; the
killed server is a real `goodterms serve` process). The articles are invented."""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from goodterms.api import create_app
from goodterms.api.jobs import STALE_SECONDS
from goodterms.store import Store
from goodterms.store.ingest_jobs import add_job, now
from goodterms.store.schema import IngestJobRow

from temp_databases import BACKENDS, postgres_database

TOKEN = "jobs-token-51c2"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FIRST = ("Ysolde", "Tamsin", "Orrin", "Phaedra", "Caspian", "Wrenna", "Halvard")
LAST = ("Marchbank", "Dellacroix", "Fenwright", "Oakhollow", "Strandquist")


def invented(i: int) -> str:
    """The i-th invented article: two invented people making up, one of them quoted."""
    a = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
    b = f"{FIRST[(i + 2) % len(FIRST)]} {LAST[(i + 3) % len(LAST)]}"
    return (f"{a} and {b} make peace\nPublished March {1 + i % 27}, 2021\n"
            f"{a} and {b} have made peace after a feud over a film role, story {i} says.\n"
            f"\"I missed my friend,\" {a} told Lantern Weekly.\n")


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new store's location on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "jobs.db")
    else:
        with postgres_database() as url:
            yield url


def until_finished(client: TestClient, job: str, seconds: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown: dict[str, Any] = client.get(f"/api/ingest/{job}").json()
        if shown["state"] in ("done", "failed", "interrupted"):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"job {job} still {shown['state']} after {seconds} s")


def test_another_server_process_reads_the_jobs_progress(location: str, nlp: Any) -> None:
    with TestClient(create_app(location, token=TOKEN)) as first, TestClient(create_app(location, token=TOKEN)) as second:
        answer = first.post("/api/ingest", data={"text": [invented(i) for i in range(3)]}, headers=AUTH)
        assert answer.status_code == 202
        job = answer.json()["id"]
        assert second.get(f"/api/ingest/{job}").json()["total"] == 3  # at once, before it ran
        done = until_finished(second, job)
        assert (done["state"], done["done"], done["stored"], done["error"]) == ("done", 3, 3, None)
        assert done["entities"] and done["entities"] >= 2
        assert done["created"] <= done["started"] <= done["finished"]
        assert first.get(f"/api/ingest/{job}").json() == done
        page = second.get(f"/ingest/{job}")
        assert page.status_code == 200 and "done: 3 of 3 done" in page.text
        assert second.get("/api/ingest/0123abcd").status_code == 404


def test_a_job_cut_short_by_a_stopping_server_reads_as_interrupted_after_the_restart(location: str, nlp: Any) -> None:
    with TestClient(create_app(location, token=TOKEN)) as client:
        job = client.post("/api/ingest", data={"text": [invented(i) for i in range(40)]}, headers=AUTH).json()["id"]
        while client.get(f"/api/ingest/{job}").json()["done"] < 1:
            time.sleep(0.05)
    # the app stopped (its lifespan ended) before 40 analyses could finish
    with TestClient(create_app(location, token=TOKEN)) as restarted:
        shown = restarted.get(f"/api/ingest/{job}").json()
        assert shown["state"] == "interrupted", shown
        assert shown["error"].startswith("interrupted: the server stopped")
        assert 1 <= shown["done"] < 40 and shown["finished"] is not None
        assert restarted.get("/api/health").json()["articles"] == shown["stored"]  # what it stored stays
        page = restarted.get(f"/ingest/{job}")
        assert "interrupted:" in page.text and 'http-equiv="refresh"' not in page.text


def test_a_job_whose_process_is_silent_too_long_reads_as_interrupted(location: str) -> None:
    with Store.open(location) as store:
        far = add_job(store, "f" * 32, 5, "another-host:4242:abcd1234")
        near = add_job(store, "e" * 32, 5, "another-host:4243:abcd1234")
        with store.writing() as connection:
            connection.execute(update(IngestJobRow).where(IngestJobRow.id == far.id)
                               .values(heartbeat=now() - timedelta(seconds=STALE_SECONDS + 5)))
    with TestClient(create_app(location, token=TOKEN)) as client:
        assert client.get(f"/api/ingest/{near.id}").json()["state"] == "queued"  # alive, elsewhere
        shown = client.get(f"/api/ingest/{far.id}").json()
        assert shown["state"] == "interrupted" and "is gone" in shown["error"]


# -- a real server process, killed --------------------------------------------------------------

GOODTERMS = [sys.executable, "-m", "goodterms.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def headers_only(port: int, path: str, length: int) -> tuple[int, Any]:
    """A POST's status and JSON answer when it declares a body of `length` bytes and sends only
    its headers (a body over the limit is refused before it is sent; sending it anyway would
    meet a closed connection)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("POST", path)
        for name, value in {**AUTH, "Content-Type": "multipart/form-data; boundary=cut",
                            "Content-Length": str(length)}.items():
            connection.putheader(name, value)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def started(store: Path, port: int, *options: str) -> subprocess.Popen[str]:
    server = subprocess.Popen([*GOODTERMS, "serve", "--db", str(store), "--port", str(port), *options],
                              env={**os.environ, "GOODTERMS_TOKEN": TOKEN}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            call(f"http://127.0.0.1:{port}/api/health")
            return server
        except (ConnectionError, urllib.error.URLError):
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def test_a_job_of_a_killed_server_reads_as_interrupted_from_the_next_one(tmp_path: Path) -> None:
    store, port = tmp_path / "killed.db", free_port()
    server = started(store, port)
    try:
        body = "&".join(f"text={urllib.request.quote(invented(i))}" for i in range(40)).encode()
        job = call(f"http://127.0.0.1:{port}/api/ingest", data=body,
                   headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"})["id"]
        deadline = time.monotonic() + 120
        while call(f"http://127.0.0.1:{port}/api/ingest/{job}")["done"] < 1:
            assert time.monotonic() < deadline, "the job never started"
            time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGKILL)  # no lifespan, no goodbye: only the store remembers
        server.communicate(timeout=30)
    port = free_port()
    server = started(store, port)
    try:
        shown = call(f"http://127.0.0.1:{port}/api/ingest/{job}")
        assert shown["state"] == "interrupted", shown
        assert "process running it is gone" in shown["error"]
        assert 1 <= shown["done"] < 40
        assert call(f"http://127.0.0.1:{port}/api/health")["articles"] >= shown["stored"]
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    assert server.returncode == 0


def test_serve_takes_its_upload_limit_from_max_upload_mb(tmp_path: Path) -> None:
    port = free_port()
    server = started(tmp_path / "limit.db", port, "--max-upload-mb", "3")
    try:
        status, said = headers_only(port, "/api/ingest", 3 * 2**20 + 10)
        assert status == 413
        assert said["error"]["message"] == "the request body is over the limit of 3,145,728 bytes (3 MiB)"
        under = (b"--cut\r\nContent-Disposition: form-data; name=\"files\"; filename=\"long.txt\"\r\n"
                 b"Content-Type: text/plain\r\n\r\n" + b"x" * (5 * 2**19) + b"\r\n--cut--\r\n")
        # 2.5 MiB: over the limit of other requests, under this one
        assert call(f"http://127.0.0.1:{port}/api/ingest", data=under,
                    headers={**AUTH, "Content-Type": "multipart/form-data; boundary=cut"})["total"] == 1
        assert headers_only(port, "/api/analyze", len(under))[0] == 413  # other requests: 2 MiB
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    wrong = subprocess.run([*GOODTERMS, "serve", "--db", str(tmp_path / "limit.db"), "--max-upload-mb", "0"],
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "--max-upload-mb: 0 is out of range (1 to 4096)" in wrong.stderr
