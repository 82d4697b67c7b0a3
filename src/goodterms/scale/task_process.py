"""Where a Dask worker analyses a partition: in a single-threaded process of its own, when it may start one.

A Dask worker process always runs several threads (its event loop, the task thread, the
nanny's watch), and the analysis costs about 10% more CPU in a process with a second thread
than alone: the same 120 articles took 6.9 CPU s in a single-threaded process, 7.5-7.7 s beside
one idle thread, 7.7-7.9 s run in a thread other than the main one. So the task thread hands
each partition to a process that does nothing else: a `ProcessPool` of one worker, which loads
the model once and is kept for the life of the task thread (one each, should a worker run
several). The cost is pickling the partition and its results once more, small beside analysing
them. That process dying (the out-of-memory killer, a crash in native code) is the pool's
business as in `--workers`: its articles are tried again one at a time, and one that kills it on
its own comes back as `Rejected` ("worker_died"), while the Dask worker lives on.

A daemonic process may not start processes (`multiprocessing` refuses), and a nanny starts its
workers daemonic unless `distributed.worker.daemon` is False: `--dask local` sets it so; the
workers of a cluster someone else started may be daemonic, and there the task thread analyses
the partition itself, as it always did.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence

from ..config import Settings
from .partitions import Item, Result, analyse_partition
from .processes import ProcessPool

#: This task thread's process and what it was started for: (settings, stages, pool).
_mine = threading.local()


def may_start_processes() -> bool:
    """Whether this process may start processes of its own (`multiprocessing` refuses a daemonic one)."""
    return not multiprocessing.current_process().daemon


def _pool(settings: Settings, stages: tuple[str, ...] | None) -> ProcessPool:
    """This thread's one-worker pool for these settings, started on first use (a new one if they changed)."""
    held = getattr(_mine, "held", None)
    if held is not None and held[:2] == (settings, stages):
        return held[2]
    if held is not None:
        held[2].close()
    pool = ProcessPool(1, settings=settings, stages=stages, window=1)
    _mine.held = (settings, stages, pool)
    return pool


def analyse_in_task_process(items: Sequence[Item], settings: Settings,
                            stages: tuple[str, ...] | None = None) -> list[Result]:
    """What `analyse_partition` gives, worked out in this thread's single-threaded process when it may have one."""
    if not may_start_processes():
        return analyse_partition(items, settings, stages)
    pool = _pool(settings, stages)
    return list(pool.analyze(list(items), partition_size=max(1, len(items)), window=1))


def warm_task_process(settings: Settings) -> bool:
    """Start this thread's process and wait until it has loaded the models; False where none may be started."""
    if not may_start_processes():
        return False
    _pool(settings, None).wait_ready()
    return True


def held_pool() -> ProcessPool | None:
    """This thread's pool, if it has started one (for tests and diagnostics)."""
    held = getattr(_mine, "held", None)
    return held[2] if held is not None else None
