"""References: which person a pronoun or a descriptor ("the actress") stands for."""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..deadline import check as check_budget
from ..model import Document, Mention, Person
from ..nlp import english_words
from .wordlists import table
from .lexicon import FEMALE_WORDS, FRONTED_OPENER, MALE_WORDS, ROLE_NOUNS
from .context import QUOTED_BLOCKS, ArticleContext  # QUOTED_BLOCKS: read by quotes.py too

PRONOUN = re.compile(r"\b(she|he|her|him|his|hers|herself|himself)\b", re.IGNORECASE)
LATTER = re.compile(r"\b[Tt]he\s+(?:latter|former)\b(?!\s+(?:[a-z]+\s+)?(?:of|for|to|from)\b)")
#: "the singer's mom" is the singer's: a possessive ends the descriptor ("the singer") and is no modifier.
#: A work's title in quote marks inside a descriptor: 'the "Wrecking Ball" singer', "the 'Famous' hitmaker".
#: It opens with a capital or a digit and holds no sentence punctuation, so a quote is not taken for one.
QUOTED_TITLE = (r"(?:[\"\u201c][A-Z\d][^\"\u201c\u201d\n,.;:!?]{0,40}[\"\u201d]"
                r"|[\u2018'][A-Z\d][^\u2018\u2019'\n,.;:!?]{0,40}[\u2019'])")
DESCRIPTOR = re.compile(
    r"\b(?:[Tt]he)\s+((?:(?:(?!(?:her|his|their|its|my|our|your|that|who|which|and|or|but|to|of)\b)"
    r"[\w'\u2019-]+(?<!['\u2019]s)|" + QUOTED_TITLE + r")\s+){0,4}?(?P<noun>"
    + "|".join(sorted((re.escape(n) for n in ROLE_NOUNS), key=len, reverse=True))
    + r"))\b(?!\s+(?:of|for|to|from|who|whom|that|which)\b)(?![\w-])(?!['\u2019](?!s\b))",
)
#: What keeps a name and a later descriptor from being subject and object of one clause: punctuation,
#: a copula ("is the singer") or a conjunction starting another clause.
CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s|\b(?:is|was|are|were|be|been|being|became|becomes|"
                          r"remains|remained|as|and|but|or|while|when|after|before|because|since|who|which|that)\b",
                          re.IGNORECASE)
#: Pronouns that are never a clause's subject: objects and possessives ("Her prognosis was poor").
NEVER_SUBJECT = frozenset({"him", "her", "his", "hers", "them", "their", "theirs", "its"})
SENTENCE_OPENERS = re.compile(r"^(?:[\"'\u201c\u2018]?(?:But|And|So|Yet|Still|Now|Later|Meanwhile|However|Also),?\s+)?")

#: Words that follow "the former" or "the latter" used as a pronoun ("The former smiled", "the latter
#: is"): auxiliaries and adverbs. Any other lowercase word that is no verb continues a noun phrase,
#: where "former" is an adjective: "the former owner", "the former first lady".
PRONOUN_FOLLOWERS = frozenset("""is was are were has had have will would could can did does do may might
must should shall also still never just then now once already even only too""".split())
#: What follows "the former" as an adjective whatever the word: a capital, a quote mark or a digit
#: ("the former England captain", 'the former "Friends" star', "the former 49ers star").
NOUN_PHRASE_GOES_ON = re.compile(r"\s+[A-Z\"\u201c\u2018'\d]")
NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")

#: A descriptor that owns: "the singer's", "the reality star's" (two words may stand between).
POSSESSIVE_AFTER = re.compile(r"(?:\s+[a-z-]+){0,2}['\u2019]s\b")
LEADING_ADVERBIAL = re.compile(r"^" + FRONTED_OPENER + r"[^,]{0,60},\s*")


@dataclass(frozen=True)
class Reference:
    """A span that refers to a person: a name, a pronoun or a descriptor."""

    start: int
    end: int
    text: str
    kind: str
    person: str | None
    subject: bool = False


