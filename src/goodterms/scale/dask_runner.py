"""Analysing a stream of documents on a Dask cluster, in input order, in bounded memory.

The client cuts the stream into partitions and submits at most a window of them; each runs
`analyse_in_task_process` on a worker, which hands it to a single-threaded process of its own that
loads the spaCy model on its first partition and keeps it (`task_process`; a worker that may not
start processes analyses it itself, its pipelines cached per process). Results come back to the client, which yields
them in input order: the caller writes them, so a task the scheduler retries (its worker died)
still gives its results once. A partition whose workers keep dying (Dask's `KilledWorker`) is
tried again one article at a time, and an article that kills workers on its own comes back as
`Rejected` (code "worker_died").
"""
from __future__ import annotations

import logging
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import ConfigError, SchedulerUnreachable, WorkersFailed
from ..model import Rejected
from .environment import SINGLE_THREADED, environment_kept
from .signals import ctrl_c_held, ctrl_c_kept
from .partitions import PARTITION_SIZE, WINDOW_PER_WORKER, Item, Result, died, failed, partitions, warm_up
from .task_process import analyse_in_task_process, warm_task_process

if TYPE_CHECKING:
    from distributed import Client, Future

#: `--dask local`: start a cluster on this machine instead of connecting to one.
LOCAL = "local"

#: Address schemes a Dask scheduler listens on.
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")

#: Seconds to wait for a scheduler, unless Dask's own `distributed.comm.timeouts.connect` was
#: set (Dask's default of 30 s is long to wait for a mistyped address).
CONNECT_SECONDS = 10.0


def check_address(address: str) -> str:
    """`local`, or a scheduler address such as tcp://host:8786 or host:8786; ValueError says why not."""
    address = address.strip()
    if address == LOCAL:
        return address
    scheme, sep, rest = address.rpartition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in SCHEMES:
        raise ValueError(f"{address!r}: unknown scheme {scheme!r} (use {', '.join(SCHEMES)}, or 'local')")
    host, colon, port = rest.rpartition(":")
    if not colon or not host or "/" in rest:
        raise ValueError(f"{address!r} is not a scheduler address: give HOST:PORT, e.g. tcp://10.0.0.5:8786, "
                         "or 'local'")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{address!r}: port {port!r} is not a number from 1 to 65535")
    return f"{scheme}://{rest}"


#: Dask settings for a cluster `--dask local` starts, where the client, the scheduler and every
#: worker share this machine's cores with the analysis. Each is a cost with nothing to show for
#: it here: the workers' statistical profiler samples the task thread every 10 ms for a dashboard
#: that is off; each server checks its event loop every 20 ms and samples the machine's CPU,
#: memory, disk and network every 0.5 s. Measured on 2 cores, these took 6-9% of each worker's CPU.
QUIET_LOCAL_SETTINGS: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

#: For the life of a local cluster (a nanny reads it each time it starts or restarts a worker):
#: its workers may start a process of their own to analyse in (`task_process`); a daemonic one may not.
LOCAL_WORKERS_MAY_START_PROCESSES: dict[str, Any] = {"distributed.worker.daemon": False}


#: Why a local cluster logs nothing, in this process or its workers: everything it could report
#: reaches the user another way (a worker that dies makes its articles Rejected, a task that
#: fails raises), and what is left is noise. Closing it, after a Ctrl-C above all, had a worker
#: log "Failed to communicate with scheduler during heartbeat" with a CommClosedError traceback
#: about one run in seven. A remote cluster's logs are its own.
LOCAL_LOGS = logging.CRITICAL


