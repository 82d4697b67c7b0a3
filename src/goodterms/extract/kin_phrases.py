"""Kin phrases: a kin noun ("her husband", "son of", "their three children: A, B and C"), whose kin it
names (the owner: a possessive, an "of" phrase, the subject) and who holds it (the names after or before)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..deadline import check as check_budget
from ..model import Quote, Span
from .coref import Reference, References
from .kinship import (
    BETWEEN_WORDS, BIRTH_BEFORE, POSSESSIVE, CHILD_WITH_PARTNER, COPULA_WORD, COUPLE, DETERMINER_BEFORE, EVENT_OBJECT,
    FICTIONAL, FICTIONAL_AFTER, FORMER_WORDS, HOLDER_GAP, KIN, KIN_AT_END, KIN_THEN_AND, KIN_WORD, LIST_AND, LIST_AND_AFTER_FIRST,
    LIST_COMMA, MAIDEN_GAP, NAME_LIST_LOOSE, NAME_LIST_SEP, NOT_POSSESSOR, OF_GAP, PLURAL_CHILDREN, PLURAL_KIN,
    ROMANTIC, RUMOURED_KIN, SHARED_VERB, WITH_PARTNER, kin_noun,
)
from .parse import Parses
from .relation_book import Owners, RelationBook
from .relation_reading import (
    Reading, _after_preposition, _ids, _other_kin_in, _possessive, _surname,
)


#: A kin noun with a capital, followed by a lowercase word: part of a name in running prose
#: ("Destiny's Child bandmate", "the Big Brother house"), not anyone's kin.
NAME_PART_KIN = re.compile(r"[A-Z][\w-]*\s+[a-z]")
#: "that" after a word opens a clause ("has no doubt that husband Jo is the one"): no determiner.
CLAUSE_THAT = re.compile(r"[a-z]\s+that\s+$")
#: Two names with ages in one list: "Al, 9, Bo, 7,": a list of children, whose next kin noun goes on the list.
AGED_LIST = re.compile(r"[A-Z][\w'\u2019-]*,\s*\d{1,2},\s*[A-Z][\w'\u2019-]*,\s*\d{1,2},")


class KinPhrases(Reading):
    """Reads every kin noun of every sentence into the book."""

    def __init__(self, book: RelationBook, refs: References, quotes: Sequence[Quote], parses: Parses) -> None:
        super().__init__(book, refs, quotes, parses)
        self._holders_here: list[str] = []  # people named as someone's kin in the current sentence
        self._couple_here: tuple[str, str] | None = None  # "X and his wife Y": who "their" means next
        self._children_here: set[str] = set()  # people this sentence already called "son of" someone
        self._last_owners: tuple[str, ...] = ()  # whose kin the sentence's last kin phrase named
        self._kids_of_here: dict[str, list[str]] = {}  # owner -> the children this sentence named as theirs
        self._consumed: set[int] = set()  # kin nouns another rule has read: "with wife C" after a child phrase

    #: How far before and after a kin noun its owner and holders are looked for.
    KIN_WINDOW = 400

    def read_kin_phrases(self) -> None:
        """Every kin noun of every sentence, with whose kin it is and who holds it."""
        for sent_start, sent_end in self.refs.sentences:
            self._holders_here = []
            self._couple_here = None
            self._children_here = set()
            self._last_owners = ()
            self._kids_of_here = {}
            for m in KIN_WORD.finditer(self.text, sent_start, sent_end):
                kin = kin_noun(m)
                if m.start("kin") in self._consumed:
                    continue
                if kin.lower() in ("love", "girl", "baby") and not m.group("mod"):
                    continue
                named = self.refs.person_at(m.end() - len(kin), m.end())
                if named is not None and named.kind == "name":
                    continue  # part of a name: "Consort Lin", "Baby Spice"
                if NAME_PART_KIN.match(self.text, m.start("kin")) and not self._opens_sentence(m.start(), sent_start):
                    continue  # a band's or a show's name: "her Destiny's Child bandmate", "the Big Brother house"
                check_budget()
                # a kin phrase is read within a window of its sentence, so a "sentence" of a
                # thousand kin nouns costs a thousand windows, not a thousand sentences
                self.read_kin(m, max(sent_start, m.start() - self.KIN_WINDOW), min(sent_end, m.end() + self.KIN_WINDOW))

    def _opens_sentence(self, position: int, sent_start: int) -> bool:
        """Is position the first word of its sentence or of a quote, where any word has a capital?"""
        return re.fullmatch(r"[\s\"'\u201c\u2018(\[\u2014\u2013-]*", self.text[sent_start:position]) is not None \
            or re.search(r"[\"\u201c\u2018:]\s*$", self.text[sent_start:position]) is not None

    def read_kin(self, m: re.Match[str], sent_start: int, sent_end: int) -> None:
        """One kin noun: tried as "son of A", a birth, a shared child, then a possessive or bare owner."""
        if FICTIONAL.search(self.text, max(sent_start, m.start() - 40), m.start()) \
                or FICTIONAL_AFTER.match(self.text, m.end(), sent_end):
            return  # "her television husband", "plays the best friend of Jo's character"
        if RUMOURED_KIN.search(self.text, sent_start, m.start()):
            return  # "is rumored to be the secret daughter of", "to see if she is his daughter"
        if self.read_of_phrase(m, sent_start, sent_end) or self.read_birth(m, sent_start, sent_end) \
                or self.read_shared_clause(m, sent_start, sent_end):
            return
        kin, modifiers, span = kin_noun(m), m.group("mod") or "", Span(m.start(), m.end())
        owners = self.owners(m.start(), sent_start)
        rule = "kin_possessive"  # "her husband, X", "Dario's ex-wife"
        holders = self.holders_after(kin, m.end(), sent_end)
        if not owners and holders and not self._has_possessor(m.start(), sent_start):
            owners = Owners(tuple(self.bare_owner(m.start(), sent_start, {h.person for h in holders})))
            rule = "kin_bare_owner"  # "Eva Ng and husband Jo"
        if not owners:
            return
        if not holders:
            holders = self.holder_before(sent_start, self._possessor_start(m.start(), sent_start),
                                         plural=kin.lower() in PLURAL_KIN)
            rule = "kin_apposition"  # "X, Dario's ex-wife", "X is her husband"
        owners = self.corrected(owners, kin, holders)
        if not holders and KIN[kin.lower()] == "spouse" and not FORMER_WORDS.search(m.group(0)):
            self.book.unnamed_spouse.update(owners.direct)  # "her actual husband looked on": a husband, not named here
        self._holders_here.extend(h.person for h in holders if h.person)
        for holder in holders:
            self.book.add_for(owners, holder.person, kin, modifiers, span, rule)
        self._last_owners = owners.direct
        if KIN[kin.lower()] == "child" and len(owners.direct) == 1:
            kids = self._kids_of_here.setdefault(owners.direct[0], [])
            kids += [h.person for h in holders if h.person and h.person not in kids]
            after = holders[-1].end if holders and holders[-1].start > m.end() else m.end()
            self.read_other_parent(owners.direct[0], kids, after, sent_end)
        if KIN[kin.lower()] in ROMANTIC and len(owners.direct) == 1 and len(holders) == 1 and holders[0].person:
            self._couple_here = (owners.direct[0], holders[0].person)
        if kin.lower() in PLURAL_CHILDREN:
            self.book.add_siblings(_ids(holders), span, "kin_children_list")

    def read_other_parent(self, owner: str, kids: list[str], after: int, sent_end: int) -> None:
        """ "her son Milo with ex-husband Jorge", "sons A and B, 2, with wife C": the other parent of the
        children just named, and what they are to the owner; the kin noun there is read here, not again."""
        partner = self.name_after(after, min(sent_end, after + 80), CHILD_WITH_PARTNER)
        if partner is None or not partner.person or partner.person in kids or partner.person == owner:
            return
        gap = CHILD_WITH_PARTNER.fullmatch(self.text[after:partner.start])
        kin = gap.group("kin") if gap else None
        if kin is not None and KIN[kin.lower()] not in ROMANTIC:
            return  # "with her sister Jo": an outing, not a parent
        span = Span(after, partner.end)
        for kid in kids:
            self.book.add("parent", partner.person, kid, "current", span, "child_with_partner")
        if gap and kin is not None:
            self._consumed.add(after + gap.start("kin"))
            self.book.add_kin(owner, partner.person, kin, gap.group("kinphrase"), span, "child_with_partner")

    def read_of_phrase(self, m: re.Match[str], sent_start: int, sent_end: int) -> bool:
        """ "X, son of A and B", "the daughter of King Y", "X is the wife of Y"."""
        kin = kin_noun(m)
        if self._has_possessor(m.start(), sent_start):
            return False
        of_match = re.match(r"\s+(?:born\s+to|of|to)\s+", self.text[m.end():sent_end])
        if of_match and "born" in of_match.group(0) and KIN[kin.lower()] != "child":
            return False
        if not of_match or (of_match.group(0).strip() == "to"
                            and re.search(r"\b(?:a|an|like)\s+$", self.text[sent_start:m.start()], re.I)):
            return False  # "to be a mother to Ireland" is a manner of speaking; "son to Count X" is not
        of_end = m.end() + of_match.end()
        first = self.name_after(of_end, min(sent_end, of_end + 60), OF_GAP)
        if first is None:
            return False
        owners = self.name_list(first, sent_end)
        holders = self.holder_before(sent_start, m.start(), plural=kin.lower() in PLURAL_KIN)
        if not holders:
            holders = self.subject_after(owners[-1], sent_start, m.start(), sent_end)
            holders = self.second_child_phrase(holders, kin, sent_start, m.start(), owners)
        holder_ids = _ids(holders)
        if KIN[kin.lower()] == "child":
            self._children_here.update(holder_ids)
        if COUPLE.search(self.text[sent_start:m.start()]) and kin.lower() == "parents":
            holder_ids = self.couple_before(sent_start)
        span = Span(m.start(), m.end())
        owner_ids = _ids(owners)
        modifiers = m.group("mod") or ""
        if re.search(r"\blate\b", self.text[of_end:owners[0].start]):
            modifiers += " late"  # "a close friend of the late Milo Grant": the friendship is over
        for holder_id in holder_ids:
            if holder_id not in owner_ids:
                self.book.add_for(Owners(tuple(owner_ids)), holder_id, kin, modifiers, span, "kin_of_phrase")
        if KIN[kin.lower()] == "parent" and holder_ids:
            self.book.add_siblings(owner_ids, span, "kin_of_phrase_children")  # "father of A, B and C": they are siblings
        if holder_ids and len(owner_ids) == 2 and KIN[kin.lower()] == "child":
            self.book.co_parents(owner_ids[0], owner_ids[1], span, "co_parents_of_child")  # "son of Aurelien Quarrow and Ysolde Mertens"
        if len(holder_ids) == 2 and kin.lower() == "parents":
            self.book.co_parents(holder_ids[0], holder_ids[1], span, "co_parents_named")  # "Jo and Mara, the parents of Ivy"
        return True

    def second_child_phrase(self, holders: list[Reference], kin: str, sent_start: int, kin_start: int,
                            owners: list[Reference]) -> list[Reference]:
        """ "P was the son of A, 1st Viscount B, ... and the youngest son of C": the second is B's, not P's."""
        if KIN[kin.lower()] != "child" or len(holders) != 1 or holders[0].person not in self._children_here:
            return holders
        taken = {holders[0].person, *_ids(owners)}
        before = [r for r in self.names_in(sent_start, kin_start) if r.person not in taken]
        return before[-1:] if before and before[-1].start > holders[0].end else []

    def read_birth(self, m: re.Match[str], sent_start: int, sent_end: int) -> bool:
        """ "A and B had three children: C, D and E", "she welcomed a son, F, with G"."""
        kin = kin_noun(m)
        if KIN[kin.lower()] != "child":
            return False
        birth = BIRTH_BEFORE.search(self.text, sent_start, m.start())
        if birth is None:
            return False
        holders = self.holders_after(kin, m.end(), sent_end)
        parents = self.subjects_before(birth.start(), sent_start)
        cursor = holders[-1].end if holders else m.end()
        partner = self.name_after(cursor, min(sent_end, cursor + 60), WITH_PARTNER)
        if partner is not None:
            parents += _ids([partner])
            if not holders:  # "had two children with G: H and I"
                holders = self.holders_after(kin, partner.end, sent_end)
        span = Span(m.start(), m.end())
        for holder in holders:
            for parent in parents:
                self.book.add("parent", parent, holder.person, "current", span, "birth_children")
        if len(holders) > 1:
            self.book.add_siblings(_ids(holders), span, "birth_children")
        self._holders_here.extend(h.person for h in holders if h.person)
        return True

    def read_shared_clause(self, m: re.Match[str], sent_start: int, sent_end: int) -> bool:
        """ "Milo, the son Quint and Vance share": the named pair are the parents of the one before."""
        determiner = DETERMINER_BEFORE.search(self.text, sent_start, m.start())
        if KIN[kin_noun(m).lower()] != "child" or determiner is None:
            return False
        first = self.name_after(m.end(), min(sent_end, m.end() + 40), r"\s+")
        if first is None:
            return False
        parents = [first]
        second = self.name_after(first.end, min(sent_end, first.end + 40), r"\s*(?:and|&)\s+")
        parents += [second] if second is not None else []
        if not SHARED_VERB.match(self.text, parents[-1].end):
            return False
        children = self.holder_before(sent_start, determiner.start())
        if not children:
            return False
        for parent in parents:
            self.book.add("parent", parent.person, children[0].person, "current", Span(m.start(), m.end()), "kin_shared_clause")
        return True

    def owners(self, kin_start: int, sent_start: int) -> Owners:
        """Whose kin: "Dario's ex", "her husband", "their daughter", "my son", "her hubby's ex-wife"."""
        before = self.text[sent_start:kin_start]
        m = re.search(r"(?P<who>[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+){0,3}?)" + NOT_POSSESSOR + POSSESSIVE + r"\s+"
                      + BETWEEN_WORDS + "$", before)
        if m:
            chain = KIN_AT_END.search(m.group("who"))
            if chain:  # "her hubby's ex-wife": the ex-wife of whoever her hubby is
                return self._chained(sent_start + m.start("who") + chain.start(), sent_start, chain.group("kin"))
            refs = [r for r in self.refs.within(sent_start + m.start("who"), sent_start + m.end("who") + 2)
                    if r.person]
            if refs:
                owner = refs[-1]
                joined = [r for r in self.names_in(sent_start, owner.start)
                          if re.fullmatch(r"\s*(?:and|&)\s+", self.text[r.end:owner.start])]
                if joined and joined[-1].person != owner.person and not self._romantic_at(kin_start):
                    return Owners(tuple(_ids([joined[-1], owner])))  # "A and B's son, C": both A's and B's
                return Owners(tuple(_ids([owner])))
        m = re.search(r"\b(his|her|their|my|our|the\s+(?:couple|pair|duo)" + POSSESSIVE + r")\s+" + BETWEEN_WORDS + "$",
                      before, re.IGNORECASE)
        if not m:
            return Owners()
        word = m.group(1).lower()
        if word.startswith("the"):
            word = "their"  # "the couple's daughter" is their daughter
        position = sent_start + m.start(1)
        if word in ("my", "our"):
            speaker = self.speaker_at(position)
            if speaker is None:
                return Owners()
            return self._with_partner([speaker], kin_start) if word == "our" else Owners((speaker,))
        if word == "their":
            if self._couple_here is not None:  # "X and his wife Y and their sons"
                return Owners(self._couple_here)
            if re.search(r"\b(?:the|both)\s+(?:brothers|sisters|siblings)\b", before, re.IGNORECASE):
                pair = self.book.last_pair("sibling", position)
                if pair is not None:  # "The brothers have worked together, and their half-sister"
                    return Owners(pair)
            return self._with_partner(self.couple_before(position, exclude=set(self._holders_here)), kin_start)
        return self.pronoun_owner(word, position, sent_start)

    def _romantic_at(self, kin_start: int) -> bool:
        """Is the kin noun here a spouse or partner? Nobody is two people's husband or ex: "A and B's ex C"
        is B's ex, where "A and B's son" is both A's and B's."""
        kin = KIN_WORD.match(self.text, kin_start)
        return kin is not None and KIN[kin_noun(kin).lower()] in ROMANTIC

    def pronoun_owner(self, word: str, position: int, sent_start: int) -> Owners:
        """Whose "his" or "her": "Nahl and his half-brother" is Nahl's; "her sister and her husband" nobody's."""
        before = self.text[sent_start:position]
        if KIN_THEN_AND.search(before):
            return Owners()  # the unnamed kin just mentioned owns it, not anyone named
        joined = re.search(r"(?:\s*\([^()]*\))?\s*,?\s*(?:and|&|alongside)\s+$", before)
        if joined:
            names = self.names_in(sent_start, sent_start + joined.start())
            if names and names[-1].end == sent_start + joined.start() and self.book.fits(names[-1].person, word):
                return Owners(tuple(_ids(names[-1:])))
        if re.search(r"\bwith\s+$", before):
            subject = self._sentence_subject(sent_start, position)
            if subject is not None and subject.subject and self.book.fits(subject.person, word):
                return Owners(tuple(_ids([subject])), pronoun=word)  # "X shares Nell with his ex-wife"
        ref = self.refs.person_at(position, position + len(word))
        return Owners((ref.person,), pronoun=word) if ref is not None and ref.person else Owners()

    def corrected(self, owners: Owners, kin: str, holders: list[Reference]) -> Owners:
        """A pronoun's guess overruled by what the text already settled: the holder's one spouse, or surname."""
        if not owners.pronoun or len(holders) != 1 or not holders[0].person:
            return owners
        holder, guess, kind = holders[0].person, owners.direct[0], KIN[kin.lower()]
        if not self.book.fits(guess, owners.pronoun):
            return Owners()  # "His other son" read as a woman the text has called a mother
        if kind == "spouse" and not kin.lower().startswith("ex"):
            spouses = [p for p in self.book.kin_of(holder, "spouse") if p != guess and self.book.fits(p, owners.pronoun)]
            if len(spouses) == 1:
                return Owners((spouses[0],))  # "his wife Ann" when Ann is already Marc's wife
        if kind in ("child", "parent", "sibling"):
            surname = _surname(self.people[holder].name)
            if surname and _surname(self.people[guess].name) != surname:
                same = [p.id for p in self.people.values() if p.id not in (holder, guess)
                        and _surname(p.name) == surname and self.book.fits(p.id, owners.pronoun)
                        and self._named_before(p.id, holders[0].start)]
                if len(same) == 1:
                    return Owners((same[0],))  # "His son, Per Aldenmark" is Anders Aldenmark's son
        return owners

    def _with_partner(self, people: list[str], kin_start: int) -> Owners:
        """ "their son" or "our son" with one parent in sight: the other is that parent's partner."""
        kin = KIN_WORD.match(self.text, kin_start)
        if len(people) == 1 and kin is not None and KIN[kin_noun(kin).lower()] == "child":
            return Owners((people[0],), ((people[0], "couple"),))
        return Owners(tuple(people))

    def _chained(self, chain_start: int, sent_start: int, chain_kin: str) -> Owners:
        """Owners through a kin noun in the possessive: resolved once all direct relations are known."""
        via = KIN[chain_kin.lower()]
        first = self.owners(chain_start, sent_start)
        anchors = list(first.direct)
        if not anchors and not first.chained:
            subject = self._sentence_subject(sent_start, chain_start)
            anchors = [subject.person] if subject is not None and subject.person else []
        if via in ("stepchild", "stepparent", "relative", "friend"):
            return Owners()  # too loose to chain through
        return Owners((), tuple((a, via) for a in anchors))

    def bare_owner(self, kin_start: int, sent_start: int, holders: set[str | None]) -> list[str]:
        """Whose kin, when no possessive says so: "Eva Ng and husband Jo", "a question about daughter Sue"."""
        before = self.text[sent_start:kin_start]
        if DETERMINER_BEFORE.search(before) and not CLAUSE_THAT.search(before):
            return []  # "the son Quint and Vance share", "a friend, Jo": nobody's kin yet
        if EVENT_OBJECT.search(before):
            return []  # "her divorce from ex-wife Linda": the event names the pair, the first name is nobody's
        couple = None
        for couple in COUPLE.finditer(before):
            pass
        if couple is not None:
            pair = self.couple_before(sent_start + couple.start(), exclude=holders)
            if len(pair) == 2:
                return pair
        m = re.search(r"\b(?:and|with|or|nor|alongside|beside|joined by)\s+(?:[\w-]+\s+){0,2}$", before, re.I)
        if m:
            refs = [r for r in self.refs.within(sent_start, sent_start + m.start()) if r.person not in holders]
            if refs and len(self.text[refs[-1].end:sent_start + m.start()].strip(" ,0123456789")) == 0:
                if refs[-1].person in self._holders_here and self._last_owners and m.group(0).lower().startswith("and"):
                    return list(self._last_owners)  # "his daughter, A, and twin sons, B and C": his sons too
                listed = KIN_AT_END.search(self.text[sent_start:refs[-1].start].rstrip(" ,")) is not None \
                    or AGED_LIST.search(before) is not None
                if listed:
                    pass  # "son Jo, 4, and daughter Bo", "Al, 9, Bo, 7, and twins Cy": one list of kin, not Jo's
                elif refs[-1].kind in ("name", "short"):
                    return _ids(refs[-1:])
                if _after_preposition(self.text, refs[-1]):
                    return []  # "just like him and mum Katie": whose mum is anyone's guess
        their = [mm for mm in re.finditer(r"\btheir\b", before, re.IGNORECASE)]
        if their:
            return self.couple_before(sent_start + their[-1].start(), exclude=holders)
        for ref in self.refs.within(sent_start, kin_start):
            if ref.person and ref.person not in holders and ref.kind in ("name", "short", "pronoun", "descriptor") \
                    and not _after_preposition(self.text, ref):
                return [ref.person]
        return []

    def holders_after(self, kin: str, kin_end: int, sent_end: int) -> list[Reference]:
        """Named right after the kin word: "daughter Ireland", "sons Milo, 17, Otto, 13, and Finn"."""
        names = self.names_in(kin_end, min(sent_end, kin_end + 200))
        out: list[Reference] = []
        cursor = kin_end
        for ref in names:
            gap = self.text[cursor:ref.start]
            # "her son is Tom's best friend": after a copula, a possessor is not the holder
            if not out and (not HOLDER_GAP.match(gap) or (_possessive(self.text, ref) and COPULA_WORD.search(gap))):
                break
            if out and not NAME_LIST_SEP.match(gap) and not (NAME_LIST_LOOSE.match(gap)
                                                             and not _other_kin_in(gap, kin)):
                break
            out.append(ref)
            cursor = ref.end
            if kin.lower() not in PLURAL_KIN:
                break  # "his son Ottokar IV, King of Varnia": one son
        return out

    def name_list(self, first: Reference, sent_end: int) -> list[Reference]:
        """A list of names from first on: "A and B", "A, B, and C"; a comma alone needs an "and" to close it."""
        out = [first]
        while True:
            last = out[-1].end
            closing = self.name_after(last, min(sent_end, last + 80), LIST_AND_AFTER_FIRST if len(out) == 1
                                      else LIST_AND)
            if closing is not None:  # "X, son of A and B", "A, the patriarch, and B", "A, B and C"
                return [self.maiden(r, sent_end) for r in out + [closing]]
            nxt = self.name_after(last, min(sent_end, last + 40), LIST_COMMA)
            if nxt is None:
                return [self.maiden(first, sent_end)]  # "son of John, Mary said": a comma alone lists nobody
            out.append(nxt)

    def maiden(self, ref: Reference, sent_end: int) -> Reference:
        """ "Woollaston (née Alexander)": the maiden name tells the woman from the family name she shares."""
        maiden = self.name_after(ref.end, min(sent_end, ref.end + 40), MAIDEN_GAP)
        return maiden if maiden is not None and maiden.person != ref.person else ref

    def subject_after(self, owner: Reference, sent_start: int, kin_start: int, sent_end: int) -> list[Reference]:
        """Who holds a kin phrase that opens the sentence: "The son of X, he ...", else the sentence subject."""
        if re.fullmatch(r"\W*(?:the|a|an)?\s*(?:[\w-]+\s+)?", self.text[sent_start:kin_start], re.IGNORECASE):
            after = [r for r in self.refs.within(owner.end, sent_end) if r.person]
            if after and re.fullmatch(r"(?:\s*\([^()]*\))?\s*,\s*", self.text[owner.end:after[0].start]):
                return [after[0]]
        subject = self._sentence_subject(sent_start, kin_start)
        return [subject] if subject is not None else []