class RunningCounts:
    """How often each person is named before a position, and who was named most, in log time.

    Built once over a sorted list of name references. `count` bisects the person's own
    positions; `contenders` is a superset of the TOP people named most before a position: the
    leaders at the last snapshot (taken every EVERY references) plus everyone named since, as
    nobody else can have overtaken them. So a question about "the person named most so far"
    costs O(TOP + EVERY) instead of a scan of the article.
    """

    TOP = 24
    EVERY = 64

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        self.starts = [r.start for r in refs]
        self.positions: dict[str, list[int]] = {}
        self.first_seen: dict[str, int] = {}
        self.snapshots: list[tuple[str, ...]] = []
        leaders: list[str] = []
        for index, ref in enumerate(refs):
            if index % self.EVERY == 0:
                self.snapshots.append(tuple(leaders))
            pid = ref.person
            assert pid is not None
            self.positions.setdefault(pid, []).append(ref.start)
            self.first_seen.setdefault(pid, index)
            if pid not in leaders:
                leaders.append(pid)
            leaders.sort(key=self._rank)
            del leaders[self.TOP:]

    def _rank(self, pid: str) -> tuple[int, int]:
        return -len(self.positions.get(pid, ())), self.first_seen.get(pid, 0)

    def count(self, pid: str, position: int) -> int:
        """How often pid is named before position."""
        return bisect.bisect_left(self.positions.get(pid, []), position)

    def contenders(self, position: int) -> set[str]:
        """Everyone who may be among the TOP people named most before position."""
        index = bisect.bisect_left(self.starts, position)
        if not index:
            return set()
        snap = (index - 1) // self.EVERY
        out = set(self.snapshots[snap])
        out.update(r.person for r in self.refs[snap * self.EVERY:index] if r.person)
        return out

    def most_named(self, position: int, minimum: int = 1) -> str | None:
        """The person named most before position (ties: the one named first), if named `minimum` times."""
        best = None
        for pid in self.contenders(position):
            key = (-self.count(pid, position), self.first_seen[pid])
            if key[0] <= -minimum and (best is None or key < best[0]):
                best = (key, pid)
        return best[1] if best else None


