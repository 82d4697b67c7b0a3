"""Sentence boundaries inside one block, by punctuation rules that respect quote marks."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import OUTLET_NAME_END

if TYPE_CHECKING:
    from ..model import Document

ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen sen rep gov lt col capt sgt mt ft vs etc inc ltd co corp rev hon pres atty "
    "supt det insp fr messrs maj adm cmdr "
    "jan feb mar apr jun jul aug sep sept oct nov dec no u.s u.k d.c l.a n.y a.m p.m e.g i.e".split()
)
BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


#: A "sentence" longer than this (a list, a run of text without stops, hostile input) is cut
#: at spaces into pieces no longer, so that every rule's work per sentence stays bounded.
MAX_SENTENCE_CHARS = 1_500


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], offsets into text; none longer than
    MAX_SENTENCE_CHARS."""
    return [piece for span in _sentence_spans(text, start, end) for piece in _bounded(text, *span)]


def cut_at_spaces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """[start, end) cut into contiguous pieces of at most `limit` characters, each cut at the
    last space before the limit (or at the limit, where a piece has no space in its second half)."""
    out = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS, none opening with a space."""
    out = []
    for s, e in cut_at_spaces(text, start, end, MAX_SENTENCE_CHARS):
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for m in BOUNDARY.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?\u2026]*$", text[max(start, m.start() - 12):m.start() + 1])
        if m.group(0).startswith(".") and word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        single = word is not None and len(word.group(1).rstrip(".")) == 1 and word.group(1)[0].isupper()
        opens_quote = re.match(r"\s+[\"\u201c]", text[m.end():m.end() + 3]) is not None
        if m.group(0) == "." and single and not opens_quote:
            continue  # an initial: "J. Smith"; but 'hit back on X. "I have...' ends a sentence
        if m.group(0) == "!" and (single or _bang_in_a_name(text, m.start(), end)):
            continue  # a name with a bang: "E! News", "Wow! Magazine"
        spans.append((cursor, m.end()))
        cursor = m.end()
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


#: "Wow! Magazine", "Yay! Weekly": a short capitalised word, its bang, then a word that ends an
#: outlet's name (lexicon.OUTLET_NAME_END) run together as one name, not two sentences.
_BANG_NAME_BEFORE = re.compile(r"(?<![\w'\u2019])(?:[A-Z][a-z]{0,5}|[A-Z]{2,6})$")
_BANG_NAME_AFTER = re.compile(r"\s(?P<word>[A-Z][a-z]+|TV|UK|USA)\b")


def _bang_in_a_name(text: str, bang: int, end: int) -> bool:
    """The "!" at text[bang] is inside an outlet's name ("Wow! Magazine reported"), not a sentence end."""
    after = _BANG_NAME_AFTER.match(text, bang + 1, end)
    return (after is not None and _BANG_NAME_BEFORE.search(text, max(0, bang - 7), bang) is not None
            and OUTLET_NAME_END.search(after.group("word")) is not None)


def document_sentences(doc: "Document") -> list[tuple[int, int]]:
    """Every sentence of the blocks that carry prose (not embeds or the dateline), in text order."""
    return [span for block in doc.blocks if block.kind not in ("social_embed", "dateline")
            for span in sentence_spans(doc.text, block.start, block.end)]
