"""What relation rules ask of the text around a position: the names in a span, the subject before a
verb, the couple "their" means, whose possessive owns a kin noun. Shared by kin phrases and couples."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import Quote
from .coref import Reference, References
from .kinship import (
    APPOSITION_GAP, BETWEEN_WORDS, COPULA_GAP, DEAD_AFTER, DEAD_BEFORE, FORMER_WORDS, KIN, KIN_ANYWHERE, KIN_SOON,
    NOT_POSSESSOR, POSSESSIVE, THEY_BEFORE, TITLE_GAP,
)
from .parse import Parses, doc_span
from .relation_book import RelationBook

if TYPE_CHECKING:
    from spacy.tokens import Token


class Reading:
    """Lookups over one article's text and references, with the relations found so far."""

    def __init__(self, book: RelationBook, refs: References, quotes: Sequence[Quote], parses: Parses) -> None:
        self.book = book
        self.refs = refs
        self.text = book.text
        self.people = book.people
        self.quotes = [q for q in quotes if q.speaker]
        self.parses = parses

    def parsed_sentences(self, trigger: re.Pattern[str]) -> set[tuple[int, int]]:
        """The sentences with a person and the trigger's words, parsed in one batch."""
        chosen = {(s, e) for s, e in self.refs.sentences
                  if trigger.search(self.text, s, e) and any(r.person for r in self.refs.within(s, e))}
        self.parses.prefetch(chosen)
        return chosen

    def person_of(self, token: "Token") -> str | None:
        """The person a parsed token names (a name, a pronoun or a descriptor resolved by coref)."""
        start, end = doc_span(token)
        ref = self.refs.person_at(start, end)
        return ref.person if ref is not None else None

    def dead_people(self) -> set[str]:
        """People the text says are dead: "the late X", "X's death", "the murder of X", "X, who died"."""
        dead = set()
        for ref in self.refs.refs:
            if ref.person and ref.kind in ("name", "short") and (
                    DEAD_BEFORE.search(self.text, max(0, ref.start - 40), ref.start)
                    or DEAD_AFTER.match(self.text[ref.end:ref.end + 40])):
                dead.add(ref.person)
        return dead

    def names_in(self, start: int, end: int) -> list[Reference]:
        """Name mentions of known people inside [start, end)."""
        names = [r for r in self.refs.within(start, end) if r.person and r.kind in ("name", "short")]
        # a short form glued to the next name is a title the people stage misread: "Dom Ottokar II"
        return [r for r, nxt in zip(names, names[1:] + [None])
                if not (r.kind == "short" and nxt is not None and nxt.start - r.end == 1)]

    def name_after(self, start: int, end: int, gap: re.Pattern[str] | str) -> Reference | None:
        """The first name after start when the text up to it fits gap: "with his ex-wife, Marisol"."""
        for name in self.names_in(start, end):
            if re.fullmatch(gap, self.text[start:name.start]):
                return name  # the gap may hold a name in brackets: "Edith (née Alexander) and Toss"
        return None

    def speaker_at(self, position: int) -> str | None:
        """The speaker of the quote holding this offset: who "my" and "our" mean there."""
        for quote in self.quotes:
            if quote.start <= position < quote.end:
                return quote.speaker
        return None

    def _named_before(self, person: str, position: int) -> bool:
        """Has the text named this person before position?"""
        return any(r.person == person and r.kind in ("name", "short") for r in self.refs.within(0, position))

    def _sentence_subject(self, sent_start: int, limit: int) -> Reference | None:
        """The sentence's first person, unless that one is an object or a possessor (then nobody)."""
        refs = self.refs.within(sent_start, limit)
        if not refs or not refs[0].person or _after_preposition(self.text, refs[0]) or _possessive(self.text, refs[0]):
            return None
        return refs[0]

    def _possessor_start(self, kin_start: int, sent_start: int) -> int:
        """Where the possessive before a kin noun starts ("Dario's", "her"), or the kin noun itself if none."""
        before = self.text[sent_start:kin_start]
        m = re.search(r"(?:[\w'\u2019.-]+" + NOT_POSSESSOR + POSSESSIVE + r"|\b(?:his|her|their|my|our))\s+"
                      + BETWEEN_WORDS + "$", before,
                      re.IGNORECASE)
        return sent_start + m.start() if m else kin_start

    def _has_possessor(self, kin_start: int, sent_start: int) -> bool:
        """Is the kin noun owned by a possessive: "Dario's ex", "her late husband"?"""
        return bool(re.search(r"(?:" + NOT_POSSESSOR + POSSESSIVE + r"|\b(?:his|her|their|my|our))\s+" + BETWEEN_WORDS + "$",
                              self.text[sent_start:kin_start], re.IGNORECASE))

    def _status_near(self, start: int, end: int) -> str:
        """ "former" when the sentence says ex, late, divorced...; else "current"."""
        return "former" if FORMER_WORDS.search(self.text[start:end]) else "current"

    def subjects_before(self, verb_start: int, sent_start: int) -> list[str]:
        """Who does the verb: "A and B had", "they welcomed", "Jo, 34, adopted"."""
        if THEY_BEFORE.search(self.text[sent_start:verb_start]):
            return self.couple_before(verb_start)
        refs = [r for r in self.refs.within(sent_start, verb_start)
                if r.person and not _after_preposition(self.text, r) and not _possessive(self.text, r)]
        if not refs:
            return []
        last = refs[-1]
        if len(refs) > 1 and re.match(r"^\s*(?:and|&)\s+" + TITLE_GAP + "$", self.text[refs[-2].end:last.start]):
            return _ids(refs[-2:])
        subject = next((r for r in refs if r.subject), last)
        return _ids([subject])

    def couple_before(self, position: int, exclude: set[str | None] | None = None) -> list[str]:
        """The two people "their" most likely means: the last two named before it, not children."""
        children = self.book.named_children() | set(exclude or ())
        start = self.refs.sentence_of(position)[0]
        i = max(0, self.refs.sentence_starts.index(start) - 2) if start in self.refs.sentence_starts else 0
        window_start = self.refs.sentences[i][0] if self.refs.sentences else 0
        people: list[str] = []
        for ref in reversed(self.refs.within(window_start, position)):
            if ref.person and ref.person not in people and ref.person not in children \
                    and ref.kind in ("name", "short", "pronoun"):
                people.append(ref.person)
            if len(people) == 3:
                break
        if len(people) == 3:
            # someone named once in passing ("his late mother Anke") is rarely half of "the couple"
            counts = [self.refs.counts[p] for p in people]
            weakest = min(range(3), key=lambda i: counts[i])
            if all(counts[weakest] < counts[i] for i in range(3) if i != weakest):
                people.pop(weakest)
        return people[:2]

    def holder_before(self, sent_start: int, possessor_start: int, *, plural: bool = False) -> list[Reference]:
        """Named just before: "Petra Lunde, Dario's ex-wife", "David is her husband", "she was Li's wife"."""
        refs = [r for r in self.refs.within(sent_start, possessor_start) if r.person and (
            r.kind in ("name", "short") or r.text.lower() in ("he", "she"))]
        if not refs:
            return []
        ref = refs[-1]
        gap = self.text[ref.end:possessor_start]
        if not COPULA_GAP.match(gap) and not (ref.kind in ("name", "short") and APPOSITION_GAP.match(gap)):
            return []
        if plural and len(refs) > 1 and re.fullmatch(r"\s*,?\s*(?:and|&)\s+", self.text[refs[-2].end:ref.start]):
            return [refs[-2], ref]  # "Jo and Mara, the parents of Ivy"
        return [ref]


