"""One entry point that picks how to run a stream: this process, local workers, or Dask."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import Settings
from ..errors import ConfigError
from ..pipeline import analyze_many
from .partitions import Item, Result


def analyze_with(docs: Iterable[Item], *, settings: Settings | None = None, workers: int | None = None,
                 dask: str | None = None, stages: Iterable[str] | None = None) -> Iterator[Result]:
    """What `analyze_many` yields, in the same order, computed where asked.

    `dask` (an address, or "local" for a cluster of `workers` processes on this machine) runs
    on Dask; otherwise `workers` above 1 runs local worker processes, and 1 or None runs here.
    """
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be at least 1, got {workers}")
    if dask is not None:
        from .dask_runner import analyze_on_dask

        return analyze_on_dask(docs, dask, workers=workers, settings=settings, stages=stages)
    if workers is not None and workers > 1:
        from .processes import analyze_parallel

        return analyze_parallel(docs, workers=workers, settings=settings, stages=stages)
    return analyze_many(docs, settings=settings, stages=stages)
