"""Analysing a stream of documents in local worker processes, in input order, in bounded memory.

Each worker is a process of its own that loads the spaCy model once, then analyses partitions
the parent sends it one at a time over a pipe. The parent reads the input only as far as a
window of partitions allows (`multiprocessing.Pool.imap` would read all of it at once), and
yields results in input order, so the output is the same as `analyze_many`'s whatever the
timing. A worker that dies (the out-of-memory killer, a crash in native code) is replaced; the
articles of its partition are tried again one at a time, and an article that kills a worker on
its own comes back as `Rejected` (code "worker_died"). Workers ignore Ctrl-C: the parent stops
them when it is interrupted, so an interrupt ends the run at once and leaves no process behind.
Workers start with the numeric libraries single-threaded (`environment.SINGLE_THREADED`, unless
the user's environment sets them): each worker has a core's worth of work already.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ..config import Settings
from ..errors import ConfigError, GoodtermsError, WorkersFailed
from ..model import Rejected
from .environment import starting_with, worker_environment
from .signals import ctrl_c_ignored
from .partitions import (
    PARTITION_SIZE, WINDOW_PER_WORKER, Item, Result, analyse_partition, died, failed, how_it_died,
    partitions, warm_up,
)

#: Workers that die before they are ready, one after another, before the run gives up: a model
#: that cannot load or a machine out of memory would otherwise restart them forever.
MAX_START_FAILURES = 3

#: Seconds a worker is given to finish after being asked to stop, before it is terminated.
STOP_SECONDS = 2.0

#: Times a partition goes back to the queue unblamed because its worker died before saying it had
#: started on it (it died idle, or of something else); after that, it is treated as the cause.
MAX_UNSTARTED_RETRIES = 3


def _serve(conn: Connection, settings: Settings, stages: tuple[str, ...] | None) -> None:
    """A worker's life: load the models, say so, then analyse each partition sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        try:
            warm_up(settings)
        except BaseException as exc:  # reported to the parent, which raises it
            conn.send(("failed", exc if isinstance(exc, GoodtermsError) else f"{type(exc).__name__}: {exc}"))
            return
        conn.send(("ready", None))
    except OSError:  # the parent went away while the models loaded (a Ctrl-C): nothing to say, nobody to say it to
        return
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if items is None:
            return
        try:
            conn.send(("started", None))  # from here on, dying is this partition's doing
            results: Any = ("done", analyse_partition(items, settings, stages))
        except Exception as exc:  # analyze_many guards each article; this is a bug around it
            results = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(results)
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Slot:
    """One partition of the input: its inputs and, as they come back, their results."""

    items: list[Item]
    results: list[Result | None]
    missing: int

    @classmethod
    def of(cls, items: list[Item]) -> "_Slot":
        return cls(items, [None] * len(items), len(items))

    def fill(self, offset: int, results: list[Result]) -> None:
        for i, result in enumerate(results):
            if self.results[offset + i] is None:
                self.missing -= 1
            self.results[offset + i] = result

    def finished(self) -> list[Result]:
        assert self.missing == 0
        return [r for r in self.results if r is not None]


@dataclass
class _Task:
    """Inputs slot.items[offset:offset + len(items)], sent to one worker as one message."""

    slot: _Slot
    offset: int
    items: list[Item]
    unstarted: int = 0  # times its worker died before starting on it

    def singles(self) -> list["_Task"]:
        """The same inputs as one task each, to find which one kills a worker."""
        return [_Task(self.slot, self.offset + i, [item]) for i, item in enumerate(self.items)]


@dataclass(eq=False)
class _Worker:
    """One worker process, the parent's end of its pipe, and the task it holds."""

    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: _Task | None = field(default=None)
    started: bool = False  # whether it said it has started on `task`


