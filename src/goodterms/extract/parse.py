"""Dependency parses of the sentences a rule asks about, made on first request and kept per article.

Only named entities run over the whole article; a full parse of every sentence would cost most
of the speed budget. A stage asks for the sentences that can hold what it looks for (a kin noun,
a speech verb, a stance verb): `prefetch` parses a batch of them in one `nlp.pipe` call, and
`sentence` returns one parse, parsing it then if no batch did. Token offsets in a parse are
relative to the sentence; `doc_offset` turns them into offsets of `Document.text`.

A parse of a sentence is a spaCy `Doc` whose `user_data["offset"]` is the sentence's start in
the article, so a rule can always map a token back to the evidence span.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..deadline import check as check_budget
from ..nlp import load_parser, tokenizable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..model import Document

#: A sentence longer than this is not parsed (the parser is quadratic-ish in memory per text and
#: such a "sentence" is a list or a run of text without punctuation, not prose a rule reads).
MAX_PARSE_CHARS = 2_000


class Parses:
    """Parses of sentences of one document, keyed by the sentence's (start, end)."""

    def __init__(self, doc: "Document", model: str = "") -> None:
        self.doc = doc
        self.model = model
        self._cache: dict[tuple[int, int], "Doc | None"] = {}

    def prefetch(self, spans: Iterable[tuple[int, int]]) -> None:
        """Parse every span not parsed yet, in one batch."""
        todo = sorted({s for s in spans if s not in self._cache})
        if not todo:
            return
        long = [s for s in todo if s[1] - s[0] > MAX_PARSE_CHARS or s[1] <= s[0]]
        for span in long:
            self._cache[span] = None
        todo = [s for s in todo if s not in self._cache]
        nlp = load_parser(self.model)
        for (start, end), parsed in zip(todo, nlp.pipe(tokenizable(self.doc.text[s:e]) for s, e in todo)):
            parsed.user_data["offset"] = start
            self._cache[(start, end)] = parsed
            check_budget()

    def sentence(self, start: int, end: int) -> "Doc | None":
        """The parse of text[start:end] (None for an empty or over-long span)."""
        if (start, end) not in self._cache:
            self.prefetch([(start, end)])
        return self._cache[(start, end)]

    def tokens_within(self, sentence: tuple[int, int], start: int, end: int) -> list["Token"]:
        """The tokens of the sentence's parse that begin inside text[start:end] (none without a parse)."""
        parsed = self.sentence(*sentence)
        if parsed is None:
            return []
        offset = int(parsed.user_data.get("offset", 0))
        return [t for t in parsed if start <= offset + t.idx < end]

    @property
    def parsed_count(self) -> int:
        """How many sentences have been parsed so far (for benchmarks and tests)."""
        return sum(1 for v in self._cache.values() if v is not None)


def doc_offset(token: "Token") -> int:
    """The token's start in the article text."""
    return int(token.doc.user_data.get("offset", 0)) + token.idx


def doc_span(token: "Token") -> tuple[int, int]:
    """The token's (start, end) in the article text."""
    start = doc_offset(token)
    return start, start + len(token.text)


def subtree_span(token: "Token") -> tuple[int, int]:
    """(start, end) in the article text of the token's whole subtree."""
    tokens = list(token.subtree)
    first, last = tokens[0], tokens[-1]
    return doc_offset(first), doc_offset(last) + len(last.text)
