"""A real, published article from ../shared/eval, read in place (never copied here); robust facts only."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from goodterms.model import Analysis

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SEED = EVAL / "public" / "articles" / "000_1d8e39d48d05e7d7.txt"

if not SEED.is_file():
    pytest.skip(f"real articles not available at {EVAL}", allow_module_level=True)


@pytest.fixture(scope="module")
def seed(analyze_path: Callable[[Path], Analysis]) -> Analysis:
    return analyze_path(SEED)


def test_title_is_the_first_line(seed: Analysis) -> None:
    first_line = SEED.read_text(encoding="utf-8").split("\n", 1)[0].strip()
    assert seed.document.title == first_line


def test_published_from_the_dateline(seed: Analysis) -> None:
    assert seed.document.published == "2019-04-19"


def test_four_instagram_embeds_by_handle(seed: Analysis) -> None:
    handles = sorted(s.handle for s in seed.social_posts)
    assert handles == sorted(["kim.basinger", "hilariabaldwin", "l_embellie_arts", "irelandbasingerbaldwin"])


def test_reader_comments_are_positive(seed: Analysis) -> None:
    assert len(seed.comments) >= 4
    assert [c.polarity for c in seed.comments] == ["positive"] * len(seed.comments)


def test_the_colon_block_quote_is_kims_to_net_a_porter(seed: Analysis) -> None:
    quote = next((q for q in seed.quotes if "very public and nasty" in q.text), None)
    assert quote is not None, [q.text[:40] for q in seed.quotes]
    speaker = seed.person(quote.speaker)
    assert speaker is not None and "Kim" in speaker.name
    assert quote.outlet == "Net-A-Porter"
