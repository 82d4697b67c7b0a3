"""The environment worker processes start with, and keeping this process's own environment as it was.

A worker runs one analysis at a time on a core that another worker already keeps busy, so the
numeric libraries' own thread pools (OpenMP, MKL, OpenBLAS) only fight for that core, and
glibc's extra malloc arenas only cost memory and page faults. These libraries read their settings
once, as they load (glibc as the process starts), so the settings must be in the environment a
worker process is started with: setting them inside the worker comes too late. Measured with
`goodterms ingest --workers 2` of 1,119 articles on 2 cores: 38.7 s / 74.5 CPU s with them,
42.4 s / 82.0 CPU s without. A value the user set in their environment wins.

Dask's LocalCluster writes its workers' settings into the environment of the process that starts
it (and leaves them there); `environment_kept` puts that environment back as it was.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

#: What a worker process starts with, unless the user's environment says otherwise.
SINGLE_THREADED: dict[str, str] = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "1",
}

#: Changing os.environ for a moment is one thread's business at a time.
_CHANGING = threading.Lock()


def worker_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The `SINGLE_THREADED` settings the environment (default: this process's) does not set itself."""
    environ = os.environ if environ is None else environ
    return {name: value for name, value in SINGLE_THREADED.items() if name not in environ}


def _restore(saved: dict[str, str]) -> None:
    """Make os.environ equal `saved` again: what was added goes, what was changed or removed comes back."""
    for name in [name for name in os.environ if name not in saved]:
        del os.environ[name]
    for name, value in saved.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


@contextmanager
def environment_kept() -> Iterator[None]:
    """On leaving, os.environ is what it was on entering, whatever the body (or a library) did to it."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        _restore(saved)


@contextmanager
def starting_with(settings: Mapping[str, str]) -> Iterator[None]:
    """os.environ with `settings` added for the body, so processes started in it inherit them; then as it was.

    For processes started by `multiprocessing` (spawn): they inherit this process's environment
    as it is at that moment, and offer no other way to give them one.
    """
    if not settings:
        yield
        return
    with _CHANGING, environment_kept():
        os.environ.update(settings)
        yield
