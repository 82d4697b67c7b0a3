"""The article's context: what every stage reads about its text, computed once.

Sentences, quote marks, quoted stretches and the on-demand parses belong to the text, not to
any one stage: `ArticleContext` holds them, and people, coref, quotes, relations and stances
read them from here. Coref's `References` (who each name, pronoun or descriptor stands for)
is built on top of a context.
"""
from __future__ import annotations

import bisect
import re

from ..model import Document
from .parse import Parses
from .quotemarks import Marked, find_marked
from .sentences import document_sentences

#: Blocks whose quote marks are read.
QUOTED_BLOCKS = ("paragraph", "blockquote", "heading", "headline")


class ArticleContext:
    """One article's sentences, quote marks, quoted spans and parses, with lookups by position."""

    def __init__(self, doc: Document, *, sentences: list[tuple[int, int]] | None = None,
                 parses: Parses | None = None, model: str = "") -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = document_sentences(doc) if sentences is None else sentences
        self.sentence_starts = [s for s, _ in self.sentences]
        #: quote marks of every text block, by block start
        self.marks: dict[int, list[Marked]] = {
            b.start: find_marked(doc.text, b.start, b.end) for b in doc.blocks if b.kind in QUOTED_BLOCKS}
        #: sorted (start, end) of every quoted stretch
        self.quoted = quoted_spans(doc, self.marks)
        self.parses = parses if parses is not None else Parses(doc, model)
        self._asides: dict[int, bool] = {}

    def sentence_of(self, position: int) -> tuple[int, int]:
        """The sentence holding this offset (or the nearest before it)."""
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentences[max(i, 0)] if self.sentences else (0, len(self.text))

    def sentence_index(self, position: int) -> int:
        """The index in `sentences` of the sentence holding this offset (or the nearest before it)."""
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def in_quote(self, position: int) -> bool:
        """Whether position lies inside quoted words."""
        i = bisect.bisect_right(self.quoted, (position, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= position < self.quoted[i][1]

    def in_aside(self, position: int) -> bool:
        """Whether position sits in an aside of its sentence: between dashes or in parentheses.
        Each position is read once."""
        if position not in self._asides:
            start, _ = self.sentence_of(position)
            before = self.text[start:position]
            dashes = len(re.findall(r"\s(?:--|\u2014|\u2013)\s", before))
            self._asides[position] = dashes % 2 == 1 or before.count("(") > before.count(")")
        return self._asides[position]


def quoted_spans(doc: Document, marks: dict[int, list[Marked]]) -> list[tuple[int, int]]:
    """Sorted (start, end) of every quoted stretch in the text blocks, and of a paragraph that
    follows one ending in a colon with no marks of its own (words after "telling Glow:")."""
    spans: list[tuple[int, int]] = []
    previous = None
    for block in doc.blocks:
        if block.start in marks:
            marked = marks[block.start]
            spans.extend((m.start, m.end) for m in marked)
            if not marked and previous is not None and doc.text[previous.start:previous.end].rstrip().endswith(":"):
                spans.append((block.start, block.end))
            previous = block
        elif block.kind != "social_embed":
            previous = None
    return sorted(spans)
