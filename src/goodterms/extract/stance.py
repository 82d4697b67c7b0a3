"""Stances: who speaks or acts well or badly of whom, from quotes and from the grammar (stance_grammar)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Document, Person, Quote, Relation, Span, Stance
from .comments import sentiment_analyzer
from .coref import References
from .kinship import KIN
from .lexicon import FEMALE_WORDS
from .parse import Parses, doc_span, subtree_span
from .sentences import sentence_spans
from .stance_grammar import feeling_spans, grammar_stances
from .wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

MY_KIN = re.compile(
    r"\bmy\s+(?:[\w-]+\s+){0,2}?(?P<kin>" + "|".join(sorted((re.escape(k) for k in KIN), key=len, reverse=True))
    + r")\b", re.IGNORECASE)
KIN_TO_TYPES = {
    "spouse": ("spouse", "partner"), "partner": ("partner", "spouse"), "child": ("parent:child",),
    "parent": ("parent:parent",), "sibling": ("sibling",), "friend": ("friend",),
}
STRONG = 0.5
EVALUATED = 0.35  # the weaker bar for words said of the target outright ("X is an extraordinary talent")
THIS_PERSON = re.compile(r"\b(?:(?:this|that)\s+(?:amazing\s+|incredible\s+|beautiful\s+)?|in love with (?:a|an|the)\s+"
                         r"(?:[\w-]+\s+)?)(?:woman|man|girl|guy|lady)\b", re.IGNORECASE)
KIN_AFTER = re.compile(r"\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?P<kin>" + "|".join(
    sorted((re.escape(k) for k in KIN), key=len, reverse=True)) + r")\b", re.IGNORECASE)
CLAUSE = re.compile(r"[^,;:\u2014]+?(?:[,;:\u2014]|\s(?=(?:and|but|because|while|although|so)\s)|$)")
# "I've got a kind, patient, wonderful wife": the speaker's own kin, without "my"
SPEAKER_KIN = re.compile(
    r"\bI(?:['\u2019]ve| have)(?: got)? (?:an?|the)\s+(?:[\w-]+,?\s+){0,4}?(?P<kin>"
    + "|".join(sorted((re.escape(k) for k in KIN), key=len, reverse=True)) + r")\b", re.IGNORECASE)
YOU = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)
_TELL = r"(?:telling|told|tells|tell|said to|says to|saying to|wrote to|writes to|writing to)"
ADDRESSEE_BEFORE = re.compile(r"\b" + _TELL + r"\s+(?P<who>[^,:;\"\u201c\u201d]{1,40}?)\s*[,:]?\s*[\"\u201c']?\s*\Z")
ADDRESSEE_AFTER = re.compile(r"[,.!?\u2026]?\s*[\"\u201d']?\s*[^.!?\"\u201c\u201d]{0,40}?\b" + _TELL
                             + r"\s+(?P<who>[^,.;:!?\"\u201c\u201d]{1,40})")
# A clause opened by a conjunction and no subject of its own: "... and a dear friend", "... and f--ked everyone over"
CONTINUATION = re.compile(r"\s*(?:and|but|or|so)\s+(?!(?:I|you|he|she|we|they|it|there|this|that)\b)(?=[a-z])")
DESCRIBED = re.compile(r"\b(?:described|describes|describing|called|calls|calling|labell?ed|dubbed|branded)\s+"
                       r"(?:[A-Z][\w'\u2019.-]*\s*){1,3}\s+as\b|\b(?:called|calls|dubbed|branded)\s+"
                       r"(?:[A-Z][\w'\u2019.-]*\s*){1,3}(?=\s*[\"\u201c])")


NEGATIVE_PHRASES = re.compile(
    r"\b(?:never there for|won['\u2019]?t pretend|can['\u2019]?t forgive|never forgive|lied to me|cheated on me|hurt me|toxic|"
    r"betrayed me|walked out on|abandoned (?:me|us)|was never there|not there for (?:me|us|the kids)|"
    r"(?:throw|threw|throwing|thrown) (?:me|us|them|everyone) under the bus|scapegoat|"
    r"(?:f[-*]+ked|fucked|screwed) (?:me|us|everyone|everybody|them) over|"
    # wishing somebody gone: "I'd be glad if the town never saw her again", "never want to see him again"
    r"(?:didn['\u2019]?t|did not|don['\u2019]?t|do not|never|won['\u2019]?t|wouldn['\u2019]?t) (?:\w+ ){0,2}?"
    r"(?:see|saw|seen|hear from|heard from|speak to|spoke to|talk to|talked to|deal with|work with|worked with) "
    r"(?:\w+ ){0,2}?(?:again|anymore|any more))\b",
    re.IGNORECASE)
POSITIVE_PHRASES = re.compile(
    r"\b(?:so grateful for|lucky to have (?:her|him|them)|proud of (?:her|him)|missed my (?:friend|sister|brother)|"
    r"happy to have (?:her|him) back|love (?:her|him) so much|my rock|best friend|couldn['\u2019]?t ask for a better|"
    r"(?:she|he|they)(?:['\u2019]s| is| are| will always be)(?: like)? (?:family|my family|a sister to me|a brother to me))\b",
    re.IGNORECASE)


def _phrase_score(sentence: str, score: float) -> float:
    """VADER misses what people say about each other ("he was never there for me"); these phrases decide."""
    negative, positive = NEGATIVE_PHRASES.search(sentence), POSITIVE_PHRASES.search(sentence)
    if negative and not positive:
        return min(score, -0.6)
    if positive and not negative:
        return max(score, 0.6)
    return score


# "super early": an intensifier, not praise (VADER scores "super" as a warm word on its own)
SUPER_BEFORE_WORD = re.compile(r"\bsuper\s+(?=[a-z])", re.IGNORECASE)


# "she's like, 'Oh'": quotative "like" introduces words, it is not liking (VADER reads it as warm)
QUOTATIVE_LIKE = re.compile(r"((?:\b(?:is|was|am|are|were|be|been)|['\u2019](?:s|m|re))\s+)like\b"
                            r"(?=\s*[,:\u2018\u201c'\"])", re.IGNORECASE)
# "his or her", "he or she": anyone at all, not the person the pronoun would otherwise stand for
#: Words that put the speaker (or the one spoken to) in a quoted sentence.
SPEAKER_IN = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours|you|your|yours)\b|\bI['\u2019]", re.IGNORECASE)
#: Verbs that say what someone is rather than what they did: "She is amazing", "he seems lovely".
BEING_VERBS = frozenset(("be", "seem", "look", "sound", "feel", "become", "remain", "stay", "appear"))
THIRD_PERSON = frozenset(("he", "she", "they"))
#: How strong a word's VADER valence must be for the word to judge ("kind" 2.4, "smart" 1.7), not
#: merely lean ("sure" 1.3 in "to make sure", "fine" 0.8).
JUDGING = 1.5
THIRD_PERSON_WORD = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
GENERIC_PRONOUN = re.compile(r"\b(?:his or her(?:self)?|he or she|him(?:self)? or her(?:self)?|her(?:self)? or "
                             r"him(?:self)?|her or his|she or he)\b", re.IGNORECASE)


def _score(text: str) -> float:
    """VADER's compound score, with "super" read as "very" before another word and quotative "like" left out."""
    text = QUOTATIVE_LIKE.sub(r"\1went", SUPER_BEFORE_WORD.sub("very ", text))
    return float(sentiment_analyzer().polarity_scores(text)["compound"])


