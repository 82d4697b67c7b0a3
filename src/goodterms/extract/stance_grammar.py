"""Stances read from the parse: the subject and the object of a stance word.

Three rules, each over word lists in `goodterms/data/` (lemmas, matched against the parse):

- `stance_verb`: "A slammed B", "B was praised by A", "A lashed out at B", "A cheated on B";
  a verb told of two people at once ("A and B feud") is a stance each way (`stance_mutual`).
- `stance_adjective`: "A is furious with B", "A is proud of B", "A was turned off by B's jokes".
- `stance_noun`: "A's feud with B", "A posted a tribute to B", "A filed a lawsuit against B".

Who a word stands for comes from the article's references (names, and pronouns and descriptors
resolved by coref); inside a quote "I" is the speaker and "you" the one spoken to. A possessive
object ("slammed B's album") points at its owner, a kin noun ("praised his wife") at the kin.
A negated stance ("did not slam"), one in a question, or one under a word that takes it back
("denied slamming", "rumors of a feud", "ended their feud") is not read.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Document, Quote, Span
from .coref import References
from .kinship import KIN
from .lexicon import COMMENTER_WORDS
from .parse import Parses, doc_span
from .wordlists import entries, table, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Score of one piece of grammatical evidence (the quote rule's sentiment scores are on the same scale).
WEIGHT = 0.6
SELF_WORDS = frozenset(("i", "me", "my", "myself", "mine"))
YOU_WORDS = frozenset(("you", "your", "yourself", "yours"))
RELATIVE = frozenset(("who", "whom", "that", "which"))
EACH_OTHER = frozenset(("other", "another"))
#: "each other" or "one another" in a sentence: worth parsing for a pair even with nobody named in it.
EACH_OTHER_TEXT = re.compile(r"\b(?:each\s+other|one\s+another)\b", re.IGNORECASE)
#: What joins two people into a pair: "A and B", "A and her boyfriend, B", "A & B".
JOINED = re.compile(r"(?:['\u2019]s?)?\s*,?\s*(?:and|And|AND|&)\s+(?:(?:his|her|their)\s+)?(?:[a-z][\w'\u2019-]*\s+){0,3}?"
                    r"(?:[a-z][\w'\u2019-]*\s*,\s*)?")
#: How far back a "they" or "the couple" looks for the two people it stands for (characters).
PAIR_REACH = 1500
#: Prepositions that can introduce the target of a stance word ("at B", "with B", "against B").
TARGET_PREPS = frozenset(("at", "with", "on", "against", "to", "for", "about", "of", "into", "over", "toward",
                          "towards", "after", "in", "by", "upon"))
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Found:
    """One stance the grammar shows: source, target, score, the sentence, the rule."""

    source: str
    target: str
    score: float
    span: Span
    rule: str


def _phrases(lines: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """'lash out' -> {'lash': [('out',)]}: a head word and the words that must hang on it."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        head, *extra = line.split()
        out.setdefault(head, []).append(tuple(extra))
    return out


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, list[tuple[str, ...]]]]:
    """The stance word lists by kind and sign, as head word -> required extra words."""
    mutual = table("stance_mutual")
    return {
        "verb+": _phrases(entries("stance_verbs_positive")),
        "verb-": _phrases(entries("stance_verbs_negative")),
        "mutual+": _phrases(tuple(k for k, v in mutual.items() if v == "positive")),
        "mutual-": _phrases(tuple(k for k, v in mutual.items() if v == "negative")),
        "adj+": _phrases(entries("stance_adjectives_positive")),
        "adj-": _phrases(entries("stance_adjectives_negative")),
        "noun+": _phrases(entries("stance_nouns_positive")),
        "noun-": _phrases(entries("stance_nouns_negative")),
    }


def _forms(word: str) -> set[str]:
    """The inflections of a verb or noun lemma, made by rule ("slam" -> slams, slammed, slamming),
    used only to choose the sentences worth parsing."""
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # slam -> slammed
    return out


def _inflections(heads: set[str]) -> dict[str, str]:
    """Every inflection of these heads (irregular pasts too), mapped to its head."""
    out = {f: h for h in heads for f in _forms(h)}
    out.update({form: lemma for form, lemma in table("irregular_verbs").items() if lemma in heads})
    return out


@lru_cache(maxsize=1)
def candidate_words() -> frozenset[str]:
    """Words worth parsing a sentence for: any inflection of a one-word stance word."""
    heads = {head for kind in lexicon().values() for head, extras in kind.items() if () in extras}
    return frozenset(_inflections(heads))


