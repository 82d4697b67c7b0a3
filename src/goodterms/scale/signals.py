"""Starting worker processes that never see Ctrl-C: the parent alone decides when they stop.

A terminal's Ctrl-C goes to every process in the foreground group, workers included; a worker
interrupted in the middle of a task prints a traceback and a Dask worker restarts. Blocking
SIGINT while workers start makes them start with it blocked (a signal mask survives fork and
exec), and a Ctrl-C pressed meanwhile reaches the parent as soon as the block is lifted.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Block SIGINT in this thread (and the threads and processes it starts) for the body."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
