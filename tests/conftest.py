"""Shared fixtures: the spaCy pipeline loads once per test session, each article is analysed once."""
from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import goodterms
from goodterms.model import Analysis
from goodterms.nlp import load_pipeline

# Progress lines depend on how long a run takes: tests that compare standard error between two
# runs must not see them. Tests of the display turn it on themselves.
os.environ.setdefault("GOODTERMS_PROGRESS", "off")

# A test run started as a background job of a non-interactive shell (`pytest &`, or a CI script
# run that way) inherits SIGINT ignored, and every command the tests start would inherit it too:
# the tests of Ctrl-C (analyze --workers, serve) would see it ignored. Give it back its default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

TESTS = Path(__file__).resolve().parent
ARTICLES = TESTS / "fixtures" / "articles"


def article_names() -> list[str]:
    """The stems of the fictional fixture articles that have an expected JSON."""
    return sorted(p.name[: -len(".expected.json")] for p in ARTICLES.glob("*.expected.json"))


def expected_for(name: str) -> dict[str, Any]:
    """The expected analysis of one fixture article."""
    data: dict[str, Any] = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once (goodterms caches it per process after this)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def analyze_path(nlp: Any) -> Callable[[Path], Analysis]:
    """analyze_one(read_path(path)), memoised per path for the whole session."""
    cache: dict[Path, Analysis] = {}

    def run(path: Path) -> Analysis:
        path = path.resolve()
        if path not in cache:
            cache[path] = goodterms.analyze_one(goodterms.read_path(path))
        return cache[path]

    return run