@lru_cache(maxsize=1)
def phrase_words() -> dict[str, list[frozenset[str]]]:
    """Inflections of the heads of phrases ("take aim", "call out"), with the other words each needs."""
    needs: dict[str, list[frozenset[str]]] = {}
    for kind in lexicon().values():
        for head, extras in kind.items():
            for extra in extras:
                if extra:
                    needs.setdefault(head, []).append(frozenset(extra))
    out: dict[str, list[frozenset[str]]] = {}
    for head, needed in needs.items():
        for form in _inflections({head}):  # "turned" is a form of "turn on" and the head of "turned off"
            out.setdefault(form, []).extend(needed)
    return out


@lru_cache(maxsize=1)
def conditional_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Words that make a sentence worth parsing only beside another: a carrier noun beside a warm or
    cold adjective ("a sweet message"), a word of support beside a negation ("never vote for")."""
    carriers = frozenset({f for h in words("stance_carrier_nouns") for f in _forms(h)})
    modifiers = words("warm_modifiers") | words("cold_modifiers")
    endorsements = frozenset({f for h in words("stance_endorsements") for f in _forms(h)})
    negations = frozenset(("not", "never", "no", "n't", "nt", "don", "doesn", "didn", "won", "wouldn", "isn", "wasn"))
    return carriers, modifiers, endorsements, negations


def worth_parsing(lowered: list[str]) -> bool:
    """Whether the words of a sentence can hold a stance the rules read."""
    found = set(lowered)
    if not candidate_words().isdisjoint(found):
        return True
    phrases = phrase_words()
    if any(extra <= found for word in found & phrases.keys() for extra in phrases[word]):
        return True
    carriers, modifiers, endorsements, negations = conditional_words()
    return bool(found & carriers and found & modifiers or found & endorsements and found & negations)


WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "n't" gives "t": negations are also caught as "don", "isn"...


def _carrier_lean(token: "Token") -> float:
    """+1 for "a sweet message", -1 for "a scathing post", 0 for a noun that carries no leaning."""
    if token.lemma_.lower() not in words("stance_carrier_nouns") and token.lower_ not in words("stance_carrier_nouns"):
        return 0.0
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    if modifiers & words("warm_modifiers"):
        return 1.0
    if modifiers & words("cold_modifiers"):
        return -1.0
    return 0.0


def _has_extras(token: "Token", extras: tuple[str, ...]) -> bool:
    """Whether every extra word of a phrase hangs on the token after it ("out" of "lash out"; not the
    "after" of "After dating B, A is going to ...")."""
    after = [c for c in token.children if c.i > token.i]
    below = {c.lower_ for c in after} | {c.lemma_.lower() for c in after}
    return all(word in below for word in extras)


def _match(token: "Token", kind: str) -> bool:
    phrases = lexicon()[kind]
    for key in {token.lemma_.lower(), token.lower_}:
        if any(_has_extras(token, extras) for extras in phrases.get(key, ())):
            return True
    return False


def _extra_tokens(token: "Token", kind: str) -> list["Token"]:
    """The children that are a phrase's extra words ("shade" of "throw shade at"): targets hang there too."""
    phrases = lexicon()[kind]
    extra = {w for key in (token.lemma_.lower(), token.lower_) for ex in phrases.get(key, ()) for w in ex}
    return [c for c in token.children if c.i > token.i and (c.lower_ in extra or c.lemma_.lower() in extra)]


