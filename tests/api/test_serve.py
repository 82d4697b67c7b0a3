"""`goodterms serve` as a user runs it: a real uvicorn process on loopback, and its one-line errors."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

GOODTERMS = [sys.executable, "-m", "goodterms.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "GOODTERMS_TOKEN": "serve-token"}
    server = subprocess.Popen([*GOODTERMS, "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)],
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = get(f"http://127.0.0.1:{port}/api/health")
                break
            except (ConnectionError, urllib.error.URLError):
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200 and body["writes"] is True and body["articles"] == 0
        status, body = get(f"http://127.0.0.1:{port}/api/merge", data=b'{"a": "A B", "b": "C D"}',
                           headers={"Content-Type": "application/json"})
        assert status == 401 and body["error"]["code"] == "unauthorized"
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert f"serving {tmp_path / 's.db'} at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err


def test_serve_says_in_one_line_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run([*GOODTERMS, "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"goodterms: cannot listen on 127.0.0.1:{port}: address already in use"]


def test_serve_says_in_one_line_when_the_store_cannot_be_opened(tmp_path: Path) -> None:
    for db, problem in ((str(tmp_path / "no" / "such" / "s.db"), "its folder does not exist"),
                        ("postgresql://nobody:secret@127.0.0.1:1/none", "127.0.0.1")):
        done = subprocess.run([*GOODTERMS, "serve", "--db", db, "--port", str(free_port())],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("goodterms: --db ") and problem in lines[0], lines
        assert "secret" not in done.stderr


def test_serve_with_several_workers_answers_from_each_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([*GOODTERMS, "serve", "--db", str(tmp_path / "w.db"), "--port", str(port),
                               "--workers", "2"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        answers = 0
        while answers < 20:  # many connections: both processes accept some
            try:
                status, body = get(f"http://127.0.0.1:{port}/api/health")
                assert status == 200 and body["writes"] is False
                answers += 1
            except (ConnectionError, urllib.error.URLError):
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2  # (besides multiprocessing's resource tracker)
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=60)
    assert server.returncode == 0
    assert "2 worker processes" in err and "Traceback" not in err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_killing_serve_takes_its_workers_with_it(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([*GOODTERMS, "serve", "--db", str(tmp_path / "k.db"), "--port", str(port),
                               "--workers", "2"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while True:
        try:
            assert get(f"http://127.0.0.1:{port}/api/health")[0] == 200
            break
        except (ConnectionError, urllib.error.URLError):
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert workers
    server.kill()  # SIGKILL: no chance to stop the workers itself
    server.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
              for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the killed server"
        time.sleep(0.2)
    try:
        get(f"http://127.0.0.1:{port}/api/health")
        raise AssertionError("something still answers on the killed server's port")
    except (ConnectionError, urllib.error.URLError):
        pass


def test_serve_refuses_a_number_of_workers_out_of_range(tmp_path: Path) -> None:
    done = subprocess.run([*GOODTERMS, "serve", "--db", str(tmp_path / "s.db"), "--workers", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "0 is out of range (1 to 64)" in done.stderr
