"""A name written with an unusual space, an invisible character or fullwidth letters is the same
person as the plain name, and every mention's offsets still point into the original text."""
from __future__ import annotations

from typing import Any

import pytest

from goodterms import analyze_text

ARTICLE = ("Mira Solberg Wins the Final\n\n{name} thanked her brother Aki Solberg on Sunday. "
           "\u201cHe is my rock,\u201d Mira Solberg said after the match.\n")


@pytest.fixture(autouse=True)
def _model_loaded_once(nlp: Any) -> None:
    """These tests run the pipeline; the session fixture loads spaCy once."""


@pytest.mark.parametrize("written", [
    "Mira\u00a0Solberg",                     # no-break space
    "Mira\u2009Solberg",                     # thin space
    "Mira\u202fSolberg",                     # narrow no-break space
    "Mi\u200bra Solberg",                    # zero-width space
    "Mira Sol\u200dberg",                    # zero-width joiner
    "Mira Sol\u00adberg",                    # soft hyphen
    "\uff2d\uff49\uff52\uff41 Solberg",      # fullwidth letters
], ids=["nbsp", "thin-space", "narrow-nbsp", "zero-width-space", "zero-width-joiner", "soft-hyphen", "fullwidth"])
def test_a_name_written_oddly_is_the_same_person(written: str) -> None:
    text = ARTICLE.format(name=written)
    analysis = analyze_text(text, source="odd.txt")
    mira = [p for p in analysis.people if "Mira" in p.name or "Solberg" in p.name and "Aki" not in p.name]
    assert len(mira) == 1, [p.name for p in analysis.people]
    start = text.index(written)
    assert any(m.start == start and m.end == start + len(written) for m in mira[0].mentions)
    for person in analysis.people:
        for mention in person.mentions:
            assert text[mention.start:mention.end] == mention.text
