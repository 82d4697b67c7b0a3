"""Finding quoted stretches in one block: straight or curly, single or double, nested, unbalanced."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .speechverbs import speech_alternation

OPEN_DOUBLE = "\u201c\u201e\u00ab"
CLOSE_DOUBLE = "\u201d\u00bb"
OPEN_SINGLE = "\u2018"
CLOSE_SINGLE = "\u2019"


@dataclass(frozen=True)
class Marked:
    """A quoted stretch: the marks' offsets and the words between them."""

    open_at: int  # offset of the opening mark
    start: int  # first character of the words
    end: int  # one past the last character of the words
    close_at: int | None  # offset of the closing mark; None where the block ended first


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def find_marked(text: str, start: int, end: int) -> list[Marked]:
    """Top-level quoted stretches in text[start:end]; an unclosed one runs to the block's end."""
    found: list[Marked] = []
    i = start
    while i < end:
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        # a closing curly mark glued to the next word opens a quote: 'the carriage.”I came home'
        stray_open = ch in CLOSE_DOUBLE and _word_char(after) and not _word_char(before)
        if ch in OPEN_DOUBLE or stray_open or (ch == '"' and not _word_char(before) or ch == '"' and i == start):
            close = _find_close_double(text, i + 1, end, straight=(ch == '"'))
            if close is None:
                reopen = _next_open(text, i + 1, end)
                if reopen is not None:
                    i = reopen  # a stray mark: its end is unknown, so it is no quote; go on from the next one
                    continue
            found.append(_make(text, i, close, end))
            i = (close if close is not None else end) + 1
            continue
        if ch == "'" and not _word_char(before) and before not in "'" and _word_char(after):
            close = _find_close_straight_single(text, i + 1, end)
            if close is not None:
                found.append(_make(text, i, close, end))
                i = close + 1
                continue
            if (i == start or text[i - 2:i] == ": " or text[i - 2:i] == ", " and _speech_before(text, start, i)) \
                    and text[start:end].rstrip()[-1:] in ".!?\u2026" and not re.search(r"'(?!\w)", text[i + 1:end]):
                # "he said, 'Jackson's settled here." runs on into the next paragraph: open to the block's end;
                # after a comma only where a speech verb comes before it ("after the tour, 'Ye flew home"
                # clips a name)
                found.append(_make(text, i, None, end))
                break
        if ch == OPEN_SINGLE and not _word_char(before) and (_word_char(after) or after in "\u201c\"."):
            close = _find_close_single(text, i + 1, end)
            if close is not None:
                found.append(_make(text, i, close, end))
                i = close + 1
                continue
        i += 1
    return found


#: How far before ", '" a speech verb introduces what follows ("he said, 'I...", "she told the
#: magazine, 'We...").
SPEECH_REACH = 60


def _speech_before(text: str, start: int, at: int) -> bool:
    """Whether a speech verb comes shortly before the comma at `at`, in the same sentence."""
    before = text[max(start, at - SPEECH_REACH):at]
    before = re.split(r"[.!?\u2026]\s", before)[-1]
    return re.search(rf"\b(?:{speech_alternation()})\b", before, re.IGNORECASE) is not None


def _make(text: str, open_at: int, close: int | None, end: int) -> Marked:
    inner_start = open_at + 1
    inner_end = close if close is not None else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Marked(open_at, inner_start, inner_end, close)


def _find_close_double(text: str, i: int, end: int, *, straight: bool) -> int | None:
    while i < end:
        ch = text[i]
        if ch in CLOSE_DOUBLE or ch == '"':
            return i
        if ch == "'" and text[i + 1:i + 2] == "'" and not _word_char(text[i + 2:i + 3] or " "):
            return i  # a typewriter close: '"A fine day,'' he said'

        if ch in OPEN_DOUBLE and not straight:
            return None  # a new quote opens before this one closed: unbalanced
        i += 1
    return None


def _find_close_single(text: str, i: int, end: int) -> int | None:
    while i < end:
        ch = text[i]
        if ch == CLOSE_SINGLE:
            after = text[i + 1] if i + 1 < end else " "
            if not _word_char(after):
                prev = text[i - 1]
                # "the Joneses’ house" is a possessive, not a close; accept only after punctuation
                # or a word that is not a plural possessive followed by a noun.
                if prev in ".,!?\u2026" or after in ",.;:!?)\u201d" or after.isspace():
                    return i
        if ch in "\n" or ch in OPEN_DOUBLE or ch == '"':
            return None
        i += 1
    return None


def _find_close_straight_single(text: str, i: int, end: int) -> int | None:
    """The ' that ends a quote: after punctuation or a word, before a space or punctuation."""
    fallback = None
    while i < end:
        ch = text[i]
        if ch == "'":
            after = text[i + 1] if i + 1 < end else " "
            prev = text[i - 1]
            if not _word_char(after):
                if prev in ".,!?\u2026-\u2014":
                    return i
                if fallback is None and prev.isalpha() and prev != "s":
                    fallback = i
        elif ch in '"\u201c\u201d' or ch == "\n":
            break
        i += 1
    return fallback


def _next_open(text: str, i: int, end: int) -> int | None:
    """Where the next opening double quote mark is, if any."""
    for j in range(i, end):
        if text[j] in OPEN_DOUBLE:
            return j
    return None
