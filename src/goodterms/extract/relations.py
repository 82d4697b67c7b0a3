"""Relations: spouse, partner, parent, stepparent, sibling, relative, friend, with status and evidence."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import SYMMETRIC_RELATIONS, Document, Person, Quote, Relation, Span
from .coref import Reference, References
from .family import (
    FoundRelation, derive_parents_of_siblings, derive_siblings, derive_stepparents, drop_parent_cycles,
)
from .kinship import (
    KIN, ROMANTIC, PLURAL_CHILDREN, PLURAL_KIN, FORMER_WORDS, KIN_WORD, KIN_AT_END, KIN_ANYWHERE,
    KIN_THEN_AND, KIN_SOON, BETWEEN_WORDS, HOLDER_GAP, NAME_LIST_SEP, NAME_LIST_LOOSE, COPULA_GAP, APPOSITION_GAP,
    TITLE_GAP, LIST_AND, LIST_AND_AFTER_FIRST, LIST_COMMA, OF_GAP, COPULA_WORD, DETERMINER_BEFORE,
    BIRTH_BEFORE, SHARED_VERB, WITH_PARTNER, CHILD_LIST_GAP, ADOPTED, SHARES_CHILD, EVENTS, PAIR_EVENTS,
    FRIENDS_PAIR, EVENT_OBJECT, NEGATED, CLAUSE_BREAK, FICTIONAL, THEIR_MARRIAGE, COUPLE, THEY_BEFORE,
    COUPLE_THEN_NAMES, IS_A_COUPLE, MAIDEN_GAP, MARRIAGE_WORD,
)
from .lexicon import FEMALE_WORDS, MALE_WORDS
from .parse import Parses


@dataclass(frozen=True)
class _Owners:
    """Whose kin a kin noun names: people outright, and (anchor, kin type) pairs still to resolve."""

    direct: tuple[str, ...] = ()
    chained: tuple[tuple[str, str], ...] = ()  # ("p1", "spouse"): the kin is p1's spouse's kin
    pronoun: str = ""  # "his" or "her" when a pronoun named the one owner: a guess other facts may correct

    def __bool__(self) -> bool:
        return bool(self.direct or self.chained)


@dataclass(frozen=True)
class _Pending:
    """holder is <kin> of the one person who is anchor's <via>; settled once everything is read."""

    anchor: str
    via: str
    holder: str
    kin: str
    modifiers: str
    span: Span
    rule: str