class GrammarReader:
    """Reads stances from the parses of the sentences that hold a stance word."""

    def __init__(self, doc: Document, refs: References, parses: Parses, quotes: list[Quote],
                 kin_of: Callable[[str, str], list[str]], listener: Callable[[Quote], str | None],
                 discussed: Callable[[int, str, set[str | None]], str | None]) -> None:
        self.doc = doc
        self.text = doc.text
        self.refs = refs
        self.parses = parses
        self.quotes = sorted((q for q in quotes if q.speaker), key=lambda q: q.start)
        self.kin_of = kin_of
        self.listener = listener
        self.discussed = discussed

    # -- which sentences ---------------------------------------------------------------------
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences with a stance word and someone in them (a person, or "I" inside a quote)."""
        out = []
        for start, end in self.refs.sentences:
            if QUESTION_END.search(self.text, start, end):
                continue  # a question claims nothing: "Are A and B feuding?", "A Slams B? - Report"
            if not worth_parsing(WORD.findall(self.text[start:end].lower().replace("\u2019", "'"))):
                continue
            people = [r for r in self.refs.within(start, end) if r.person]
            # a stance needs two people: two references, or one and an "I" or "you" inside a quote,
            # or "each other" said of a pair named before ("the couple adore each other")
            if len(people) >= 2 or people and self._quote_at(start, end) or \
                    EACH_OTHER_TEXT.search(self.text, start, end):
                out.append((start, end))
        return out

    def _quote_at(self, start: int, end: int) -> Quote | None:
        for q in self.quotes:
            if q.start < end and start < q.end:
                return q
            if q.start >= end:
                break
        return None

    # -- who a token stands for -------------------------------------------------------------
    def person_of(self, token: "Token") -> list[str]:
        """The person a single token names: a reference, or "I"/"you" inside a quote."""
        start, end = doc_span(token)
        quote = self._quote_at(start, end)
        low = token.lower_
        if quote is not None and quote.speaker:
            if low in SELF_WORDS:
                return [quote.speaker]
            if low in YOU_WORDS:
                listener = self.listener(quote)
                return [listener] if listener else []
        ref = self.refs.person_at(start, end)
        if ref is None or ref.person is None:
            return []
        if quote is not None and ref.kind == "pronoun" and ref.person == quote.speaker:
            other = self.discussed(ref.start, ref.text, {quote.speaker})  # a quoted "she" is not the speaker
            return [other] if other else []
        return [ref.person]

    def people_of(self, token: "Token") -> list[str]:
        """Whom a noun phrase stands for: its name or pronoun, an apposition ("her friend, B"),
        a kin noun ("his wife"), the owner of a thing ("B's album"); conjuncts too."""
        out = self.person_of(token)
        if not out:
            appos = [c for c in token.children if c.dep_ == "appos"]
            owner = [c for c in token.children if c.dep_ == "poss"]
            if appos:
                out = self.people_of(appos[0])
            elif owner and token.lower_ in KIN:
                for person in self.person_of(owner[0]):
                    kin = self.kin_of(person, token.lower_)
                    out = kin if len(kin) == 1 else []  # "her friend" of a woman with three friends: no telling
            elif owner and token.pos_ != "PROPN" and not COMMENTER_WORDS.fullmatch(token.lower_):
                out = self.people_of(owner[0])  # "B's album", "her husband's birthday"; not "her fans"
            elif token.lower_ in RELATIVE and token.head.dep_ == "relcl":
                out = self.people_of(token.head.head)  # "B, whom A praised"
            else:  # "at Ferrante hours later": a name the parser took for a noun's modifier
                out = [p for c in token.children if c.dep_ == "compound" for p in self.person_of(c)][:1]
        for conj in token.children:
            if conj.dep_ == "conj":
                out = out + [p for p in self.people_of(conj) if p not in out]
        return out

    # -- "each other": the pair a plural subject stands for ------------------------------------
    def pair_of(self, token: "Token", sources: list[str]) -> list[str]:
        """The two people of "A and B adore each other", "the couple adore each other", "they
        support each other", or "we care for each other" in a quote; [] when there is no telling."""
        if len(sources) >= 2:
            return sources
        subjects, _ = self.subject(token)
        for s in subjects:
            start, _ = doc_span(s)
            quote = self._quote_at(start, start + 1)
            if s.lower_ in ("we", "us") and quote is not None and quote.speaker:
                return self._speaker_pair(quote.speaker, start)
            if s.lower_ in RELATIVE and s.head.dep_ == "relcl":
                s = s.head.head  # "they're great friends who love one another": the friends
            if s.lower_ in ("they", "both") or s.pos_ in ("NOUN", "NUM") and (
                    s.lemma_.lower() in words("plural_pair_nouns") or s.lower_ in words("plural_pair_nouns")):
                return self._joined_pair(start, None)
        return []

    def _joined_pair(self, position: int, member: str | None) -> list[str]:
        """The last two people joined by "and" before position (joined_pair)."""
        return joined_pair(self.text, self.refs, position, member)

    def _speaker_pair(self, speaker: str, position: int) -> list[str]:
        """Whom a speaker's "we" joins: the pair named with the speaker before the quote, else the
        speaker's one partner."""
        pair = self._joined_pair(position, speaker)
        if pair:
            return pair
        partners = self.kin_of(speaker, "partner")
        return [speaker, partners[0]] if len(partners) == 1 else []

    def subject(self, token: "Token") -> tuple[list["Token"], bool]:
        """The subject tokens of a predicate, climbing through "ready to", "and" and participles;
        and whether it is passive."""
        node = token
        own_voice = any(c.dep_ == "auxpass" for c in token.children)  # "B is expected to be slammed by A"
        shares_voice = True  # "B was praised and thanked by A"; not "A was seen cheering B" (a verb of its own)
        for _ in range(6):
            subjects = [c for c in node.children if c.dep_ in SUBJECTS]
            if subjects:
                return subjects, own_voice or shares_voice and subjects[0].dep_ == "nsubjpass"
            if node.dep_ in ("amod", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON") and \
                    self.people_of(node.head):
                return [node.head], False  # "a furious A", "herself cuddling with B"
            if node.dep_ == "acl":  # "a photo of herself cuddling with B": the one the photo is of
                pictured = [g for c in node.head.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj" and self.people_of(g)]
                if pictured:
                    return pictured, False
            if node.dep_ not in ("xcomp", "acomp", "conj", "advcl", "ccomp", "attr", "oprd", "acl", "pobj", "prep") \
                    and not (node.dep_ == "pcomp" and node.tag_ == "VBG") or node.head is node:
                break  # a gerund after a preposition climbs: "after slamming B, A ..."
            shares_voice = shares_voice and node.dep_ == "conj"
            node = node.head  # up through "ready to", "and", "in order to", "after slamming B, A ..."
        return [], False

    def sources_of(self, token: "Token") -> tuple[list[str], bool]:
        subjects, passive = self.subject(token)
        people: list[str] = []
        for s in subjects:
            people += [p for p in self.people_of(s) if p not in people]
        if not subjects:
            start, end = doc_span(token)
            quote = self._quote_at(start, end)
            if quote is not None and quote.speaker:
                people = [quote.speaker]  # "So proud of you!": the speaker's own words
        return people, passive

    def objects(self, token: "Token", skip: tuple["Token", ...] = ()) -> list["Token"]:
        """Object tokens of a predicate: its direct object or dative, else the objects of its
        prepositions ("celebrated the holiday with B" is about the holiday, not B)."""
        direct = [c for c in token.children if c.dep_ in ("dobj", "dative", "obj") and c not in skip]
        # "blew a kiss to B": a dative "to" holds its object
        direct = [g for c in direct for g in ([c] if c.pos_ != "ADP" else [g for g in c.children if g.dep_ == "pobj"])]
        if direct:
            return direct
        return [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in TARGET_PREPS
                for g in c.children if g.dep_ == "pobj"]

    # -- what takes a stance back ---------------------------------------------------------------
    def negated(self, token: "Token") -> bool:
        return negated(token)

    def taken_back(self, token: "Token") -> bool:
        return taken_back(token)

    # -- the rules ------------------------------------------------------------------------------
    def read(self) -> list[Found]:
        spans = self.sentences()
        self.parses.prefetch(spans)
        out: list[Found] = []
        for start, end in spans:
            parsed = self.parses.sentence(start, end)
            if parsed is None:
                continue
            span = Span(start, end)
            for token in parsed:
                out.extend(self._read_token(token, span))
        return out

    def _read_token(self, token: "Token", span: Span) -> Iterator[Found]:
        pos = token.pos_
        if token.lemma_.lower() in words("stance_endorsements") and self.negated(token) \
                and not self.taken_back(token):
            # "would never vote for B", "is not a fan of B": refusing support is a stance against
            if pos == "VERB":  # "trust" and "like" are too loose to read when affirmed, not when refused
                yield from self._verb(token, -1.0, span, "verb+")
            elif pos == "NOUN" and _match(token, "noun+"):
                yield from self._noun(token, -1.0, span)
            return
        if pos == "VERB":
            for sign, kind in ((1.0, "verb+"), (-1.0, "verb-"), (1.0, "mutual+"), (-1.0, "mutual-")):
                if _match(token, kind) and not self.negated(token) and not self.taken_back(token):
                    yield from (self._verb(token, sign, span, kind) if kind.startswith("verb")
                                else self._mutual(token, sign, span, kind))
        if pos in ("ADJ", "VERB", "ADV"):
            for sign, kind in ((1.0, "adj+"), (-1.0, "adj-")):
                if _match(token, kind) and not self.negated(token) and not self.taken_back(token):
                    yield from self._adjective(token, sign, span)
        if pos == "NOUN":
            for sign, kind in ((1.0, "noun+"), (-1.0, "noun-")):
                if _match(token, kind) and not self.negated(token) and not self.taken_back(token):
                    yield from self._noun(token, sign, span)
            lean = _carrier_lean(token)
            if lean and not self.negated(token) and not self.taken_back(token):
                yield from self._noun(token, lean, span, "stance_words_for")

    def targets_of(self, objects: list["Token"], sources: list[str]) -> list[str]:
        """The people the objects stand for; a plain "her" or "him" is never the subject itself
        ("A is supportive of her": another woman), so one coref gave the subject is looked for again."""
        out: list[str] = []
        for o in objects:
            people = self.people_of(o)
            if people and set(people) <= set(sources) and o.lower_ in ("her", "him", "she", "he"):
                start, _ = doc_span(o)
                other = self.discussed(start, o.text, set(sources))
                people = [other] if other else []
            out += [p for p in people if p not in out]
        return out

    def _pairs(self, sources: list[str], targets: list[str], score: float, span: Span, rule: str) -> Iterator[Found]:
        for s in sources:
            for t in targets:
                if s != t:
                    yield Found(s, t, score, span, rule)

    def _verb(self, token: "Token", sign: float, span: Span, kind: str) -> Iterator[Found]:
        if token.tag_ == "VBN" and token.dep_ in ("advcl", "acl", "amod") and \
                not any(c.dep_ in SUBJECTS or c.dep_ == "auxpass" for c in token.children):
            return  # "Credited on the film as a producer, B ...", "backed by a band": a participle, not an act
        sources, passive = self.sources_of(token)
        extras = tuple(_extra_tokens(token, kind))
        objects = self.objects(token, extras)
        for extra in extras:
            objects += self.objects(extra)  # "threw shade at B"
            objects += [c for c in extra.children if c.dep_ == "compound"]  # "sent B love", parsed as a compound
        aimed = [g for e in extras if e.dep_ == "prep" for g in e.children if g.dep_ == "pobj"]
        if aimed:
            objects = aimed  # "turned the children against B": B, whatever else the verb moves
        if passive:
            targets = sources
            sources = [p for o in objects if o.head.dep_ == "agent" for p in self.people_of(o)]
        else:
            if any(_each_other(o) for o in objects) or _each_other_below(token):
                pair = self.pair_of(token, sources)
                yield from self._pairs(pair, pair, WEIGHT * sign, span, "stance_mutual")
                return
            targets = self.targets_of(objects, sources)
            if not targets and not any(c.dep_ in ("dobj", "dative", "obj") for c in token.children):
                # "loves how romantic he is", "of course loves how ...": the one the clause is about
                targets = [p for c in token.children if c.dep_ == "ccomp"
                           for g in c.children if g.dep_ == "nsubj" for p in self.people_of(g)]
                if not targets:  # "loves kissing B", "loves working with B": unless the act is a stance of its own
                    doing = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                             and not any(_match(c, k) for k in lexicon())]
                    targets = self.targets_of([o for c in doing for o in self.objects(c)], sources)
        yield from self._pairs(sources, targets, WEIGHT * sign, span, "stance_verb")

    def _mutual(self, token: "Token", sign: float, span: Span, kind: str) -> Iterator[Found]:
        """'A and B feud', 'A clashed with B', 'A and B made up': a stance each way."""
        sources, passive = self.sources_of(token)
        if passive:
            return
        direct = [c for c in token.children if c.dep_ in ("dobj", "dative") and c.lower_ not in EACH_OTHER]
        if direct and not _extra_tokens(token, kind):
            return  # "they fought the ruling": not each other
        withs = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                 for g in c.children if g.dep_ == "pobj"]
        with_people = [p for o in withs for p in self.people_of(o) if p not in sources]
        if with_people:  # "A feuded with her parents, B and C": A and each of them, not B and C
            yield from self._pairs(sources, with_people, WEIGHT * sign, span, "stance_mutual")
            yield from self._pairs(with_people, sources, WEIGHT * sign, span, "stance_mutual")
        elif len(sources) >= 2:
            yield from self._pairs(sources, sources, WEIGHT * sign, span, "stance_mutual")

    def _adjective(self, token: "Token", sign: float, span: Span) -> Iterator[Found]:
        sources, passive = self.sources_of(token)
        objects = self.objects(token)
        if not objects and token.dep_ in ("acomp",):
            objects = [o for o in self.objects(token.head) if o.head.dep_ in ("prep", "agent")]
        if any(_each_other(o) for o in objects):  # "the two are so proud of each other"
            pair = self.pair_of(token, sources)
            yield from self._pairs(pair, pair, WEIGHT * sign, span, "stance_mutual")
            return
        targets = self.targets_of(objects, sources)
        if not targets and not objects:
            targets = [p for p in self._clause_subjects(token) if p not in sources]
        yield from self._pairs(sources, targets, WEIGHT * sign, span, "stance_adjective")

    def _clause_subjects(self, token: "Token") -> list[str]:
        """Whom a feeling is about when a clause says why: "furious when B skipped the premiere",
        "betrayed that B went public", "angry after B flew to New York"."""
        heads = [token] + ([token.head] if token.dep_ in ("acomp", "xcomp") else [])
        out: list[str] = []
        if any(c.lower_ in ("so", "too", "such") for h in heads for c in h.children):
            return out  # "so angry that she had to leave": what followed, not the cause
        for head in heads:
            for clause in head.children:
                if clause.dep_ not in ("advcl", "ccomp") or clause.i < token.i:
                    continue
                if clause.dep_ == "advcl" and not any(
                        g.dep_ in ("mark", "advmod") and g.lower_ in FEELING_CAUSES for g in clause.children):
                    continue  # "angry, she stormed out": no cause
                out += [p for g in clause.children if g.dep_ == "nsubj" for p in self.people_of(g) if p not in out]
        return out

    def _noun(self, token: "Token", sign: float, span: Span, rule: str = "stance_noun") -> Iterator[Found]:
        """'A's feud with B', 'A posted a tribute to B', 'a feud between A and B', 'allegations by A'."""
        targets: list[str] = []
        between: list[str] = []
        agents: list[str] = []
        mutual = False  # "the deepest respect for one another"
        for c in token.children:
            if c.dep_ != "prep":
                continue
            objects = [g for g in c.children if g.dep_ == "pobj"]
            mutual = mutual or any(_each_other(o) for o in objects)
            people = [p for o in objects for p in self.people_of(o)]
            if c.lower_ == "between":
                between += people
            elif c.lower_ == "by":
                agents += people
            elif c.lower_ in TARGET_PREPS:
                targets += people
        holder = token
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "ADJ"):
            # "a message of love for B", "sent a note of thanks to B": the target hangs on the word "of" hangs on
            holder = token.head.head
            if not targets:
                targets = [p for c in holder.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                           and c is not token.head for g in c.children if g.dep_ == "pobj" for p in self.people_of(g)]
        if not targets and holder.dep_ in ("dobj", "attr"):
            # "shared a tribute to B on Instagram": the parser hangs "to B" on the verb
            targets = [p for c in holder.head.children if c.dep_ in ("prep", "dative")
                       and c.lower_ in ("to", "for", "against", "at")
                       for g in c.children if g.dep_ == "pobj" for p in self.people_of(g)]
        if not targets:
            for c in token.children:  # "A's accusation that B lied": the one the clause is about
                if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in c.children):
                    targets += [p for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for p in self.people_of(g)]
        if len(between) >= 2:
            yield from self._pairs(between, between, WEIGHT * sign, span, "stance_mutual")
            return
        owners = [p for c in token.children if c.dep_ == "poss" for p in self.people_of(c)]
        if owners and (token.lemma_.lower() in words("stance_nouns_of_owner")
                       or token.lower_ in words("stance_nouns_of_owner")):
            if token.dep_ != "attr":
                return  # only "A is B's biggest fan" tells who is the fan
            targets, owners = targets or owners, []  # B is what A is a fan of
        if owners and token.dep_ == "conj" and token.head.pos_ == "PROPN":
            # "A and B's feud" parsed as "A" and "B's feud": A owns it too
            owners = [p for p in self.person_of(token.head) if p not in owners] + owners
        sources = owners or agents
        if not sources:
            node = token
            for _ in range(4):  # up through "of", "a message of love for B", to the verb
                if node.pos_ in ("VERB", "AUX") or node.head is node:
                    break
                node = node.head
            if node.pos_ in ("VERB", "AUX"):
                sources, _ = self.sources_of(node)
                if mutual:
                    pair = self.pair_of(node, sources)
                    yield from self._pairs(pair, pair, WEIGHT * sign, span, "stance_mutual")
                    return
        over = token.dep_ == "pobj" and token.head.lower_ in ("after", "since", "before", "following", "until")
        if not targets and len(sources) == 2 and _mutual_noun(token) and not over:  # not "made up after their feud"
            # "A and B's feud", "A and B keep on bickering": a stance each way
            yield from self._pairs(sources, sources, WEIGHT * sign, span, "stance_mutual")
            return
        if self._quote_at(*doc_span(token)) is not None:
            # "Congratulations to B!", "Happy birthday, B!": a speaker's own words, to the one named
            if not sources:
                sources, _ = self.sources_of(token)
            if not targets:
                targets = [p for c in token.children if c.dep_ in ("appos", "npadvmod") for p in self.people_of(c)]
        yield from self._pairs(sources, targets, WEIGHT * sign, span, rule)


