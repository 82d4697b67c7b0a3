"""Word lists kept as data: one file per list in `goodterms/data/`, read once per process.

A list file holds one entry per line (a word or a phrase); `#` starts a comment, blank lines
are skipped, and entries are lower-cased. Verb lists hold lemmas ("slam", not "slammed"):
rules compare them with the parse's `lemma_`, so every inflection is covered without typing it.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of data/NAME.txt, lower-cased."""
    return frozenset(entries(name))


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of data/NAME.txt in file order, lower-cased (for lists where order matters)."""
    path = resources.files("goodterms") / "data" / f"{name}.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """data/NAME.txt as a mapping: each line is `KEY VALUE` (the value is the last word)."""
    out = {}
    for entry in entries(name):
        key, _, value = entry.rpartition(" ")
        if key:
            out[key.strip()] = value
    return out
