"""Speech verbs: the lemmas of data/speech_verbs.txt and every written form of them.

Rules on the parse compare a token's `lemma_` with `SPEECH_LEMMAS`; rules on the surface text
(a cue right after a closing quote mark) need the inflected forms, made here from the lemmas:
regular endings by rule, irregular forms ("said", "told", "wrote") from the exception table of
the spaCy lemmatizer, so no inflection is typed by hand.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .wordlists import entries, words

VOWELS = "aeiou"


def speech_lemmas() -> frozenset[str]:
    """The lemmas of the verbs that introduce someone's words."""
    return words("speech_verbs")


def regular_forms(lemma: str) -> set[str]:
    """'quip' -> quip, quips, quipped, quipping (and the undoubled forms, which cost nothing)."""
    out = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.add(lemma + "es")
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in VOWELS:
        out.add(lemma[:-1] + "ies")
    else:
        out.add(lemma + "s")
    if lemma.endswith("e"):
        out.add(lemma + "d")
        out.add(lemma[:-2] + "ying" if lemma.endswith("ie") else lemma[:-1] + "ing")
        if lemma.endswith(("ee", "ye", "oe")):
            out.add(lemma + "ing")
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in VOWELS:
        out.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        out.update({lemma + "ed", lemma + "ing"})
        if len(lemma) >= 3 and lemma[-1] not in VOWELS + "wxy" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
            out.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return out


@lru_cache(maxsize=1)
def _irregular() -> dict[str, set[str]]:
    """lemma -> irregular forms, from the lemmatizer's verb exceptions ('said' -> say)."""
    from ..nlp import load_parser

    table = load_parser().get_pipe("lemmatizer").lookups.get_table("lemma_exc")  # type: ignore[attr-defined]
    out: dict[str, set[str]] = {}
    for form, lemmas in dict(table["verb"]).items():
        for lemma in lemmas:
            out.setdefault(lemma, set()).add(form)
    return out


@lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """Every written form of every speech verb, lower-case; a bare form only where it is no noun as often."""
    irregular = _irregular()
    out: set[str] = set()
    bare = words("speech_verbs_bare")
    for lemma in speech_lemmas():
        forms = regular_forms(lemma) | irregular.get(lemma, set())
        out |= forms if lemma in bare else forms - {lemma}
    return frozenset(out)


@lru_cache(maxsize=1)
def speech_alternation() -> str:
    """A regex alternation of the forms, longest first."""
    return "|".join(sorted((re.escape(v) for v in speech_forms()), key=len, reverse=True))


@lru_cache(maxsize=None)
def verb_alternation(name: str) -> str:
    """A regex alternation of every written form of the verbs in data/NAME.txt, longest first.

    An entry is a lemma ("say": said, says, saying, say) or a phrasal verb, a lemma and its
    particle ("open up": opened up, opens up, opening up, open up)."""
    irregular = _irregular()
    forms: set[str] = set()
    for entry in entries(name):
        verb, _, particle = entry.partition(" ")
        for form in regular_forms(verb) | irregular.get(verb, set()) | {verb}:
            forms.add(f"{form} {particle}" if particle else form)
    return "|".join(sorted((re.escape(f).replace("\\ ", " ") for f in forms), key=len, reverse=True))
