"""A per-article time budget, checked cooperatively by the stages' loops.

`within(seconds, source)` sets the budget for the code it wraps (per thread and per task, through
a context variable, so a server answering several requests keeps one budget per article);
`check()` raises `ArticleTimeout` once the budget is spent. Loops that can run long on hostile
input (sentences, regex matches, parse batches, NER pieces) call `check()` once per step.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ArticleTimeout


@dataclass(frozen=True)
class Budget:
    """When the current article started and how long it may take."""

    source: str
    seconds: float
    started: float

    def spent(self) -> float:
        """Seconds since the article started."""
        return time.monotonic() - self.started


_current: ContextVar[Budget | None] = ContextVar("goodterms_budget", default=None)


def check() -> None:
    """Raise ArticleTimeout if the current article has used up its budget; free when there is none."""
    budget = _current.get()
    if budget is not None and budget.spent() > budget.seconds:
        raise ArticleTimeout(
            f"gave up after {budget.spent():.1f} s (the limit is {budget.seconds:g} s per article)",
            source=budget.source,
        )


@contextmanager
def within(seconds: float | None, source: str) -> Iterator[Budget | None]:
    """Run the body under a budget of `seconds` (None or 0: no limit)."""
    if not seconds:
        yield None
        return
    budget = Budget(source, float(seconds), time.monotonic())
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