def local_cluster_config() -> dict[str, Any]:
    """The Dask settings a local cluster starts with: `QUIET_LOCAL_SETTINGS`, and its workers' malloc.

    Dask starts its workers with MALLOC_TRIM_THRESHOLD_=64 KiB, so glibc hands freed memory back
    to the system at once, and the task thread gets a malloc arena of its own; spaCy allocates and
    frees arrays all the time, and the mmap/munmap this causes doubled the workers' system time
    (measured). The workers run one task thread, so they get what the `--workers` pool's processes
    get (`environment.SINGLE_THREADED`): glibc's own trim threshold, one arena, single-threaded
    numeric libraries. Variables set in the environment still win, as Dask documents for
    `distributed.nanny.pre-spawn-environ`.
    """
    import dask.config
    import distributed  # noqa: F401  (its defaults join Dask's settings when it is imported)

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    environ.update(SINGLE_THREADED)
    return {**QUIET_LOCAL_SETTINGS, "distributed.nanny.pre-spawn-environ": environ}


def _connect_seconds() -> float:
    import dask.config
    from dask.utils import parse_timedelta

    configured = dask.config.get("distributed.comm.timeouts.connect", default=None)
    if configured is None or configured == "30s":  # Dask's shipped default: not chosen by the user
        return CONNECT_SECONDS
    return float(parse_timedelta(configured, default="seconds"))


@contextmanager
def dask_client(address: str, *, workers: int | None = None) -> Iterator["Client"]:
    """A Dask client: connected to the scheduler at `address`, or to a new local cluster.

    `local` starts a LocalCluster of `workers` processes (default: one per core), one thread
    each, no dashboard, and closes it on exit. Dask's nannies write their workers' settings
    (OMP_NUM_THREADS=1, MALLOC_ARENA_MAX=1, ...) into this process's environment as they start
    them; it is put back as it was once the cluster has started, and again after it has closed,
    so processes this one starts later get the user's environment. Its log lines are silenced
    (`LOCAL_LOGS`). While it runs, `distributed.worker.daemon` is False in this process's Dask
    settings, so the workers its nannies start (again) may start their task process. A scheduler
    that does not answer raises SchedulerUnreachable.
    """
    import dask.config
    from distributed import Client, LocalCluster
    from distributed.utils import silence_logging_cmgr

    address = check_address(address)
    if address == LOCAL:
        count = workers or os.cpu_count() or 1
        if count < 1:
            raise ConfigError(f"workers must be at least 1, got {count}")
        with (environment_kept(), silence_logging_cmgr(LOCAL_LOGS),
              dask.config.set(LOCAL_WORKERS_MAY_START_PROCESSES), ExitStack() as stack):
            with ctrl_c_held(), environment_kept(), dask.config.set(local_cluster_config()):
                # its threads and workers never see Ctrl-C (this process stops them), and start with the
                # settings above; a Ctrl-C pressed meanwhile arrives once the cluster is in `stack`
                cluster = stack.enter_context(LocalCluster(
                    n_workers=count, threads_per_worker=1, processes=True, host="127.0.0.1",
                    silence_logs=LOCAL_LOGS,
                    # no dashboard, and its health routes on a free port, not 8787
                    dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}))
            # results come straight from the worker that holds them, not relayed through the scheduler
            yield stack.enter_context(Client(cluster, direct_to_workers=True))
        return
    if workers is not None:
        raise ConfigError(f"a worker count sets the size of a local cluster; the scheduler at {address} "
                          "has workers of its own")
    seconds = _connect_seconds()
    try:
        client = Client(address, timeout=seconds)
    except (OSError, TimeoutError) as exc:
        timed_out = "timed out" in str(exc).lower()
        why = f"no answer within {seconds:g} s" if timed_out else str(exc)
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler ({why})", source=address) from None
    except Exception as exc:  # something answered, but not in Dask's protocol (its frames read as garbage)
        raise SchedulerUnreachable(f"what answers there is not a Dask scheduler ({type(exc).__name__})",
                                   source=address) from None
    with client:
        yield client


def _warm(settings: Settings) -> None:
    """Load the models where this worker's partitions will be analysed: its task process, or itself."""
    if not warm_task_process(settings):
        warm_up(settings)


def warm_workers(client: "Client", settings: Settings | None = None) -> None:
    """Load the models on every worker now, in parallel, instead of on their first partition.

    A task on each worker's task thread, since that thread's process is the one its partitions go to.
    """
    settings = settings or Settings()
    workers = list(client.scheduler_info()["workers"])
    client.gather([client.submit(_warm, settings, workers=[worker], allow_other_workers=False, pure=False)
                   for worker in workers])