class StanceFinder:
    """Collects scored evidence per (source, target) and turns it into stances."""

    def __init__(self, doc: Document, people: list[Person], refs: References, relations: list[Relation]) -> None:
        self.doc = doc
        self.text = doc.text
        self.refs = refs
        self.people = {p.id: p for p in people}
        self.relations = relations
        self.evidence: dict[tuple[str, str], list[tuple[float, Span, str]]] = defaultdict(list)
        self.parses: Parses | None = None

    def add(self, source: str | None, target: str | None, score: float, span: Span, rule: str) -> None:
        if source and target and source != target:
            self.evidence[(source, target)].append((score, span, rule))

    def kin_of(self, person: str, kin: str) -> list[str]:
        """People related to person as kin says ("my husband" said by person)."""
        kind = KIN.get(kin.lower())
        out = []
        for r in self.relations:
            if kind in ("spouse", "partner", "sibling", "friend", "relative") and r.type == kind or \
                    kind in ("spouse", "partner") and r.type in ("spouse", "partner"):
                if person in (r.subject, r.object):
                    out.append(r.object if r.subject == person else r.subject)
            elif kind == "child" and r.type == "parent" and r.subject == person:
                out.append(r.object)
            elif kind == "parent" and r.type == "parent" and r.object == person:
                out.append(r.subject)
        return out

    def from_quotes(self, quotes: list[Quote]) -> None:
        """A speaker's words about someone: the sentiment of the sentence that names them."""
        for quote in quotes:
            speaker = quote.speaker
            if speaker is None or quote.kind == "partial":
                continue  # a partial quote is read with its narrated sentence, not as speech of its own
            listener = self._addressee(quote, speaker)
            for s_start, s_end in sentence_spans(self.text, quote.start, quote.end):
                if any(r.person == speaker and r.kind in ("name", "short") and _in_words(quote, r.start)
                       for r in self.refs.within(s_start, s_end)):
                    continue  # "Chelsea was focused on ...": words about the speaker are somebody else's
                targets = self._quote_targets(quote, speaker, listener, s_start, s_end)
                sentence = self.text[s_start:s_end]
                score = _phrase_score(sentence, _score(sentence))
                if not targets or abs(score) < EVALUATED:
                    continue
                if self._an_account(speaker, s_start, s_end):
                    continue
                if abs(score) < STRONG:
                    # "Jennifer is an extraordinary talent": said of the target outright, milder words do
                    targets = {t: ps for t, ps in targets.items() if self._said_of(ps, s_start, s_end)}
                # "He is so happy with her": the feeling is his, whoever the target; not the speaker's
                others = {p for ps in targets.values() for p in ps} | {
                    m.start() for m in THIRD_PERSON_WORD.finditer(self.text, s_start, s_end)}
                for target in self._targets_of_sentence(targets, score, s_start, s_end):
                    if self._only_their_feelings(target, sorted(others), score, s_start, s_end):
                        continue
                    self.add(speaker, target, score, Span(s_start, s_end), "quote_sentiment")

    def _an_account(self, speaker: str, start: int, end: int) -> bool:
        """Whether a quoted sentence tells what a third person did ("He stormed out", "Beyonce has
        decided Blue will ...", "She's neglecting her diet"): its main verb is an action of a
        subject who is neither the speaker nor "I"/"we", the speaker is not in it ("she threw me
        under the bus"), and no phrase of judgement is ("f--ked everyone over"). Such an account
        is the speaker's report, not the speaker's stance; "She is amazing" (a verb of being) is."""
        if self.parses is None:
            return False
        parsed = self.parses.sentence(start, end)
        if parsed is None:
            return False
        sentence = self.text[start:end]
        if SPEAKER_IN.search(sentence) or NEGATIVE_PHRASES.search(sentence) or POSITIVE_PHRASES.search(sentence):
            return False
        root = next((t for t in parsed if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in BEING_VERBS:
            return False
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1:
            return False
        if any(_evaluative(t) for t in parsed):
            return False  # "He says amazing things": the speaker's own word for what he does
        s_start, s_end = subtree_span(subjects[0])
        if subjects[0].lower_ in THIRD_PERSON:
            return True
        named = [r for r in self.refs.within(s_start, s_end) if r.person and r.kind in ("name", "short")]
        return bool(named) and all(r.person != speaker for r in named) and subjects[0].pos_ == "PROPN"

    def _only_their_feelings(self, target: str, positions: list[int], score: float, start: int, end: int) -> bool:
        """'Brad is so angry', 'she starts laughing': the warm or cold words tell the target's own
        feelings; without them the sentence says nothing strong of the target."""
        if self.parses is None or not positions:
            return False
        parsed = self.parses.sentence(start, end)
        if parsed is None:
            return False
        blanks = feeling_spans(parsed, set(positions))
        if not blanks:
            return False
        chars = list(self.text[start:end])
        for b_start, b_end in blanks:
            chars[b_start - start:b_end - start] = " " * (b_end - b_start)
        rest = "".join(chars)
        return abs(_phrase_score(rest, _score(rest))) < STRONG or _score(rest) * score < 0

    def _targets_of_sentence(self, targets: dict[str, list[int]], score: float, start: int, end: int) -> list[str]:
        """The targets the sentence's feeling is about: not one whose clause is cold, or lukewarm beside a warm one."""
        leaning: dict[str, float] = {}
        for target, positions in targets.items():
            clause = self._said_of(positions, start, end) or self._clause_about(positions, start, end)
            leaning[target] = score if clause is None else _phrase_score(clause, _score(clause))
        strong = {t for t, lean in leaning.items() if lean * score >= STRONG * score * score}
        # "I've got a wonderful wife who I adore ... and I gave Sam a friendly hug": the warmth is hers
        return [t for t, lean in leaning.items() if lean * score > 0 and (t in strong or not strong - {t})]

    def _quote_targets(self, quote: Quote, speaker: str, listener: str | None,
                       start: int, end: int) -> dict[str, list[int]]:
        """Whom a quoted sentence is about, with where it names each: people, "my husband", "you", "this woman"."""
        sentence = self.text[start:end]
        targets = self._named_in_quote(start, end, speaker, listener)
        for kin in [*MY_KIN.finditer(sentence), *SPEAKER_KIN.finditer(sentence)]:
            for person in self.kin_of(speaker, kin.group("kin")):
                targets.setdefault(person, []).append(start + kin.start("kin"))
        if listener is not None and YOU.search(sentence):
            targets.setdefault(listener, [])  # vows "telling his wife": "you are the greatest" is about her
        if THIS_PERSON.search(sentence):
            other = self._other_party(speaker, quote.start)
            if other:
                targets.setdefault(other, [])  # "So grateful for this woman."
        return targets

    def _named_in_quote(self, start: int, end: int, speaker: str, listener: str | None) -> dict[str, list[int]]:
        """Who a quoted sentence names, and where; a "she" coref gave the speaker or listener means a third person."""
        targets: dict[str, list[int]] = {}
        generic = [(m.start(), m.end()) for m in GENERIC_PRONOUN.finditer(self.text, start, end)]
        for ref in self.refs.within(start, end):
            if not ref.person or ref.kind not in ("name", "short", "pronoun"):
                continue
            if any(a <= ref.start < b for a, b in generic):
                continue
            person: str | None = ref.person
            if ref.kind == "pronoun" and person in (speaker, listener):
                person = self._discussed(ref.start, ref.text, {speaker, listener})
            if person and person != speaker:
                targets.setdefault(person, []).append(ref.start)
        return targets

    def _discussed(self, position: int, pronoun: str, away: set[str | None]) -> str | None:
        """The third person a quoted "she" or "he" means: named nearby or in the headline, and of that gender."""
        gender = "f" if pronoun.lower() in FEMALE_WORDS else "m"
        score: dict[str, float] = defaultdict(float)
        for ref in self.refs.within(max(0, position - 800), position):
            if ref.person and ref.kind in ("name", "short"):
                score[ref.person] += 1.0 + ref.start / 1e6  # ties go to the one named last
        for ref in self.refs.within(0, self.refs.headline_end):
            if ref.person and ref.kind in ("name", "short"):
                score[ref.person] += 2.0  # the one the article is about
        fits = [p for p in score if p not in away and self.people[p].gender in (None, gender)]
        for p in fits:
            if self.people[p].gender is None:
                score[p] -= 1.0  # a "she" is sooner a woman we know is one than someone of unknown gender
        return max(fits, key=lambda p: score[p]) if fits else None

    def _addressee(self, quote: Quote, speaker: str) -> str | None:
        """Whom the words are told to: "telling his wife, '...'", "'...,' she tells Kim"."""
        before = ADDRESSEE_BEFORE.search(self.text, max(0, quote.start - 80), quote.start)
        after = ADDRESSEE_AFTER.match(self.text, quote.end, min(len(self.text), quote.end + 80))
        for m in (before, after):
            if m is None:
                continue
            kin = KIN_AFTER.match(" " + m.group("who"))
            if kin:
                people = self.kin_of(speaker, kin.group("kin"))
                if len(people) == 1:
                    return people[0]
                continue
            ref = self.refs.person_at(m.start("who"), m.start("who") + 1)
            if ref is not None and ref.kind in ("name", "short") and ref.person not in (None, speaker):
                return ref.person
        return None

    def _said_of(self, positions: list[int], start: int, end: int) -> str | None:
        """The predicate said outright of a target who is the subject of the sentence's main "be"
        ("She is fantastic", "Jennifer is an extraordinary talent"); None otherwise."""
        if self.parses is None or not positions:
            return None
        parsed = self.parses.sentence(start, end)
        if parsed is None:
            return None
        for token in parsed:
            if token.dep_ == "nsubj" and token.head.dep_ == "ROOT" and token.head.lemma_ == "be" and \
                    any(doc_span(token)[0] <= p < doc_span(token)[1] for p in positions):
                if any(c.dep_ == "conj" for c in token.children):
                    return None  # "She and I are sick of this": said of both, not of her
                said = [c for c in token.head.children if c.dep_ in ("attr", "acomp")]
                if said:
                    first = min(doc_span(token)[0], subtree_span(said[0])[0])  # "She is family": with its subject
                    return self.text[first:subtree_span(said[-1])[1]]
        return None

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses of a sentence; "and f--ked everyone over" names nobody and joins the clause before."""
        clauses: list[tuple[int, int]] = []
        for m in CLAUSE.finditer(self.text, start, end):
            if m.end() == m.start():
                continue
            if clauses and CONTINUATION.match(self.text, m.start()) and self.text[clauses[-1][1] - 1].isspace() \
                    and not any(r.person for r in self.refs.within(m.start(), m.end())):
                clauses[-1] = (clauses[-1][0], m.end())
            else:
                clauses.append((m.start(), m.end()))
        return clauses

    def _clause_about(self, positions: list[int], start: int, end: int) -> str | None:
        """The clause naming the target at these positions, when the sentence has several; else None."""
        clauses = self._clauses(start, end)
        if len(clauses) < 2:
            return None
        for c_start, c_end in clauses:
            if any(c_start <= p < c_end for p in positions):
                return self.text[c_start:c_end]
        return None

    def from_descriptions(self) -> None:
        """'A described B as "wonderfully kind"': the sentiment of the words A chose."""
        for s_start, s_end in self.refs.sentences:
            for m in DESCRIBED.finditer(self.text, s_start, s_end):
                refs = [r for r in self.refs.within(s_start, s_end) if r.person]
                before = [r for r in refs if r.end <= m.start() and not _possessor(self.text, r)]
                target = [r for r in refs if m.start() <= r.start < m.end()]
                if not before or not target:
                    continue
                score = _score(self.text[m.end():s_end])
                if abs(score) >= 0.3:
                    self.add(before[-1].person, target[0].person, score, Span(s_start, s_end), "described_as")

    def from_grammar(self, parses: Parses, quotes: list[Quote]) -> None:
        """'A slammed B', 'A is furious with B', 'A's tribute to B': read from the parse (stance_grammar)."""
        for found in grammar_stances(self.doc, self.refs, parses, quotes, self.kin_of,
                                     lambda q: self._addressee(q, q.speaker) if q.speaker else None,
                                     self._discussed):
            self.add(found.source, found.target, found.score, found.span, found.rule)

    def _other_party(self, person: str | None, position: int) -> str | None:
        """Whom "this woman" or "in love with a man" means: the speaker's one current partner, else the
        last other person named."""
        partners = {r.object if r.subject == person else r.subject for r in self.relations
                    if r.type in ("spouse", "partner") and r.status != "former" and person in (r.subject, r.object)}
        if len(partners) == 1:
            return partners.pop()
        for ref in reversed(self.refs.within(max(0, position - 600), position)):
            if ref.person and ref.person != person and ref.kind in ("name", "short"):
                return ref.person
        return None

    def stances(self) -> list[Stance]:
        out = []
        for (source, target), items in self.evidence.items():
            total = sum(score for score, _, _ in items)
            mean = total / len(items)
            positive = any(s > 0 for s, _, _ in items)
            negative = any(s < 0 for s, _, _ in items)
            if positive and negative and abs(mean) < STRONG:
                polarity = "mixed"
            elif mean >= 0.05:
                polarity = "positive"
            elif mean <= -0.05:
                polarity = "negative"
            else:
                continue
            rule = max(items, key=lambda item: abs(item[0]))[2]  # the rule of the strongest evidence
            out.append(Stance(source, target, polarity, round(mean, 3), tuple(span for _, span, _ in items), rule))
        return out


def _evaluative(token: "Token") -> bool:
    """An adjective that judges ("amazing", "foolish"), not one that tells a feeling ("angry");
    a modifier the parser tagged as a noun ("the funniest thing") counts too."""
    modifier = token.pos_ == "ADJ" or token.dep_ in ("amod", "compound", "acomp")
    if not modifier or token.pos_ in ("VERB", "AUX", "PROPN"):
        return False
    feelings = words("emotion_states")
    if token.lemma_.lower() in feelings or token.lower_ in feelings:
        return False
    lexicon = sentiment_analyzer().lexicon  # "funniest" is not in it; "funny" is
    return max(abs(lexicon.get(token.lower_, 0.0)), abs(lexicon.get(token.lemma_.lower(), 0.0))) >= JUDGING


def _in_words(quote: Quote, position: int) -> bool:
    """Whether position is in the quoted words themselves, not in an interrupting "she said"."""
    parts = quote.parts or (Span(quote.start, quote.end),)
    return any(p.start <= position < p.end for p in parts)


def _possessor(text: str, ref: object) -> bool:
    end = ref.end  # type: ignore[attr-defined]
    return text[end:end + 2] in ("'s", "\u2019s")


def find_stances(
    doc: Document, people: list[Person], refs: References, quotes: list[Quote], relations: list[Relation],
    *, parses: Parses | None = None,
) -> list[Stance]:
    """Directed stances with polarity, score and evidence spans."""
    finder = StanceFinder(doc, people, refs, relations)
    finder.parses = parses if parses is not None else Parses(doc)
    finder.from_quotes(quotes)
    finder.from_descriptions()
    finder.from_grammar(finder.parses, quotes)
    return finder.stances()
