"""NameForms finds what one regular expression of all the forms finds, in one pass."""
from __future__ import annotations

import random
import re

from goodterms.extract.name_search import NameForms

PIECES = ["Jo", "Bell", "Jo Bell", "Bellamy", "T.J.", "O'Neil", "Ren\u00e9e", "JB", "Ann", "Jo-Ann", "x", "@",
          ".", "'s", "\u2019s", " ", " ", " ", ", ", "(", ")", "\n", "_", "7", "Bo", "Bo's", "-"]


def by_one_pattern(forms: list[str], text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """What the single alternation finds: (form start, form end, match end)."""
    pattern = re.compile(r"(?<![\w@.])(" + "|".join(
        re.escape(f) for f in sorted(dict.fromkeys(forms), key=len, reverse=True)) + r")(?:['\u2019]s)?(?![\w@])")
    return [(m.start(1), m.end(1), m.end()) for m in pattern.finditer(text, start, end)]


def test_the_index_finds_what_one_alternation_of_all_forms_finds() -> None:
    rng = random.Random(5)
    for _ in range(3_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        forms = rng.sample(["Jo", "Bell", "Jo Bell", "T.J.", "O'Neil", "Ren\u00e9e", "JB", "Ann", "Jo-Ann", "Bo",
                            "(Bo", "@Bo", "Bell Jo", "J"], rng.randint(1, 8))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert list(NameForms(forms).uses(text, start, end)) == by_one_pattern(forms, text, start, end), (text, forms)


def test_a_form_inside_a_longer_word_or_a_handle_is_not_a_use() -> None:
    text = "Bellamy met Bell's friend @Bell at x.Bell and Jo Bell."
    assert [text[s:e] for s, e, _ in NameForms(["Bell", "Jo Bell"]).uses(text, 0, len(text))] == [
        "Bell", "Jo Bell"]
