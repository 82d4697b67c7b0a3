"""Many articles at once: local worker processes and a Dask LocalCluster give what one process gives.

Real processes and a real cluster throughout. The corpus is six short invented articles; one
input in the middle is rejected by the reader, and it comes back in its place.
"""
from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from goodterms import Settings, analyze_many, document_from_text, read_path
from goodterms.cli import main
from goodterms.errors import GoodtermsError
from goodterms.model import Analysis, Document, Rejected
from goodterms.scale import ProcessPool, analyze_dask, analyze_with, check_address, dask_client

ARTICLES = {
    "brask-wedding.txt": """Orla Brask marries longtime partner Tevin Achebe in Lisbon

Singer Orla Brask, 34, married her longtime boyfriend Tevin Achebe on Saturday in a small
ceremony in Lisbon. "I married my best friend," Brask told Starlight Weekly. Her sister,
Nadia Brask, was the maid of honour.

Achebe praised his new wife. "Orla is the kindest person I know," he said.
""",
    "quill-feud.txt": """Fenwick Quill and Dorrit Sayle trade barbs over canceled tour

Comedian Fenwick Quill slammed his former co-star Dorrit Sayle on Tuesday. "She walked away
from all of us," Quill told the Daily Lantern. Sayle hit back in an interview with Glow
Magazine: "Fenwick has always blamed other people for his mistakes."

The pair starred together in the sitcom Harbour Lights for six seasons.
""",
    "maro-split.txt": """Ilse Maro and Castor Lindqvist split after eight years

Actress Ilse Maro and her husband, director Castor Lindqvist, have separated after eight years
of marriage, a representative for Maro confirmed. The former couple share two children, Pim and
Rosa. "We remain friends and devoted parents," Maro said in a statement.
""",
    "okonkwo-award.txt": """Bea Okonkwo thanks her mother at the Meridian Awards

Bea Okonkwo won best newcomer at the Meridian Awards on Sunday night. Accepting the prize, she
thanked her mother, Adaeze Okonkwo. "Mum," she said, "you drove me to every audition."

Fellow nominee Jory Tallis congratulated her backstage. "She deserved it," Tallis said.
""",
    "hale-reunion.txt": """Brothers Milo and Rafe Hale reunite on stage

Milo Hale and his brother Rafe Hale performed together for the first time in a decade on
Friday. The brothers had not spoken since a bitter dispute in 2015. "We reconciled last year,"
Milo told Evening Chime. Rafe called his brother "a rock" in a post on Instagram.
""",
    "senna-quote.txt": """Lotte Senna defends friend Ambrose Kyle

Model Lotte Senna defended her close friend Ambrose Kyle after critics mocked his new film.
"Ambrose is brilliant and brave," Senna told Pinnacle magazine. Kyle thanked her on social
media, writing that she had always stood by him.
""",
}


def _documents() -> list[Document]:
    return [document_from_text(text, source=name) for name, text in ARTICLES.items()]


def _with_reject(tmp_path: Path) -> list[Document | Rejected]:
    """The six articles with, in the middle, an empty file the reader refuses."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    try:
        read_path(empty)
    except GoodtermsError as exc:
        refused = Rejected(exc.source or str(empty), exc.code, str(exc))
    else:  # pragma: no cover - the reader must refuse an empty file
        raise AssertionError("an empty file was read")
    docs: list[Document | Rejected] = list(_documents())
    docs.insert(3, refused)
    return docs


def _contracts(results: Iterable[Analysis | Rejected]) -> list[Any]:
    """Comparable output: the JSON contract of each analysis, rejections as they are."""
    return [r.to_contract() if isinstance(r, Analysis) else r for r in results]


class Counted:
    """An input stream that records how far it has been read."""

    def __init__(self, docs: list[Document], repeat: int) -> None:
        self.docs, self.repeat, self.taken = docs, repeat, 0

    def __iter__(self) -> Iterator[Document]:
        for _ in range(self.repeat):
            for doc in self.docs:
                self.taken += 1
                yield doc


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Document | Rejected], list[Any]]:
    """The inputs, and what analyze_many gives for them in this process."""
    docs = _with_reject(tmp_path_factory.mktemp("scale"))
    return docs, _contracts(analyze_many(docs))


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPool]:
    """Two worker processes, one article per partition, two partitions in flight."""
    with ProcessPool(2, partition_size=1, window=2) as workers:
        workers.wait_ready()
        yield workers


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A Dask LocalCluster of two worker processes, one thread each, for the whole module."""
    with dask_client("local", workers=2) as dask:
        yield dask


