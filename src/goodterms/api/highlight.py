"""An article's text as HTML with its people, quotes and evidence highlighted from their offsets.

The text is untrusted (it came from the web): it is cut at every mark's start and end, and each
piece is escaped on its own before it is wrapped, so no character of the article ever reaches the
page as markup. Marks may overlap (a person named inside a quote inside a stance's evidence): a
piece carries the classes of every mark covering it. The piece where a mark starts gets the id
`at-START`, so `/article/ID#at-START` scrolls to that place.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Analysis

#: Kinds of marks, each a CSS class `hl-KIND` in static/style.css.
KINDS = ("person", "quote", "speaker", "outlet", "relation", "stance", "evidence")


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of text: offsets, what it is, and a short description for its title."""

    start: int
    end: int
    kind: str
    note: str = ""


def highlighted(text: str, marks: Iterable[Mark]) -> Markup:
    """The text as safe HTML: every piece escaped, marked pieces wrapped in <mark> with their kinds."""
    size = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end and m.kind in KINDS]
    kept = [Mark(m.start, min(m.end, size), m.kind, m.note) for m in kept if m.start < size]
    cuts = sorted({0, size} | {m.start for m in kept} | {m.end for m in kept})
    opening: dict[int, list[Mark]] = {}
    for mark in kept:
        opening.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []  # the marks covering the current piece (a sweep: each mark enters once)
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > left] + opening.get(left, [])
        piece = str(escape(text[left:right]))
        anchor = f' id="at-{left}"' if left in opening else ""
        if not active:
            out.append(f"<span{anchor}>{piece}</span>" if anchor else piece)
            continue
        kinds = sorted({m.kind for m in active}, key=KINDS.index)
        notes = "; ".join(dict.fromkeys(m.note for m in active if m.note))
        classes = " ".join(f"hl-{k}" for k in kinds)
        title = f' title="{escape(notes)}"' if notes else ""
        out.append(f'<mark class="{classes}"{anchor}{title}>{piece}</mark>')
    return Markup("".join(out))


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Every mark of an analysis: person mentions, quotes with speaker and outlet, relation,
    stance and pair evidence, each with a note naming who and what."""
    names = {p.id: p.name for p in analysis.people}

    def who(local: str | None) -> str:
        return names.get(local or "", local or "unknown")

    marks: list[Mark] = []
    for person in analysis.people:
        marks.extend(Mark(m.start, m.end, "person", person.name) for m in person.mentions)
    for quote in analysis.quotes:
        by = f"quote by {who(quote.speaker)}" if quote.speaker else "quote, speaker unknown"
        if quote.outlet:
            by += f" (via {quote.outlet})"
        marks.append(Mark(quote.start, quote.end, "quote", by))
        if quote.speaker_span is not None:
            marks.append(Mark(quote.speaker_span.start, quote.speaker_span.end, "speaker", "speaker"))
        if quote.outlet_span is not None:
            marks.append(Mark(quote.outlet_span.start, quote.outlet_span.end, "outlet", "outlet"))
    for relation in analysis.relations:
        note = f"{who(relation.subject)} {relation.type} of {who(relation.object)} ({relation.status})"
        marks.extend(Mark(s.start, s.end, "relation", note) for s in relation.evidence)
    for stance in analysis.stances:
        note = f"{who(stance.source)} {stance.polarity} about {who(stance.target)}"
        marks.extend(Mark(s.start, s.end, "stance", note) for s in stance.evidence)
    for item in analysis.evidence:
        note = f"{who(item.a)} and {who(item.b)}: {item.note or item.kind} ({item.score:+.2f})"
        marks.append(Mark(item.span.start, item.span.end, "evidence", note))
    return marks


def article_html(analysis: Analysis, *, extra: Sequence[Mark] = ()) -> Markup:
    """The analysed article's text, highlighted."""
    return highlighted(analysis.document.text, [*analysis_marks(analysis), *extra])
