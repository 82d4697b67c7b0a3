"""Reader and fan comments: their words, their sentiment and the person they address."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Comment, Document
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


def polarity(text: str) -> tuple[str, float]:
    """('positive' | 'negative' | 'neutral', compound score) for a short text."""
    score = float(sentiment_analyzer().polarity_scores(text)["compound"])
    label = "positive" if score > POSITIVE_AT else "negative" if score < NEGATIVE_AT else "neutral"
    return label, score


def find_comments(doc: Document, refs: References, quoted: list[tuple[int, int]]) -> list[Comment]:
    """Comment blocks plus quotes the article gives to followers or fans."""
    spans = [(b.start, b.end) for b in doc.blocks_of("comment")] + list(quoted)
    comments = []
    for start, end in sorted(spans):
        text = doc.text[start:end]
        label, score = polarity(text)
        comments.append(Comment(text, start, end, label, round(score, 3), _target(doc, refs, start)))
    return comments


def _target(doc: Document, refs: References, position: int) -> str | None:
    """Whom the comment addresses: the person whose fans or post the article just named."""
    before = [r for r in refs.within(max(0, position - 1500), position) if r.person and r.kind in ("name", "short")]
    if before:
        return before[-1].person
    return refs.main_person()