# -- local processes -------------------------------------------------------------------------

def test_two_workers_give_what_one_process_gives(pool: ProcessPool, expected: Any) -> None:
    docs, contracts = expected
    got = _contracts(pool.analyze(docs))
    assert got == contracts
    assert isinstance(got[3], Rejected) and got[3].code == "empty"
    assert all(isinstance(c, dict) and c["people"] for i, c in enumerate(got) if i != 3)


def _cpu_ticks(pid: int) -> int:
    """User plus system CPU the process has used, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _kill_once_busy(pid: int, ticks: int = 20) -> threading.Thread:
    """A thread that kills the process with SIGKILL, as the out-of-memory killer would, once it has
    used `ticks` more CPU than now: in the middle of the article it was sent."""
    start = _cpu_ticks(pid)

    def watch() -> None:
        for _ in range(6000):
            try:
                if _cpu_ticks(pid) - start >= ticks:
                    os.kill(pid, signal.SIGKILL)
                    return
            except (FileNotFoundError, ProcessLookupError):
                return
            threading.Event().wait(0.01)

    thread = threading.Thread(target=watch)
    thread.start()
    return thread


def _long(doc: Document, times: int = 40) -> Document:
    """The article's body said `times` over: a few seconds of analysis, long enough to be killed in."""
    return document_from_text(doc.text + "\n\n" + "\n\n".join([doc.text.split("\n\n", 1)[1]] * times),
                              source=doc.source)


def test_a_worker_killed_mid_article_rejects_that_article_and_the_rest_go_on(expected: Any) -> None:
    docs, contracts = expected
    with ProcessPool(1, partition_size=1, window=2) as one:
        one.wait_ready()
        victim = one.pids()[0]
        killer = _kill_once_busy(victim)
        try:
            got = _contracts(one.analyze([_long(docs[0]), *docs[1:]]))
        finally:
            killer.join()
        assert victim not in one.pids() and len(one.pids()) == 1
    assert isinstance(got[0], Rejected)
    assert got[0].code == "worker_died" and got[0].source == "brask-wedding.txt"
    assert "killed by SIGKILL" in got[0].message
    assert got[1:] == contracts[1:]


def test_a_dead_worker_s_partition_is_tried_again_article_by_article(pool: ProcessPool, expected: Any) -> None:
    docs, contracts = expected
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGSTOP)
    killer = threading.Timer(1.0, os.kill, (victim, signal.SIGKILL))
    killer.start()
    try:
        got = _contracts(pool.analyze(docs, partition_size=3))
    finally:
        killer.join()
    assert got == contracts  # the killing was not the articles' doing: alone, each one goes through