def _threads(client: "Client") -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # a scheduler that cannot say: assume one
        return 1


def _submit(client: "Client", items: list[Item], settings: Settings,
            stages: tuple[str, ...] | None) -> "Future":
    with warnings.catch_warnings():  # a partition of long articles is a "large graph"; it is meant to be
        warnings.simplefilter("ignore", UserWarning)
        return client.submit(analyse_in_task_process, items, settings, stages, pure=False)


def _collect(client: "Client", future: "Future", items: list[Item], settings: Settings,
             stages: tuple[str, ...] | None) -> list[Result]:
    """The partition's results; when its workers died or it raised, each article tried alone."""
    from distributed import KilledWorker

    try:
        return list(future.result())
    except CancelledError:
        raise WorkersFailed("the Dask cluster dropped the work (the scheduler went away?)") from None
    except KilledWorker:
        if len(items) == 1:
            return [died(items[0], "Dask workers died analysing it, retries included")]
    except Exception as exc:  # analyze_many guards each article; this is a bug around it
        if len(items) == 1:
            return [failed(items[0], f"{type(exc).__name__}: {exc}")]
    singles = [_submit(client, [item], settings, stages) for item in items]  # find the one at fault
    return [r for single, item in zip(singles, items) for r in _collect(client, single, [item], settings, stages)]


def analyze_dask(docs: Iterable[Item], *, client: "Client", settings: Settings | None = None,
                 stages: Iterable[str] | None = None, partition_size: int = PARTITION_SIZE,
                 window: int | None = None) -> Iterator[Result]:
    """Analyse a stream on the Dask cluster behind `client`: what `analyze_many` yields, in order.

    At most `window` partitions of `partition_size` inputs (default: 4 per worker thread) are
    submitted ahead of the results yielded. Leaving the loop early cancels what is in flight.
    """
    settings = settings or Settings()
    chosen = tuple(stages) if stages is not None else None
    if partition_size < 1:
        raise ConfigError(f"partition_size must be at least 1, got {partition_size}")
    limit = window if window is not None else WINDOW_PER_WORKER * _threads(client)
    if limit < 1:
        raise ConfigError(f"window must be at least 1, got {limit}")
    chunks = partitions(docs, partition_size)
    pending: deque[tuple[Any, list[Item]]] = deque()  # (future, or None for inputs all rejected; items)
    finished = False

    def fill() -> None:
        nonlocal finished
        while not finished and len(pending) < limit:
            chunk = next(chunks, None)
            if chunk is None:
                finished = True
                return
            documents = any(not isinstance(item, Rejected) for item in chunk)
            pending.append((_submit(client, chunk, settings, chosen) if documents else None, chunk))

    try:
        while True:
            fill()
            if not pending:
                return
            future, items = pending.popleft()
            results: list[Result] = ([item for item in items if isinstance(item, Rejected)] if future is None
                                     else _collect(client, future, items, settings, chosen))
            fill()
            yield from results
    except BaseException:
        try:
            client.cancel([future for future, _ in pending if future is not None])
        except Exception:  # the client is already closed: nothing left to cancel
            pass
        raise


def analyze_on_dask(docs: Iterable[Item], address: str, *, workers: int | None = None,
                    settings: Settings | None = None, stages: Iterable[str] | None = None,
                    partition_size: int = PARTITION_SIZE) -> Iterator[Result]:
    """`analyze_dask` on the scheduler at `address` (or `local`), connecting first and closing after."""
    with ctrl_c_kept() as pressed, dask_client(address, workers=workers) as client:
        for result in analyze_dask(docs, client=client, settings=settings, stages=stages,
                                   partition_size=partition_size):
            if pressed:
                raise KeyboardInterrupt  # a Ctrl-C a Dask callback swallowed
            yield result
        if pressed:
            raise KeyboardInterrupt