class ProcessPool:
    """Worker processes that each load the model once and analyse the partitions sent to them.

    Use it as a context manager; `analyze` can be called several times (the workers stay up
    between streams). `start` and `wait_ready` let a caller pay the start-up cost up front.
    """

    def __init__(self, workers: int, *, settings: Settings | None = None, stages: Iterable[str] | None = None,
                 partition_size: int = PARTITION_SIZE, window: int | None = None) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}")
        if partition_size < 1:
            raise ConfigError(f"partition_size must be at least 1, got {partition_size}")
        self.size = workers
        self.settings = settings or Settings()
        self.stages = tuple(stages) if stages is not None else None
        self.partition_size = partition_size
        self.window = window if window is not None else WINDOW_PER_WORKER * workers
        if self.window < 1:
            raise ConfigError(f"window must be at least 1, got {self.window}")
        self.workers: list[_Worker] = []
        self._start_failures = 0
        self._context = multiprocessing.get_context("spawn")

    def __enter__(self) -> "ProcessPool":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the workers ----------------------------------------------------------------------

    def start(self) -> None:
        """Start workers until there are `workers` of them (they load the model in parallel)."""
        while len(self.workers) < self.size:
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, self.settings, self.stages),
                                        name="goodterms-worker", daemon=True)
        with ctrl_c_ignored(), starting_with(worker_environment()):  # single-threaded numeric libraries
            process.start()
        theirs.close()
        return _Worker(process, ours)

    def wait_ready(self) -> None:
        """Block until every worker has loaded the model."""
        self.start()
        while not all(w.ready for w in self.workers):
            self._wait(deque())

    def pids(self) -> list[int]:
        """The process ids of the workers now running."""
        return [w.process.pid for w in self.workers if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker: those idle are asked to, the rest (and the late) are terminated."""
        workers, self.workers = self.workers, []
        for worker in workers:
            if worker.task is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            else:
                worker.process.terminate()
        for worker in workers:
            worker.process.join(STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    # -- a stream -------------------------------------------------------------------------

    def analyze(self, docs: Iterable[Item], *, partition_size: int | None = None,
                window: int | None = None) -> Iterator[Result]:
        """One result per input, in input order, as `analyze_many` gives them.

        At most `window` partitions (default: the pool's) are read ahead of the results
        yielded, however long the stream. Leaving the loop early (an error, Ctrl-C) stops the
        workers; the next call starts new ones.
        """
        size = partition_size or self.partition_size
        limit = window or self.window
        self.start()
        chunks = partitions(docs, size)
        slots: deque[_Slot] = deque()
        queue: deque[_Task] = deque()
        finished = False
        try:
            while True:
                while not finished and len(slots) < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        finished = True
                        break
                    slots.append(self._slot(chunk, queue))
                self._dispatch(queue)
                if slots and slots[0].missing == 0:
                    yield from slots.popleft().finished()
                    continue
                if not slots:
                    return
                self._wait(queue)
        except BaseException:
            self.close()  # tasks of this stream may still run: stop them with it
            raise

    def _slot(self, chunk: list[Item], queue: deque[_Task]) -> _Slot:
        """A slot for the chunk; its documents join the queue, its rejected inputs are done."""
        slot = _Slot.of(chunk)
        if all(isinstance(item, Rejected) for item in chunk):
            slot.fill(0, list(chunk))  # type: ignore[arg-type]
        else:
            queue.append(_Task(slot, 0, chunk))
        return slot

    def _dispatch(self, queue: deque[_Task]) -> None:
        """Send queued tasks to idle workers, one each."""
        for worker in self.workers:
            if not queue:
                return
            if worker.ready and worker.task is None:
                task = queue.popleft()
                worker.task, worker.started = task, False
                try:
                    worker.conn.send(task.items)
                except OSError:  # it died: its sentinel says so, and the task goes back
                    pass

    def _wait(self, queue: deque[_Task]) -> None:
        """Block until a worker answers or dies, and act on it."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle)):
            worker = by_handle[handle]
            if worker not in self.workers:
                continue  # already replaced this round
            if handle is worker.conn:
                self._receive(worker, queue)
            else:
                self._bury(worker, queue)

    def _receive(self, worker: _Worker, queue: deque[_Task]) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._bury(worker, queue)
            return
        self._handle(worker, message, queue)

    def _handle(self, worker: _Worker, message: tuple[str, Any], queue: deque[_Task]) -> None:
        kind, payload = message
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
        elif kind == "started":
            worker.started = True
        elif kind == "failed":
            self.close()
            raise payload if isinstance(payload, GoodtermsError) else WorkersFailed(
                f"a worker process could not load the models: {payload}")
        elif kind in ("done", "error") and worker.task is not None:
            task, worker.task = worker.task, None
            if kind == "done":
                task.slot.fill(task.offset, payload)
            elif len(task.items) > 1:
                queue.extendleft(reversed(task.singles()))
            else:
                task.slot.fill(task.offset, [failed(task.items[0], payload)])

    def _bury(self, worker: _Worker, queue: deque[_Task]) -> None:
        """A worker ended: take what it sent before dying, settle its task, start another."""
        try:
            while worker.task is not None and worker.conn.poll():
                self._handle(worker, worker.conn.recv(), queue)
        except (EOFError, OSError):
            pass
        worker.process.join(STOP_SECONDS)
        how = how_it_died(worker.process.exitcode)
        worker.conn.close()
        task = worker.task
        if task is not None and not worker.started and task.unstarted < MAX_UNSTARTED_RETRIES:
            task.unstarted += 1
            queue.appendleft(task)  # it died before starting on it (idle, or at the moment it was sent)
        elif task is not None:
            if len(task.items) > 1:
                queue.extendleft(reversed(task.singles()))  # find the one that kills
            else:
                task.slot.fill(task.offset, [died(task.items[0], how)])
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                self.close()
                raise WorkersFailed(f"worker processes die as they start ({how})")
        self.workers[self.workers.index(worker)] = self._spawn()


def analyze_parallel(docs: Iterable[Item], *, workers: int, settings: Settings | None = None,
                     stages: Iterable[str] | None = None, partition_size: int = PARTITION_SIZE,
                     window: int | None = None) -> Iterator[Result]:
    """Analyse a stream in `workers` local processes: what `analyze_many` yields, in the same order.

    Each worker loads the model once. At most `window` partitions of `partition_size` inputs
    (default: 4 per worker) are read ahead of the results yielded, so memory stays flat however
    long the stream. An article whose worker dies comes back as Rejected ("worker_died").
    """
    with ProcessPool(workers, settings=settings, stages=stages, partition_size=partition_size,
                     window=window) as pool:
        yield from pool.analyze(docs)