def _dead(pid: int) -> bool:
    """Whether the process has ended (gone, or a zombie its parent has not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return True


def test_a_worker_that_died_idle_is_replaced_and_no_article_is_blamed(pool: ProcessPool, expected: Any) -> None:
    docs, contracts = expected
    pool.wait_ready()
    victim = pool.pids()[0]
    os.kill(victim, signal.SIGKILL)
    for _ in range(200):
        if _dead(victim):
            break
        threading.Event().wait(0.05)
    assert _contracts(pool.analyze(docs, partition_size=1)) == contracts
    assert victim not in pool.pids() and len(pool.pids()) == 2


def test_processes_read_the_input_only_a_window_ahead(pool: ProcessPool) -> None:
    stream = Counted(_documents(), repeat=4)
    seen = 0
    for result in pool.analyze(stream):
        seen += 1
        assert isinstance(result, Analysis)
        # two partitions of one in flight, plus the one being handed out
        assert stream.taken <= seen + 2 + 1
    assert seen == stream.taken == 24


def test_leaving_early_stops_the_workers(pool: ProcessPool, expected: Any) -> None:
    docs, _ = expected
    results = pool.analyze(docs)
    next(results)
    workers = pool.pids()
    results.close()
    assert pool.pids() == []
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _started_with(pid: int) -> dict[str, str]:
    """The environment a process was started with, as the kernel keeps it (what glibc and OpenBLAS read)."""
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(entry.split("=", 1) for entry in raw.decode(errors="replace").split("\0") if "=" in entry)


SINGLE_THREADED_NAMES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MALLOC_ARENA_MAX")


def test_workers_start_with_single_threaded_numeric_libraries(pool: ProcessPool) -> None:
    before = dict(os.environ)
    for pid in pool.pids():
        started = _started_with(pid)
        assert {name: started.get(name) for name in SINGLE_THREADED_NAMES} == {
            name: os.environ.get(name, "1") for name in SINGLE_THREADED_NAMES}
    assert dict(os.environ) == before  # this process's own environment is left alone


def test_a_numeric_setting_the_user_made_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SINGLE_THREADED_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    before = dict(os.environ)
    with ProcessPool(1) as one:
        one.wait_ready()
        started = _started_with(one.pids()[0])
        assert dict(os.environ) == before
    assert {name: started.get(name) for name in SINGLE_THREADED_NAMES} == {
        "OMP_NUM_THREADS": "3", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "1"}


def test_one_worker_means_this_process(expected: Any) -> None:
    docs, contracts = expected
    results = analyze_with(docs, workers=1)
    assert _contracts(results) == contracts


# -- Dask --------------------------------------------------------------------------------------

def test_dask_gives_what_one_process_gives(client: Any, expected: Any) -> None:
    docs, contracts = expected
    assert _contracts(analyze_dask(docs, client=client, partition_size=2)) == contracts


def _worker_setup() -> dict[str, Any]:
    import dask.config

    return {"profiler": dask.config.get("distributed.worker.profile.enabled"),
            "tick": dask.config.get("distributed.admin.tick.interval"),
            "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"), "arenas": os.environ.get("MALLOC_ARENA_MAX")}


def test_a_local_cluster_s_workers_run_without_dask_s_profiler_and_malloc_trimming(client: Any) -> None:
    import dask.config

    setups = list(client.run(_worker_setup).values())
    assert setups == [{"profiler": False, "tick": "1s", "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                       "arenas": os.environ.get("MALLOC_ARENA_MAX", "1")}] * 2
    assert client.direct_to_workers
    assert dask.config.get("distributed.worker.profile.enabled")  # this process's settings are left as they were


def test_starting_and_closing_a_local_cluster_leaves_this_process_s_environment_as_it_was() -> None:
    before = dict(os.environ)
    with dask_client("local", workers=1) as dask:
        assert dict(os.environ) == before  # Dask's nanny wrote its workers' settings here; they are gone
        pid = next(iter(dask.run(os.getpid).values()))
        started = _started_with(pid)
    assert dict(os.environ) == before
    assert {name: started.get(name) for name in SINGLE_THREADED_NAMES} == {
        name: os.environ.get(name, "1") for name in SINGLE_THREADED_NAMES}  # the worker still got them


def test_dask_reads_the_input_only_a_window_ahead(client: Any) -> None:
    stream = Counted(_documents(), repeat=3)
    seen = 0
    for result in analyze_dask(stream, client=client, partition_size=2, window=2):
        seen += 1
        assert isinstance(result, Analysis)
        assert stream.taken <= seen + 2 * 2 + 2
    assert seen == stream.taken == 18


def test_a_dask_task_retried_after_its_worker_died_gives_its_results_once(client: Any, expected: Any) -> None:
    docs, contracts = expected
    results = analyze_dask(docs, client=client, partition_size=1, window=4)
    first = next(results)
    victim = sorted(client.scheduler_info()["workers"])[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)  # the nanny starts another; the scheduler runs its tasks again
    got = [first, *results]
    assert _contracts(got) == contracts


def test_an_article_whose_dask_workers_die_comes_back_rejected(client: Any, expected: Any) -> None:
    docs, contracts = expected
    victim = sorted(client.scheduler_info()["workers"])[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    previous = client.run_on_scheduler(_allowed_failures, 0)  # no retry: the first death is final
    try:
        os.kill(pid, signal.SIGSTOP)  # it takes its first article(s) and cannot finish them
        killer = threading.Timer(1.0, os.kill, (pid, signal.SIGKILL))
        killer.start()
        try:
            got = _contracts(analyze_dask(docs, client=client, partition_size=1, window=4))
        finally:
            killer.join()
    finally:
        client.run_on_scheduler(_allowed_failures, previous)
    died = [i for i, result in enumerate(got) if isinstance(result, Rejected) and result.code == "worker_died"]
    assert 1 <= len(died) <= 2  # what the scheduler had handed the stopped worker
    assert all("Dask workers died" in got[i].message for i in died)
    assert [r for i, r in enumerate(got) if i not in died] == [c for i, c in enumerate(contracts) if i not in died]


def _task_process() -> dict[str, Any]:
    """On a Dask worker's task thread: this worker's pid and its task process's pid and thread count."""
    from goodterms.scale import task_process

    pool = task_process.held_pool()
    pids = pool.pids() if pool is not None else []
    threads = [int(line.split()[1]) for pid in pids
               for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Threads:")]
    return {"worker": os.getpid(), "pids": pids, "threads": threads}


def _on_each_worker(client: Any, function: Any) -> list[Any]:
    """`function` run as a task on every worker's task thread, one result each."""
    workers = sorted(client.scheduler_info()["workers"])
    return client.gather([client.submit(function, workers=[w], allow_other_workers=False, pure=False)
                          for w in workers])


def test_a_dask_worker_analyses_in_a_single_threaded_process_of_its_own(client: Any, expected: Any) -> None:
    docs, contracts = expected
    client.wait_for_workers(2, timeout=60)  # a worker killed by an earlier test may still be restarting
    assert _contracts(analyze_dask(docs, client=client, partition_size=1, window=4)) == contracts
    seen = _on_each_worker(client, _task_process)
    used = [s for s in seen if s["pids"]]
    assert used, seen  # at least one worker took partitions, and sent them on
    for s in used:
        assert len(s["pids"]) == 1 and s["pids"][0] != s["worker"]
        assert s["threads"] == [1]  # nothing beside the analysis: the reason it exists


def _kill_task_process() -> int:
    from goodterms.scale import task_process

    pool = task_process.held_pool()
    assert pool is not None
    pid = pool.pids()[0]
    os.kill(pid, signal.SIGKILL)
    return pid


def test_a_task_process_that_dies_is_replaced_and_the_dask_worker_lives_on(client: Any, expected: Any) -> None:
    docs, contracts = expected
    client.wait_for_workers(2, timeout=60)  # a worker killed by an earlier test may still be restarting
    assert _contracts(analyze_dask(docs, client=client, partition_size=1)) == contracts
    workers_before = sorted(client.scheduler_info()["workers"])
    held = [s for s in _on_each_worker(client, _task_process) if s["pids"]]
    killed = set(_on_each_worker(client, _kill_task_process)) if len(held) == len(workers_before) else set()
    assert _contracts(analyze_dask(docs, client=client, partition_size=1)) == contracts
    assert sorted(client.scheduler_info()["workers"]) == workers_before  # no Dask worker died
    now = {pid for s in _on_each_worker(client, _task_process) for pid in s["pids"]}
    assert now and not now & killed


def test_daemonic_dask_workers_analyse_in_their_task_thread(expected: Any) -> None:
    """Workers of a cluster started elsewhere, daemonic as Dask makes them by default, may not start processes."""
    import dask.config
    from distributed import Client, LocalCluster

    docs, contracts = expected
    with dask.config.set({"distributed.worker.daemon": True}), LocalCluster(  # Dask's default
            n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None) as cluster, Client(cluster) as daemonic:
        assert _contracts(analyze_dask(docs, client=daemonic, partition_size=2)) == contracts
        assert [s["pids"] for s in _on_each_worker(daemonic, _task_process)] == [[]]


def _allowed_failures(value: int, dask_scheduler: Any = None) -> int:
    """Set the scheduler's retries of a task whose worker died; the value it had."""
    previous = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = value
    return int(previous)


# -- the command line --------------------------------------------------------------------------

@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_workers_print_what_one_process_prints(capsys: pytest.CaptureFixture[str], corpus: Path,
                                                   expected: Any) -> None:
    utterances = ("--format", "json", "--quote-units", "utterances")
    one = _run(capsys, "analyze", str(corpus), *utterances)
    two = _run(capsys, "analyze", str(corpus), *utterances, "--workers", "2")
    assert two[:2] == one[:2] and one[0] == 0 and len(one[1].splitlines()) == 6  # stderr: progress lines
    passages = [c for c in expected[1] if isinstance(c, dict)]
    by_source = sorted(passages, key=lambda c: c["source"])
    printed = [json.loads(line) for line in one[1].splitlines()]
    assert printed != by_source  # the settings reached the workers: an interrupted quote is one utterance


def test_cli_dask_scheduler_prints_what_one_process_prints(capsys: pytest.CaptureFixture[str], corpus: Path,
                                                          client: Any) -> None:
    one = _run(capsys, "analyze", str(corpus), "--format", "json")
    on_dask = _run(capsys, "analyze", str(corpus), "--format", "json", "--dask", client.scheduler.address)
    assert on_dask[:2] == one[:2] and one[0] == 0


def test_cli_ingest_on_dask_stores_what_one_process_gives(capsys: pytest.CaptureFixture[str], corpus: Path,
                                                            tmp_path: Path, client: Any, expected: Any) -> None:
    from goodterms.store import Store

    db = tmp_path / "news.db"
    code, out, err = _run(capsys, "ingest", str(corpus), "--db", str(db), "--dask", client.scheduler.address)
    assert code == 0, err
    assert out.splitlines()[-1].startswith("stored 6, skipped 0, re-analysed 0, rejected 0")
    with Store.open(str(db), create=False) as store:
        stored = sorted((a.to_contract() for a in store.analyses()), key=lambda c: c["source"])
    analysed = sorted((c for c in expected[1] if isinstance(c, dict)), key=lambda c: c["source"])
    assert [c.pop("source") for c in stored] == [str(corpus / c.pop("source")) for c in analysed]
    assert stored == analysed


def test_ctrl_c_stops_the_run_and_its_workers(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    import psutil

    for copy in range(10):
        for name, text in ARTICLES.items():
            (tmp_path / f"{copy}-{name}").write_text(f"{text}\nCopy {copy}.\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("goodterms")), "analyze", str(tmp_path), "--format", "json",
               "--workers", "2"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        parent = psutil.Process(run.pid)
        deadline = time.monotonic() + 60
        workers: list[psutil.Process] = []
        while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.2)
            workers = [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2, "the workers did not start"
        time.sleep(1.0)
        os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130
    assert err.decode().splitlines()[-1] == "goodterms: interrupted" and b"Traceback" not in err
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == []


@pytest.mark.parametrize("seconds", [0.0, 1.0, 3.0])  # while the cluster starts, as its workers load, at work
def test_ctrl_c_on_a_local_dask_cluster_stops_it_without_a_traceback(tmp_path: Path, seconds: float) -> None:
    """Closing a local cluster after Ctrl-C had a worker log a CommClosedError traceback about one run
    in seven, and a Ctrl-C pressed while the cluster started was lost (the run went on to the end)."""
    import subprocess
    import sys
    import time

    import psutil

    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    for copy in range(150):  # minutes of work: a Ctrl-C "at work" never meets a run that has just ended
        for name, text in ARTICLES.items():
            (corpus / f"{copy}-{name}").write_text(f"{text}\nCopy {copy}.\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("goodterms")), "analyze", str(corpus), "--format", "json",
               "--dask", "local", "--workers", "2", "--out", str(out)]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        parent = psutil.Process(run.pid)
        deadline = time.monotonic() + 60
        workers: list[psutil.Process] = []
        while not workers and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
            workers = [c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
        assert workers, "no worker process started"
        time.sleep(seconds)
        if seconds >= 3:  # at work: once results come back (on a busy machine the model may still be loading)
            while run.poll() is None and time.monotonic() < deadline and not any(out.glob("*.json")):
                time.sleep(0.05)
        started = parent.children(recursive=True)
        assert run.poll() is None, "the run ended before the Ctrl-C"
        os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130, err.decode()
    assert err.decode().splitlines()[-1] == "goodterms: interrupted" and b"Traceback" not in err, err.decode()
    _, alive = psutil.wait_procs(started, timeout=10)
    assert alive == []


@pytest.mark.parametrize("option, value, says", [
    ("--workers", "0", "out of range"),
    ("--workers", "two", "not a whole number"),
    ("--dask", "scheduler", "not a scheduler address"),
    ("--dask", "http://host:8786", "unknown scheme"),
    ("--dask", "tcp://host:99999", "port"),
])
def test_cli_bad_scale_values_are_usage_errors(capsys: pytest.CaptureFixture[str], corpus: Path,
                                               option: str, value: str, says: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(corpus), option, value])
    assert exit_.value.code == 2
    assert says in capsys.readouterr().err


def test_cli_workers_with_a_remote_scheduler_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                              corpus: Path) -> None:
    code, out, err = _run(capsys, "analyze", str(corpus), "--dask", "tcp://127.0.0.1:8786", "--workers", "2")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "local cluster" in err


def test_cli_unreachable_scheduler_is_one_line(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    import socket

    import dask.config

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = _run(capsys, "analyze", str(corpus), "--dask", f"127.0.0.1:{port}")
    assert code == 2 and out == ""
    assert err == f"goodterms: tcp://127.0.0.1:{port}: cannot reach the Dask scheduler (no answer within 1 s)\n"


def test_cli_a_server_that_is_not_a_scheduler_is_one_line(capsys: pytest.CaptureFixture[str],
                                                          corpus: Path) -> None:
    import socket

    import dask.config

    def answer_garbage(server: socket.socket) -> None:
        with server:
            connection, _ = server.accept()
            with connection:
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 8)
                connection.recv(1024)

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    thread = threading.Thread(target=answer_garbage, args=(server,), daemon=True)
    thread.start()
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code, out, err = _run(capsys, "analyze", str(corpus), "--dask", f"127.0.0.1:{port}")
    assert code == 2 and out == ""
    assert err.startswith(f"goodterms: tcp://127.0.0.1:{port}: ") and err.count("\n") == 1, err
    assert "Dask scheduler" in err


def test_addresses() -> None:
    assert check_address("local") == "local"
    assert check_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_address(" tls://sched.example:8786 ") == "tls://sched.example:8786"
    for bad in ("", "tcp://", "host", "host:port", "tcp://host:0", "ftp://h:1", "tcp://h:1/x"):
        with pytest.raises(ValueError):
            check_address(bad)


def test_a_ctrl_c_swallowed_by_a_finaliser_is_kept_and_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C that lands in a __del__ (or a gc callback, as Dask's client runs) cannot propagate:
    Python printed "Exception ignored" with a traceback and the run went on. ctrl_c_kept notes it."""
    from goodterms.scale.signals import ctrl_c_kept

    class Finalised:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)  # the handler runs here; its exception cannot leave __del__

    before = signal.getsignal(signal.SIGINT)
    with ctrl_c_kept() as pressed:
        Finalised()  # collected at once
        assert pressed == [signal.SIGINT]
    assert signal.getsignal(signal.SIGINT) is before
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(KeyboardInterrupt), ctrl_c_kept() as pressed:
        signal.raise_signal(signal.SIGINT)  # anywhere else it is a KeyboardInterrupt as always
    assert pressed == [signal.SIGINT]
