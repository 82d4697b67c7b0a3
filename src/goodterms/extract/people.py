"""People: named-entity spans, kinship cues and embed authors merged into individuals."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..deadline import check as check_budget
from ..model import Document, Embed, Mention, Person
from ..nlp import english_words
from .names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from .name_forms import fold, nicknames
from .name_forms import short_form as _short_form
from .name_search import NameForms
from .name_uses import grammar_says_person, person_use, thing_name, thing_use, word_not_name, words_not_name
from .outlets import is_known_outlet
from .parse import Parses
from .sentences import document_sentences
from .title_lines import Prose, inside, prose, title_lines, trim_to_prose_name
from .wordlists import entries
from .kinship import NAMING_KIN
from .lexicon import (
    CITED_HANDLE, FEMALE_WORDS, GENDER_OF_HONORIFIC, HONORIFICS, MALE_WORDS, NOT_PEOPLE, OUTLET_NAME_END, ROLE_NOUNS,
)

NAME_TOKEN = r"(?:[A-Z]\.|[A-Z][a-zA-Z\u00C0-\u017F'\u2019-]*[a-zA-Z\u00C0-\u017F]|[A-Z])"
#: Plural kin nouns that open a list of names as well: "his ex-wives Ana Vale and Bo Reyes".
LIST_KIN = frozenset({"wives", "husbands", "ex-wives", "ex-husbands", "exes", "granddaughters", "grandsons",
                      "nieces", "nephews", "cousins", "stepdaughters", "stepsons"})
KIN_LIST = re.compile(
    r"\b(?P<kin>" + "|".join(sorted((re.escape(k) for k in NAMING_KIN | LIST_KIN), key=len, reverse=True)) + r")"
    r"(?:,|:|\s*[\u2013\u2014-]{1,2})?\s+(?:(?:the|a|an)\s+)?(?:(?!(?:in|of|at|from|to|on|with|for|and|by|as|is|was|who|that|when|while|after|before|about)\b)[a-z][\w-]*\s+){0,2}?(?P<names>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r"){0,2}"
    r"(?:(?:,\s*\d{1,2})?(?:,\s*|\s+and\s+|,\s*and\s+)" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r"){0,2})*)",
)
# "the father of Aurelien-Baptiste Quarrow", "father of journalist Ysolde Quarrow": a name after
# "KIN of" (the model often tags such names ORG). The first name only; a list goes on through NER.
KIN_OF = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(k) for k in NAMING_KIN if k != "ex" and " " not in k), key=len, reverse=True))
    + r")\s+of\s+(?:the\s+late\s+)?(?:(?!(?:the|a|an|his|her|their|in|at|from|to|on|with|for|and|by|as|is|was|who|"
    r"that)\b)[a-z][\w-]*\s+){0,2}?(?P<name>" + NAME_TOKEN + r"(?:\s+(?:de|da|di|van|von|del|la|le)?\s*" + NAME_TOKEN
    + r"){1,3})"
)
#: A full name owning a kin noun, which the model sometimes leaves untagged: "Nadia Reyes's husband".
KIN_OWNER = re.compile(
    r"(?<![\w'\u2019])(?P<name>[A-Z][a-z]+\s+[A-Z][a-z'\u2019-]*[a-z])['\u2019]s?\s+(?:[a-z][\w-]*\s+)?(?:"
    + "|".join(sorted((re.escape(k) for k in NAMING_KIN if k != "ex"), key=len, reverse=True)) + r")\b"
)
KIN_APPOSITIVE = re.compile(
    r"(?<![\w'])(?P<name>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r"){0,2}),\s+(?:the|his|her|their|our|my)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted((re.escape(k) for k in NAMING_KIN), key=len, reverse=True)) + r")\b"
)
#: A role noun right after capitalised words: "(ex) Thai monk", "(ex-)Access Hollywood host".
ROLE_AFTER = re.compile(r"\s+(?:" + "|".join(sorted((re.escape(r) for r in ROLE_NOUNS), key=len, reverse=True)) + r")\b")
LIST_SPLIT = re.compile(r",\s*\d{1,2}\b|,\s*and\s+|\s+and\s+|,\s*")
# Capitalised words that are English words first: never taken for a first name on their own.
COMMON_CAPITALS = frozenset(
    """a an the and but or so he she they we i it his her their our my your this that these
    those there here when where while after before since then now today yesterday tomorrow
    will may june april august rose grace hope joy faith page star love baby mother father
    mom dad son daughter wife husband sister brother family friend friends fans people
    everyone nobody someone god one two three his hers monday tuesday wednesday thursday
    friday saturday sunday january february march july september october november december
    in on at of for with from by as if not no yes oh well also just even still though although
    because however meanwhile instead indeed actually sources source reports report""".split()
)
#: Common words that are given names too: right after a kin noun ("daughter August") they are names.
WORD_NAMES = frozenset("april may june july august rose grace hope joy faith star summer autumn dawn ivy oscar "
                       "will page love".split())
LEADING_NOISE = frozenset("inside meet watch see exclusive breaking photos pics video why how who what".split())
PERSON_LABELS = {"PERSON"}
#: Labels the small model gives some full names ("Kimberly Ashford Vane" as ORG).
MISLABELLED_PERSON = {"ORG", "GPE", "FAC", "NORP", "LOC", "PRODUCT", "WORK_OF_ART"}
#: Titles written shortened with a full stop ("Dr. Lenny Varga"): never a name on their own.
TITLE_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Sen Rep Gov Rev Gen Lt Col Sgt Capt Prof".split())
#: A full name after a title, which the small model often leaves untagged ("Rep. Owen
#: Castellan Jr.", "Media Coordinator Wade Ellery").
TITLED_NAME = re.compile(
    r"\b(?:(?:" + "|".join(sorted(TITLE_ABBREVIATIONS)) + r")\.|Coordinator|Director|Spokesman|"
    r"Spokeswoman|Spokesperson|Chairman|Chairwoman|Secretary|Senator|Representative|Governor|Mayor|Judge|"
    r"Coach|Professor|Officer|Manager|Editor|Minister|Ambassador|Adviser|Advisor|Attorney|Sheriff|"
    r"Commissioner|President|Councilman|Councilwoman|Congressman|Congresswoman)\s+"
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:\s+[A-Z]\.)?(?:\s+(?!(?:Jr|Sr)\b)[A-Z][a-z'\u2019-]+){1,2}(?:\s+(?:Jr\.|Sr\.|(?:II|III|IV)\b))?)"
)
#: Birth and death dates right after a name: "Orsolya Vetter (11 February 1927 in Graz – ...".
LIFE_DATES = re.compile(
    r"\s*\((?:born\b|b\.\s|n[ée]e\b|(?:c\.\s*)?\d{1,2}\s+[A-Z][a-z]+\s+\d{3,4}\b|[A-Z][a-z]+\s+\d{1,2},\s+\d{3,4}\b|"
    r"\d{3,4}\s*[\u2013-]\s*\d{3,4}\))"
)
#: Last words that make a given name part of a place or an institution's name.
INSTITUTION_END = re.compile(
    r"\b(?:Inc|Corp|Co|Ltd|LLC|Group|University|College|School|Academy|Hospital|Clinic|Foundation|Institute|"
    r"Center|Centre|Street|St|Avenue|Ave|Road|Rd|Park|Bridge|Hotel|Station|Airport|Church|Cathedral|Brand|"
    r"Records|Studios?|Bank|Fund|Trust|Line|Square|Hall|Awards?|Prize|Festival|Show|Company|Club|Team|"
    r"County|City|State|Island|Lake|River|Mountains?|Valley|Beach|Bay|Airlines|Stadium|Arena|Museum|"
    r"Library|Theatre|Theater|House|Building|Tower|Memorial|Society|Association|Council|Committee|Party)\.?$"
)
NAMELIKE_LABELS = {"GPE", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}


@dataclass
class Entity:
    """One NER span: offsets into Document.text and its label."""

    start: int
    end: int
    label: str


@dataclass
class _Builder:
    forms: Counter[str] = field(default_factory=Counter)
    embed_forms: set[str] = field(default_factory=set)
    handles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    first_at: int = 10**9

    @property
    def tokens(self) -> list[str]:
        return self.best_form().split()

    def best_form(self) -> str:
        body = [f for f in self.forms if f not in self.embed_forms or self.forms[f] > 1]
        pool = body or list(self.forms)
        multi = [f for f in pool if " " in f]
        if multi:
            return max(multi, key=lambda f: (self.forms[f] + 0.5 * len(f.split()), len(f)))
        return max(pool, key=lambda f: (self.forms[f], f[:1].isupper(), len(f)))


def clean_name(text: str, start: int) -> tuple[str, int, int] | None:
    """Strip titles, possessives, handles and punctuation; None if no name is left."""
    suffix_dot = re.search(r"\b(?:Jr|Sr)\.", text)
    text = re.split(r"\s[-\u2013\u2014]\s", text)[0]  # "Nell Ward - best known for": a dash ends the name
    text = re.sub(r"(?:['\u2019\u2018]s?)?[\s,.;:!?)\"'\u2019\u201d]*$", "", text)  # "Nell\u2018s" too
    if "/" in text or text.startswith("#"):
        return None  # a photo credit ("Name/Agency") or a hashtag is not a name mention
    text = re.split(r"\s*(?:[|&(\[]|__)", text)[0]  # "David Vale &", "Weeknd (a.k.a", "Jo__to Rome": a name ends there
    inner = re.search(r"['\u2019\u2018]s\s", text)
    if inner and text[inner.end():inner.end() + 1].isupper() and len(text[inner.end():].split()) > 1:
        text, start = text[inner.end():], start + inner.end()  # "Glow's Mina Hart": the name after the owner
    elif inner:
        text = text[:inner.start()]  # "Lawrence's guest", "Nia Vale's Lisbon home": the name is the possessor
    if suffix_dot and text.endswith(("Jr", "Sr")):
        text += "."  # "Robert T. Lane Jr." keeps its abbreviation's full stop
    if text.lower() in NAME_SUFFIXES:
        return None
    if text.lower().rstrip(".") in HONORIFICS and text.lower() not in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES:
        return None  # "the Queen", "Sir": a title alone names nobody ("Prince" is a name too)
    words = text.split()
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in HONORIFICS) and len(words) > 1:
        cut = text.index(words[1], len(words[0]))
        text, start, words = text[cut:], start + cut, words[1:]
    lead = len(text) - len(text.lstrip("\"'\u201c\u2018(@"))
    text, start = text[lead:], start + lead
    words = text.split()
    while len(words) > 1 and words[0][:1].islower() and words[0] not in LEADING_PARTICLES and words[1][:1].isupper():
        cut = text.index(words[1], len(words[0]))  # "equestrian Nell Varga", "a Nell Varga", "ex Ivo Brandt"
        text, start, words = text[cut:], start + cut, words[1:]
    while len(words) > 1 and (words[0].lower() in COMMON_CAPITALS or words[0].lower() in LEADING_NOISE
                              or words[0].lower() in NAMING_KIN or words[0].lower().startswith("ex-")) \
            and not _word_given_name_and_surname(words):
        cut = text.index(words[1], len(words[0]))
        text, start, words = text[cut:], start + cut, words[1:]
    if re.match(r"(?i)(?:i|you|we|they|he|she|it)['\u2019]", text):
        return None
    text = _before_lowercase_word(text)
    if not text or not text[0].isupper() or "@" in text or any(ch.isdigit() for ch in text):
        return None
    if len(text.split()) > 5 or text.lower() in NOT_PEOPLE or text.lower() in COMMON_CAPITALS \
            or is_known_outlet(text, common=True):
        return None
    if re.search(r"-[a-z]", text):
        return None  # "Singer-turned-designer": a capitalised compound word, not a name
    if text.isupper() and len(text) > 3 and not re.fullmatch(r"[A-Z]+-[A-Z]+", text):
        return None  # an acronym; but a stage name spelt in capitals ("JAY-Z") stays
    if OUTLET_NAME_END.search(text) and len(text.split()) > 1:
        return None  # "Glow Magazine", "Thread Report"
    return text, start, start + len(text)


#: Lower-case words that belong inside a name: "Ottokar I of Varnia", "Lin-Manuel de la Vega".
NAME_PARTICLES = frozenset("of the de da di do dos das du van von der den del della la le bin ibn al el y st".split())
#: Those a surname alone may open with: "de Rossi", "van Dyke".
LEADING_PARTICLES = NAME_PARTICLES - {"of", "the", "y", "st"}


def _word_given_name_and_surname(words: list[str]) -> bool:
    """'Rose McGowan', 'Will Sollers', 'Grace Kelly': a given name spelt like a word ("Rose", "Will")
    before one capitalised word that is no English word and no given name is a full name, where
    "Will Be", "Will Kim Vale" or "Grace Period" is not."""
    if len(words) != 2 or not _given(words[0]):
        return False
    surname = words[1].rstrip(".,;:!?").replace("\u2019", "'")
    if not re.fullmatch(r"[A-Z][a-z]+(?:[A-Z'-][A-Za-z]+)*", surname) or _given(surname):
        return False
    return surname.lower() not in english_words() and surname.lower() not in COMMON_CAPITALS


def _before_lowercase_word(text: str) -> str:
    """A name ends before a lower-case word that is no name particle: the model's span "Twitter
    showing Obama" holds no one name."""
    for m in re.finditer(r"\S+", text):
        word = m.group(0)
        if m.start() > 0 and word[:1].islower() and word.lower().strip(",.") not in NAME_PARTICLES:
            return text[:m.start()].rstrip()
    return text