def _each_other(token: "Token") -> bool:
    """Whether the token is the "other" of "each other" or the "another" of "one another"."""
    if token.lower_ == "one":  # parsed as "one" with "another" hanging on it
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "another"
    if token.lower_ not in EACH_OTHER or token.i == 0:
        return False
    before = token.nbor(-1).lower_
    return token.lower_ == "other" and before == "each" or token.lower_ == "another" and before == "one"


def _mutual_noun(token: "Token") -> bool:
    """Whether the noun names what two people do to each other: a feud, a spat, bickering."""
    mutual = words("stance_nouns_mutual")
    return token.lemma_.lower() in mutual or token.lower_ in mutual


def _each_other_below(token: "Token") -> bool:
    """Whether "each other" is what the verb's object is for: "wish nothing but good things for each other"."""
    todo = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    for _ in range(6):  # object, preposition, its object, preposition, "other"
        if any(_each_other(t) for t in todo):
            return True
        todo = [c for t in todo for c in t.children if c.dep_ in ("prep", "pobj")]
    return False


def negated(token: "Token") -> bool:
    """'did not slam', 'is not proud of', 'no feud with'."""
    nodes = [token] + ([token.head] if token.dep_ in ("acomp", "xcomp", "attr") else [])
    node = token
    # "isn't worried or threatened": both negated; "we're not close, but we wish...": a clause of its own is not
    while node.dep_ == "conj" and node.head is not node and not any(c.dep_ in SUBJECTS for c in node.children):
        node = node.head
        nodes += [node] + ([node.head] if node.dep_ in ("acomp", "xcomp", "attr") else [])
    for node in nodes:
        for c in node.children:
            if c.dep_ == "neg" or c.lower_ in ("no", "never", "nothing") and c.dep_ in ("det", "neg", "advmod") \
                    or c.lower_ in ("not", "n't", "n\u2019t"):  # "isn’t": a curly apostrophe the parser can miss
                return True
    return False


