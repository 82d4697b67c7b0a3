"""Title-case lines: the headline, headings and "MORE: ..." links, where names run into verbs.

In a line that capitalises every word, the model reads "Jennifer Vale Throws Shade" or "Jo Bell
Divorce" as one name. The prose of the article (everything outside such lines) is what says where
a name ends: a name the prose uses is kept as the prose writes it, a word the prose writes only in
lower case ("divorce") is no part of a name, and an English verb, adjective or adverb after the
first two words ("Throws", "Busts", "Slams") ends the name.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata

from ..model import Document
from ..nlp import english_words
from .names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES

#: Words a title-case line leaves in lower case ("Jo Bell Opens Up About Her Friendship With ...").
SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from as vs via into onto over up down off out per "
    "than is are was be de da di van von del la le".split()
)
#: A paragraph of fewer words is a caption or a label, not a line the rules read as title case.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def is_title_case(line: str) -> bool:
    """Whether every word of the line but the small ones starts with a capital (or a digit)."""
    words = [w for w in _WORD.findall(line) if w.lower() not in SMALL_WORDS]
    return len(words) >= MIN_WORDS and all(w[0].isupper() for w in words)


def title_lines(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of the headline and of every heading or paragraph written in title case."""
    out = []
    for block in doc.blocks:
        if block.kind == "headline" or (block.kind in ("heading", "paragraph")
                                        and is_title_case(doc.text[block.start:block.end])):
            out.append((block.start, block.end))
    return out


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether position falls in one of the spans (sorted and apart, as `title_lines` gives them)."""
    i = bisect.bisect_right(spans, (position, math.inf)) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def prose(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the title-case lines blanked out (offsets kept)."""
    pieces = []
    at = 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end > start:
            pieces += [text[at:start], " " * (end - start)]
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


#: A run of word characters, as the boundaries of `_capitalised_in` see a word.
_WORD_RUN = re.compile(r"[\w'\u2019]+")


class Prose:
    """The article's prose, read once, in the forms a title-line name is checked against.

    Every name of a title-case line is compared with the whole prose; building these forms per
    name made an article of many capitalised words quadratic (the hostile bench's 50,000 words).
    """

    def __init__(self, body: str) -> None:
        self.plain = _plain(body)
        folded = _folded_words(body)
        #: The prose's words folded (no accents or full stops, lower case), one space between.
        self.low = " ".join(folded)
        self.padded = f" {self.low} "
        self.words = frozenset(self.low.split())
        self._runs: dict[str, list[int]] = {}
        for m in _WORD_RUN.finditer(self.plain):
            self._runs.setdefault(m.group(), []).append(m.start())
        self._found: dict[str, bool] = {}

    def has_phrase(self, words: list[str]) -> bool:
        """Whether the folded words occur in a row in the prose (inside longer words too)."""
        return " ".join(words) in self.low

    def has_whole_phrase(self, words: list[str]) -> bool:
        """Whether the folded words occur in a row in the prose as whole words."""
        return f" {' '.join(words)} " in self.padded

    def capitalised(self, word: str) -> bool:
        """Whether the prose writes the word as it is spelt here (case kept, accents dropped), as a whole word."""
        plain = _plain(word)
        if plain not in self._found:
            self._found[plain] = self._written(plain)
        return self._found[plain]

    def _written(self, plain: str) -> bool:
        first = _WORD_RUN.search(plain)
        if first is None:  # a word of punctuation alone: rare, searched for
            return re.search(r"(?<![\w'\u2019])" + re.escape(plain) + r"(?![\w'\u2019])", self.plain) is not None
        text = self.plain
        for run_start in self._runs.get(first.group(), ()):
            at = run_start - first.start()
            end = at + len(plain)
            if at >= 0 and text.startswith(plain, at) and not (at and _WORD_RUN.match(text, at - 1)) \
                    and not _WORD_RUN.match(text, end):
                return True
        return False


def _plain(text: str) -> str:
    """text without accents ("Beyoncé" is "Beyonce"), case kept."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _folded_words(text: str) -> list[str]:
    return [w for w in (fold_word(t) for t in text.split()) if w]


def fold_word(word: str) -> str:
    """A word as the prose comparison sees it: no accents, no full stops, lower case."""
    return _plain(word).replace("\u2019", "'").replace(".", "").lower()


def _inflected_verb(word: str, model: str) -> bool:
    """A title word that is an inflected English verb ("Throws", "Slammed", "Flashing"), no given name.

    Only inflected forms: a bare word after a name is as often a surname ("West", "Brown").
    """
    low = _plain(word).lower().strip(".,!?:;'\u2019")
    if low in FEMALE_FIRST_NAMES or low in MALE_FIRST_NAMES:
        return False
    verbs = english_words(model, ("verb",))
    stems = set()
    for ending in ("s", "es", "ed", "d", "ing"):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[:-len(ending)]
            stems |= {stem, stem + "e"}  # "Attends" -> "attend", "Teased" -> "tease"
            if len(stem) > 3 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # "Slammed" -> "slam"
            if stem.endswith("i"):
                stems.add(stem[:-1] + "y")  # "Marries" -> "marry"
    return any(stem in verbs for stem in stems)


def _english_word(word: str, model: str) -> bool:
    """A word that is an English verb, adjective or adverb and no given name."""
    low = _plain(word).lower().strip(".,!?:;'\u2019")
    if low in FEMALE_FIRST_NAMES or low in MALE_FIRST_NAMES:
        return False
    return low in english_words(model)


def trim_to_prose_name(name: str, body: Prose, model: str = "") -> str:
    """A name from a title-case line, cut where the prose says it ends.

    "Jo Bell Flashes Fans" -> "Jo Bell" when the prose names Jo Bell; "Bellamy Calls" -> "Bellamy"
    when the prose never writes "Calls" with a capital; "Jennifer Vale Throws Shade" -> "Jennifer
    Vale" when the prose never names her, as "throw" is a verb.
    """
    name = re.sub(r"['\u2019]s?$", "", name)  # "Jo Bell's Divorce" -> "Jo Bell's": the owner's name
    words = name.split()
    folded = _folded_words(name)
    if len(words) < 2 or body.has_phrase(folded):
        return name
    for n in range(len(words) - 1, 0, -1):
        if body.has_phrase(folded[:n]) and (len(words) >= 3 or not any(
                body.capitalised(w) or (fold_word(w) in body.words and not _english_word(w, model)
                                        and not _inflected_verb(w, model))
                for w in words[n:])):
            return " ".join(words[:n])  # a two-word name loses words the prose never uses or only as words
    for n in range(2, len(words)):
        if _inflected_verb(words[n], model) and not body.capitalised(words[n]):
            return " ".join(words[:n])
    for n in range(1, len(words)):
        # "Adopt Rob": the prose names Rob and writes "adopt" only in lower case
        if body.has_whole_phrase(folded[n:]) and all(
                (_english_word(w, model) or _inflected_verb(w, model)) and not body.capitalised(w)
                for w in words[:n]):
            return " ".join(words[n:])
    return name