def _unaccented(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _folded(text: str) -> list[str]:
    return [w for w in (fold(t) for t in text.split()) if w]


def _compact(tokens: list[str]) -> str:
    """A name with its spaces and hyphens gone: "Jay Z" and "JAY-Z" are one stage name."""
    return "".join(tokens).replace("-", "")


def _person_key(tokens: list[str]) -> tuple[str, str]:
    return tokens[0], tokens[-1]


#: Generational suffixes, which are not surnames: "Robert T. Lane Jr." is Mr. Lane.
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _has_suffix(tokens: list[str]) -> bool:
    return len(tokens) > 1 and tokens[-1].lower().rstrip(",") in NAME_SUFFIXES


def _without_suffix(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[-1].lower().rstrip(",") in NAME_SUFFIXES:
        tokens = tokens[:-1]
    return tokens


class PeopleFinder:
    """Merges name forms into individuals and records every mention."""

    #: Up to this many people a new name form is compared with everyone; past it (a list of
    #: thousands of capitalised words, not an article) only with the people sharing a word with it,
    #: so finding people stays linear in the text.
    SCAN_ALL = 150

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.people: list[_Builder] = []
        self._by_word: dict[str, list[_Builder]] = {}  # folded word of any form -> people, in order found
        self._rank: dict[int, int] = {}  # id() of each person in self.people -> its place in that list's order
        self._next_rank = 0

    def _index(self, person: _Builder, form: str) -> None:
        words = _folded(form)
        keys = set(words) | {_compact(words)} | {part for w in words for part in w.split("-")}
        for key in keys:
            bucket = self._by_word.setdefault(key, [])
            if person not in bucket:
                bucket.append(person)

    def _scanned(self, words: list[str]) -> list[_Builder]:
        """The people a form made of these folded words is compared with."""
        if len(self.people) <= self.SCAN_ALL:
            return self.people
        if len(self._rank) != len(self.people):  # the list was changed from outside: rank it afresh
            self._rank = {id(p): i for i, p in enumerate(self.people)}
            self._next_rank = len(self.people)
        found: dict[int, _Builder] = {}
        for key in set(words) | {_compact(words)} | {part for w in words for part in w.split("-")}:
            for person in self._by_word.get(key, ()):
                if id(person) in self._rank:
                    found[id(person)] = person
        return sorted(found.values(), key=lambda p: self._rank[id(p)])

    # -- merging name forms -------------------------------------------------
    def _match_multi(self, tokens: list[str]) -> _Builder | None:
        low = _folded(" ".join(tokens))
        near = None
        for person in self._scanned(low):
            for form in person.forms:
                other = _folded(form)
                if not other or not low:
                    continue
                if _compact(other) == _compact(low):
                    return person  # "O.J. Simpson" and "OJ Simpson", "Jay Z" and "JAY-Z"
                if len(other) < 2 or len(low) < 2 or _has_suffix(other) != _has_suffix(low):
                    continue  # "Nora Whitcombe" is not "Nora Belle Whitcombe Jr.", his daughter
                if _person_key(other) == _person_key(low):
                    return person
                if other[0] == low[0] and (_subsequence(other, low) or _subsequence(low, other)):
                    return person
                if len(other) > len(low) and other[-len(low):] == low:
                    return person  # "Bell Hart" for "Jo Bell Hart"
                if near is None and len(other) == len(low) == 2 and other[0] == low[0] \
                        and _misspelt(other[1], low[1]):
                    near = person  # "Jo Giudice" written once "Jo Guidice"
        return near

    def _matches_single(self, token: str) -> list[_Builder]:
        low = fold(token)
        exact, loose, inner, prefix, slip = [], [], [], [], []
        for person in self._scanned([low]):
            forms = [_without_suffix(_folded(f)) for f in person.forms]
            forms = [f for f in forms if f]
            if any(len(f) == 1 and f[0] == low for f in forms) or any(
                    len(f) > 1 and _compact(f) == low.replace("-", "") for f in forms):
                exact.append(person)
            elif any(len(f) > 1 and (f[0] == low or f[-1] == low or low in f[-1].split("-")) for f in forms):
                loose.append(person)
            elif any(len(f) > 2 and low in f[1:-1] for f in forms):
                inner.append(person)  # "Hart" for "Jo Hart Lindqvist"
            elif any(len(low) >= 3 and f[0].startswith(low) or _short_form(low, f[0]) for f in forms) or any(
                    len(f) == 1 and len(f[0]) >= 3 and low.startswith(f[0]) for f in forms) and not word_not_name(low):
                prefix.append(person)  # "Kim" for Kimberly, "Angie" for Angelina, "Beyonce" for a "Bey" named
                #  first (not "Carried" for a "Carrie"); weaker than a whole name
            elif any(_misspelt(low, f[0]) or _misspelt(low, f[-1]) for f in forms if len(f) > 1):
                slip.append(person)  # "Megan" for a "Mehgan Wells" the text names in full
            elif token.isupper() and 2 <= len(token) <= 3 and any(
                len(f) == len(token) and "".join(w[0] for w in f) == low for f in forms
            ):
                loose.append(person)
        return (exact + [p for p in loose if p not in exact]) or inner or prefix or (slip if len(slip) == 1 else [])

    def add_form(self, text: str, start: int, end: int, *, embed: bool = False) -> _Builder | None:
        tokens = text.split()
        person: _Builder | None
        if len(tokens) > 1:
            person = self._match_multi(tokens)
        else:
            candidates = self._matches_single(text)
            person = self._nearest(candidates, start) if candidates else None
        if person is None:
            if len(tokens) == 1 and text.isupper():
                return None  # an acronym that spells nobody's initials: NBA, JFK
            person = _Builder()
            self._rank[id(person)] = self._next_rank
            self._next_rank += 1
            self.people.append(person)
        if text not in person.forms:
            self._index(person, text)
        person.forms[text] += 1
        if embed:
            person.embed_forms.add(text)
        else:
            kind = "name" if len(tokens) > 1 else "short"
            person.mentions.append(Mention(start, end, text, kind))
        person.first_at = min(person.first_at, start)
        return person

    def builder_at(self, start: int, end: int) -> _Builder | None:
        """The person with a name mention inside [start, end)."""
        for person in self.people:
            if any(start <= m.start and m.end <= end for m in person.mentions):
                return person
        return None

    def merge(self, keep: _Builder, gone: _Builder) -> None:
        for form in gone.forms:
            self._index(keep, form)
        keep.forms.update(gone.forms)
        keep.embed_forms |= gone.embed_forms
        keep.handles += [h for h in gone.handles if h not in keep.handles]
        keep.mentions += gone.mentions
        keep.first_at = min(keep.first_at, gone.first_at)
        self.people.remove(gone)
        self._rank.pop(id(gone), None)

    def _nearest(self, candidates: list[_Builder], position: int) -> _Builder:
        """The candidate mentioned last before position (else first after), for ambiguous names."""
        def last_before(p: _Builder) -> int:
            before = [m.start for m in p.mentions if m.start < position]
            return max(before) if before else -1
        if len(candidates) > 1:
            return min(candidates, key=lambda p: p.first_at)  # a shared surname: the one the article introduced first
        return candidates[0]


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _misspelt(one: str, other: str) -> bool:
    """Two long words one letter apart inside (a swap, a letter in or out), same first and last letter."""
    if one == other or min(len(one), len(other)) < 5 or one[0] != other[0] or one[-1] != other[-1]:
        return False
    if len(one) == len(other):
        diff = [i for i in range(len(one)) if one[i] != other[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and one[diff[0]] == other[diff[1]] \
            and one[diff[1]] == other[diff[0]]
    longer, shorter = (one, other) if len(one) > len(other) else (other, one)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(1, len(longer) - 1))


def _body_blocks(doc: Document) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in doc.blocks if b.kind not in ("social_embed", "comment", "dateline")]


def find_people(
    doc: Document, entities: list[Entity], sentences: list[tuple[int, int]] | None = None,
    parses: Parses | None = None,
) -> list[Person]:
    """Every named individual in the document, with name mentions and handles."""
    finder = PeopleFinder(doc)
    text = doc.text
    candidates: list[tuple[str, int, int]] = []
    headline_end = next((b.end for b in doc.blocks if b.kind == "headline"), 0)
    titles = title_lines(doc)
    body = Prose(prose(text, titles))
    model = parses.model if parses is not None else ""
    name_words = {w for e in entities if e.label in PERSON_LABELS for w in text[e.start:e.end].split()[1:]}
    in_thing_list = _listed_with_things(entities, text)
    sentence_list = document_sentences(doc) if sentences is None else sentences
    sentence_starts = [s for s, _ in sentence_list]
    for ent in entities:
        check_budget()
        if id(ent) in in_thing_list:
            continue  # "Venice, Amsterdam, Bogota and Lima": a list's members are of one kind
        if ent.label in MISLABELLED_PERSON and ent.start >= headline_end and not inside(titles, ent.start):
            given = _given_name_used_as_person(text, ent.start, ent.end, sentence_list, sentence_starts, parses)
            if given is not None:
                candidates.append(given)
                continue
        if ent.label in PERSON_LABELS or (ent.label in MISLABELLED_PERSON and ent.start >= headline_end and (
                _looks_like_full_name(text[ent.start:ent.end]) or LIFE_DATES.match(text, ent.end))):
            if text[ent.start - 1:ent.start] == "#" or AWARD_AFTER.match(text, ent.end) or WORK_AFTER.match(text, ent.end) \
                    or WORK_BEFORE.search(text, max(0, ent.start - 30), ent.start) or _names_a_work(text, ent.start, ent.end):
                continue  # "the Emmy nominee", "the Good Talk podcast", "the group Velvet Line": not people
            ent_start = _name_start(text, ent.start, ent.end) if ent.label in PERSON_LABELS else ent.start
            ent_text = text[ent_start:_name_end(text, ent.end, name_words)]
            if inside(titles, ent.start):
                trimmed = trim_to_prose_name(ent_text, body, model)
                lead = ent_text.find(trimmed)
                if lead >= 0:  # "Adopt Rob" -> "Rob" starts further on
                    ent_text, ent_start = trimmed, ent.start + lead
            for part, part_start in (cut for whole in _without_nickname(ent_text, ent_start)
                                     for cut in _joined_names(*whole)):
                cleaned = clean_name(part, part_start)
                if cleaned and _stage_name_article(text, part_start, part, cleaned[0]):
                    cleaned = (part[:4] + cleaned[0], part_start, cleaned[2])  # "singer The Marrow"
                if cleaned:
                    candidates.append(cleaned)
    for start, end in _body_blocks(doc):
        for m in TITLED_NAME.finditer(text, start, end):
            _add_untagged(candidates, m)
        for m in KIN_LIST.finditer(text, start, end):
            if ROLE_AFTER.match(text, m.end("names")) or _qualifies_a_noun(
                    parses, _sentence_of(sentence_list, sentence_starts, m.start("names")), m.start("names"), m.end("names")):
                continue  # "ex Thai monk Dao", "wild child, a ravishing Goth weirdo": the capitals qualify a noun
            pos = m.start("names")
            for part in LIST_SPLIT.split(m.group("names")):
                part_start = text.index(part, pos)
                pos = part_start + len(part)
                cleaned = clean_name(part, part_start)
                if cleaned is None and (part.lower() in WORD_NAMES or part.lower() in HONORIFICS) \
                        and not (part in TITLE_ABBREVIATIONS and text.startswith(".", pos)):
                    # "twins Rumi and Sir" names a child; "husband Dr. Lenny Varga" opens with a title
                    cleaned = (part, part_start, part_start + len(part))  # "daughter August", "twins Rumi and Sir"
                if cleaned and not any(c[1] <= cleaned[1] < c[2] for c in candidates):
                    candidates.append(cleaned)
        for m in KIN_OF.finditer(text, start, end):
            _add_untagged(candidates, m)
        for m in KIN_OWNER.finditer(text, start, end):
            if m.group("name").split()[0].lower() in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES:
                _add_untagged(candidates, m)  # "Justin Vale's wife": a given name and surname owning kin
        for m in KIN_APPOSITIVE.finditer(text, start, end):
            cleaned = clean_name(m.group("name"), m.start("name"))
            if cleaned and not any(c[1] <= cleaned[1] < c[2] for c in candidates):
                candidates.append(cleaned)  # "Milo, the son of ..."
    text_words = frozenset(WORD_RUN.findall(text))
    candidates = [_trim_run_on(_without_leading_word(c, model), text, text_words) for c in candidates]
    candidates = _without_couples_and_families(candidates, text)
    # Full names first, so that short forms find the person they belong to.
    candidates.sort(key=lambda c: (-len(c[0].split()) if len(c[0].split()) > 1 else 0, c[1]))
    seen_spans: set[tuple[int, int]] = set()
    for name, start, end in candidates:
        if (start, end) in seen_spans:
            continue
        seen_spans.add((start, end))
        finder.add_form(name, start, end)
    _merge_known_as(finder, doc)
    _add_missed_mentions(finder, doc, seen_spans)
    _merge_quoted_nicknames(finder, doc)
    for embed in doc.embeds:
        _add_embed(finder, embed)
    _add_cited_handles(finder, doc)
    return _freeze(finder, doc, document_sentences(doc) if sentences is None else sentences, parses)


#: Labels of things a list of names can hold; a PERSON the model tags among them is one of them.
THING_LABELS = frozenset({"GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "ORG", "NORP"})
LIST_SEPARATOR = re.compile(r",\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+")


def _listed_with_things(entities: list[Entity], text: str) -> set[int]:
    """ids of PERSON entities listed among at least two things and nobody with a given name ("Venice,
    Amsterdam, Bogota and Lima", "The Wiz, Peter Pan and Oliver!"): a list's members are of one kind."""
    ordered = sorted(entities, key=lambda e: e.start)
    out: set[int] = set()
    i = 0
    while i < len(ordered):
        run = [ordered[i]]
        while i + 1 < len(ordered) and LIST_SEPARATOR.fullmatch(text, run[-1].end, ordered[i + 1].start):
            i += 1
            run.append(ordered[i])
        i += 1
        if any(_given_name_first(text[e.start:e.end]) for e in run):
            continue  # "Kanye West, Beyonce and Rihanna": the model tags listed people ORG or GPE too
        things = [e for e in run if e.label in THING_LABELS]
        if len(things) >= 2 and all(e.label in THING_LABELS or e.label in PERSON_LABELS for e in run):
            out.update(id(e) for e in run if e.label in PERSON_LABELS)
    return out


def _given_name_first(name: str) -> bool:
    """Whether a name opens with a common given name ("Kanye West", "Beyonce")."""
    words = _folded(name)
    return bool(words) and words[0] in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES


#: One person under two names: "Marisol Quintero, better known by her stage name Sol",
#: "Stefani Germanotta, known professionally as Lady Gaga", "Lady Gaga (born Stefani Germanotta".
_NAME = NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r"){0,3}"
KNOWN_AS = re.compile(
    r"(?P<a>" + _NAME + r")(?:\s*\([^()]{0,80}\))?,?\s+(?:(?:better|best|professionally|popularly|widely|also|then|"
    r"formerly|previously|once|now|still)\s+)?"
    r"(?:known\s+(?:(?:by|under)\s+(?:his|her|their|the)\s+(?:stage|screen|pen|ring)\s+name|as)|"
    r"whose\s+(?:full|real|birth|given|legal)\s+name\s+(?:was|is))\s+(?P<b>" + _NAME + ")"
    r"|(?P<c>" + _NAME + r")\s*\((?:born|n[ée]e)\s+(?P<d>" + _NAME + ")"
)


#: A nickname in quote marks inside a full name: 'Giacomo "Jack" Ferro'.
QUOTED_NICKNAME = re.compile(
    r"(?<![\w'\u2019])(?P<first>" + NAME_TOKEN + r")\s+[\"\u201c\u2018'](?P<nick>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN
    + r"){0,2})[\"\u201d\u2019']\s+"
    r"(?P<last>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r")?)"
)


def _merge_quoted_nicknames(finder: PeopleFinder, doc: Document) -> None:
    """'Giacomo "Jack" Ferro': the given name, the nickname and the surname are one person."""
    for start, end in _body_blocks(doc):
        for m in QUOTED_NICKNAME.finditer(doc.text, start, end):
            parts = [finder.builder_at(m.start(g), m.end(g)) for g in ("first", "nick", "last")]
            if parts[0] is not None and parts[2] is not None and parts[2] is not parts[0] \
                    and _named_otherwise(parts[2], m.group("first"), m.group("nick")):
                # 'Lisa Varga and her husband Lenny "Sculptor" Varga': the surname went to Lisa,
                # the only Varga the text had named in full; here it is Lenny's.
                _move_mentions(finder, parts[2], parts[0], m.start("last"), m.end("last"))
                parts[2] = parts[0]
            found: list[_Builder] = []
            for part in parts:
                if part is not None and not any(part is f for f in found):
                    found.append(part)
            if not found or parts[0] is None and parts[2] is None:
                continue
            keep = next((p for p in found if any(" " in f for f in p.forms)), found[0])
            for other in found:
                if other is not keep:
                    finder.merge(keep, other)
            keep.forms[m.group("first") + " " + m.group("last")] += 1


def _named_otherwise(person: _Builder, first: str, nick: str) -> bool:
    """The person has a full name whose given name is neither `first`, its pet form, nor `nick`."""
    own = {fold(first), fold(nick)}
    for form in person.forms:
        words = form.split()
        if len(words) > 1 and _given(words[0]):
            given = fold(words[0])
            if given not in own and not _short_form(given, fold(first)) and not _short_form(fold(first), given):
                return True
    return False


def _move_mentions(finder: PeopleFinder, source: _Builder, target: _Builder, start: int, end: int) -> None:
    """Give target the name mentions source has inside [start, end)."""
    moved = [m for m in source.mentions if start <= m.start and m.end <= end]
    for mention in moved:
        source.mentions.remove(mention)
        source.forms[mention.text] -= 1
        if source.forms[mention.text] <= 0:
            del source.forms[mention.text]
        if mention.text not in target.forms:
            finder._index(target, mention.text)
        target.forms[mention.text] += 1
        target.mentions.append(mention)
        target.first_at = min(target.first_at, mention.start)


def _add_untagged(candidates: list[tuple[str, int, int]], m: re.Match[str]) -> None:
    """A full name a pattern found where the model tagged nothing ("Media Coordinator Wade Ellery")."""
    cleaned = clean_name(m.group("name"), m.start("name"))
    if cleaned and len(cleaned[0].split()) > 1 and not INSTITUTION_END.search(cleaned[0]) \
            and not any(c[1] < cleaned[2] and cleaned[1] < c[2] for c in candidates):
        candidates.append(cleaned)


def _merge_known_as(finder: PeopleFinder, doc: Document) -> None:
    """Two builders named in a 'known as' or '(born ...)' phrase are one person."""
    for start, end in _body_blocks(doc):
        for m in KNOWN_AS.finditer(doc.text, start, end):
            first, second = ("a", "b") if m.group("a") else ("c", "d")
            one, other = finder.builder_at(m.start(first), m.end(first)), finder.builder_at(m.start(second), m.end(second))
            if one is not None and other is not None and one is not other:
                finder.merge(one, other)


def _add_cited_handles(finder: PeopleFinder, doc: Document) -> None:
    """'Mina Castellano (@minacastellano)' in the body gives Mina her handle."""
    for start, end in _body_blocks(doc):
        for m in CITED_HANDLE.finditer(doc.text, start, end):
            name = m.group("name").split()
            person = finder._match_multi(name) if len(name) > 1 else None
            if person is None and len(name) == 1:
                matches = finder._matches_single(name[0])
                person = matches[0] if len(matches) == 1 else None
            handle = m.group("handle").rstrip(".")
            if person is not None and handle not in person.handles:
                person.handles.append(handle)


def _stage_name_article(text: str, start: int, ent_text: str, cleaned: str) -> bool:
    """'singer The Marrow': a capital "The" inside a sentence belongs to a one-word stage name."""
    return ent_text.startswith("The ") and ent_text[4:] == cleaned and " " not in cleaned \
        and re.search(r"[a-z,]\s$", text[max(0, start - 2):start]) is not None


def _name_end(text: str, end: int, name_words: set[str]) -> int:
    """Where a name the model cut short ends: 'Nora Belle| Whitcombe Jr.' goes on over surnames
    that other names in the article use, and a generational suffix."""
    m = re.match(r"(?:\s[A-Z][\w'\u2019-]+(?![\w'\u2019-]))*", text[end:end + 60])
    words = m.group(0).split() if m else []
    keep = 0
    while keep < len(words) and words[keep] in name_words:
        keep += 1
    if keep:
        end += len(" ".join(words[:keep])) + 1  # the space before the first word, then the words
    letter = re.match(r"\s[B-HJ-Z](?![\w.'\u2019-])", text[end:end + 3])
    if letter:
        end += letter.end()  # "Jay Z", "Malcolm X": a one-letter last name
    suffix = re.match(r"\s(?:Jr\.|Sr\.|(?:II|III|IV|VI{0,3}|IX|XI{0,3})\b|I(?=\s+of\b|[,;)]))", text[end:end + 6])
    return end + suffix.end() if suffix else end  # "Jo Bell Jr.", "Ottokar II", "Ottokar I of Varnia"


#: A capitalised word and one space right before a span: the given name the model may have cut off.
WORD_BEFORE = re.compile(r"(?<![\w'\u2019.-])([A-Z][a-z\u00C0-\u017F]+) $")


def _name_start(text: str, start: int, end: int) -> int:
    """Where a name the model cut short begins: 'Charlize |Theron', 'Margot |Robbie' (the model tags
    the surname alone and the given name as a place, or not at all). Only a one-word span that is no
    given name itself takes a given name from the lists right before it."""
    word = text[start:end]
    if " " in word or _given(word) or not word[:1].isupper():
        return start
    m = WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.start(1) if m is not None and _given(m.group(1)) else start


def _given_name_used_as_person(
    text: str, start: int, end: int, sentences: list[tuple[int, int]], starts: list[int], parses: Parses | None,
) -> tuple[str, int, int] | None:
    """A one-word given name the model labelled a place, a group or a work ("Rihanna" as GPE, "Drake"
    as ORG, "Reese" as NORP): a person where the words around treat it as one (an age after it, a kin
    or role noun before it, speech after it, a kin noun it owns) or the parse makes it the subject of a
    verb only people do. A surname right after it belongs to the name ("Reese Witherspoon")."""
    word = text[start:end]
    if " " in word or not re.fullmatch(r"[A-Z][a-z\u00e0-\u00ff]+", word) or not _given(word) \
            or thing_use(text, start, end):
        return None
    surname = SURNAME_AFTER.match(text, end)
    if surname and _word_given_name_and_surname([word, surname.group(1)]) \
            and not thing_name(word + " " + surname.group(1)) and not SURNAME_AFTER.match(text, surname.end(1)):
        return word + " " + surname.group(1), start, surname.end(1)  # not "Sydney Opera House"
    sentence = _sentence_of(sentences, starts, start)
    if person_use(text, start, end) or (
            parses is not None and sentence is not None and grammar_says_person(parses, sentence, start, end)):
        return word, start, end
    return None


#: One capitalised word right after a name, a surname perhaps: " Witherspoon".
SURNAME_AFTER = re.compile(r" ([A-Z][\w'\u2019-]+)(?![\w'\u2019-])")


def _looks_like_full_name(text: str) -> bool:
    """'Kimberly Ashford Vane': two to four capitalised words after a common given name."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) \
        and words[0].lower() in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES and not INSTITUTION_END.search(text)


def _without_leading_word(candidate: tuple[str, int, int], model: str) -> tuple[str, int, int]:
    """A word glued before a given name loses its place: "Heartbroken Jennifer Vale", "Luckily Kim",
    "Momager Kris", "Claims Anne Vale". Before a given name and a surname the word may be any English
    verb, adjective or adverb; before a given name alone only an -ly adverb, an inflected verb, a role
    noun or a title, since "Blue Ivy" or "Liv" is a name with a word's spelling."""
    name, start, end = candidate
    words = name.split()
    i, strong = 0, True
    while i < min(2, len(words) - 1) and not _given(words[i]):
        word = fold(words[i])
        if word in ROLE_NOUNS or word in HONORIFICS or _inflected(word, model) or (
                word.endswith("ly") and word in english_words(model)):
            i += 1
        elif word in english_words(model):
            i, strong = i + 1, False
        else:
            break
    if i == 0 or not _given(words[i]) or (not strong and (
            len(words) - i < 2 or fold(words[-1]) in english_words(model))):
        return candidate  # "Trump Will Be": what follows must look like a name, not like words
    cut = name.index(words[i], sum(len(w) for w in words[:i]))
    return name[cut:], start + cut, end


#: "Daniel, Imani Castellano", "Daniel and Imani Castellano", "Daniel & Imani": a given name, a joiner,
#: then a second name. The joiner is kept out of both names.
JOINED_NAMES = re.compile(
    r"(?P<first>[A-Z][\w'\u2019-]+)(?P<joiner>\s*,\s*|\s+(?:and|&)\s+)"
    r"(?P<second>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,2})"
)


#: A span that opens with a given name and a quoted nickname: 'Lenny "Big Sculptor' (the model's
#: span may stop inside the quotes), 'Giacomo "Jack" Ferro'.
NICKNAME_INSIDE = re.compile(
    r"(?P<first>" + NAME_TOKEN + r")\s+[\"\u201c\u2018][^\"\u201d\u2019]*(?:[\"\u201d\u2019]\s+(?P<last>"
    + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r")?))?"
)


def _without_nickname(ent_text: str, start: int) -> list[tuple[str, int]]:
    """The name parts of a span with a quoted nickname inside: the given name, and the surname
    after the closing quote when the span has it. _merge_quoted_nicknames then joins them (and the
    nickname) into one person; the quoted words are never part of a name."""
    m = NICKNAME_INSIDE.fullmatch(ent_text)
    if m is None:
        return [(ent_text, start)]
    parts = [(m.group("first"), start)]
    if m.group("last"):
        parts.append((m.group("last"), start + m.start("last")))
    return parts


def _joined_names(ent_text: str, start: int) -> list[tuple[str, int]]:
    """One span the model tagged as a person, cut where it joins two people: [(text, start)].

    "Daniel, Imani Castellano" or "Daniel & Imani Castellano" is two people (the span a headline's
    "Daniel, Imani Castellano are expecting" gets). Cut only when the first part is one given name and
    the second a full name, or a given name alone ("Daniel & Imani"): "Simon & Garfunkel" and
    "Johnson & Johnson" stay one span (what clean_name makes of them).
    """
    m = JOINED_NAMES.fullmatch(ent_text)
    if m is None or not _given(m.group("first")):
        return [(ent_text, start)]
    second = m.group("second").split()
    if len(second) == 1 and not _given(second[0]):
        return [(ent_text, start)]
    return [(m.group("first"), start), (m.group("second"), start + m.start("second"))]


def _given(word: str) -> bool:
    return fold(word) in FEMALE_FIRST_NAMES or fold(word) in MALE_FIRST_NAMES


def _inflected(word: str, model: str) -> bool:
    """'claims', 'adopted', 'slamming': an inflected English verb."""
    verbs = english_words(model, ("verb",))
    return any(word.endswith(end) and word[:-len(end)] in verbs for end in ("s", "es", "ed", "d", "ing"))


#: "Mr. & Mrs." or "Mr and Mrs" right before a surname: a married couple (or the film), not one person.
COUPLE_TITLE_BEFORE = re.compile(r"\bMr\.?\s*(?:&|and)\s*Mrs\.?\s*$")
#: "the" and at most two lower-case words right before a name: "the Vales", "the battling Vales".
THE_BEFORE = re.compile(r"\b[Tt]he(?:\s+[a-z]+){0,2}\s+$")


def _without_couples_and_families(candidates: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """The name candidates less those that name a group: "Mr. & Mrs. Vale" (the couple, or the film
    of that name) and a family by its plural surname, "the Vales" where someone named is a Vale."""
    surnames = {part for name, _, _ in candidates if " " in name for part in name.split()[-1].split("-")}
    out = []
    for candidate in candidates:
        name, start, _ = candidate
        lead = text[max(0, start - 30):start]
        if COUPLE_TITLE_BEFORE.search(lead):
            continue
        if " " not in name and THE_BEFORE.search(lead) and _singular_surname(name, surnames):
            continue
        out.append(candidate)
    return out


def _singular_surname(word: str, surnames: set[str]) -> bool:
    """Whether word is the plural of one of the surnames ("Vales", "Hendrixes", "Kennedys")."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return word[:-1] in surnames or (word.endswith("es") and word[:-2] in surnames)


#: A run of word characters: the words of a text as `\b...\b` sees them.
WORD_RUN = re.compile(r"\w+")


def _trim_run_on(candidate: tuple[str, int, int], text: str, text_words: frozenset[str]) -> tuple[str, int, int]:
    """A title-case line quoted in the body runs a name into a verb ("Dana Reyes Might Vote"): a
    three-word form seen once loses a last word the text uses in lower case when the rest of the
    name stands elsewhere on its own.

    `text_words` are the text's runs of word characters; the word is looked up there first, so a
    text of thousands of three-word names is not searched once per name.
    """
    name, start, end = candidate
    words = name.split()
    if len(words) < 3:
        return candidate
    rest, last = " ".join(words[:-1]), words[-1]
    if last[1:].islower() and _written_as_word(last.lower(), text, text_words) and text.count(name) <= 1 \
            and text.count(rest) > 1:
        return rest, start, start + len(rest)
    return candidate


def _written_as_word(word: str, text: str, text_words: frozenset[str]) -> bool:
    """Whether text writes word with a word boundary on each side."""
    if WORD_RUN.fullmatch(word):
        return word in text_words
    return re.search(r"\b" + re.escape(word) + r"\b", text) is not None


def _add_missed_mentions(finder: PeopleFinder, doc: Document, seen: set[tuple[int, int]]) -> None:
    """Occurrences of known names that NER tagged as something else or missed."""
    forms: dict[str, None] = {}
    for person in finder.people:
        for form in person.forms:
            forms[form] = None
            tokens = form.split()
            for tok in tokens:
                if len(tok) > 2 and tok.lower() not in COMMON_CAPITALS and tok.lower() not in NAME_SUFFIXES and tok[0].isupper():
                    forms[tok] = None
            if 2 <= len(tokens) <= 3:
                forms["".join(t[0] for t in tokens).upper()] = None
    if not forms:
        return
    known = NameForms(forms)
    covered = bytearray(len(doc.text) + 1)  # 1 where a name already found stands
    for s, e in seen:
        covered[s:e] = b"\x01" * (e - s)
    for start, end in _body_blocks(doc):
        for span in known.uses(doc.text, start, end):
            check_budget()
            if any(covered[span[0]:span[1]]):
                continue
            seen.add(span[:2])
            covered[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
            finder.add_form(doc.text[span[0]:span[1]], span[0], span[1])


def _add_embed(finder: PeopleFinder, embed: Embed) -> None:
    author = embed.author.strip()
    person = None
    if author and not author.startswith("@"):
        cleaned = clean_name(author[:1].upper() + author[1:], embed.start)
        if cleaned:
            tokens = cleaned[0].split()
            person = finder._match_multi(tokens) if len(tokens) > 1 else None
            if person is None and len(tokens) == 1:
                matches = finder._matches_single(cleaned[0])
                person = matches[0] if matches else None
            if person is None:
                person = finder.add_form(cleaned[0], embed.start, embed.start + len(author), embed=True)
            else:
                person.forms[author] += 1
                person.embed_forms.add(author)
    if person is None:
        person = _person_for_handle(finder, embed.handle)
    if person is not None and embed.handle not in person.handles:
        person.handles.append(embed.handle)


def _person_for_handle(finder: PeopleFinder, handle: str) -> _Builder | None:
    """A handle like kimjones or kim.jones.official that spells a known name."""
    flat = re.sub(r"[^a-z]", "", handle.lower())
    best = None
    for person in finder.people:
        tokens = [re.sub(r"[^a-z]", "", t.lower()) for t in person.best_form().split()]
        if len(tokens) > 1 and "".join(tokens) in flat:
            return person
        if len(tokens) > 1 and tokens[-1] in flat and tokens[0] in flat:
            best = person
    return best


def _infer_gender(
    person: _Builder, text: str, sentences: list[tuple[int, int]], solo: set[int], subjects: set[int],
) -> str | None:
    """'f', 'm' or None: titles and kin words beside the name, then first names, then pronouns."""
    votes: Counter[str] = Counter()
    for form in person.forms:
        first = form.split()[0].lower().rstrip(".")
        if first in GENDER_OF_HONORIFIC:
            votes[GENDER_OF_HONORIFIC[first]] += 5
    for mention in person.mentions:
        before = re.findall(r"[\w-]+", text[max(0, mention.start - 30):mention.start].lower())[-2:]
        for n, w in enumerate(reversed(before)):
            if w in GENDER_OF_HONORIFIC:
                votes[GENDER_OF_HONORIFIC[w]] += 3
            elif n == 0 and w in FEMALE_WORDS and w not in ("her", "she", "hers"):
                votes["f"] += 2
            elif n == 0 and w in MALE_WORDS and w not in ("his", "he", "him"):
                votes["m"] += 2
        if id(mention) in solo or id(mention) in subjects:
            i = bisect.bisect_right(sentences, (mention.start, float("inf"))) - 1
            inside = 0 <= i < len(sentences) and sentences[i][0] <= mention.start < sentences[i][1]
            sent_end = sentences[i][1] if inside else mention.end
            j = bisect.bisect_left(sentences, (sent_end, -1))
            following = text[sentences[j][0]:sentences[j][1]] if j < len(sentences) else ""
            opener = re.findall(r"[\w-]+", following.lower())[:3]
            if "she" in opener or any(w in FEMALE_WORDS for w in opener[1:]) and opener[:1] == ["the"]:
                votes["f"] += 1  # "Jo Bell has had enough. The actress ..." / "... She ..."
            elif "he" in opener or any(w in MALE_WORDS for w in opener[1:]) and opener[:1] == ["the"]:
                votes["m"] += 1
            tail = re.split(r"[\"\u201c\u201d]", text[mention.end:sent_end])[0]  # speech has its own speaker
            after = re.findall(r"[\w-]+", tail.lower())
            for w in after:  # object forms (her, him) usually mean someone else
                if w in ("she", "herself", "hers"):
                    votes["f"] += 1
                    break
                if w in ("he", "his", "himself"):
                    votes["m"] += 1
                    break
    first_name = _unaccented(person.best_form().split()[0]).lower()  # the lists spell "Beyonce", "Khloe"
    if first_name in FEMALE_FIRST_NAMES and first_name not in MALE_FIRST_NAMES:
        votes["f"] += 2
    elif first_name in MALE_FIRST_NAMES and first_name not in FEMALE_FIRST_NAMES:
        votes["m"] += 2
    if not votes or votes["f"] == votes["m"]:
        return None
    return "f" if votes["f"] > votes["m"] else "m"


def _solo_mentions(finder: PeopleFinder, sentences: list[tuple[int, int]]) -> set[int]:
    """ids of mentions that are the only person named in their sentence."""
    by_sentence: dict[int, list[tuple[_Builder, Mention]]] = {}
    starts = [s for s, _ in sentences]
    for person in finder.people:
        for m in person.mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            by_sentence.setdefault(i, []).append((person, m))
    solo: set[int] = set()
    for items in by_sentence.values():
        if len({id(p) for p, _ in items}) == 1:
            solo.update(id(m) for _, m in items)
    return solo


def _subject_mentions(finder: PeopleFinder, text: str, sentences: list[tuple[int, int]]) -> set[int]:
    """ids of mentions that open their sentence: the pronoun that follows most often means them."""
    out = set()
    starts = {s for s, _ in sentences}
    for person in finder.people:
        for m in person.mentions:
            lead = text[max(0, m.start - 12):m.start]
            if m.start in starts or re.search(r"(?:^|\n)\W*$", lead):
                out.add(id(m))
    return out


def _title_lines_only(person: _Builder, titles: list[tuple[int, int]], in_prose: Callable[[str], bool]) -> bool:
    """A 'name' NER found only in title-case lines and never in the prose is usually not one."""
    if not person.mentions or person.handles or not all(inside(titles, m.start) for m in person.mentions):
        return False
    return not any(in_prose(tok) for form in person.forms for tok in form.split() if len(tok) > 2)


def _written_in(body: str) -> Callable[[str], bool]:
    """Whether a word (no spaces) stands anywhere in body, inside longer words too; remembered per word.

    Runs of spaces are one space first: the prose of a text of title-case lines is mostly blanks.
    """
    squeezed = " ".join(body.split())
    seen: dict[str, bool] = {}

    def in_body(word: str) -> bool:
        if word not in seen:
            seen[word] = word in squeezed
        return seen[word]
    return in_body


#: "the Sky Pilots star", "The Long Road co-stars": a work's name between "the" and its star.
STAR_AFTER = re.compile(r"\s+(?:co-)?stars?\b(?!-)")
THE_RIGHT_BEFORE = re.compile(r"(?<![\w-])[Tt]he\s+$")
#: The two halves of a title with a colon inside a sentence: "Mad Rover: Iron Road", "“Nell Pike: The Return”".
TITLE_HALF_AFTER = re.compile(r":\s+[A-Z]")
TITLE_HALF_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3}:\s+$")
#: What stands before a title inside a sentence: a lower-case word or a comma, or an opening quote mark.
INSIDE_SENTENCE_BEFORE = re.compile(r"(?:[a-z,]\s+|[\u201c\"(])$")


def _qualifies_a_noun(parses: Parses | None, sentence: tuple[int, int] | None, start: int, end: int) -> bool:
    """Whether the parse makes the capitalised words at [start, end) qualify a lower-case noun after them
    ("a Goth weirdo", "Thai monk"): words of a description, no name."""
    if parses is None or sentence is None:
        return False
    tokens = parses.tokens_within(sentence, start, end)
    if not tokens:
        return False
    last = tokens[-1]
    return last.dep_ in ("compound", "amod") and last.head.i == last.i + 1 and last.head.pos_ in ("NOUN", "PROPN") \
        and last.head.text[:1].islower()


def _names_a_work(text: str, start: int, end: int) -> bool:
    """A capitalised run that names a work: between "the" and "star" ("the Sky Pilots star"), or a half
    of a title with a colon inside a sentence ("her film Mad Rover: Iron Road"); a speaker's name
    before a colon opens its line or sentence instead ("Nell Pike: I was there")."""
    if THE_RIGHT_BEFORE.search(text, max(0, start - 5), start) and STAR_AFTER.match(text, end):
        return True
    title_start = start
    if not TITLE_HALF_AFTER.match(text, end):
        half = TITLE_HALF_BEFORE.search(text, max(0, start - 60), start)
        if half is None:
            return False
        title_start = half.start()
    line_start = text.rfind("\n", 0, title_start) + 1
    return INSIDE_SENTENCE_BEFORE.search(text, max(line_start, title_start - 40), title_start) is not None


#: After an award's name: "the Emmy nominee", "Oscar-winning", "the Grammy winner".
AWARD_AFTER = re.compile(r"[\s-]+(?:winner|winners|winning|nominee|nominees|nominated|award|awards)\b", re.IGNORECASE)
#: A name that is a work or a group: "the Good Talk podcast", "the group Velvet Line".
WORK_AFTER = re.compile(r"\s+(?:podcast|show|series|album|single|song|film|movie|documentary|tour|band)\b")
WORK_BEFORE = re.compile(r"\bthe\s+(?:group|band|duo|trio|podcast|show|series|album|single|song|film|movie|label|"
                         r"brand)\s+$", re.IGNORECASE)
#: What follows a word that names a thing, not a person: "Halloran's Creek", "Tolley's Bay",
#: "Voyage 2017 campaign", "Fury: Road to Nowhere".
THING_AFTER = re.compile(
    r"(?:['\u2019]s\s+(?:Creek|Bay|Anatomy|Island|Isle|Point|Landing|Beach|Lake|River|Park|Street|Hall|Law|"
    r"List|Cove|Hill|Hills|Valley|Square|Garden|Gardens|Place|Way|Lane|Peak|Rock|Castle|Bridge|Chapel|Inn)\b"
    r"|\s+(?:19|20)\d\d\b|:\s+[A-Z])"
)


def _only_names_a_thing(person: _Builder, text: str) -> bool:
    """A one-word 'person' whose every mention is part of a place's or a title's name."""
    named = [m for m in person.mentions if m.kind in ("name", "short")]
    if not named or person.handles or any(" " in f for f in person.forms):
        return False
    return all(THING_AFTER.match(text, m.end) for m in named)


def _sentence_of(sentences: list[tuple[int, int]], starts: list[int], position: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(starts, position) - 1
    return sentences[i] if i >= 0 and sentences[i][0] <= position < sentences[i][1] else None


def _outlet_led(form: str) -> bool:
    """'Mirror Celebs', 'Glow Weekly Style': a well-known outlet's name opening a longer name is a
    section of that outlet, unless the first word is a given name ("Vogue" is one in some lists)."""
    words = form.split()
    if len(words) < 2 or _given(words[0]):
        return False
    return any(is_known_outlet(" ".join(words[:n]), common=True) or is_known_outlet("The " + " ".join(words[:n]))
               for n in range(1, len(words)))


def _named_as_things(
    people: list[_Builder], doc: Document, sentences: list[tuple[int, int]], parses: Parses | None,
) -> list[_Builder]:
    """The 'people' the text uses as a thing or a role somewhere and never as a person."""
    text = doc.text
    suspects = []
    for person in people:
        named = [m for m in person.mentions if m.kind in ("name", "short")]
        if not named or person.handles:
            continue
        full = any(" " in f for f in person.forms)
        multi = [f for f in person.forms if " " in f]
        worded = parses is not None and (all(words_not_name(f, parses.model) for f in multi) if full
                                         else all(word_not_name(f, parses.model) for f in person.forms))
        thing = any(thing_name(f) or _outlet_led(f) for f in person.forms) or worded
        # A full-named person's surname alone ("the Vane circus") speaks of the family, not of a thing.
        uses = sum(1 for m in named if (not full or " " in m.text) and thing_use(text, m.start, m.end))
        if not thing and (not uses or (uses * 2 <= len(named) if full else uses * 3 < len(named))):
            continue  # a person named as a thing now and then ("a Dana Reyes fan") is still a person
        if any(person_use(text, m.start, m.end, titled=worded) for m in named):
            continue  # "Lady Gaga" is a name spelt like a word
        suspects.append((person, named))
    if not suspects or parses is None:
        return [p for p, _ in suspects]
    starts = [s for s, _ in sentences]
    where = {id(m): _sentence_of(sentences, starts, m.start) for _, named in suspects for m in named}
    parses.prefetch(span for span in where.values() if span is not None)
    out = []
    for person, named in suspects:
        if not any(where[id(m)] is not None and grammar_says_person(parses, where[id(m)], m.start, m.end)  # type: ignore[arg-type]
                   for m in named):
            out.append(person)
    return out


def _freeze(
    finder: PeopleFinder, doc: Document, sentences: list[tuple[int, int]], parses: Parses | None = None,
) -> list[Person]:
    titles = title_lines(doc)
    in_prose = _written_in(prose(doc.text, titles))
    finder.people = [p for p in finder.people
                     if not _title_lines_only(p, titles, in_prose) and not _only_names_a_thing(p, doc.text)]
    things = _named_as_things(finder.people, doc, sentences, parses)
    thing_ids = {id(t) for t in things}
    finder.people = [p for p in finder.people if id(p) not in thing_ids]
    solo = _solo_mentions(finder, sentences)
    subjects = _subject_mentions(finder, doc.text, sentences)
    ordered = sorted(finder.people, key=lambda p: p.first_at)
    people = []
    for index, builder in enumerate(ordered, start=1):
        name = builder.best_form()
        aliases = tuple(sorted({f for f in builder.forms if f != name}, key=lambda f: (-len(f), f)))
        mentions = tuple(sorted(set(builder.mentions), key=lambda m: m.start))
        handles = tuple(dict.fromkeys(builder.handles))
        mentions += tuple(
            Mention(e.start, e.end, doc.text[e.start:e.end], "handle")
            for e in doc.embeds if e.handle in handles and e.end > e.start
        )
        people.append(Person(
            id=f"p{index}", name=name, aliases=aliases, handles=handles,
            gender=_infer_gender(builder, doc.text, sentences, solo, subjects), mentions=mentions,
        ))
    return people