class References:
    """All references in a document in text order, with lookups by position."""

    def __init__(self, doc: Document, people: list[Person], sentences: list[tuple[int, int]] | None = None, *,
                 context: ArticleContext | None = None) -> None:
        self.context = context if context is not None else ArticleContext(doc, sentences=sentences)
        self.doc = doc
        self.text = doc.text
        self.people = {p.id: p for p in people}
        self.counts = Counter({p.id: sum(1 for m in p.mentions if m.kind != "handle") for p in people})
        # the article's context, shared: read here for the stages that reach it through References
        self.sentences = self.context.sentences
        self.sentence_starts = self.context.sentence_starts
        self.marks = self.context.marks
        self.quoted = self.context.quoted
        self.young = _young_people(doc, people)
        self.ages = _stated_ages(doc, people, self.sentences)
        headlines = doc.blocks_of("headline")
        self.headline_end = headlines[0].end if headlines else 0
        names = []
        for person in people:
            for m in person.mentions:
                if m.kind in ("name", "short"):
                    names.append(Reference(m.start, m.end, m.text, m.kind, person.id, self._is_subject(m.start)))
        names.sort(key=lambda r: r.start)
        self.refs: list[Reference] = names
        self._name_refs = list(names)  # names only: pronouns and descriptors are added to refs below
        self._name_ends = _running_max_end(names)
        self._first_name_at: dict[str, int] = {}
        for ref in names:
            self._first_name_at.setdefault(ref.person, ref.start)  # type: ignore[arg-type]
        self._by_gender = {g: RunningCounts([r for r in names if self.people[r.person].gender == g])  # type: ignore[index]
                           for g in ("f", "m", None)}
        outside = [r for r in names if not self.in_quote(r.start)]
        self._outside_by_gender = {g: RunningCounts([r for r in outside if self.people[r.person].gender == g])  # type: ignore[index]
                                   for g in ("f", "m", None)}
        self._resolve_pronouns_and_descriptors()

    def sentence_of(self, position: int) -> tuple[int, int]:
        """The sentence holding this offset (or the nearest before it)."""
        return self.context.sentence_of(position)

    def in_aside(self, position: int) -> bool:
        """Whether position sits in an aside of its sentence: between dashes or in parentheses."""
        return self.context.in_aside(position)

    def _is_subject(self, position: int) -> bool:
        start, _ = self.sentence_of(position)
        lead = SENTENCE_OPENERS.match(self.doc.text[start:position])
        rest = self.doc.text[start + (lead.end() if lead else 0):position]
        rest = LEADING_ADVERBIAL.sub("", rest)  # "In a new interview, Jo said"
        return len(rest.split()) <= 2 and not re.search(r"[,;]", rest)

    def _resolve_pronouns_and_descriptors(self) -> None:
        found: list[tuple[int, int, str, str, str | None]] = []
        gender: str | None
        for block in self.doc.blocks:
            if block.kind in ("social_embed", "dateline", "comment"):
                continue
            for m in PRONOUN.finditer(self.doc.text, block.start, block.end):
                word = m.group(1).lower()
                gender = "f" if word in FEMALE_WORDS else "m"
                found.append((m.start(), m.end(), m.group(0), "pronoun", gender))
            for m in LATTER.finditer(self.doc.text, block.start, block.end):
                if not DESCRIPTOR.match(self.doc.text, m.start()) and not _adjective_former(self.doc.text, m.end()):
                    # "the former Friends star" is a descriptor; "the former England captain" no pick
                    found.append((m.start(), m.end(), m.group(0), "latter", None))
            for m in DESCRIPTOR.finditer(self.doc.text, block.start, block.end):
                noun = m.group("noun").lower()
                if noun in ("couple", "pair", "duo"):
                    continue
                gender = "f" if noun in FEMALE_WORDS else "m" if noun in MALE_WORDS else None
                found.append((m.start(), m.end(), m.group(0), "descriptor", gender))
        found.sort()
        for start, end, text, kind, gender in found:
            check_budget()
            if self._inside_a_name(start):
                continue
            if kind == "latter":
                person, kind = self._former_or_latter(start, text), "descriptor"
            else:
                person = self._cataphor(start, gender) if kind == "pronoun" else None
                if person is None:
                    person = self.antecedent(start, gender, descriptor=(kind == "descriptor"))
            subject = self._is_subject(start) and text.lower() not in NEVER_SUBJECT  # "Her prognosis ..."
            ref = Reference(start, end, text, kind, person, subject)
            bisect.insort(self.refs, ref, key=lambda r: r.start)

    def _inside_a_name(self, position: int) -> bool:
        """Whether position falls inside a name or short-name reference."""
        i = bisect.bisect_right(self._name_refs, position, key=lambda r: r.start)
        return i > 0 and self._name_ends[i - 1] > position

    def _former_or_latter(self, position: int, text: str) -> str | None:
        """'the latter' is the last person named before it, 'the former' the one before that."""
        named: list[str] = []
        for ref in reversed(self.within(max(0, position - 600), position)):
            if ref.person is not None and ref.kind in ("name", "short") and ref.person not in named:
                named.append(ref.person)
            if len(named) == 2:
                break
        index = 0 if text.lower().endswith("latter") else 1
        return named[index] if len(named) > index else None

    def _cataphor(self, position: int, gender: str | None) -> str | None:
        """'While making his claims, Tom Reyes said': a pronoun in a fronted clause is the main clause's
        subject, named right after the comma."""
        start, _ = self.sentence_of(position)
        lead = SENTENCE_OPENERS.match(self.doc.text[start:position])
        clause_start = start + (lead.end() if lead else 0)
        opener = LEADING_ADVERBIAL.match(self.doc.text[clause_start:position + 80])
        if opener is None or position >= clause_start + opener.end():
            return None
        main = clause_start + opener.end()
        names = [r for r in self.within(main, main + 40) if r.kind in ("name", "short")]
        if not names or names[0].start != main or names[0].person is None:
            return None
        person = self.people[names[0].person]
        return names[0].person if not (gender and person.gender and person.gender != gender) else None

    def antecedent(self, position: int, gender: str | None, *, descriptor: bool = False) -> str | None:
        """The person a pronoun or descriptor at position most likely means."""
        if descriptor:
            return self._salient(position, gender)
        sent_start, _ = self.sentence_of(position)
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        window_start = self.sentences[max(i - 4, 0)][0] if self.sentences else 0
        outside = not self.in_quote(position)
        window = [r for r in self.within(window_start, position) if r.person is not None
                  and not (outside and self.in_quote(r.start))]  # names inside speech are not antecedents
        was_subject = {r.person for r in window if r.subject}
        # a person of unknown gender the text just called "she" is not the next "he"
        called = {r.person: _pronoun_gender(r.text) for r in window if r.kind == "pronoun"}
        best, best_score = None, float("-inf")
        seen: set[str] = set()
        rank = -1
        for ref in reversed(window):
            if ref.person in seen:
                continue
            seen.add(ref.person)  # type: ignore[arg-type]
            rank += 1
            person = self.people[ref.person]  # type: ignore[index]
            if gender and person.gender and person.gender != gender:
                continue
            if gender and person.gender is None and called.get(ref.person, gender) not in (gender, None):
                continue
            score = -float(rank)
            if ref.subject:
                score += 1.5
            elif ref.person in was_subject:
                score += 1.0
            if self.text[ref.end:ref.end + 2] in ("'s", "\u2019s") or re.search(
                    r"\b(?:of|with|to|for|about|at|by|from|as)\s+$", self.text[max(0, ref.start - 8):ref.start]):
                score -= 1.0  # "posed as Milo's father": a possessor or an object is rarely the next "he"
            if gender and person.gender is None:
                score -= 1.5
            if ref.kind == "descriptor":
                score -= 0.5  # "the star" was itself a guess
            if self.in_aside(ref.start):
                score -= 1.0  # "Laura Bennett -- the agent who handled Sarah's case -- spent...": an aside
            if ref.person in self.young:
                score -= 2.0  # a three-year-old is rarely the one quoted or acting
            score += 0.5 * math.log2(1 + self.counts[ref.person])  # type: ignore[index]
            if score > best_score:
                best, best_score = ref.person, score
        if gender and (best is None or self.people[best].gender != gender):
            # nobody of that gender nearby: the article's main person of that gender, if named before
            pid = self._by_gender[gender].most_named(window_start, minimum=2)
            if pid is not None and -float(rank + 1) + 0.5 * math.log2(1 + self.counts[pid]) > best_score:
                best = pid
        return best

    def in_quote(self, position: int) -> bool:
        """Whether position lies inside quoted words."""
        return self.context.in_quote(position)

    def _salient(self, position: int, gender: str | None) -> str | None:
        """For "the actress": the compatible person the article is most about, near here."""
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        near_start = self.sentences[max(i - 3, 0)][0] if self.sentences else 0
        outside = not self.in_quote(position)
        series = self._outside_by_gender if outside else self._by_gender
        wanted = (gender, None) if gender else ("f", "m", None)
        recent: set[str] = set()
        subjects: set[str] = set()
        for ref in self.within(near_start, position):
            if ref.person is None or ref.kind not in ("name", "short") or outside and self.in_quote(ref.start):
                continue
            recent.add(ref.person)
            if ref.subject:
                subjects.add(ref.person)
        headline = {r.person for r in self.within(0, self.headline_end) if r.person}
        # the subject of the sentence just before: '"I love her," the nominee told...' after 'Leo opened up...'
        last_start = self.sentences[i - 1][0] if i >= 1 and self.sentences else 0
        last_subjects = {r.person for r in self.within(last_start, self.sentences[i][0] if self.sentences else 0)
                         if r.person and r.subject and r.kind in ("name", "short")}
        counts: dict[str, int] = {}
        for g in wanted:
            bonus = {p for p in recent | headline | last_subjects if self.people[p].gender == g}
            for pid in series[g].contenders(position) | bonus:
                counts[pid] = series[g].count(pid, position)
        best, best_score = None, float("-inf")
        age = _age_after(self.text, position)
        bound = self._subject_of_clause(position) | self._subject_pronouns_before(position)
        for pid, count in sorted(counts.items(), key=lambda item: self._first_named(item[0])):
            if count == 0 or pid in bound:
                continue
            person = self.people[pid]
            if gender and person.gender and person.gender != gender:
                continue
            if age is not None and pid in self.ages and self.ages[pid] != age:
                continue  # "the legend, 41," is not the woman the text says is 42
            score = math.log2(1 + count) + (1.0 if pid in headline else 0) + (1.0 if pid in recent else 0)
            score += 0.5 if pid in subjects else 0
            score += 1.5 if pid in last_subjects else 0
            if gender and person.gender is None:
                score -= 1.0
            if score > best_score:
                best, best_score = pid, score
        return best

    def _subject_of_clause(self, position: int) -> set[str]:
        """People named earlier in the same clause as position, with only words between ("Jo didn't
        call the singer"): a descriptor there means someone else, unless a copula joins them ("Jo is
        the singer") or punctuation sets it apart ("Jo, the singer,")."""
        start, _ = self.sentence_of(position)
        out = set()
        for ref in self.within(start, position):
            if ref.person is None or ref.kind not in ("name", "short"):
                continue
            between = self.text[ref.end:position]
            if not CLAUSE_BREAK.search(between):
                out.add(ref.person)
        return out

    def _subject_pronouns_before(self, position: int) -> set[str]:
        """For a possessive descriptor ("the singer's mom"): the people a "he" or "she" earlier in the
        sentence stands for. Writers say "she had dinner with her mom" of one person; "she had dinner
        with the singer's mom" names someone else. A pronoun in a fronted clause ("After she won, the
        singer's mother cried") may be the descriptor's person, and is left out."""
        m = DESCRIPTOR.match(self.text, position)
        if m is None or not POSSESSIVE_AFTER.match(self.text, m.end()):
            return set()
        start, _ = self.sentence_of(position)
        lead = SENTENCE_OPENERS.match(self.text[start:position])
        clause_start = start + (lead.end() if lead else 0)
        opener = LEADING_ADVERBIAL.match(self.text[clause_start:position])
        main = clause_start + (opener.end() if opener else 0)
        return {r.person for r in self.within(main, position)
                if r.person and r.kind == "pronoun" and r.text.lower() in ("he", "she")}

    def _first_named(self, pid: str) -> int:
        """Where pid is first named (ties between people go to the one named first)."""
        return self._first_name_at.get(pid, 0)

    def person_at(self, start: int, end: int) -> Reference | None:
        """The reference overlapping [start, end), if any."""
        i = bisect.bisect_right(self.refs, start, key=lambda r: r.start)
        for ref in self.refs[max(i - 3, 0):i + 3]:
            if ref.start < end and start < ref.end:
                return ref
        return None

    def within(self, start: int, end: int) -> list[Reference]:
        """References inside [start, end), in order."""
        lo = bisect.bisect_left(self.refs, start, key=lambda r: r.start)
        out = []
        for ref in self.refs[lo:]:
            if ref.start >= end:
                break
            out.append(ref)
        return out

    def people_with_references(self) -> list[Person]:
        """The people with every pronoun and descriptor that stands for them added to their mentions."""
        extra: dict[str, list[Mention]] = {}
        for ref in self.refs:
            if ref.person and ref.kind in ("pronoun", "descriptor"):
                extra.setdefault(ref.person, []).append(Mention(ref.start, ref.end, ref.text, ref.kind))
        return [replace(p, mentions=tuple(sorted(p.mentions + tuple(extra.get(p.id, ())), key=lambda m: m.start)))
                for p in self.people.values()]

    def main_person(self) -> str | None:
        """The most mentioned person, who an untargeted comment is usually about."""
        return self.counts.most_common(1)[0][0] if self.counts else None


