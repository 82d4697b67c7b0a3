"""Relations: spouse, partner, parent, stepparent, sibling, relative, friend, with status and evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import SYMMETRIC_RELATIONS, Document, Person, Relation, Span
from .coref import Reference, References

# kin noun -> (relation type, how the named holder relates to the anchor)
#   "child": holder is the anchor's child  -> parent(anchor, holder)
#   "parent": holder is the anchor's parent -> parent(holder, anchor)
KIN = {
    "wife": "spouse", "husband": "spouse", "hubby": "spouse", "wifey": "spouse", "spouse": "spouse",
    "widow": "spouse", "widower": "spouse", "bride": "spouse", "groom": "spouse",
    "ex-wife": "spouse", "ex-husband": "spouse", "ex-spouse": "spouse",
    "girlfriend": "partner", "boyfriend": "partner", "fiance": "partner", "fiancee": "partner",
    "fiancé": "partner", "fiancée": "partner", "beau": "partner", "bae": "partner", "partner": "partner",
    "lover": "partner", "love": "partner", "ex-girlfriend": "partner", "ex-boyfriend": "partner",
    "ex-fiance": "partner", "ex-fiancee": "partner", "ex-fiancé": "partner", "ex-fiancée": "partner",
    "baby daddy": "partner", "baby mama": "partner", "baby mommy": "partner", "girl": "partner",
    "daughter": "child", "son": "child", "child": "child", "kid": "child", "daughters": "child",
    "sons": "child", "children": "child", "kids": "child", "baby": "child", "twins": "child",
    "brood": "child", "offspring": "child", "heir": "child",
    "stepdaughter": "stepchild", "stepson": "stepchild", "stepchildren": "stepchild", "stepkids": "stepchild",
    "step-daughter": "stepchild", "step-son": "stepchild",
    "mother": "parent", "mom": "parent", "mum": "parent", "mama": "parent", "father": "parent",
    "dad": "parent", "daddy": "parent", "parents": "parent",
    "stepmother": "stepparent", "stepmom": "stepparent", "stepfather": "stepparent", "stepdad": "stepparent",
    "step-mother": "stepparent", "step-father": "stepparent", "step-mom": "stepparent", "step-dad": "stepparent",
    "sister": "sibling", "brother": "sibling", "sisters": "sibling", "brothers": "sibling",
    "siblings": "sibling", "half-sister": "sibling", "half-brother": "sibling", "twin": "sibling",
    "sis": "sibling", "bro": "sibling",
    "stepsister": "relative", "stepbrother": "relative", "grandmother": "relative", "grandfather": "relative",
    "grandma": "relative", "grandpa": "relative", "grandson": "relative", "granddaughter": "relative",
    "grandchildren": "relative", "grandchild": "relative", "cousin": "relative", "aunt": "relative",
    "uncle": "relative", "niece": "relative", "nephew": "relative", "mother-in-law": "relative",
    "father-in-law": "relative", "sister-in-law": "relative", "brother-in-law": "relative",
    "daughter-in-law": "relative", "son-in-law": "relative", "in-laws": "relative",
    "friend": "friend", "pal": "friend", "bff": "friend", "bestie": "friend", "friends": "friend",
    "pals": "friend", "best friend": "friend", "confidant": "friend", "confidante": "friend",
}
FORMER_WORDS = re.compile(
    r"\b(?:ex|former|late|estranged|divorced|one-time|onetime|then)\b|\bex-", re.IGNORECASE)
KIN_WORD = re.compile(
    r"(?<![\w-])(?P<mod>(?:(?:ex|former|late|estranged|current|new|longtime|long-time|then|now|real-life|"
    r"one-time|future|shared|eldest|oldest|youngest|younger|older|elder|adopted|biological|baby|little|"
    r"teenage|adult|only|firstborn|first|second|third|twin|beloved|famous|rumou?red|alleged|late|"
    r"\d{1,2}-year-old|two|three|four|five|six|seven|eight|nine|ten|[\w-]+ly)\s+|ex-|then-|former-)*)"
    r"(?P<kin>" + "|".join(sorted((re.escape(k) for k in KIN), key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
NAME_LIST_SEP = re.compile(r"^(?:\s*,\s*\d{1,2})?(?:\s*,?\s*(?:and|&)\s+|\s*,\s*)$")
HOLDER_GAP = re.compile(r"^(?:,\s*|\s+|\s*[:\u2013\u2014-]\s*)(?:(?:the|a|an|named|called)\s+)?$", re.IGNORECASE)
COPULA_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:who\s+(?:is|was)|is|was|has been|had been|became|is now|was once|,)\s+"
    r"(?:also\s+)?(?:the\s+|a\s+|an\s+|one\s+of\s+)?$", re.IGNORECASE)

# Events: "A married B", "A and B divorced", "A's divorce from B".
EVENTS = [
    (re.compile(r"\b(?:married|wed|weds|marrying|marries|tied the knot with|exchanged vows with)\b", re.I),
     "spouse", "current", "between"),
    (re.compile(r"\b(?:is|was|are|were|been|got|get|gets|getting)\s+married\s+to\b", re.I), "spouse", None, "between"),
    (re.compile(r"\b(?:divorced|divorcing|divorce from|divorce to|split from|split with|separated from|"
                r"broke up with|breakup with|break-up with|filed for divorce from|called it quits with|"
                r"parted ways with|annulled)\b", re.I), "spouse", "former", "between"),
    (re.compile(r"\b(?:got engaged to|engaged to|proposed to|is dating|was dating|are dating|were dating|"
                r"started dating|began dating|romance with|romancing|fell for|"
                r"hooked up with)\b", re.I), "partner", "current", "between"),
    (re.compile(r"\b(?:welcomed|had|shares?|share|co-parents?|co-parenting)\s+(?:a\s+|their\s+|two\s+|three\s+)?"
                r"(?:son|daughter|child|children|kids|baby|twins)\b[^.]{0,60}?\bwith\b", re.I),
     "coparent", None, "between"),
]
PAIR_EVENTS = [
    (re.compile(r"\b(?:divorced|split|separated|broke up|called it quits|parted ways|filed for divorce|"
                r"ended their (?:marriage|relationship)|annulled)\b", re.I), "former"),
    (re.compile(r"\b(?:married|wed|tied the knot|got hitched|exchanged vows|said [\"\u201c]?I do)\b", re.I), "current"),
    (re.compile(r"\b(?:got engaged|are engaged|became engaged|are dating|were dating|started dating|began dating|"
                r"have been dating|been together)\b", re.I), "current-partner"),
]
COUPLE = re.compile(r"\b(?:the|former|ex-)?\s*(?:couple|exes|pair|duo|newlyweds|lovebirds|former couple)\b", re.I)


@dataclass
class _Found:
    type: str
    subject: str
    object: str
    status: str
    evidence: list[Span] = field(default_factory=list)
    derived_from: tuple[str, ...] = ()


class RelationFinder:
    """Reads kinship phrases and relation events sentence by sentence."""

    def __init__(self, doc: Document, people: list[Person], refs: References) -> None:
        self.doc = doc
        self.text = doc.text
        self.people = {p.id: p for p in people}
        self.refs = refs
        self.found: dict[tuple[str, str, str], _Found] = {}
        self._holders_here: list[str] = []  # people named as someone's kin in the current sentence

    # -- recording -----------------------------------------------------------------
    def add(self, kind: str, subject: str, obj: str, status: str, span: Span) -> None:
        if not subject or not obj or subject == obj:
            return
        if kind in SYMMETRIC_RELATIONS:
            subject, obj = sorted((subject, obj))
        key = (kind, subject, obj)
        record = self.found.get(key)
        if record is None:
            record = self.found[key] = _Found(kind, subject, obj, status)
        elif status == "former" or (status == "current" and record.status == "unknown"):
            record.status = status
        if span not in record.evidence:
            record.evidence.append(span)

    def add_kin(self, anchor: str, holder: str, kin: str, modifiers: str, span: Span) -> None:
        """holder is anchor's <kin>."""
        kind = KIN[kin.lower()]
        former = bool(FORMER_WORDS.search(modifiers) or kin.lower().startswith("ex"))
        if kind == "child":
            self.add("parent", anchor, holder, "current", span)
        elif kind == "parent":
            self.add("parent", holder, anchor, "current", span)
        elif kind == "stepchild":
            self.add("stepparent", anchor, holder, "current", span)
        elif kind == "stepparent":
            self.add("stepparent", holder, anchor, "current", span)
        elif kind in ("sibling", "relative"):
            self.add(kind, anchor, holder, "current", span)
        else:
            status = "former" if former else ("current" if kind in ("spouse", "partner") else "unknown")
            if kind == "friend" and not former:
                status = "unknown"
            self.add(kind, anchor, holder, status, span)

    # -- phrases -------------------------------------------------------------------
    def names_in(self, start: int, end: int) -> list[Reference]:
        return [r for r in self.refs.within(start, end) if r.person and r.kind in ("name", "short")]

    def possessors(self, kin_start: int, sent_start: int) -> list[str]:
        """Whose kin: "Alec's ex", "her husband", "their daughter"."""
        before = self.text[sent_start:kin_start]
        m = re.search(r"(?P<who>[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+){0,3}?)(?:'s|\u2019s|')\s+(?:[\w-]+\s+){0,3}$", before)
        if m:
            refs = [r for r in self.refs.within(sent_start + m.start("who"), sent_start + m.end("who") + 2)
                    if r.person]
            if refs:
                return [refs[-1].person]  # type: ignore[list-item]
        m = re.search(r"\b(his|her|their)\s+(?:[\w-]+\s+){0,3}$", before, re.IGNORECASE)
        if m:
            word = m.group(1).lower()
            position = sent_start + m.start(1)
            if word == "their":
                return self.couple_before(position, exclude=set(self._holders_here))
            ref = self.refs.person_at(position, position + len(word))
            return [ref.person] if ref is not None and ref.person else []
        return []  # no possessive

    def couple_before(self, position: int, exclude: set[str | None] | None = None) -> list[str]:
        """The two people "their" most likely means: the last two named before it, not children."""
        children = {k[2] for k in self.found if k[0] == "parent"} | set(exclude or ())
        start = self.refs.sentence_of(position)[0]
        i = max(0, self.refs.sentence_starts.index(start) - 2) if start in self.refs.sentence_starts else 0
        window_start = self.refs.sentences[i][0] if self.refs.sentences else 0
        people: list[str] = []
        for ref in reversed(self.refs.within(window_start, position)):
            if ref.person and ref.person not in people and ref.person not in children \
                    and ref.kind in ("name", "short", "pronoun"):
                people.append(ref.person)
            if len(people) == 2:
                break
        return people

    def holders_after(self, kin_end: int, sent_end: int) -> list[Reference]:
        """Named right after the kin word: "daughter Ireland", "sons Brooklyn, 17, Romeo, 13, and Cruz"."""
        names = self.names_in(kin_end, min(sent_end, kin_end + 200))
        out: list[Reference] = []
        cursor = kin_end
        for ref in names:
            gap = self.text[cursor:ref.start]
            if not out and not HOLDER_GAP.match(gap):
                break
            if out and not NAME_LIST_SEP.match(gap) and not re.match(r"^(?:\s*,\s*\d{1,2})?\s*,?\s*(?:and|&)\s+"
                                                                  r"(?:their\s+)?(?:[\w-]+\s+){0,3}?$", gap):
                break
            out.append(ref)
            cursor = ref.end
        return out

    def holder_before(self, kin_start: int, sent_start: int, possessor_start: int) -> Reference | None:
        """Named just before: "Kim Basinger, Alec's ex-wife" or "David is her husband"."""
        names = self.names_in(sent_start, possessor_start)
        if not names:
            return None
        ref = names[-1]
        gap = self.text[ref.end:possessor_start]
        if re.match(r"^\s*,\s*$", gap) or COPULA_GAP.match(gap):
            return ref
        return None

    def read_kin_phrases(self) -> None:
        for sent_start, sent_end in self.refs.sentences:
            self._holders_here = []
            for m in KIN_WORD.finditer(self.text, sent_start, sent_end):
                kin = m.group("kin")
                if kin.lower() in ("love", "girl", "baby") and not m.group("mod"):
                    continue
                span = Span(m.start(), m.end())
                owners = self.possessors(m.start(), sent_start)
                of_match = re.match(r"\s+of\s+(?:the\s+late\s+)?", self.text[m.end():sent_end])
                if not owners and of_match:
                    after = self.names_in(m.end() + of_match.end(), min(sent_end, m.end() + of_match.end() + 60))
                    if after and after[0].start == m.end() + of_match.end():
                        owners = [after[0].person]  # type: ignore[list-item]
                        # "X, son of A and B"
                        rest = self.names_in(after[0].end, min(sent_end, after[0].end + 40))
                        if rest and re.match(r"^\s*(?:and|&)\s+$", self.text[after[0].end:rest[0].start]):
                            owners.append(rest[0].person)  # type: ignore[arg-type]
                        holder = self.holder_before(m.start(), sent_start, m.start() - len(m.group("mod") or ""))
                        if holder is None:
                            holder = self._sentence_subject(sent_start, m.start())
                        holder_ids = [holder.person] if holder is not None else []
                        if COUPLE.search(self.text[sent_start:m.start()]) and kin.lower() == "parents":
                            holder_ids = self.couple_before(sent_start)
                        for holder_id in holder_ids:
                            for owner in owners:
                                self.add_kin(owner, holder_id, kin, m.group("mod") or "", span)  # type: ignore[arg-type]
                        continue
                holders = self.holders_after(m.end(), sent_end)
                if not owners and holders:
                    owners = self.bare_owner(m.start(), sent_start, {h.person for h in holders})
                if not owners:
                    continue
                possessor_start = self._possessor_start(m.start(), sent_start)
                if not holders:
                    before = self.holder_before(m.start(), sent_start, possessor_start)
                    holders = [before] if before is not None else []
                self._holders_here.extend(h.person for h in holders if h.person)
                for holder in holders:
                    for owner in owners:
                        self.add_kin(owner, holder.person, kin, m.group("mod") or "", span)  # type: ignore[arg-type]
                if kin.lower() in ("children", "kids", "sons", "daughters", "twins") and len(holders) > 1:
                    for i, a in enumerate(holders):
                        for b in holders[i + 1:]:
                            self.add("sibling", a.person, b.person, "current", span)  # type: ignore[arg-type]

    def bare_owner(self, kin_start: int, sent_start: int, holders: set[str | None]) -> list[str]:
        """Whose kin, when no possessive says so: "Eva Ng and husband Jo", "a question about daughter Sue"."""
        before = self.text[sent_start:kin_start]
        couple = None
        for couple in COUPLE.finditer(before):
            pass
        if couple is not None:
            pair = self.couple_before(sent_start + couple.start(), exclude=holders)
            if len(pair) == 2:
                return pair
        m = re.search(r"(?:and|with|or|alongside|beside|joined by)\s+(?:[\w-]+\s+){0,2}$", before, re.IGNORECASE)
        if m:
            names = [r for r in self.names_in(sent_start, sent_start + m.start()) if r.person not in holders]
            if names and len(self.text[names[-1].end:sent_start + m.start()].strip(" ,0123456789")) == 0:
                return [names[-1].person]  # type: ignore[list-item]
        their = [mm for mm in re.finditer(r"\btheir\b", before, re.IGNORECASE)]
        if their:
            return self.couple_before(sent_start + their[-1].start(), exclude=holders)
        for ref in self.refs.within(sent_start, kin_start):
            if ref.person and ref.person not in holders and ref.kind in ("name", "short", "pronoun", "descriptor") \
                    and not _after_preposition(self.text, ref):
                return [ref.person]
        return []

    def _possessor_start(self, kin_start: int, sent_start: int) -> int:
        before = self.text[sent_start:kin_start]
        m = re.search(r"(?:[\w'\u2019.-]+(?:'s|\u2019s|')|his|her|their)\s+(?:(?:[\w-]+)\s+){0,3}$", before,
                      re.IGNORECASE)
        return sent_start + m.start() if m else kin_start

    def _sentence_subject(self, sent_start: int, limit: int) -> Reference | None:
        names = [r for r in self.refs.within(sent_start, limit) if r.person]
        return names[0] if names else None

    # -- events --------------------------------------------------------------------
    def read_events(self) -> None:
        for sent_start, sent_end in self.refs.sentences:
            sentence = self.text[sent_start:sent_end]
            names = [r for r in self.refs.within(sent_start, sent_end) if r.person and r.kind != "descriptor"]
            if len(names) < 1:
                continue
            for pattern, kind, status, _ in EVENTS:
                for m in pattern.finditer(sentence):
                    v_start, v_end = sent_start + m.start(), sent_start + m.end()
                    left = [r for r in names if r.end <= v_start and not _after_preposition(self.text, r)]
                    right = [r for r in names if r.start >= v_end]
                    if not right:
                        continue
                    if not left and m.group(0).lower().endswith("ing") and len(right) > 1:
                        left = [right[1]]  # "Before marrying Alec, she asked..."
                    if not left:
                        continue
                    a, b = left[-1], right[0]
                    if re.search(r"[.;]", self.text[b.end:b.end]) or b.start - v_end > 40:
                        continue
                    if kind == "coparent":
                        continue
                    found_status = status or self._status_near(sent_start, sent_end)
                    self.add(kind, a.person, b.person, found_status, Span(v_start, v_end))  # type: ignore[arg-type]
            # "A and B divorced in 2016", "the couple split"
            for pattern, status in PAIR_EVENTS:
                for m in pattern.finditer(sentence):
                    v_start = sent_start + m.start()
                    pair = self._pair_before(sent_start, v_start)
                    if pair is None:
                        continue
                    a, b = pair
                    existing = self._existing_kind(a, b)
                    verb = m.group(0).lower()
                    if status == "current-partner":
                        kind = "partner"
                    elif status == "current" or "divorc" in verb or "annul" in verb:
                        kind = "spouse"
                    else:
                        kind = existing or ("spouse" if re.search(r"\b(?:marri|wed|divorc|husband|wife)", self.text, re.I)
                                            and existing != "partner" and False else "partner")
                    self.add(kind, a, b, "current" if status.startswith("current") else "former",
                             Span(v_start, sent_start + m.end()))

    def _pair_before(self, sent_start: int, position: int) -> tuple[str, str] | None:
        before = self.text[sent_start:position]
        names = [r for r in self.refs.within(sent_start, position) if r.person]
        m = re.search(r"(?:^|\W)(?P<a>[^,;]+?)\s+(?:and|&)\s+(?P<b>[^,;]+?)(?:,[^,]*,)?\s+(?:have\s+|had\s+|"
                      r"officially\s+|finally\s+|first\s+|later\s+|then\s+|eventually\s+|"
                      r"recently\s+|were\s+|are\s+|got\s+|both\s+)*$", before)
        if m and len(names) >= 2:
            a_refs = [r for r in names if sent_start + m.start("a") <= r.start < sent_start + m.end("a")]
            b_refs = [r for r in names if sent_start + m.start("b") <= r.start < sent_start + m.end("b")]
            if a_refs and b_refs and a_refs[-1].person != b_refs[0].person:
                return a_refs[-1].person, b_refs[0].person  # type: ignore[return-value]
        tail = before[-40:]
        couple = COUPLE.search(tail) or re.search(r"\b(?:they|the two)\s+(?:\w+\s+){0,2}$", tail, re.I)
        if couple:
            pair = self.couple_before(position - len(tail) + couple.start())
            if len(pair) == 2:
                return pair[0], pair[1]
        return None

    def _existing_kind(self, a: str, b: str) -> str | None:
        x, y = sorted((a, b))
        for kind in ("spouse", "partner"):
            if (kind, x, y) in self.found:
                return kind
        return None

    def _status_near(self, start: int, end: int) -> str:
        return "former" if FORMER_WORDS.search(self.text[start:end]) else "current"

    # -- derived ---------------------------------------------------------------------
    def derive(self) -> None:
        """Step-parents the text talks about, and siblings through a shared parent."""
        text_lower = self.text.lower()
        mentions_step = bool(re.search(r"\bstep-?(?:mother|mom|mum|father|dad|daughter|son|child|kids|parent)", text_lower))
        parents: dict[str, set[str]] = {}
        for (kind, a, b) in list(self.found):
            if kind == "parent":
                parents.setdefault(b, set()).add(a)
        for (kind, a, b), record in list(self.found.items()):
            if kind != "spouse" or record.status != "current" or not mentions_step:
                continue
            for x, y in ((a, b), (b, a)):
                for child, ps in parents.items():
                    if x in ps and y not in ps and child not in (x, y):
                        key = ("stepparent", y, child)
                        if key not in self.found:
                            self.found[key] = _Found("stepparent", y, child, "current", list(record.evidence),
                                                     derived_from=(f"spouse:{a}:{b}", f"parent:{x}:{child}"))

    def relations(self) -> list[Relation]:
        self.read_kin_phrases()
        self.read_events()
        self.derive()
        out = []
        for record in self.found.values():
            status = record.status
            if record.type in ("parent", "stepparent", "sibling"):
                status = "current"
            out.append(Relation(record.type, record.subject, record.object, status,
                                tuple(record.evidence), record.derived_from))
        return out


def _after_preposition(text: str, ref: Reference) -> bool:
    return bool(re.search(r"\b(?:of|with|to|for|from|by|about)\s+$", text[max(0, ref.start - 8):ref.start]))


def find_relations(doc: Document, people: list[Person], refs: References) -> list[Relation]:
    """Every relation the text states, with status and evidence spans."""
    return RelationFinder(doc, people, refs).relations()