def _ids(refs: Iterable[Reference]) -> list[str]:
    """The people these references stand for, in order, leaving out the unresolved."""
    return [r.person for r in refs if r.person]



def _after_preposition(text: str, ref: Reference) -> bool:
    """ "a photo of Ivy", "just like him": an object, not the one doing or owning."""
    return bool(re.search(r"\b(?:of|with|to|for|from|by|about|like)\s+$", text[max(0, ref.start - 8):ref.start]))


def _possessive(text: str, ref: Reference) -> bool:
    """ "Tom's": a possessor, not the one named."""
    return text[ref.end:ref.end + 2] in ("'s", "\u2019s") or ref.text.lower() in ("his", "their")


def _possessive_before_kin(text: str, ref: Reference) -> bool:
    """ "her husband", "his longtime girlfriend": a possessive pronoun that owns a kin noun."""
    return ref.text.lower() in ("his", "her", "their") and bool(KIN_SOON.match(text, ref.end, ref.end + 60))



def _surname(name: str) -> str:
    """The last word of a full name, or "" for a single name."""
    words = name.split()
    return words[-1].lower() if len(words) > 1 else ""


def _other_kin_in(gap: str, kin: str) -> bool:
    """A kin noun of another kind between two names ends a list: "wife Ann and their sons Joel"."""
    kind = KIN[kin.lower()]
    return any(KIN.get(w.group(0).lower()) != kind for w in KIN_ANYWHERE.finditer(gap))