def _pronoun_gender(word: str) -> str | None:
    """'f' for she/her/hers/herself, 'm' for he/him/his/himself, else None."""
    low = word.lower()
    return "f" if low in FEMALE_WORDS else "m" if low in MALE_WORDS else None


def _running_max_end(refs: list[Reference]) -> list[int]:
    """For each reference in start order, the furthest end of it and every reference before it."""
    out, furthest = [], -1
    for ref in refs:
        furthest = max(furthest, ref.end)
        out.append(furthest)
    return out


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
AGE_BEFORE = re.compile(r"\b(\d{1,2}|[a-z]+)-(?:year|month|week)-old\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
AGE_AFTER = re.compile(r"^,\s*(\d{1,2}),")


def _young_people(doc: Document, people: list[Person]) -> set[str]:
    """People the text gives an age under 13: "her three-year-old son Jack", "Ava, 5,"."""
    young = set()
    for person in people:
        for m in person.mentions:
            before = AGE_BEFORE.search(doc.text[max(0, m.start - 50):m.start])
            after = AGE_AFTER.match(doc.text[m.end:m.end + 8])
            for found in (before, after):
                if found is None:
                    continue
                word = found.group(1).lower()
                age = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 99)
                if "month" in found.group(0) or "week" in found.group(0):
                    age = 0
                if age < 13:
                    young.add(person.id)
    return young