class RelationFinder:
    """Reads kinship phrases and relation events sentence by sentence."""

    def __init__(self, doc: Document, people: list[Person], refs: References,
                 quotes: Sequence[Quote] = (), parses: Parses | None = None) -> None:
        self.doc = doc
        self.parses = parses or Parses(doc)
        self.text = doc.text
        self.people = {p.id: p for p in people}
        self.refs = refs
        self.quotes = [q for q in quotes if q.speaker]
        self.found: dict[tuple[str, str, str], FoundRelation] = {}
        self.pending: list[_Pending] = []
        self._holders_here: list[str] = []  # people named as someone's kin in the current sentence
        self._couple_here: tuple[str, str] | None = None  # "X and his wife Y": who "their" means next
        self._children_here: set[str] = set()  # people this sentence already called "son of" someone
        self.kin_gender: dict[str, str] = {}  # "f" for whoever the text called a mother, wife, sister...
        self.unnamed_spouse: set[str] = set()  # people with a husband or wife the kin phrase did not name
        self.couples: list[tuple[str, str, Span]] = []  # "the couple - A and B", "they are a power couple"

    def relations(self) -> list[Relation]:
        """Read everything, settle chained kin, derive, and return the relations found."""
        self.read_kin_phrases()
        self.read_events()
        self.settle_couples()
        self.resolve_pending()
        drop_parent_cycles(self.found)
        derive_siblings(self.found)
        derive_parents_of_siblings(self.found, self.text)
        derive_stepparents(self.found, self.text)
        self.derive_parent_couples()
        out = []
        for record in self.found.values():
            if record.type == "partner" and ("spouse", record.subject, record.object) in self.found:
                continue  # a married couple dated first: the marriage is the relation
            status = record.status
            if record.type in ("parent", "stepparent", "sibling"):
                status = "current"
            elif record.reunited_at > record.former_at:
                status = "current"
            out.append(Relation(record.type, record.subject, record.object, status,
                                tuple(record.evidence), record.derived_from, record.rule))
        return out

    # -- recording ----------------------------------------------------------------------------
    def add(self, kind: str, subject: str | None, obj: str | None, status: str, span: Span, rule: str) -> None:
        """Record one relation; a former status sticks unless a reunion is told after it."""
        if not subject or not obj or subject == obj:
            return
        if kind in ROMANTIC and self._blood(subject, obj):
            return  # "before he and Petra divorced" with "he" read as her son: no romance with a child or sibling
        if kind in SYMMETRIC_RELATIONS:
            subject, obj = sorted((subject, obj))
        key = (kind, subject, obj)
        record = self.found.get(key)
        if record is None:
            record = self.found[key] = FoundRelation(kind, subject, obj, "current" if status == "reunited" else status,
                                                     rule=rule)
        elif status == "former" or (status == "current" and record.status == "unknown"):
            record.status = status
        if status == "former":
            record.former_at = max(record.former_at, span.start)
        elif status == "reunited":
            record.reunited_at = max(record.reunited_at, span.start)
        if span not in record.evidence:
            record.evidence.append(span)

    def add_kin(self, anchor: str | None, holder: str | None, kin: str, modifiers: str, span: Span,
                rule: str) -> None:
        """holder is anchor's <kin>."""
        kind = KIN[kin.lower()]
        if holder and (kin.lower() in FEMALE_WORDS or kin.lower() in MALE_WORDS):
            self.kin_gender.setdefault(holder, "f" if kin.lower() in FEMALE_WORDS else "m")
        former = bool(FORMER_WORDS.search(modifiers) or kin.lower().startswith("ex"))
        if kind == "child":
            self.add("parent", anchor, holder, "current", span, rule)
        elif kind == "parent":
            self.add("parent", holder, anchor, "current", span, rule)
        elif kind == "stepchild":
            self.add("stepparent", anchor, holder, "current", span, rule)
        elif kind == "stepparent":
            self.add("stepparent", holder, anchor, "current", span, rule)
        elif kind in ("sibling", "relative"):
            self.add(kind, anchor, holder, "current", span, rule)
        elif kind == "friend":
            self.add(kind, anchor, holder, "former" if former else "current", span, rule)
        else:
            self.add(kind, anchor, holder, "former" if former else "current", span, rule)

    def add_for(self, owners: _Owners, holder: str | None, kin: str, modifiers: str, span: Span,
                rule: str) -> None:
        """holder is the <kin> of every owner; chained owners wait until the whole text is read."""
        if not holder:
            return
        for owner in owners.direct:
            self.add_kin(owner, holder, kin, modifiers, span, rule)
        for anchor, via in owners.chained:
            self.pending.append(_Pending(anchor, via, holder, kin, modifiers, span, rule))

    def add_siblings(self, children: list[str], span: Span, rule: str) -> None:
        """Children named together are siblings."""
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                self.add("sibling", a, b, "current", span, rule)

    def co_parents(self, a: str, b: str, span: Span, rule: str) -> None:
        """The two named parents of one child, in one phrase, were a couple: married, unless the text says dating."""
        if a != b and self._existing_kind(a, b) is None:
            self.add("spouse", a, b, "unknown", span, rule)

    # -- kin phrases --------------------------------------------------------------------------
    def read_kin_phrases(self) -> None:
        """Every kin noun of every sentence, with whose kin it is and who holds it."""
        for sent_start, sent_end in self.refs.sentences:
            self._holders_here = []
            self._couple_here = None
            self._children_here = set()
            for m in KIN_WORD.finditer(self.text, sent_start, sent_end):
                kin = _kin(m)
                if kin.lower() in ("love", "girl", "baby") and not m.group("mod"):
                    continue
                named = self.refs.person_at(m.end() - len(kin), m.end())
                if named is not None and named.kind == "name":
                    continue  # part of a name: "Consort Lin", "Baby Spice"
                self.read_kin(m, sent_start, sent_end)

    def read_kin(self, m: re.Match[str], sent_start: int, sent_end: int) -> None:
        """One kin noun: tried as "son of A", a birth, a shared child, then a possessive or bare owner."""
        if self.read_of_phrase(m, sent_start, sent_end) or self.read_birth(m, sent_start, sent_end) \
                or self.read_shared_clause(m, sent_start, sent_end):
            return
        kin, modifiers, span = _kin(m), m.group("mod") or "", Span(m.start(), m.end())
        if FICTIONAL.search(self.text, max(sent_start, m.start() - 30), m.start()):
            return
        owners = self.owners(m.start(), sent_start)
        rule = "kin_possessive"  # "her husband, X", "Dario's ex-wife"
        holders = self.holders_after(kin, m.end(), sent_end)
        if not owners and holders and not self._has_possessor(m.start(), sent_start):
            owners = _Owners(tuple(self.bare_owner(m.start(), sent_start, {h.person for h in holders})))
            rule = "kin_bare_owner"  # "Eva Ng and husband Jo"
        if not owners:
            return
        if not holders:
            holders = self.holder_before(sent_start, self._possessor_start(m.start(), sent_start),
                                         plural=kin.lower() in PLURAL_KIN)
            rule = "kin_apposition"  # "X, Dario's ex-wife", "X is her husband"
        owners = self.corrected(owners, kin, holders)
        if not holders and KIN[kin.lower()] == "spouse" and not FORMER_WORDS.search(m.group(0)):
            self.unnamed_spouse.update(owners.direct)  # "her actual husband looked on": a husband, not named here
        self._holders_here.extend(h.person for h in holders if h.person)
        for holder in holders:
            self.add_for(owners, holder.person, kin, modifiers, span, rule)
        if KIN[kin.lower()] in ROMANTIC and len(owners.direct) == 1 and len(holders) == 1 and holders[0].person:
            self._couple_here = (owners.direct[0], holders[0].person)
        if kin.lower() in PLURAL_CHILDREN:
            self.add_siblings(_ids(holders), span, "kin_children_list")

    def read_of_phrase(self, m: re.Match[str], sent_start: int, sent_end: int) -> bool:
        """ "X, son of A and B", "the daughter of King Y", "X is the wife of Y"."""
        kin = _kin(m)
        if self._has_possessor(m.start(), sent_start):
            return False
        of_match = re.match(r"\s+(?:of|to)\s+", self.text[m.end():sent_end])
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
                self.add_for(_Owners(tuple(owner_ids)), holder_id, kin, modifiers, span, "kin_of_phrase")
        if KIN[kin.lower()] == "parent" and holder_ids:
            self.add_siblings(owner_ids, span, "kin_of_phrase_children")  # "father of A, B and C": they are siblings
        if holder_ids and len(owner_ids) == 2 and KIN[kin.lower()] == "child":
            self.co_parents(owner_ids[0], owner_ids[1], span, "co_parents_of_child")  # "son of Aurelien Quarrow and Ysolde Mertens"
        if len(holder_ids) == 2 and kin.lower() == "parents":
            self.co_parents(holder_ids[0], holder_ids[1], span, "co_parents_named")  # "Jo and Mara, the parents of Ivy"
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
        kin = _kin(m)
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
                self.add("parent", parent, holder.person, "current", span, "birth_children")
        if len(holders) > 1:
            self.add_siblings(_ids(holders), span, "birth_children")
        self._holders_here.extend(h.person for h in holders if h.person)
        return True

    def read_shared_clause(self, m: re.Match[str], sent_start: int, sent_end: int) -> bool:
        """ "Milo, the son Quint and Vance share": the named pair are the parents of the one before."""
        determiner = DETERMINER_BEFORE.search(self.text, sent_start, m.start())
        if KIN[_kin(m).lower()] != "child" or determiner is None:
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
            self.add("parent", parent.person, children[0].person, "current", Span(m.start(), m.end()), "kin_shared_clause")
        return True

    # -- whose kin ----------------------------------------------------------------------------
    def owners(self, kin_start: int, sent_start: int) -> _Owners:
        """Whose kin: "Dario's ex", "her husband", "their daughter", "my son", "her hubby's ex-wife"."""
        before = self.text[sent_start:kin_start]
        m = re.search(r"(?P<who>[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+){0,3}?)(?:'s|\u2019s|')\s+" + BETWEEN_WORDS + "$", before)
        if m:
            chain = KIN_AT_END.search(m.group("who"))
            if chain:  # "her hubby's ex-wife": the ex-wife of whoever her hubby is
                return self._chained(sent_start + m.start("who") + chain.start(), sent_start, chain.group("kin"))
            refs = [r for r in self.refs.within(sent_start + m.start("who"), sent_start + m.end("who") + 2)
                    if r.person]
            if refs:
                return _Owners(tuple(_ids(refs[-1:])))
        m = re.search(r"\b(his|her|their|my|our)\s+" + BETWEEN_WORDS + "$", before, re.IGNORECASE)
        if not m:
            return _Owners()
        word = m.group(1).lower()
        position = sent_start + m.start(1)
        if word in ("my", "our"):
            speaker = self.speaker_at(position)
            if speaker is None:
                return _Owners()
            return self._with_partner([speaker], kin_start) if word == "our" else _Owners((speaker,))
        if word == "their":
            if self._couple_here is not None:  # "X and his wife Y and their sons"
                return _Owners(self._couple_here)
            if re.search(r"\b(?:the|both)\s+(?:brothers|sisters|siblings)\b", before, re.IGNORECASE):
                pair = self.last_pair("sibling", position)
                if pair is not None:  # "The brothers have worked together, and their half-sister"
                    return _Owners(pair)
            return self._with_partner(self.couple_before(position, exclude=set(self._holders_here)), kin_start)
        return self.pronoun_owner(word, position, sent_start)

    def pronoun_owner(self, word: str, position: int, sent_start: int) -> _Owners:
        """Whose "his" or "her": "Nahl and his half-brother" is Nahl's; "her sister and her husband" nobody's."""
        before = self.text[sent_start:position]
        if KIN_THEN_AND.search(before):
            return _Owners()  # the unnamed kin just mentioned owns it, not anyone named
        joined = re.search(r"(?:\s*\([^()]*\))?\s*,?\s*(?:and|&|alongside)\s+$", before)
        if joined:
            names = self.names_in(sent_start, sent_start + joined.start())
            if names and names[-1].end == sent_start + joined.start() and self._fits(names[-1].person, word):
                return _Owners(tuple(_ids(names[-1:])))
        if re.search(r"\bwith\s+$", before):
            subject = self._sentence_subject(sent_start, position)
            if subject is not None and subject.subject and self._fits(subject.person, word):
                return _Owners(tuple(_ids([subject])), pronoun=word)  # "X shares Nell with his ex-wife"
        ref = self.refs.person_at(position, position + len(word))
        return _Owners((ref.person,), pronoun=word) if ref is not None and ref.person else _Owners()

    def corrected(self, owners: _Owners, kin: str, holders: list[Reference]) -> _Owners:
        """A pronoun's guess overruled by what the text already settled: the holder's one spouse, or surname."""
        if not owners.pronoun or len(holders) != 1 or not holders[0].person:
            return owners
        holder, guess, kind = holders[0].person, owners.direct[0], KIN[kin.lower()]
        if not self._fits(guess, owners.pronoun):
            return _Owners()  # "His other son" read as a woman the text has called a mother
        if kind == "spouse" and not kin.lower().startswith("ex"):
            spouses = [p for p in self.kin_of(holder, "spouse") if p != guess and self._fits(p, owners.pronoun)]
            if len(spouses) == 1:
                return _Owners((spouses[0],))  # "his wife Ann" when Ann is already Marc's wife
        if kind in ("child", "parent", "sibling"):
            surname = _surname(self.people[holder].name)
            if surname and _surname(self.people[guess].name) != surname:
                same = [p.id for p in self.people.values() if p.id not in (holder, guess)
                        and _surname(p.name) == surname and self._fits(p.id, owners.pronoun)
                        and self._named_before(p.id, holders[0].start)]
                if len(same) == 1:
                    return _Owners((same[0],))  # "His son, Per Aldenmark" is Anders Aldenmark's son
        return owners

    def _with_partner(self, people: list[str], kin_start: int) -> _Owners:
        """ "their son" or "our son" with one parent in sight: the other is that parent's partner."""
        kin = KIN_WORD.match(self.text, kin_start)
        if len(people) == 1 and kin is not None and KIN[_kin(kin).lower()] == "child":
            return _Owners((people[0],), ((people[0], "couple"),))
        return _Owners(tuple(people))

    def _chained(self, chain_start: int, sent_start: int, chain_kin: str) -> _Owners:
        """Owners through a kin noun in the possessive: resolved once all direct relations are known."""
        via = KIN[chain_kin.lower()]
        first = self.owners(chain_start, sent_start)
        anchors = list(first.direct)
        if not anchors and not first.chained:
            subject = self._sentence_subject(sent_start, chain_start)
            anchors = [subject.person] if subject is not None and subject.person else []
        if via in ("stepchild", "stepparent", "relative", "friend"):
            return _Owners()  # too loose to chain through
        return _Owners((), tuple((a, via) for a in anchors))

    def bare_owner(self, kin_start: int, sent_start: int, holders: set[str | None]) -> list[str]:
        """Whose kin, when no possessive says so: "Eva Ng and husband Jo", "a question about daughter Sue"."""
        before = self.text[sent_start:kin_start]
        if DETERMINER_BEFORE.search(before):
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
                if refs[-1].kind in ("name", "short"):
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
        children = self.named_children() | set(exclude or ())
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

    # -- who holds it -------------------------------------------------------------------------
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

    # -- events -------------------------------------------------------------------------------
    def read_events(self) -> None:
        """Marriages, divorces, engagements, shared children and reunions, sentence by sentence."""
        for sent_start, sent_end in self.refs.sentences:
            self.read_couples(sent_start, sent_end)  # "Together they are a power couple" names nobody itself
            refs = [r for r in self.refs.within(sent_start, sent_end) if r.person]
            if not refs:
                continue
            self.read_verb_events(sent_start, sent_end, refs)
            self.read_pair_events(sent_start, sent_end)
            self.read_shared_children(sent_start, sent_end, refs)

    def read_couples(self, sent_start: int, sent_end: int) -> None:
        """ "the couple - Bennett and Hart, that is -", "Together they are a bi-coastal power couple"."""
        for m in COUPLE_THEN_NAMES.finditer(self.text, sent_start, sent_end):
            first = self.name_after(m.end(), min(sent_end, m.end() + 40), r"\s*")
            second = self.name_after(first.end, min(sent_end, first.end + 40), LIST_AND) if first else None
            if first is not None and second is not None and first.person and second.person:
                self.couples.append((first.person, second.person, Span(m.start(), second.end)))
        for m in IS_A_COUPLE.finditer(self.text, sent_start, sent_end):
            pair = self._pair_before(sent_start, m.start())
            if pair is not None:
                self.couples.append((pair[0], pair[1], Span(m.start(), m.end())))

    def settle_couples(self) -> None:
        """A couple the text presents is a romance: a marriage when one of them has an unnamed husband or wife."""
        for a, b, span in self.couples:
            if a == b or self._family(a, b):
                continue
            kind = self._existing_kind(a, b)
            if kind is None and (self._taken(a, b) or self._taken(b, a)):
                continue  # already with someone else: "the couple" may be a friendship or a guess
            if kind is None:
                kind = "spouse" if {a, b} & self.unnamed_spouse else "partner"
            self.add(kind, a, b, "current", span, "couple_named")

    def _taken(self, person: str, other: str) -> bool:
        """Has the text already paired person with someone other than other, and not as an ex?"""
        return any(k in ROMANTIC and person in (x, y) and other not in (x, y) and r.status != "former"
                   for (k, x, y), r in self.found.items())

    def read_verb_events(self, sent_start: int, sent_end: int, refs: list[Reference]) -> None:
        """ "A married B", "A split from B", "A has been dating B"."""
        sentence = self.text[sent_start:sent_end]
        # a descriptor counts only as the subject: "The yoga instructor, who married Teodor Vance"
        names = [r for r in refs if r.kind != "descriptor" or r.subject]
        for pattern, kind, status in EVENTS:
            for m in pattern.finditer(sentence):
                v_start, v_end = sent_start + m.start(), sent_start + m.end()
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
                found_kind = self._existing_kind(*pair) if status == "former" else None
                if re.search(r"divorc|annul", m.group(0), re.I):
                    found_kind = "spouse"  # only a marriage ends in a divorce, whatever "ex" said before
                found_status = status or self._status_near(sent_start, sent_end)
                self.add(found_kind or kind, pair[0], pair[1], found_status, Span(v_start, v_end), "event_subject_object")

    def read_pair_events(self, sent_start: int, sent_end: int) -> None:
        """ "A and B divorced in 2016", "the couple split", "the pair reconciled"."""
        sentence = self.text[sent_start:sent_end]
        for pattern, status in PAIR_EVENTS:
            for m in pattern.finditer(sentence):
                v_start = sent_start + m.start()
                pair = self._pair_before(sent_start, v_start)
                if pair is None or (status == "reunited" and self._family(*pair)) \
                        or NEGATED.search(self.text, sent_start, v_start):
                    continue
                a, b = pair
                verb = m.group(0).lower()
                if status == "current-partner":
                    kind = "partner"
                elif status == "current" or "divorc" in verb or "annul" in verb or MARRIAGE_WORD.search(sentence):
                    kind = "spouse"  # "A and B split after six years of marriage" ended a marriage
                else:
                    kind = self._existing_kind(a, b) or "partner"
                found = "current" if status.startswith("current") else status
                self.add(kind, a, b, found, Span(v_start, sent_start + m.end()), "event_pair")
        self.read_friendships(sent_start, sentence)
        self.read_their_marriage(sent_start, sentence)

    def read_friendships(self, sent_start: int, sentence: str) -> None:
        """ "A and B are no longer friends", "... Are Friends Again", "were best friends"."""
        for m in FRIENDS_PAIR.finditer(sentence):
            pair = self._pair_before(sent_start, sent_start + m.start())
            negation = (m.group("neg") or "").strip().lower()
            if pair is None or negation in ("not", "never"):
                continue
            past = m.group(0).lower().startswith(("were", "had"))
            status = "former" if negation else "unknown" if past else "current"
            self.add("friend", pair[0], pair[1], status, Span(sent_start + m.start(), sent_start + m.end()), "friends_pair")

    def read_their_marriage(self, sent_start: int, sentence: str) -> None:
        """ "after their wedding ceremony", "their divorce": the couple just named were married."""
        for m in THEIR_MARRIAGE.finditer(sentence):
            couple = self.couple_before(sent_start + m.start())
            if len(couple) == 2 and not self._family(couple[0], couple[1]):
                ended = re.search(r"\b(?:ended|ending|end|ends)\s+$", sentence[:m.start()])
                status = "former" if m.group("what").lower() == "divorce" or ended else "current"
                self.add("spouse", couple[0], couple[1], status, Span(sent_start + m.start(), sent_start + m.end()),
                         "their_marriage")

    def read_shared_children(self, sent_start: int, sent_end: int, refs: list[Reference]) -> None:
        """ "Vance shares Florence with his ex-wife, Marisol Quint": both are Florence's parents."""
        for child in refs:
            if child.kind not in ("name", "short"):
                continue
            adopted = ADOPTED.search(self.text, sent_start, child.start)
            if adopted is not None:  # "Dario Wren, who legally adopted Milo"
                for parent in self.subjects_before(adopted.start(), sent_start):
                    self.add("parent", parent, child.person, "current", Span(adopted.start(), adopted.end()),
                             "adopted_child")
                continue
            verb = SHARES_CHILD.search(self.text, sent_start, child.start)
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
                    self.add("parent", parent, kid, "current", span, "shares_child")
            self.add_siblings(_ids(children), span, "shares_child")

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

    # -- derived ------------------------------------------------------------------------------
    def resolve_pending(self) -> None:
        """Kin of someone's partner or parent, once that one person is known: "her hubby's ex-wife, X"."""
        for item in self.pending:
            candidates = [p for p in self.kin_of(item.anchor, item.via) if p != item.holder]
            if len(candidates) == 1:
                self.add_kin(candidates[0], item.holder, item.kin, item.modifiers, item.span, "kin_chained")

    def derive_parent_couples(self) -> None:
        """ "his father Isaac ..., while his mother Eva": a child's father and mother named in one sentence."""
        named: dict[tuple[str, tuple[int, int]], dict[str, tuple[str, Span]]] = {}
        for (kind, parent, child), record in self.found.items():
            for span in record.evidence if kind == "parent" else ():
                word = self.text[span.start:span.end].lower().split()[-1]
                gender = "f" if word in FEMALE_WORDS else "m" if word in MALE_WORDS else None
                if gender is not None and KIN.get(word) == "parent":  # "mother", "dad"; not "parents"
                    named.setdefault((child, self.refs.sentence_of(span.start)), {})[gender] = (parent, span)
        for genders in named.values():
            if len(genders) == 2 and genders["f"][0] != genders["m"][0]:
                self.co_parents(genders["m"][0], genders["f"][0], genders["m"][1], "derived_parent_couple")

    # -- lookups ------------------------------------------------------------------------------
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

    def kin_of(self, anchor: str, via: str) -> list[str]:
        """People found so far as anchor's <via> (a KIN type, or "couple" for a romantic partner)."""
        out: list[tuple[str, str]] = []
        for (kind, a, b), record in self.found.items():
            if via in ("couple", *ROMANTIC) and kind in ROMANTIC and anchor in (a, b):
                out.append((b if a == anchor else a, record.status))
            elif via == "child" and kind == "parent" and a == anchor:
                out.append((b, record.status))
            elif via == "parent" and kind == "parent" and b == anchor:
                out.append((a, record.status))
            elif via == kind == "sibling" and anchor in (a, b):
                out.append((b if a == anchor else a, record.status))
        people = list(dict.fromkeys(p for p, _ in out))
        if len(people) > 1 and via in ("couple", *ROMANTIC):
            # "her hubby" among an ex and a husband: the one still together with her
            people = list(dict.fromkeys(p for p, status in out if status != "former"))
        return people

    def last_pair(self, kind: str, position: int) -> tuple[str, str] | None:
        """The two people of the <kind> relation told most recently before position."""
        best: tuple[int, tuple[str, str]] | None = None
        for (k, a, b), record in self.found.items():
            starts = [s.start for s in record.evidence if s.start < position]
            if k == kind and starts and (best is None or max(starts) > best[0]):
                best = (max(starts), (a, b))
        return best[1] if best else None

    def named_children(self) -> set[str]:
        """People the text has called someone's son, daughter or child (not grown-ups who have a mother)."""
        out: set[str] = set()
        for (kind, _, child), record in self.found.items():
            if kind in ("parent", "stepparent") and any(_child_word(self.text[s.start:s.end]) for s in record.evidence):
                out.add(child)
        return out

    def speaker_at(self, position: int) -> str | None:
        """The speaker of the quote holding this offset: who "my" and "our" mean there."""
        for quote in self.quotes:
            if quote.start <= position < quote.end:
                return quote.speaker
        return None

    def _fits(self, person: str | None, pronoun: str) -> bool:
        """Could this "his" or "her" stand for the person, by what we know of their gender?"""
        if person is None:
            return False
        gender = self.kin_gender.get(person) or self.people[person].gender  # "mother of" outweighs a name's guess
        return gender is None or gender == ("f" if pronoun.lower() == "her" else "m")

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
        m = re.search(r"(?:[\w'\u2019.-]+(?:'s|\u2019s|')|\b(?:his|her|their|my|our))\s+" + BETWEEN_WORDS + "$", before,
                      re.IGNORECASE)
        return sent_start + m.start() if m else kin_start

    def _has_possessor(self, kin_start: int, sent_start: int) -> bool:
        """Is the kin noun owned by a possessive: "Dario's ex", "her late husband"?"""
        return bool(re.search(r"(?:'s|\u2019s|\b(?:his|her|their|my|our))\s+" + BETWEEN_WORDS + "$",
                              self.text[sent_start:kin_start], re.IGNORECASE))

    def _existing_kind(self, a: str, b: str) -> str | None:
        """The romantic relation (spouse, then partner) already found between a and b."""
        x, y = sorted((a, b))
        for kind in ROMANTIC:
            if (kind, x, y) in self.found:
                return kind
        return None

    def _family(self, a: str, b: str) -> bool:
        """Already parent, sibling or relative: "she and her father reconciled" is no romance."""
        x, y = sorted((a, b))
        return any(key in self.found for key in (("parent", a, b), ("parent", b, a), ("sibling", x, y),
                                                 ("relative", x, y), ("stepparent", a, b), ("stepparent", b, a)))

    def _blood(self, a: str, b: str) -> bool:
        """Already parent and child, or siblings."""
        x, y = sorted((a, b))
        return any(key in self.found for key in (("parent", a, b), ("parent", b, a), ("sibling", x, y)))

    def _status_near(self, start: int, end: int) -> str:
        """ "former" when the sentence says ex, late, divorced...; else "current"."""
        return "former" if FORMER_WORDS.search(self.text[start:end]) else "current"


