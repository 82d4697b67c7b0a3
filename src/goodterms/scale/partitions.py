"""What every parallel runner shares: cutting a stream into partitions, and analysing one.

A partition is a short list of inputs (documents, or inputs already rejected by the reader).
A worker analyses it with `analyze_many`, so a partition gives exactly what `analyze_many`
gives for those inputs; spaCy's entity recognition does not depend on which documents share
its batch, so cutting the stream does not change any result.
"""
from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from ..config import Settings
from ..ingest import document_from_text
from ..model import Analysis, Document, Rejected
from ..pipeline import analyze_many, analyze_one

#: Inputs per partition: small enough that two workers share the end of a stream evenly,
#: large enough that the cost of shipping one is nothing beside analysing it.
PARTITION_SIZE = 8

#: Partitions in flight (sent, running, or done and waiting for an earlier one) per worker.
WINDOW_PER_WORKER = 4

Item = Document | Rejected
Result = Analysis | Rejected

#: An invented article that touches every stage, so a worker loads every model and word list
#: before its first real partition.
WARM_UP_TEXT = ("Warm-up note\n\nIvo Marsh, 41, and his wife Lena Marsh reconciled last spring. "
                '"We are good friends again," Lena told Hello! magazine. Ivo praised her.')


def partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """The stream cut into lists of `size` inputs, read lazily."""
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, size))
        if not chunk:
            return
        yield chunk


def analyse_partition(items: Sequence[Item], settings: Settings,
                      stages: tuple[str, ...] | None = None) -> list[Result]:
    """One result per input, in order, as `analyze_many` gives them (the function workers run)."""
    return list(analyze_many(items, settings=settings, stages=stages))


def warm_up(settings: Settings) -> None:
    """Load the models and word lists into this process once, by analysing an invented article."""
    analyze_one(document_from_text(WARM_UP_TEXT, source="warm-up"), settings=settings)


def source_of(item: Item) -> str:
    """The name an input is reported under."""
    return item.source if isinstance(item, Rejected) else (item.source or item.id)


def how_it_died(exitcode: int | None) -> str:
    """A worker's exit code in words: the signal that killed it, or the code it exited with."""
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGKILL":
            return "killed by SIGKILL, as the out-of-memory killer does"
        return f"killed by {name}"
    return f"it exited with code {exitcode}"


def died(item: Item, how: str) -> Rejected:
    """The Rejected standing for an input whose worker died while analysing it."""
    if isinstance(item, Rejected):
        return item
    source = source_of(item)
    return Rejected(source, "worker_died", f"{source}: the worker process analysing it died ({how})")


def failed(item: Item, error: str) -> Rejected:
    """The Rejected standing for an input whose partition raised instead of giving results."""
    if isinstance(item, Rejected):
        return item
    source = source_of(item)
    return Rejected(source, "internal", f"{source}: analysis failed: {error}")
