"""An article of nothing but capitalised words (the hostile bench's case): finding people does work
in proportion to the text, counted in Python calls rather than timed, and gives up inside its
loops when the article's budget is spent."""
from __future__ import annotations

import random
import re
import sys
from types import FrameType
from typing import Any

import pytest

from goodterms import document_from_text
from goodterms.deadline import within
from goodterms.errors import ArticleTimeout
from goodterms.extract.people import Entity, find_people
from goodterms.extract.title_lines import Prose

SYLLABLES = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se".split()


def capitalised_article(words: int, seed: int = 11) -> tuple[str, list[Entity]]:
    """A headline, one line of prose and a paragraph of distinct invented capitalised words; every
    second pair of words tagged PERSON and every fifth word alone, as NER tags such a text."""
    rng = random.Random(seed)
    made = ["".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(words)]
    text = "Headline Of The Day\n\nSomeone wrote this line in plain prose.\n\n" + " ".join(made) + "\n"
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)][9:]
    entities = [Entity(spans[i][0], spans[i + 1][1], "PERSON") for i in range(0, len(spans) - 1, 4)]
    entities += [Entity(*spans[i], "PERSON") for i in range(2, len(spans), 5)]
    return text, sorted(entities, key=lambda e: e.start)


def calls_made(words: int) -> int:
    """Python calls (generator steps included) that find_people makes on such an article."""
    text, entities = capitalised_article(words)
    doc = document_from_text(text, source="capitals.txt")
    count = 0

    def tally(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1
    sys.setprofile(tally)
    try:
        find_people(doc, entities)
    finally:
        sys.setprofile(None)
    return count


def test_finding_people_in_capitalised_words_grows_linearly() -> None:
    calls_made(100)  # the word lists and the parser they come from load on first use
    small, large = calls_made(1_500), calls_made(3_000)
    assert large < 2.4 * small, (small, large)  # quadratic work would have made it about 4 times


def test_finding_people_stops_inside_its_loops_when_the_budget_is_spent() -> None:
    text, entities = capitalised_article(3_000)
    doc = document_from_text(text, source="capitals.txt")
    with within(1e-6, "capitals.txt"), pytest.raises(ArticleTimeout) as caught:
        find_people(doc, entities)
    assert caught.value.code == "timeout" and "capitals.txt" in str(caught.value)


@pytest.mark.parametrize("word, written", [
    ("Bell", True), ("Bel", False), ("Rang", False), ("rang", True), ("Jo-Ann", True), ("Ann", True), ("(Jo-Ann", True),
    ("O'Neil", True), ("Neil", False), ("Ren\u00e9e", True), ("Vale's", True), ("-", True), ("Bellamy", False),
])
def test_the_prose_says_whether_it_writes_a_word_with_its_capital(word: str, written: bool) -> None:
    prose = Prose("Tom Bell met (Jo-Ann O'Neil) and Renee - Vale's bell rang. Bellamys left.")
    assert prose.capitalised(word) is written
