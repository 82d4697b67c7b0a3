"""Coref's lookups by position answer what a scan of the article would, without the scan."""
from __future__ import annotations

from goodterms.extract.coref import Reference, RunningCounts


def _refs(names: str) -> list[Reference]:
    return [Reference(10 * i, 10 * i + 3, p, "name", p) for i, p in enumerate(names.split())]


def test_running_counts_match_a_scan_at_every_position() -> None:
    names = "ana ben ana cy ben ben dora ana cy cy cy ed ana " * 20 + "fay " * 70 + "ana gus"
    refs = _refs(names)
    counts = RunningCounts(refs)
    for position in range(0, 10 * len(refs) + 20, 7):
        before = [r.person for r in refs if r.start < position]
        for pid in set(before):
            assert counts.count(pid, position) == before.count(pid)
        if before:
            top = max(set(before), key=lambda p: (before.count(p), -before.index(p)))
            assert counts.most_named(position) == top
            assert set(sorted(set(before), key=lambda p: -before.count(p))[:3]) <= counts.contenders(position)
        else:
            assert counts.most_named(position) is None


def test_most_named_needs_the_minimum() -> None:
    counts = RunningCounts(_refs("ana ben"))
    assert counts.most_named(100, minimum=2) is None
    assert counts.most_named(100, minimum=1) == "ana"