AGE_APPOSITIVE = re.compile(r"^\s*,\s*(\d{1,2}),")
AGE_IN_SENTENCE = re.compile(r"\b(?:at the age of|aged|at)\s+(\d{2})\b")


def _age_after(text: str, position: int) -> int | None:
    """The age an appositive gives right after a descriptor: "The star, 41, told ..."."""
    m = DESCRIPTOR.match(text, position)
    end = m.end() if m else position
    found = AGE_APPOSITIVE.match(text[end:end + 8])
    return int(found.group(1)) if found else None


def _stated_ages(doc: Document, people: list[Person], sentences: list[tuple[int, int]]) -> dict[str, int]:
    """Ages the text gives a person: "Jo Bell, 42," or "at the age of 42" in a sentence naming only her."""
    ages: dict[str, int] = {}
    starts = [s for s, _ in sentences]
    named: dict[int, set[str]] = {}
    for person in people:
        for m in person.mentions:
            if m.kind in ("name", "short"):
                named.setdefault(bisect.bisect_right(starts, m.start) - 1, set()).add(person.id)
    for person in people:
        for m in person.mentions:
            if m.kind not in ("name", "short"):
                continue
            found = AGE_APPOSITIVE.match(doc.text[m.end:m.end + 8])
            i = bisect.bisect_right(starts, m.start) - 1
            if found is None and 0 <= i < len(sentences) and named.get(i) == {person.id}:
                found = AGE_IN_SENTENCE.search(doc.text, m.end, min(sentences[i][1], m.end + 400))
            if found is not None:
                ages.setdefault(person.id, int(found.group(1)))
    return ages


def _adjective_former(text: str, end: int) -> bool:
    """Is the "the former" or "the latter" ending at end an adjective before a noun ("the former
    England captain", "the former owner"), not a pronoun picking one of two people ("The former
    smiled", "the latter's")? A pronoun is followed by punctuation, a verb or an adverb."""
    if NOUN_PHRASE_GOES_ON.match(text, end):
        return True
    m = NEXT_WORD.match(text, end)
    if m is None:
        return False  # "the latter's", "the former," or the end of the text
    word = m.group(1)
    if word in ROLE_NOUNS or word in table("kin_nouns"):
        return True  # "the former host", "the former partner" ("partner" is a verb too)
    if word in PRONOUN_FOLLOWERS or word.endswith("ly"):
        return False
    return not _verb_form(word, english_words("", ("verb",)))


def _verb_form(word: str, verbs: frozenset[str]) -> bool:
    """'smiled', 'says', 'told': a form of an English verb (a base, an inflection or an irregular past)."""
    if word in verbs or word in table("irregular_verbs"):
        return True
    return any(word.endswith(ending) and word[:-len(ending)] in verbs for ending in ("s", "es", "ed", "d", "ing"))
