"""Verdicts: are two people on good terms? Evidence records in, a verdict with its reasons out."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from ..model import Document, PairEvidence, PairVerdict, Person, Relation, Span, Stance
from .coref import Reference, References
from .parse import Parses, doc_span, subtree_span
from .stance_grammar import HEARSAY, PAIR_REACH, QUESTION_END, TAKES_BACK_AS_NOUN, joined_pair_at, negated, said_by
from .wordlists import entries, words

if TYPE_CHECKING:
    from spacy.tokens import Token


def phrase_pattern(name: str) -> re.Pattern[str]:
    """A case-blind pattern for the phrases of data/NAME.txt: words may be split by any run of
    spaces, a hyphen may be a space or nothing ("co-parenting", "co parenting", "coparenting") and
    an apostrophe straight or curly. Longer phrases first, so "bad blood" wins over "bad"."""
    forms = sorted(entries(name), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(_form_pattern(f) for f in forms) + r")\b", re.IGNORECASE)


def _form_pattern(form: str) -> str:
    """The regular expression of one listed phrase (see phrase_pattern)."""
    parts = []
    for word in form.split():
        pieces = [re.escape(piece).replace("'", "['\u2019]") for piece in word.split("-")]
        parts.append(r"[-\s]?".join(pieces))
    return r"\s+".join(parts)


GOOD_TERMS = phrase_pattern("good_terms_phrases")
BAD_TERMS = phrase_pattern("bad_terms_phrases")
COUPLE_WORDS = re.compile(r"\b(?:the\s+(?:former\s+)?(?P<noun>couple|exes|pair|duo|two)|they|both)\b", re.IGNORECASE)
#: Couple words that stand for two partners only: "the couple" is not a mother and her son.
ROMANTIC_PAIR_WORDS = frozenset(("couple", "exes"))


Evidence = PairEvidence


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def gather_evidence(
    doc: Document, people: list[Person], refs: References, relations: list[Relation], stances: list[Stance],
    *, parses: Parses | None = None,
) -> list[Evidence]:
    """Stances both ways, relation states and good- or bad-terms events between two people."""
    out: list[Evidence] = []
    name = {p.id: p.name for p in people}
    for s in stances:
        note = f"{name.get(s.source, s.source)} is {s.polarity} about {name.get(s.target, s.target)}"
        if s.polarity == "mixed":  # warm and cold words both: one piece of evidence each way
            scores = [0.5, -0.5]
        else:
            scores = [(1.0 if s.polarity == "positive" else -1.0) * max(abs(s.score), 0.5)]
        for score in scores:
            for span in s.evidence[:3]:
                out.append(Evidence(s.source, s.target, "stance", score, span, note, _evidence_rule(s.rule)))
    for r in relations:
        if r.type in ("spouse", "partner", "friend") and r.status == "current" and r.evidence:
            note = f"{name.get(r.subject, r.subject)} and {name.get(r.object, r.object)} are {r.type}s"
            rule = "current_friends" if r.type == "friend" else "current_couple"
            out.append(Evidence(r.subject, r.object, "relation", 0.4, r.evidence[0], note, rule))
    headline = doc.blocks_of("headline")
    for start, end in refs.sentences:
        title_case = bool(headline) and headline[0].start <= start < headline[0].end \
            or _title_case(_without_names(doc.text, start, end, refs))
        good = _terms_word(GOOD_TERMS, doc.text, start, end, refs, title_case=title_case)
        bad = _terms_word(BAD_TERMS, doc.text, start, end, refs, title_case=title_case)
        if not good and not bad:
            continue
        named = [r for r in refs.within(start, end) if r.person and r.kind in ("name", "short", "pronoun")]
        for match, score, rule in ((good, 0.9, "good_terms_words"), (bad, -0.9, "bad_terms_words")):
            if match is None:
                continue
            reading = _reading(parses, start, end, match) if parses is not None else "said"
            if reading == "unsaid" or score < 0 and _done_by_nobody_named(doc.text, match, end, parses, start):
                continue
            if reading == "reversed" and score > 0:  # "they are not on speaking terms": at odds
                score, rule = -0.9, "good_terms_negated"
            elif reading == "reversed":  # "ended their feud", "denied rumors of a feud", "no bad blood"
                score, rule = 0.6, "bad_terms_reversed"
            for a, b in _event_pairs(_named_by_phrase(parses, start, end, match, named), match.start(), refs,
                                     relations, parses, start, end):
                out.append(Evidence(a, b, "event", score, Span(match.start(), match.end()), match.group(0), rule))
    return out


#: After a verb, what tells it has no object: "X slammed for skipping the wedding", "Y Blasted Over Post".
NO_OBJECT_AFTER = re.compile(r"\s+(?:for|over|after|amid)\b", re.IGNORECASE)


def _done_by_nobody_named(text: str, match: re.Match[str], end: int, parses: Parses | None, start: int) -> bool:
    """Whether a bad-terms verb is passive with no one named doing it ("X was slammed for skipping
    the wedding", "X Slammed For Ignoring Rule At Y's Wedding"): critics nobody names, so no pair of
    the sentence is at odds by it. With "by" after it ("slammed by Y") it is Y's."""
    if not match.group(0).lower().endswith("ed") or " " in match.group(0).strip():
        return False
    if re.search(r"\bby\b", text[match.end():end], re.IGNORECASE):
        return False
    found = _phrase_tokens(parses, start, end, match) if parses is not None else None
    if found is not None and found[0].tag_ == "VBN" and any(c.dep_ == "auxpass" for c in found[0].children):
        return True
    return NO_OBJECT_AFTER.match(text, match.end()) is not None


def _terms_word(pattern: re.Pattern[str], text: str, start: int, end: int, refs: References, *,
                title_case: bool) -> re.Match[str] | None:
    """The first terms phrase of the sentence that is a phrase, not part of a name or title: a
    person's name ("A$AP Rocky"), a quoted title ("her song 'Bad Blood'", "'We Are Never Getting
    Back Together'") or, in a sentence not written in title case (a headline, a link to another
    story), capitalised words amid the sentence ("the United Nations", "Manchester United")."""
    names = [(r.start, r.end) for r in refs.within(start, end) if r.kind in ("name", "short")]
    for match in pattern.finditer(text, start, end):
        if any(s < match.end() and match.start() < e for s, e in names):
            continue
        if _capitalised(match.group(0)) and (_quoted_title(text, match.start(), match.end())
                                             or not title_case and text[start:match.start()].strip()):
            continue
        return match
    return None


SMALL_WORDS = frozenset(("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as"))


def _title_case(sentence: str) -> bool:
    """Whether a sentence is written as a title: its words capitalised but for small ones
    ("PHOTOS: Star Reveals Secrets About Her Abuse Claims")."""
    found = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", sentence) if w.lower() not in SMALL_WORDS]
    return len(found) >= 3 and sum(w[0].isupper() for w in found) >= 0.8 * len(found)


def _without_names(text: str, start: int, end: int, refs: References) -> str:
    """The sentence with the names of people blanked: they are capitalised in any sentence."""
    chars = list(text[start:end])
    for r in refs.within(start, end):
        if r.kind in ("name", "short"):
            chars[max(0, r.start - start):max(0, r.end - start)] = " " * (min(r.end, end) - max(r.start, start))
    return "".join(chars)


def _capitalised(phrase: str) -> bool:
    """Whether every word of the phrase opens with a capital ("Bad Blood", "United")."""
    return all(word[:1].isupper() for word in re.split(r"[\s-]+", phrase) if word)


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"
TITLE_RUN = re.compile(r"(?:[A-Z0-9][\w'\u2019&-]*[,.!?]?\s+)*$")
TITLE_TAIL = re.compile(r"(?:\s+[A-Z0-9][\w'\u2019&-]*)*[,.!?]?")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the capitalised phrase at start:end sits in a run of capitalised words between
    quote marks, on its line: the title of a song, film or show."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = TITLE_RUN.search(text, line_start, start)
    after = TITLE_TAIL.match(text, end, line_end)
    opening = before.start() if before else start
    closing = after.end() if after else end
    return opening > 0 and text[opening - 1] in QUOTE_MARKS and closing < len(text) and text[closing] in QUOTE_MARKS


def _reading(parses: Parses, start: int, end: int, match: re.Match[str]) -> str:
    """How the sentence tells the terms phrase: 'said', 'reversed' ("ended their feud", "denied a
    falling out", "no feud", "not on good terms") or 'unsaid' ("rumors of a feud", a question, a
    wish or a condition: "should bury the hatchet", "if they get back together")."""
    if QUESTION_END.search(parses.doc.text, start, end):
        return "unsaid"
    found = _phrase_tokens(parses, start, end, match)
    if found is None:
        return "said"
    top, inside = found
    if _unreal(top, inside):
        return "unsaid"
    if _taken_back(top, words("terms_reversed")) or _taken_back(inside[0], words("terms_reversed")):
        return "reversed"  # "denied rumors of a feud"
    if _taken_back(top, HEARSAY) or said_by(top, HEARSAY):  # "rumors that they aren't getting along"
        return "unsaid"
    if not NEGATION_IN_PHRASE.search(match.group(0)) and any(negated(n) for n in _phrase_clause(top, inside)):
        return "reversed"
    return "said"


def _phrase_tokens(parses: Parses, start: int, end: int,
                   match: re.Match[str]) -> tuple["Token", list["Token"]] | None:
    """The parsed tokens of a terms phrase and the one of them the others hang from."""
    inside = parses.tokens_within((start, end), match.start(), match.end())
    if not inside:
        return None
    return next((t for t in inside if t.head not in inside or t.head is t), inside[0]), inside


def _named_by_phrase(parses: Parses | None, start: int, end: int, match: re.Match[str],
                     named: list[Reference]) -> list[Reference]:
    """The people the terms phrase itself names, when it names two ("the bickering between B and
    C", "A's beef with B"): they, not others of the sentence, are its pair. Otherwise all named."""
    found = _phrase_tokens(parses, start, end, match) if parses is not None else None
    if found is None:
        return named
    reach = subtree_span(found[0])
    mine = [r for r in named if reach[0] <= r.start < reach[1]]
    return mine if len({r.person for r in mine}) >= 2 else named


#: Prepositions through which a word is what a denial or an ending is about: "denied rumors of a
#: feud", "laughed off talk about a rift", "put the row over money to rest".
TOPIC_PREPOSITIONS = frozenset(("of", "about", "over", "regarding", "concerning"))


def _taken_back(token: "Token", dismissing: frozenset[str]) -> bool:
    """Whether a word from the list is on the phrase ("rumored feud") or above it in its own
    clause ("denied rumors of a feud", "ended their feud"); a clause joined to another is its own
    ("reps deny the marriage ruptured, but sources say it has been on the rocks")."""
    if any(c.lemma_.lower() in dismissing and c.dep_ in ("amod", "compound") for c in token.children):
        return True
    node = token
    for _ in range(5):
        if node.head is node or node.dep_ in ("conj", "parataxis") and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            return False  # a clause with its own subject; "rumored to be dating A and feuding with B" is one
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ not in TOPIC_PREPOSITIONS:
            return False  # "the marriage ended amid abuse claims": what it ended is not the abuse
        node = node.head
        if (node.lemma_.lower() in dismissing or node.lower_ in dismissing) and not (
                node.pos_ == "VERB" and node.lemma_.lower() in TAKES_BACK_AS_NOUN):
            return True
    return False


NEGATION_IN_PHRASE = re.compile(r"\b(?:not|cannot|no|never|nothing)\b|n['\u2019]t\b", re.IGNORECASE)
#: How a word hangs inside the noun phrase of a terms phrase ("no [bad] blood", "a [custody] battle"),
#: or a gerund under its preposition ("not on [speaking] terms after the tour": speaking is the pcomp of on).
NOUN_PHRASE_LINKS = frozenset(("amod", "compound", "pobj", "pcomp"))
#: How a phrase is what its verb says or has: "there is no feud", "they have no beef", "are not close".
PREDICATE_LINKS = frozenset(("attr", "acomp", "dobj", "oprd"))
#: Verbs whose negation on a prepositional phrase negates the phrase: "they are not on good terms"
#: (but "things haven't gone well throughout his nasty split" does not deny the split was nasty).
LINKING_VERBS = frozenset(("be", "remain", "stay", "seem", "appear", "keep"))
#: Prepositions that make a state of a linking verb: "not on good terms", "not in a feud", "not at
#: odds"; not an adjunct ("has not been easy since his nasty split").
STATE_PREPOSITIONS = frozenset(("on", "in", "at"))


def _phrase_clause(top: "Token", inside: list["Token"]) -> list["Token"]:
    """The phrase's top token and the words above it whose negation negates the phrase: up its
    noun phrase, then to the verb it is the predicate or object of, or the linking verb ("are")
    or, for a phrase that holds its own preposition ("didn't split [on bad terms]"), any verb the
    prepositional phrase hangs from."""
    nodes = [top]
    node = top
    while node.head is not node and len(nodes) < 6:
        head = node.head
        if node.dep_ in NOUN_PHRASE_LINKS:
            nodes.append(head)
            node = head
            continue
        if node.dep_ in PREDICATE_LINKS or node.dep_ == "prep" and (
                node in inside or node.lower_ in STATE_PREPOSITIONS and head.lemma_.lower() in LINKING_VERBS):
            nodes.append(head)
        break
    return nodes


def _unreal(top: "Token", inside: list["Token"]) -> bool:
    """Whether the phrase is wished, urged or supposed, not told: a modal, "if" or "whether" on
    its clause, or a verb above it from terms_unreal.txt ("wants to patch things up")."""
    unreal = words("terms_unreal")
    node = top
    for _ in range(4):
        if any(c not in inside and c.dep_ in ("aux", "mark") and c.lower_ in unreal for c in node.children):
            return True
        if node is not top and node.lemma_.lower() in unreal and node.pos_ in ("VERB", "AUX"):
            return True
        if node.head is node or node.dep_ in CLAUSE_EDGES:
            break
        node = node.head
    return False


#: Edges to a clause of its own, or from a subject to its verb: what is wished above it is not
#: wished of the phrase ("the pair, who reconciled last year, could appear together").
CLAUSE_EDGES = frozenset(("relcl", "advcl", "acl", "appos", "conj", "parataxis", "nsubj", "nsubjpass", "csubj"))




def _event_pairs(named: list[Reference], position: int, refs: References, relations: list[Relation],
                 parses: Parses | None, start: int, end: int) -> list[tuple[str, str]]:
    """The pair a terms word is about: the two people the sentence names, or of several the two
    named nearest the word (a feud of one pair is not spread to everyone in the sentence); with
    fewer, the pair a "they" or "the couple" stands for (_pair_meant)."""
    people = list(dict.fromkeys(r.person for r in named if r.person))
    if len(people) == 2:
        return [(people[0], people[1])]
    if len(people) > 2:
        nearest: list[str] = []
        for ref in sorted(named, key=lambda r: abs(r.start - position)):
            if ref.person and ref.person not in nearest:
                nearest.append(ref.person)
            if len(nearest) == 2:
                return [(nearest[0], nearest[1])]
    word = _pair_word(refs.doc.text, start, end, parses)
    if word is None:
        return []
    pair = _pair_meant(refs, relations, start, romantic=word in ROMANTIC_PAIR_WORDS)
    if pair is None or any(p not in pair and not _kin_of_pair(p, pair, relations) for p in people):
        return []  # "the couple are in a legal battle with C": the sentence's one name is the other side
    return [pair]


def _kin_of_pair(person: str, pair: tuple[str, str], relations: list[Relation]) -> bool:
    """Whether person is family of one of the pair ("the pair showed a united front beside their
    girl C"): then the pair's terms word is still about the pair."""
    return any(person in (r.subject, r.object) and (r.subject in pair or r.object in pair)
               and r.type in ("parent", "stepparent", "sibling", "relative") for r in relations)


def _pair_word(text: str, start: int, end: int, parses: Parses | None) -> str | None:
    """The word of the sentence that stands for two people ("they", "both", "the couple", "the two
    of them"), lower-cased; None when there is none. With a parse, "both" joining two phrases
    ("she is both a singer and ...") and a number or "both" before a noun that is not a pair of
    people ("the two films", "both parties") are not such words."""
    parsed = parses.sentence(start, end) if parses is not None else None
    for m in COUPLE_WORDS.finditer(text, start, end):
        word = (m.group("noun") or m.group(0)).lower()
        if parsed is None:
            return word
        at = m.start("noun") if m.group("noun") else m.start()
        token = next((t for t in parsed if doc_span(t)[0] == at), None)
        if token is None or _stands_for_a_pair(token):
            return word
    return None


def _stands_for_a_pair(token: "Token") -> bool:
    """Whether "both" or "two" here means two people: not "both X and Y" nor "the two films"
    ("the two divas", "both stars": a noun for people, from plural_pair_nouns or role_nouns)."""
    if token.dep_ == "preconj":
        return False
    if token.lower_ in ("both", "two") and token.dep_ in ("det", "predet", "nummod", "quantmod"):
        head = token.head
        return any(form in words(book) for form in (head.lemma_.lower(), head.lower_)
                   for book in ("plural_pair_nouns", "role_nouns"))
    return True


def _pair_meant(refs: References, relations: list[Relation], position: int, *,
                romantic: bool) -> tuple[str, str] | None:
    """The two people a "they" or "the couple" at position stands for: of the pairs named lately,
    two joined by "and" or two with a relation between them (for "the couple", partners only), the
    one named last; the headline's joined pair when no other. None when no pair is named: two
    people merely named last are no pair ("Karl posed with Lena. ... they are on shaky ground")."""
    named = [r for r in refs.within(max(0, position - PAIR_REACH), position)
             if r.person and r.kind in ("name", "short")]
    last_seen = {r.person: r.end for r in named if r.person}
    candidates: list[tuple[int, tuple[str, str]]] = []
    joined = joined_pair_at(refs.doc.text, refs, position)
    if joined is not None:
        candidates.append((joined[1], (joined[0][0], joined[0][1])))
    for r in relations:
        if romantic and r.type not in ("spouse", "partner"):
            continue
        if r.subject in last_seen and r.object in last_seen:
            candidates.append((min(last_seen[r.subject], last_seen[r.object]), (r.subject, r.object)))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


def standing(scores: Sequence[float]) -> tuple[str, float]:
    """good, bad, mixed or unknown, and a confidence, from the scores of a pair's evidence
    (positive: on good terms; negative: not)."""
    if not scores:
        return "unknown", 0.0
    positive = sum(score for score in scores if score > 0)
    negative = -sum(score for score in scores if score < 0)
    total = positive - negative
    if positive >= 0.5 and negative >= 0.5 and max(positive, negative) < 1.5 * min(positive, negative):
        verdict = "mixed"  # real evidence both ways and neither side clearly outweighs the other
    elif total >= 0.4:
        verdict = "good"
    elif total <= -0.4:
        verdict = "bad"
    else:
        verdict = "unknown"
    confidence = round(min(1.0, abs(total) / 3 + 0.2 * min(len(scores), 3)), 2) if verdict != "unknown" else 0.0
    return verdict, confidence


def verdict_from_evidence(a: str, b: str, evidence: list[Evidence]) -> PairVerdict:
    """good, bad, mixed or unknown for one pair, with a confidence and the evidence behind it."""
    mine = [e for e in evidence if _key(e.a, e.b) == _key(a, b)]
    if not mine:
        return PairVerdict(a, b, "unknown", 0.0)
    verdict, confidence = standing([e.score for e in mine])
    ordered = sorted(mine, key=lambda e: -abs(e.score))
    return PairVerdict(
        a, b, verdict, confidence,
        evidence=tuple(e.span for e in ordered[:8]),
        reasons=tuple(dict.fromkeys(f"{e.kind}: {e.note}" for e in ordered[:8])),
    )


def pairs_of_interest(
    doc: Document, people: list[Person], refs: References, relations: list[Relation], evidence: list[Evidence],
) -> list[tuple[str, str]]:
    """The pairs an article is about: named together in the headline, or with stances or events between them."""
    headline = doc.blocks_of("headline")
    counts = Counter(r.person for r in refs.refs if r.person and r.kind in ("name", "short"))
    main = {pid for pid, _ in counts.most_common(3)}
    pairs: dict[tuple[str, str], None] = {}
    if headline:
        named = list(dict.fromkeys(r.person for r in refs.within(headline[0].start, headline[0].end) if r.person))
        for a, b in combinations(named, 2):
            pairs[_key(a, b)] = None
    weight: dict[tuple[str, str], float] = {}
    for e in evidence:
        key = _key(e.a, e.b)
        weight[key] = weight.get(key, 0.0) + (abs(e.score) if e.kind != "relation" else 0.3)
    family = {_key(r.subject, r.object) for r in relations if r.type in ("parent", "stepparent", "sibling")}
    couples = {_key(r.subject, r.object) for r in relations if r.type in ("spouse", "partner") and r.status == "current"}
    ranked = [key for key, w in sorted(weight.items(), key=lambda kv: -kv[1])
              if w >= 0.6 and key[0] in main and key[1] in main and key not in family]
    for key in ranked[:1]:
        pairs[key] = None  # the one relationship the story is most about
    for key in couples:
        if key[0] in main and key[1] in main and weight.get(key, 0.0) >= 0.6:
            pairs[key] = None
    return list(pairs)


def find_pairs(
    doc: Document, people: list[Person], refs: References, relations: list[Relation], stances: list[Stance],
    evidence: list[Evidence] | None = None,
) -> list[PairVerdict]:
    """A verdict for every pair the article is about and says how they get on."""
    if evidence is None:
        evidence = gather_evidence(doc, people, refs, relations, stances)
    family = {_key(r.subject, r.object) for r in relations if r.type in ("parent", "stepparent", "sibling")}
    out = []
    for a, b in pairs_of_interest(doc, people, refs, relations, evidence):
        verdict = verdict_from_evidence(a, b, evidence)
        stated = any(e.kind == "stance" and _key(e.a, e.b) == _key(a, b) for e in evidence)
        if _key(a, b) in family and verdict.verdict == "good" and not stated:
            # parents and children get on unless the text says otherwise: no news, no claim
            verdict = PairVerdict(a, b, "unknown", 0.0, verdict.evidence, verdict.reasons)
        if verdict.verdict != "unknown":  # as annotators do: a pair the text says nothing of is left out
            out.append(verdict)
    return out


def _evidence_rule(stance_rule: str) -> str:
    """The rule of a stance's pair evidence: the stance's rule, marked as a stance once
    ("stance_verb" stays, "quote_sentiment" becomes "stance_quote_sentiment")."""
    rule = stance_rule or "unnamed"
    return rule if rule.startswith("stance_") else f"stance_{rule}"
