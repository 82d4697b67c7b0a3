"""Couples and events: "A married B", "A and B split", "the couple", "their divorce", "A shares C with B",
friendships stated of a pair. Each names the two people through the grammar around its verb or noun."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..deadline import check as check_budget
from ..model import Quote, Span
from .coref import Reference, References
from .kinship import (
    ADOPTED, CHILD_LIST_GAP, CHILD_WITH_PARTNER, CLAUSE_BREAK, COUPLE, COUPLE_THEN_NAMES, COUPLE_TRIGGER, EVENTS,
    EVENT_OBJECT, FRIENDS_PAIR, IS_A_COUPLE, LIST_AND, MARRIAGE_WORD, NEGATED, PAIR_EVENTS, SHARED_CHILD_CLAUSE,
    SHARES_CHILD, THEIR_MARRIAGE, WITH_PARTNER,
)
from .couple_grammar import couple_claims
from .parse import Parses, doc_span
from .relation_book import RelationBook
from .wordlists import words
from .relation_reading import Reading, _after_preposition, _ids, _possessive_before_kin

if TYPE_CHECKING:
    from spacy.tokens import Token


#: How far before a child's name the verb that makes it shared ("shares", "adopted") is looked for.
CLAUSE_WINDOW = 400

class CoupleEvents(Reading):
    """Reads marriages, splits, engagements, couples, friendships and shared children into the book."""

    def __init__(self, book: RelationBook, refs: References, quotes: Sequence[Quote], parses: Parses) -> None:
        super().__init__(book, refs, quotes, parses)
        self._pair_vetoed: list[tuple[int, int]] = []  # couple verbs the parse gave one subject and an object

    def read_events(self) -> None:
        """Marriages, divorces, engagements, shared children and reunions, sentence by sentence."""
        grammar = self.parsed_sentences(COUPLE_TRIGGER)
        for sent_start, sent_end in self.refs.sentences:
            self.read_couples(sent_start, sent_end)  # "Together they are a power couple" names nobody itself
            refs = [r for r in self.refs.within(sent_start, sent_end) if r.person]
            if not refs:
                continue
            handled = self.read_grammar_events(sent_start, sent_end) if (sent_start, sent_end) in grammar else []
            self.read_verb_events(sent_start, sent_end, refs, handled)
            self.read_pair_events(sent_start, sent_end, handled)
            self.read_shared_children(sent_start, sent_end, refs)

    def read_couples(self, sent_start: int, sent_end: int) -> None:
        """ "the couple - Bennett and Hart, that is -", "Together they are a bi-coastal power couple"."""
        for m in COUPLE_THEN_NAMES.finditer(self.text, sent_start, sent_end):
            first = self.name_after(m.end(), min(sent_end, m.end() + 40), r"\s*")
            second = self.name_after(first.end, min(sent_end, first.end + 40), LIST_AND) if first else None
            if first is not None and second is not None and first.person and second.person:
                self.book.couples.append((first.person, second.person, Span(m.start(), second.end)))
        for m in IS_A_COUPLE.finditer(self.text, sent_start, sent_end):
            pair = self._pair_before(sent_start, m.start())
            if pair is not None:
                self.book.couples.append((pair[0], pair[1], Span(m.start(), m.end())))

    def read_grammar_events(self, sent_start: int, sent_end: int) -> list[tuple[int, int]]:
        """Couples the parse links to a couple verb or noun (couple_grammar); returns the words it read."""
        parsed = self.parses.sentence(sent_start, sent_end)
        if parsed is None:
            return []
        sentence = self.text[sent_start:sent_end]
        handled: list[tuple[int, int]] = []
        for claim in couple_claims(parsed, self.person_of, self.couple_of):
            if not claim.kind:
                if claim.rule == "veto":
                    handled.append((claim.start, claim.end))  # negated or denied: nothing, and no other rule reads it
                else:
                    self._pair_vetoed.append((claim.start, claim.end))
                continue
            if self.book.family(claim.a, claim.b):
                continue  # "her relationship with her mother"
            span = Span(claim.start, claim.end)
            if claim.kind == "romance" and MARRIAGE_WORD.search(sentence):
                self.book.add("spouse", claim.a, claim.b, claim.status, span, claim.rule)  # "split after 8 years of marriage"
            elif claim.kind == "romance":
                self.book.romances.append((claim.a, claim.b, claim.status, span, claim.rule))  # kind known at the end
            else:
                self.book.add(claim.kind, claim.a, claim.b, claim.status, span, claim.rule)
            handled.append((claim.start, claim.end))
        return handled

    def couple_of(self, token: "Token") -> tuple[str, str] | None:
        """The two people "they", "the couple" or "their" at this token stands for, if two are in sight."""
        pair = self.couple_before(doc_span(token)[0])
        return (pair[0], pair[1]) if len(pair) == 2 and not self.book.family(pair[0], pair[1]) else None

    def read_verb_events(self, sent_start: int, sent_end: int, refs: list[Reference],
                         handled: list[tuple[int, int]]) -> None:
        """ "A married B", "A split from B", "A has been dating B", where the parse linked no pair."""
        sentence = self.text[sent_start:sent_end]
        # a descriptor counts only as the subject: "The yoga instructor, who married Teodor Vance"
        names = [r for r in refs if r.kind != "descriptor" or r.subject]
        for pattern, kind, status in EVENTS:
            for m in pattern.finditer(sentence):
                v_start, v_end = sent_start + m.start(), sent_start + m.end()
                if any(s < v_end and v_start < e for s, e in handled):
                    continue  # the grammar read this verb
                if self._modifies_a_noun(sent_start, sent_end, v_start):
                    continue  # "chemistry with married actors including Ivo Brandt": an adjective, no event
                left = [r for r in names if r.end <= v_start and not _after_preposition(self.text, r)
                        and not EVENT_OBJECT.search(self.text, sent_start, r.start)]  # "divorced Y and married Z"
                right = [r for r in names if r.start >= v_end and r.kind != "descriptor"]
                if not left and m.group(0).lower().endswith("ing") and len(right) > 1:
                    left = [right[1]]  # "Before marrying Dario, she asked..."
                if not left:
                    continue
                a = left[-1]
                if right and right[0].person == a.person and _possessive_before_kin(self.text, right[0]):
                    right = right[1:]  # "split from her husband of six years, Teodor Vance"
                if not right or right[0].start - v_end > 50 or NEGATED.search(self.text, sent_start, v_start) \
                        or CLAUSE_BREAK.search(self.text, v_end, right[0].start):
                    continue
                pair = _ids([a, right[0]])
                if len(pair) < 2:
                    continue
                found_kind = self.book.existing_kind(*pair) if status == "former" else None
                if re.search(r"divorc|annul", m.group(0), re.I):
                    found_kind = "spouse"  # only a marriage ends in a divorce, whatever "ex" said before
                found_status = status or self._status_near(sent_start, sent_end)
                self.book.add(found_kind or kind, pair[0], pair[1], found_status, Span(v_start, v_end), "event_subject_object")

    def _modifies_a_noun(self, sent_start: int, sent_end: int, position: int) -> bool:
        """Is the event word at position an adjective before a noun ("married actors", "a divorced dad")
        in the sentence's parse? Only a verb tells of an event between two people."""
        parsed = self.parses.sentence(sent_start, sent_end)
        if parsed is None:
            return False
        token = next((t for t in parsed if doc_span(t)[0] == position), None)
        return token is not None and token.dep_ == "amod" and token.pos_ == "ADJ" and token.head.i > token.i

    def read_pair_events(self, sent_start: int, sent_end: int, handled: list[tuple[int, int]]) -> None:
        """ "A and B divorced in 2016", "the couple split", "the pair reconciled"."""
        sentence = self.text[sent_start:sent_end]
        for pattern, status in PAIR_EVENTS:
            for m in pattern.finditer(sentence):
                v_start = sent_start + m.start()
                if any(s < sent_start + m.end() and v_start < e for s, e in handled + self._pair_vetoed):
                    continue  # the grammar read this verb
                pair = self._pair_before(sent_start, v_start)
                if pair is None or (status == "reunited" and self.book.family(*pair)) \
                        or NEGATED.search(self.text, sent_start, v_start):
                    continue
                a, b = pair
                verb = m.group(0).lower()
                if status == "current-partner":
                    kind = "partner"
                elif status == "current" or "divorc" in verb or "annul" in verb or MARRIAGE_WORD.search(sentence):
                    kind = "spouse"  # "A and B split after six years of marriage" ended a marriage
                else:
                    kind = self.book.existing_kind(a, b) or "partner"
                found = "current" if status.startswith("current") else status
                self.book.add(kind, a, b, found, Span(v_start, sent_start + m.end()), "event_pair")
        self.read_friendships(sent_start, sentence)
        self.read_their_marriage(sent_start, sentence, handled)

    def read_friendships(self, sent_start: int, sentence: str) -> None:
        """ "A and B are no longer friends", "... Are Friends Again", "were best friends"."""
        for m in FRIENDS_PAIR.finditer(sentence):
            pair = self._pair_before(sent_start, sent_start + m.start())
            negation = (m.group("neg") or "").strip().lower()
            if pair is None or negation in ("not", "never"):
                continue
            past = m.group(0).lower().startswith(("were", "had"))
            status = "former" if negation else "unknown" if past else "current"
            self.book.add("friend", pair[0], pair[1], status, Span(sent_start + m.start(), sent_start + m.end()), "friends_pair")

    def read_their_marriage(self, sent_start: int, sentence: str, handled: list[tuple[int, int]]) -> None:
        """ "after their wedding ceremony", "their divorce": the couple just named were married."""
        for m in THEIR_MARRIAGE.finditer(sentence):
            if any(s < sent_start + m.end() and sent_start + m.start() < e for s, e in handled):
                continue  # the grammar read this noun
            couple = self.couple_before(sent_start + m.start())
            if len(couple) == 2 and not self.book.family(couple[0], couple[1]):
                ended = re.search(r"\b(?:ended|ending|end|ends)\s+$", sentence[:m.start()])
                status = "former" if m.group("what").lower() == "divorce" or ended else "current"
                hedged = set(m.group(0).lower().split()) & words("wedding_hedges")
                self.book.add("partner" if hedged else "spouse", couple[0], couple[1], status, Span(sent_start + m.start(), sent_start + m.end()),
                         "their_marriage")

    def read_shared_child_clause(self, sent_start: int, sent_end: int, refs: list[Reference]) -> None:
        """ "Suri, who she shares with ex-husband Tom", "Dream, whom her brother, Rob, shares with his
        fiancee, Blac": the relative pronoun is the child, the clause's subject and the one after "with" its parents."""
        for m in SHARED_CHILD_CLAUSE.finditer(self.text, sent_start, sent_end):
            child = next((r for r in reversed(refs) if r.end <= m.start() and r.kind in ("name", "short")), None)
            if child is None or self.text[child.end:m.start()].strip(" ,0123456789") or not child.person:
                continue  # the relative pronoun must follow the child's name: "Dream, 6 months, whom"
            subject = [r for r in refs if m.start("who") < r.start < m.start("verb") and r.person]
            other = self.name_after(m.end(), min(sent_end, m.end() + 80), CHILD_WITH_PARTNER)
            if not subject or other is None or not other.person:
                continue
            span = Span(m.start("verb"), m.end())
            for parent in {subject[-1].person, other.person} - {child.person}:
                self.book.add("parent", parent, child.person, "current", span, "shares_child_clause")

    def read_shared_children(self, sent_start: int, sent_end: int, refs: list[Reference]) -> None:
        """ "Vance shares Florence with his ex-wife, Marisol Quint": both are Florence's parents."""
        self.read_shared_child_clause(sent_start, sent_end, refs)
        for child in refs:
            if child.kind not in ("name", "short"):
                continue
            check_budget()
            near = max(sent_start, child.start - CLAUSE_WINDOW)  # a long "sentence" is read near each name
            adopted = ADOPTED.search(self.text, near, child.start)
            if adopted is not None:  # "Dario Wren, who legally adopted Milo"
                for parent in self.subjects_before(adopted.start(), sent_start):
                    self.book.add("parent", parent, child.person, "current", Span(adopted.start(), adopted.end()),
                             "adopted_child")
                continue
            verb = SHARES_CHILD.search(self.text, near, child.start)
            if verb is None:
                continue
            children = [child]  # "shares Nell and her younger brother, Oscar, with ..."
            while (nxt := self.name_after(children[-1].end, min(sent_end, children[-1].end + 60), CHILD_LIST_GAP)):
                children.append(nxt)
            # a last child the people stage did not take for a person still ends the list
            other = self.name_after(children[-1].end, min(sent_end, children[-1].end + 100),
                                    r"(?:" + CHILD_LIST_GAP.pattern + r"[A-Z][\w'-]*,?)?" + WITH_PARTNER.pattern)
            if other is None:
                continue
            span = Span(verb.start(), verb.end())
            for parent in self.subjects_before(verb.start(), sent_start) + _ids([other]):
                for kid in _ids(children):
                    self.book.add("parent", parent, kid, "current", span, "shares_child")
            self.book.add_siblings(_ids(children), span, "shares_child")

    def _pair_before(self, sent_start: int, position: int) -> tuple[str, str] | None:
        """The pair a verb at position is about: "A and B (have) ...", "the couple ...", "they ..."."""
        before = self.text[sent_start:position]
        names = [r for r in self.refs.within(sent_start, position) if r.person]
        m = re.search(r"(?:^|\W)(?P<a>[^,;]+?)\s+(?i:and|&)\s+(?P<b>[^,;]+?)(?:,[^,]*,)?\s+(?i:have\s+|had\s+|"
                      r"officially\s+|finally\s+|first\s+|later\s+|then\s+|eventually\s+|"
                      r"recently\s+|were\s+|are\s+|got\s+|both\s+)*$", before)
        if m and len(names) >= 2:
            a_refs = [r for r in names if sent_start + m.start("a") <= r.start < sent_start + m.end("a")]
            b_refs = [r for r in names if sent_start + m.start("b") <= r.start < sent_start + m.end("b")]
            pair = _ids([a_refs[-1], b_refs[0]]) if a_refs and b_refs else []
            if len(pair) == 2 and pair[0] != pair[1]:
                return pair[0], pair[1]
            if a_refs and b_refs and a_refs[-1].kind == b_refs[0].kind == "descriptor":
                # "The actor and the fashion designer": two people, whatever the descriptors resolved to
                pair = self.couple_before(sent_start + m.start("a"))
                if len(pair) == 2:
                    return pair[0], pair[1]
        tail = before[-40:]
        couple = COUPLE.search(tail) or re.search(r"\b(?:they|the two)\s+(?:\w+\s+){0,2}$", tail, re.I)
        if couple:
            pair = self.couple_before(position - len(tail) + couple.start())
            if len(pair) == 2:
                return pair[0], pair[1]
        return None
