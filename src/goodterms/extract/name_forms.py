"""Name words as matching sees them: folded forms and pet forms ("Angie" for "Angelina").

Plain string functions with no language model, shared by the article engine (extract/people.py)
and cross-article resolution (corpus/resolve.py), so the store and the server import them
without loading spaCy.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .wordlists import entries


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A name word as matching sees it: lower case, no accents, full stops or curly apostrophes
    ("Khloé" is "khloe", "O.J." is "oj")."""
    plain = unicodedata.normalize("NFKD", word.replace("\u2019", "'"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch) and ch != "."
                   and unicodedata.category(ch) != "Cf").lower()  # Cf: zero-width joiners and the like


#: Endings of pet forms: "Angie" (Angelina), "Jenny" (Jennifer), "Danny" (Daniel), "Kathy".
PET_ENDINGS = ("ie", "ey", "y", "i")


def short_form(short: str, given: str) -> bool:
    """'angie' is a pet form of 'angelina': its stem opens the longer given name, or a list says so."""
    if given in nicknames().get(short, ()):
        return True
    if len(short) < 4 or len(given) <= len(short):
        return False
    for end in PET_ENDINGS:
        if short.endswith(end):
            stem = short[:-len(end)]
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # "danny" -> "dan"
            if len(stem) >= 3 and given.startswith(stem):
                return True
    return False


@lru_cache(maxsize=1)
def nicknames() -> dict[str, tuple[str, ...]]:
    """Pet form -> the given names it stands for, where the pet form does not open the name ("bob")."""
    out: dict[str, list[str]] = {}
    for entry in entries("nicknames"):
        pet, *givens = entry.split()
        out.setdefault(pet, []).extend(givens)
    return {pet: tuple(givens) for pet, givens in out.items()}