def _ids(refs: Iterable[Reference]) -> list[str]:
    """The people these references stand for, in order, leaving out the unresolved."""
    return [r.person for r in refs if r.person]


def _kin(m: re.Match[str]) -> str:
    """The kin noun of a KIN_WORD match; "baby girl" and "little girl" are a child, not a girlfriend."""
    kin = m.group("kin")
    if kin.lower() == "girl" and re.search(r"\b(?:baby|little)\b", m.group("mod") or "", re.IGNORECASE):
        return "baby"
    return kin


def _after_preposition(text: str, ref: Reference) -> bool:
    """ "a photo of Ivy", "just like him": an object, not the one doing or owning."""
    return bool(re.search(r"\b(?:of|with|to|for|from|by|about|like)\s+$", text[max(0, ref.start - 8):ref.start]))


def _possessive(text: str, ref: Reference) -> bool:
    """ "Tom's": a possessor, not the one named."""
    return text[ref.end:ref.end + 2] in ("'s", "\u2019s") or ref.text.lower() in ("his", "their")


def _possessive_before_kin(text: str, ref: Reference) -> bool:
    """ "her husband", "his longtime girlfriend": a possessive pronoun that owns a kin noun."""
    return ref.text.lower() in ("his", "her", "their") and bool(KIN_SOON.match(text, ref.end, ref.end + 60))


def _child_word(evidence: str) -> bool:
    """Is this evidence a kin phrase naming a child: "son", "baby girl", "eldest daughters"?"""
    m = KIN_WORD.fullmatch(evidence)
    return m is not None and KIN[_kin(m).lower()] in ("child", "stepchild")


def _surname(name: str) -> str:
    """The last word of a full name, or "" for a single name."""
    words = name.split()
    return words[-1].lower() if len(words) > 1 else ""


def _other_kin_in(gap: str, kin: str) -> bool:
    """A kin noun of another kind between two names ends a list: "wife Ann and their sons Joel"."""
    kind = KIN[kin.lower()]
    return any(KIN.get(w.group(0).lower()) != kind for w in KIN_ANYWHERE.finditer(gap))


def find_relations(doc: Document, people: list[Person], refs: References,
                   quotes: Sequence[Quote] | None = None, *, parses: Parses | None = None) -> list[Relation]:
    """Every relation the text states, with status and evidence spans; quotes say who "my" and "our" mean,
    the parses (made on demand when not given) what the grammar links."""
    return RelationFinder(doc, people, refs, quotes or (), parses or Parses(doc)).relations()