def _past_state(token: "Token") -> bool:
    """'was wary of me at first', 'initially resented him': the clause dates the feeling to a past
    since changed. Read on the stance word and the verb of its clause."""
    markers = words("stance_past_markers")
    clause = [token]
    node = token
    while node.dep_ in ("acomp", "amod", "attr", "xcomp", "dobj", "pobj", "prep") and node.head is not node:
        node = node.head
        clause.append(node)
    for head in clause:
        for child in head.children:
            if child.dep_ == "advmod" and child.lower_ in markers and child.lower_ != "first":
                return True  # "initially resented him"
            if child.dep_ == "prep" and child.lower_ == "at" and any(
                    g.dep_ in ("pobj", "pcomp", "advmod") and g.lower_ == "first" for g in child.children):
                return True  # "was wary of me at first"
    return False


#: Words opening a clause that gives the cause of a feeling: "furious when B ...", "upset because B ...".
FEELING_CAUSES = frozenset(("that", "after", "when", "because", "since", "as"))
#: Words that take a stance back as nouns only: "reports of a feud" leave it unsaid, but in
#: "A slammed B, reports Variety" the verb only says where the news comes from.
TAKES_BACK_AS_NOUN = frozenset(("report",))


#: What makes a clause a guess or an open question: "she might be angry with B", "fans wonder if
#: she is throwing shade at B", "whether A still loves B".
SUPPOSING_AUX = frozenset(("might", "may"))
SUPPOSING_MARKS = frozenset(("if", "whether"))
#: Edges out of the stance's own clause: a guess above them is about something else.
OWN_CLAUSE_ENDS = frozenset(("relcl", "advcl", "conj", "parataxis", "appos", "ccomp", "nsubj", "nsubjpass", "csubj"))


