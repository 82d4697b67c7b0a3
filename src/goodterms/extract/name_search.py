"""Every place a text writes one of a set of known name forms, found in one pass over the text.

It finds what one regular expression of all the forms would, `(?<![\\w@.])(FORM|...)(?:'s)?(?![\\w@])`
with the longest form tried first, but looks the forms up by the word the text writes at each place
instead of trying them one after another: an article of thousands of capitalised words has
thousands of forms, and trying each at every word made the search quadratic.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: Where a form may start: a run of word characters, or one other mark, not after a word
#: character, an @ or a full stop (no name starts inside "x.com" or "@handle").
_START = re.compile(r"(?<![\w@.])(?:(\w+)|[^\w\s])")
_LEADING_RUN = re.compile(r"\w*")
_WORD_OR_AT = re.compile(r"[\w@]")
_POSSESSIVE = re.compile(r"['\u2019]s")


class NameForms:
    """Known name forms, grouped by the run of word characters each opens with."""

    def __init__(self, forms: Iterable[str]) -> None:
        by_run: dict[str, list[str]] = {}
        for form in sorted(dict.fromkeys(f for f in forms if f), key=len, reverse=True):
            by_run.setdefault(_LEADING_RUN.match(form).group(), []).append(form)  # type: ignore[union-attr]
        self._by_run = by_run

    def uses(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(form start, form end, match end) of each use in text[start:end], left to right, none
        overlapping; the match end takes in a possessive "'s" after the form."""
        at = start
        for m in _START.finditer(text, start, end):
            if m.start() < at:
                continue
            found = self._form_at(text, m.start(), end, m.group(1) or "")
            if found is not None:
                yield m.start(), m.start() + len(found[0]), found[1]
                at = found[1]

    def _form_at(self, text: str, position: int, end: int, run: str) -> tuple[str, int] | None:
        """The longest form written at position, and where its use ends."""
        for form in self._by_run.get(run, ()):
            form_end = position + len(form)
            if form_end > end or not text.startswith(form, position):
                continue
            owner = _POSSESSIVE.match(text, form_end, end)
            if owner and not _WORD_OR_AT.match(text, owner.end(), end):
                return form, owner.end()
            if not _WORD_OR_AT.match(text, form_end, end):
                return form, form_end
        return None
