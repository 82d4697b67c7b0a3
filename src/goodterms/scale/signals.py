"""Starting worker processes that never see Ctrl-C: the parent alone decides when they stop.

A terminal's Ctrl-C goes to every process in the foreground group, workers included; a worker
interrupted while it starts or works prints a traceback (a Dask worker is restarted). A process
started while SIGINT is ignored keeps ignoring it through exec, and Python leaves an ignored
SIGINT ignored, so the pool's workers are started inside `ctrl_c_ignored`. A Ctrl-C pressed in
that short while (the moment a process takes to start) is lost; the parent is interruptible
again as soon as the workers are started. A Dask LocalCluster takes seconds to start and starts
its workers from threads of its own, so it is started inside `ctrl_c_held` instead: SIGINT
blocked there and in everything started from there, and a Ctrl-C pressed meanwhile delivered
to this process afterwards.
"""
from __future__ import annotations

import signal
import sys
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


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C for the body: what it starts never sees SIGINT, and one pressed meanwhile arrives when
    the body ends (a KeyboardInterrupt there, in the main thread), not lost and not in the middle.

    For a body that takes seconds and starts its processes from threads of its own, as a Dask
    LocalCluster does. SIGINT is blocked in this thread: a thread inherits the signal mask of
    the thread that starts it, and a process that of the thread that starts it, through exec
    (Python leaves the mask as it is), so the cluster's event-loop thread, the threads it starts
    and every worker process (those a nanny restarts later included) keep it blocked for good,
    while this thread takes it back. Threads that were already running can still take the
    signal, so in the main thread a handler notes it meanwhile, and it is raised again at the end.
    multiprocessing's resource tracker, started on the first use of a process or queue, unblocks
    SIGINT in the thread that starts it (after starting the tracker with it blocked), and the
    cluster would start it from its own thread: it is started here first.
    """
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    pressed: list[int] = []
    main = threading.current_thread() is threading.main_thread()
    previous_handler = signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number)) if main else None
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        if main:
            signal.signal(signal.SIGINT, previous_handler)
            if pressed:
                signal.raise_signal(signal.SIGINT)  # as it would have been handled: usually KeyboardInterrupt


@contextmanager
def ctrl_c_kept() -> Iterator[list[int]]:
    """Note every Ctrl-C in the list yielded, so one Python swallowed is not lost: check it often.

    Python raises KeyboardInterrupt wherever the main thread is when SIGINT arrives. Inside a
    garbage-collector callback, a weakref callback or a __del__ (Dask's client runs such callbacks)
    the exception cannot propagate: Python prints "Exception ignored in ..." with a traceback and
    goes on, and a run went on to its end. Here the handler notes the Ctrl-C before raising it as
    usual, the caller raises KeyboardInterrupt itself when it finds the note, and such a swallowed
    KeyboardInterrupt is not printed. Outside the main thread this changes nothing.
    """
    pressed: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def noted(number: int, _frame: object) -> None:
        pressed.append(number)
        raise KeyboardInterrupt

    def quiet_when_noted(unraisable: "sys.UnraisableHookArgs") -> None:
        if pressed and isinstance(unraisable.exc_value, KeyboardInterrupt):
            return  # noted: the caller raises it where it can propagate
        previous_hook(unraisable)

    previous_handler = signal.signal(signal.SIGINT, noted)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = quiet_when_noted
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous_handler)
        sys.unraisablehook = previous_hook
