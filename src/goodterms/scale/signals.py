"""Starting worker processes that never see Ctrl-C: the parent alone decides when they stop.

A terminal's Ctrl-C goes to every process in the foreground group, workers included; a worker
interrupted while it starts or works prints a traceback (a Dask worker is restarted). A process
started while SIGINT is ignored keeps ignoring it through exec, and Python leaves an ignored
SIGINT ignored, so workers are started inside `ctrl_c_ignored`. (Blocking the signal instead
is not enough: threads the numeric libraries start can take it.) A Ctrl-C pressed in that
short while is lost; the parent is interruptible again as soon as the workers are started.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ctrl_c_ignored() -> Iterator[None]:
    """Ignore SIGINT in this process for the body, so the processes it starts ignore it for good."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change handlers; workers then ignore it themselves
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
