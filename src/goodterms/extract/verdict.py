"""Verdicts: are two people on good terms? Evidence records in, a verdict with its reasons out."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from ..model import Document, PairEvidence, PairVerdict, Person, Relation, Span, Stance
from .coref import Reference, References
from .parse import Parses, doc_span
from .stance_grammar import PAIR_REACH, joined_pair_at, negated, taken_back
from .wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

GOOD_TERMS = re.compile(
    r"\b(?:(?:on\s+)?(?:good|great|friendly|amicable|speaking|best)\s+terms|amicabl[ey]|reconcil(?:ed|ing|iation)|"
    r"made up|co-?parent(?:s|ing|ed)?|remain(?:ed)? (?:close|friends|united)|still (?:close|friends)|"
    r"as a family|united|modern family|support(?:s|ed|ive)? each other|get(?:s|ting)? along|"
    r"peaceful|healthy relationship|respect for|happy couple|loved-up|smitten|still in love|"
    r"celebrated (?:their|his|her)|anniversary|family vacation|vacationed together|spend(?:ing)? (?:quality )?time together)\b",
    re.IGNORECASE,
)
BAD_TERMS = re.compile(
    r"\b(?:feud(?:s|ing)?|sued|suing|lawsuit|legal battle|custody battle|dispute|war of words|estranged|"
    r"fallen out|fell out|falling out|not speaking|no longer speak|no relationship|hasn't seen|has not seen|"
    r"hasn't (?:even )?called|not on (?:good|speaking) terms|bad blood|bitter|nasty|slammed|blasted|"
    r"accused|at odds|tension|tense|rift|snubbed|cut (?:off|ties)|restraining order|abus(?:e|ive)|"
    r"assault(?:ed)?|beaten|stolen|dig at|shade)\b",
    re.IGNORECASE,
)
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
    for start, end in refs.sentences:
        good = GOOD_TERMS.search(doc.text, start, end)
        bad = BAD_TERMS.search(doc.text, start, end)
        if not good and not bad:
            continue
        named = [r for r in refs.within(start, end) if r.person and r.kind in ("name", "short", "pronoun")]
        for match, score, rule in ((good, 0.9, "good_terms_words"), (bad, -0.9, "bad_terms_words")):
            if match is None:
                continue
            reading = _reading(parses, start, end, match.start()) if parses is not None else "said"
            if reading == "unsaid" or reading == "reversed" and score > 0:
                continue
            if reading == "reversed":  # "ended their feud", "denied rumors of a feud": on good terms
                score, rule = 0.6, "bad_terms_reversed"
            for a, b in _event_pairs(named, match.start(), refs, relations, parses, start, end):
                out.append(Evidence(a, b, "event", score, Span(match.start(), match.end()), match.group(0), rule))
    return out


def _reading(parses: Parses, start: int, end: int, position: int) -> str:
    """How the sentence tells the terms word at position: 'said', 'reversed' ("ended their feud",
    "denied a falling out", "no feud") or 'unsaid' ("rumors of a feud", a question)."""
    if "?" in parses.doc.text[max(start, end - 3):end]:
        return "unsaid"
    parsed = parses.sentence(start, end)
    if parsed is None:
        return "said"
    token = next((t for t in parsed if doc_span(t)[0] <= position < doc_span(t)[1]), None)
    if token is None:
        return "said"
    if negated(token) or taken_back(token, words("terms_reversed")):
        return "reversed"
    if taken_back(token, HEARSAY):
        return "unsaid"
    return "said"


HEARSAY = frozenset(("rumor", "rumour", "rumored", "rumoured", "speculation", "speculate"))


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