def _supposed(token: "Token") -> bool:
    """Whether the stance's own clause is guessed or asked, not told: a "might" or "may" on it, or
    an "if" or "whether" that opens it."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in SUPPOSING_AUX or c.dep_ == "mark" and c.lower_ in SUPPOSING_MARKS
               for c in node.children):
            return True
        if node.head is node or node.dep_ in OWN_CLAUSE_ENDS:
            return False
        node = node.head
    return False


#: A sentence that asks, maybe with a site's tag after the mark: "Cheated On Him While Married? -
#: Report", "Feuding Again? | Celeb Gossip".
QUESTION_END = re.compile(r"\?[!\"'\u201d\u2019)]*(?:\s*[-\u2013\u2014|:]\s*[^.?!\n]{0,30})?\s*$")
#: Words for talk nobody vouches for: what only they say is not told as fact.
HEARSAY = frozenset(("rumor", "rumour", "rumored", "rumoured", "speculation", "speculate"))


def said_by(token: "Token", sayers: frozenset[str]) -> bool:
    """Whether a verb above the word has a subject from the list: "rumors say they are feuding",
    "rumors have swirled that he is cheating on her"."""
    node = token
    for _ in range(5):
        if node.head is node:
            return False
        node = node.head
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in sayers for c in node.children):
            return True
    return False


def taken_back(token: "Token", dismissed: frozenset[str] | None = None) -> bool:
    """'denied slamming B', 'rumors of a feud', 'ended their feud', 'rumored feud': a word above
    the stance (or an adjective on it) from the list takes it back; so does a guess or an open
    question on its clause ('she might be angry with B', 'wonder if she is shading B')."""
    dismissed = words("stance_dismissed") if dismissed is None else dismissed
    if any(c.lemma_.lower() in dismissed and c.dep_ in ("amod", "compound") for c in token.children):
        return True
    if _past_state(token) or _supposed(token) or said_by(token, HEARSAY):
        return True
    node = token
    for _ in range(5):
        if node.head is node:
            break
        node = node.head
        if (node.lemma_.lower() in dismissed or node.lower_ in dismissed) and not (
                node.pos_ == "VERB" and node.lemma_.lower() in TAKES_BACK_AS_NOUN):
            return True
    return False


#: Verbs through which a feeling is still the subject's own: "she gets angry", "he starts laughing".
FEELING_LINKS = frozenset(("be", "get", "become", "seem", "look", "feel", "start", "begin", "keep", "go", "grow"))


def feeling_spans(parsed: "Doc", positions: set[int]) -> list[tuple[int, int]]:
    """Article spans of the feeling words told of the person named at these positions
    ("Brad is so angry", "she starts gesticulating and laughing"), with their conjuncts, and of
    the speaker's own undirected feelings ("we all panicked")."""
    states = words("emotion_states")
    out: list[tuple[int, int]] = []
    for token in parsed:
        if token.lemma_.lower() not in states and token.lower_ not in states:
            continue
        node = token
        while node.head is not node and (
                node.dep_ == "conj"
                or node.dep_ in ("acomp", "xcomp") and node.head.lemma_.lower() in FEELING_LINKS
                or node.pos_ == "ADJ" and node.dep_ in ("oprd", "advmod", "advcl", "xcomp", "acomp")):
            node = node.head  # up from "laughing" to "starts", from "angry" to "is" or "stormed out"
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(_names_at(s, p) for s in subjects for p in positions):
            out.append(doc_span(token))
        elif any(s.lower_ in ("i", "we") for s in subjects) and not any(c.dep_ == "prep" for c in token.children):
            out.append(doc_span(token))  # "when he died, we all panicked": the speaker's feeling, aimed at nobody
    return out


