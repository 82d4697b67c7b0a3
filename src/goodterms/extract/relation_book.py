"""The relations found while one article is read: records whose status and evidence grow, and
the questions rules ask of them (who is already whose spouse, who was called a child)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import SYMMETRIC_RELATIONS, Person, Relation, Span
from .coref import References
from .family import FoundRelation, Key
from .kinship import FIRST_SPOUSE, FORMER_WORDS, KIN, ROMANTIC, child_word
from .lexicon import FEMALE_WORDS, MALE_WORDS


@dataclass(frozen=True)
class Owners:
    """Whose kin a kin noun names: people outright, and (anchor, kin type) pairs still to resolve."""

    direct: tuple[str, ...] = ()
    chained: tuple[tuple[str, str], ...] = ()  # ("p1", "spouse"): the kin is p1's spouse's kin
    pronoun: str = ""  # "his" or "her" when a pronoun named the one owner: a guess other facts may correct

    def __bool__(self) -> bool:
        return bool(self.direct or self.chained)


@dataclass(frozen=True)
class Pending:
    """holder is <kin> of the one person who is anchor's <via>; settled once everything is read."""

    anchor: str
    via: str
    holder: str
    kin: str
    modifiers: str
    span: Span
    rule: str


class RelationBook:
    """Every relation found so far in one article, keyed by (type, subject, object)."""

    def __init__(self, text: str, people: list[Person], refs: References) -> None:
        self.text = text
        self.people = {p.id: p for p in people}
        self.refs = refs
        self.found: dict[Key, FoundRelation] = {}
        self.pending: list[Pending] = []
        self.kin_gender: dict[str, str] = {}  # "f" for whoever the text called a mother, wife, sister...
        self.unnamed_spouse: set[str] = set()  # people with a husband or wife the kin phrase did not name
        self.couples: list[tuple[str, str, Span]] = []  # "the couple - A and B", "they are a power couple"
        #: "A split from B": a couple of whichever kind the whole text makes them, (a, b, status, span, rule)
        self.romances: list[tuple[str, str, str, Span, str]] = []

    def add(self, kind: str, subject: str | None, obj: str | None, status: str, span: Span, rule: str) -> None:
        """Record one relation; a former status sticks unless a reunion is told after it."""
        if not subject or not obj or subject == obj:
            return
        if kind in ROMANTIC and self.blood(subject, obj):
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
        former = bool(FORMER_WORDS.search(modifiers) or kin.lower().startswith("ex")
                      or (kind == "spouse" and FIRST_SPOUSE.search(modifiers)))  # "her first husband": there was a next
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

    def add_for(self, owners: Owners, holder: str | None, kin: str, modifiers: str, span: Span,
                rule: str) -> None:
        """holder is the <kin> of every owner; chained owners wait until the whole text is read."""
        if not holder:
            return
        for owner in owners.direct:
            self.add_kin(owner, holder, kin, modifiers, span, rule)
        for anchor, via in owners.chained:
            self.pending.append(Pending(anchor, via, holder, kin, modifiers, span, rule))

    def add_siblings(self, children: list[str], span: Span, rule: str) -> None:
        """Children named together are siblings."""
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                self.add("sibling", a, b, "current", span, rule)

    def co_parents(self, a: str, b: str, span: Span, rule: str) -> None:
        """The two named parents of one child, in one phrase, were a couple: married, unless the text says dating."""
        if a != b and self.existing_kind(a, b) is None:
            self.add("spouse", a, b, "unknown", span, rule)

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
            if kind in ("parent", "stepparent") and any(child_word(self.text[s.start:s.end]) for s in record.evidence):
                out.add(child)
        return out

    def fits(self, person: str | None, pronoun: str) -> bool:
        """Could this "his" or "her" stand for the person, by what we know of their gender?"""
        if person is None:
            return False
        gender = self.kin_gender.get(person) or self.people[person].gender  # "mother of" outweighs a name's guess
        return gender is None or gender == ("f" if pronoun.lower() == "her" else "m")

    def existing_kind(self, a: str, b: str) -> str | None:
        """The romantic relation (spouse, then partner) already found between a and b."""
        x, y = sorted((a, b))
        for kind in ROMANTIC:
            if (kind, x, y) in self.found:
                return kind
        return None

    def family(self, a: str, b: str) -> bool:
        """Already parent, sibling or relative: "she and her father reconciled" is no romance."""
        x, y = sorted((a, b))
        return any(key in self.found for key in (("parent", a, b), ("parent", b, a), ("sibling", x, y),
                                                 ("relative", x, y), ("stepparent", a, b), ("stepparent", b, a)))

    def blood(self, a: str, b: str) -> bool:
        """Already parent and child, or siblings."""
        x, y = sorted((a, b))
        return any(key in self.found for key in (("parent", a, b), ("parent", b, a), ("sibling", x, y)))

    def taken(self, person: str, other: str) -> bool:
        """Has the text already paired person with someone other than other, and not as an ex?"""
        return any(k in ROMANTIC and person in (x, y) and other not in (x, y) and r.status != "former"
                   for (k, x, y), r in self.found.items())

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

    def settle_romances(self) -> None:
        """A split or a romance of a pair: a marriage if the text made them married anywhere, else dating."""
        for a, b, status, span, rule in self.romances:
            self.add(self.existing_kind(a, b) or "partner", a, b, status, span, rule)

    def settle_couples(self) -> None:
        """A couple the text presents is a romance: a marriage when one of them has an unnamed husband or wife."""
        for a, b, span in self.couples:
            if a == b or self.family(a, b):
                continue
            kind = self.existing_kind(a, b)
            if kind is None and (self.taken(a, b) or self.taken(b, a)):
                continue  # already with someone else: "the couple" may be a friendship or a guess
            if kind is None:
                kind = "spouse" if {a, b} & self.unnamed_spouse else "partner"
            self.add(kind, a, b, "current", span, "couple_named")

    def relations(self) -> list[Relation]:
        """The relations as records: a couple that dated and married is married; kin ties are current."""
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
