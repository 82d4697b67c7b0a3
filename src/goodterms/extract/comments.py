"""Reader and fan comments: their words, their sentiment and the person they address."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Comment, Document, Embed
from .coref import References

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05


@lru_cache(maxsize=1)
def sentiment_analyzer() -> "SentimentIntensityAnalyzer":
    """vaderSentiment's analyzer, loaded once per process."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: What fans write that VADER misreads: "This breaks my heart" reads warm to it, "inappropriate" neutral.
FAN_NEGATIVE = re.compile(r"\b(?:breaks? my heart|broke my heart|heartbreaking|heartbroken|so sad|inappropriate|"
                          r"cringe|yikes|disgusting|gross|shameful|tone[- ]deaf|red flag)\b", re.IGNORECASE)
FAN_POSITIVE = re.compile(r"\b(?:goals|couple goals|slay(?:ed|ing)?|queen|icon(?:ic)?|stunning)\b", re.IGNORECASE)


#: The article asking its own readers to reply ("What do YOU think? Let us know below!"): a call
#: for comments, not one.
READER_CALL = re.compile(r"\b(?:let us know|tell us (?:what|your|in)|sound off|share your thoughts|"
                         r"your thoughts (?:below|in the comments)|comment below|in the comments(?: section)? below)\b",
                         re.IGNORECASE)


def polarity(text: str) -> tuple[str, float]:
    """('positive' | 'negative' | 'neutral', compound score) for a short text."""
    score = float(sentiment_analyzer().polarity_scores(text)["compound"])
    negative, positive = FAN_NEGATIVE.search(text), FAN_POSITIVE.search(text)
    if negative and not positive:
        score = min(score, -0.5)
    elif positive and not negative:
        score = max(score, 0.5)
    label = "positive" if score > POSITIVE_AT else "negative" if score < NEGATIVE_AT else "neutral"
    return label, score


def find_comments(doc: Document, refs: References, quoted: list[tuple[int, int]]) -> list[Comment]:
    """Comment blocks plus quotes the article gives to followers or fans."""
    blocks = [b for b in doc.blocks_of("comment") if not READER_CALL.search(doc.text, b.start, b.end)]
    spans = [(b.start, b.end) for b in blocks] + list(quoted)
    comments = []
    for start, end in sorted(spans):
        text = doc.text[start:end]
        label, score = polarity(text)
        comments.append(Comment(text, start, end, label, round(score, 3), _target(doc, refs, start)))
    return comments


OWNER_CUE = re.compile(
    r"['\u2019]s?\s+(?:\w+\s+){0,2}?(?:fans|followers|post|photo|pic|picture|snap|selfie|video|clip|caption|"
    r"comments?|page|account|feed|upload)\b", re.IGNORECASE)


def _target(doc: Document, refs: References, position: int) -> str | None:
    """Whom the comment addresses: whose fans or post the article just named, else whose embed came last."""
    floor = max(0, position - 1500)
    names = [r for r in refs.within(floor, position) if r.person and r.kind in ("name", "short", "pronoun")]
    for ref in reversed(names):
        if OWNER_CUE.match(doc.text, ref.end, min(len(doc.text), ref.end + 40)):
            return ref.person
    embeds = [e for e in doc.embeds if floor <= e.start < position]
    if embeds:
        owner = _embed_owner(refs, embeds[-1])
        if owner:
            return owner
    return refs.main_person()


def _embed_owner(refs: References, embed: Embed) -> str | None:
    for person in refs.people.values():
        if embed.handle in person.handles:
            return person.id
    return None