def _names_at(subject: "Token", position: int) -> bool:
    """Whether the subject names the person at position: "Sayle" in "Omar Sayle" (compound) too,
    not a clause hanging from it."""
    start, end = doc_span(subject)
    for child in subject.children:
        if child.dep_ == "compound" and child.i < subject.i:
            start = min(start, doc_span(child)[0])
    return start <= position < end


def grammar_stances(doc: Document, refs: References, parses: Parses, quotes: list[Quote],
                    kin_of: Callable[[str, str], list[str]], listener: Callable[[Quote], str | None],
                    discussed: Callable[[int, str, set[str | None]], str | None]) -> list[Found]:
    """Every stance the parse shows in the sentences holding a stance word."""
    return GrammarReader(doc, refs, parses, quotes, kin_of, listener, discussed).read()


def joined_pair(text: str, refs: References, position: int, member: str | None = None) -> list[str]:
    """The last two people joined by "and" before position ("A and B", "A and her husband, B"),
    the headline's pair last; with member, only a pair holding that person. [] when none."""
    found = joined_pair_at(text, refs, position, member)
    return found[0] if found else []


def joined_pair_at(text: str, refs: References, position: int,
                   member: str | None = None) -> tuple[list[str], int] | None:
    """joined_pair with where its second name ends (the headline's pair: at 0), so a caller can
    weigh it against other pairs named since."""
    named = [r for r in refs.within(max(0, position - PAIR_REACH), position) if r.person]
    headline = [r for r in refs.within(0, refs.headline_end) if r.person]
    for group, at_headline in ((named, False), (headline, True)):
        for first, second in reversed(list(zip(group, group[1:]))):
            if first.person == second.person or not JOINED.fullmatch(text, first.end, second.start):
                continue
            pair = [first.person, second.person]
            if member is None or member in pair:
                return pair, 0 if at_headline else second.end  # type: ignore[return-value]
    return None
