"""Analysing many articles at once: local worker processes, or a Dask cluster.

Every runner yields exactly what `goodterms.analyze_many` yields, in input order, while reading
the input only a bounded window ahead; the caller writes the results.
"""
from __future__ import annotations

from .dask_runner import LOCAL, analyze_dask, analyze_on_dask, check_address, dask_client, warm_workers
from .processes import ProcessPool, analyze_parallel
from .runner import analyze_with

__all__ = [
    "LOCAL", "ProcessPool", "analyze_dask", "analyze_on_dask", "analyze_parallel", "analyze_with",
    "check_address", "dask_client", "warm_workers",
]
