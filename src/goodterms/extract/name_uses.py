"""Is a capitalised name used for a person where it stands? Cues beside the name, and the parse.

The model tags films, characters, brands, places and capitalised words as PERSON. A name that the
text once uses as a thing ("the Velda star", "plays Freya", "jewelry company Ames", a hashtag, a
title in quote marks) and never as a person is not one. What counts as a use for a person: an
age after the name ("Jo, 32,"), a kin or role noun before it ("son Jo", "singer Jo"), a speech
verb after it, a kin noun it owns ("Jo's husband"), and, read on the parse of its sentence, being
the subject of a verb only people do ("Jo married", "Jo said") or the owner of a kin noun.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..nlp import english_words
from .kinship import NAMING_KIN
from .lexicon import HONORIFICS, ROLE_NOUNS
from .names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from .speechverbs import speech_forms
from .wordlists import entries, words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .parse import Parses

_OPEN_QUOTE = "\"\u201c\u2018'"
_CLOSE_QUOTE = "\"\u201d\u2019'"

#: Words before a name that make it a role someone plays: "plays Freya", "the character Rita",
#: "her role as Nell".
CHARACTER_BEFORE = re.compile(
    r"\b(?:play|plays|playing|played|portray|portrays|portrayed|portraying|voice|voices|voiced|voicing|"
    r"character|characters|role|roles|alter\s+ego)\s+(?:(?:of|as)\s+)?(?:(?:the|a|an|his|her|their)\s+)?"
    r"(?:(?!(?:by|with|alongside|opposite|and|or|but|for|to|while|who|that|which|when|in|on|at|is|was|are|"
    r"were|has|had|will|would|after|before|since)\b)[a-z][\w-]*\s+){0,2}$"
)
#: "shot to fame as Nell in Velda", "starred as Nell on Pip": a role between 'as' and the work.
AS_ROLE_BEFORE = re.compile(
    r"\b(?:fame|starring|starred|stars|star|cast|appears|appeared|returns|returned|reprising|reprises|reprised|"
    r"debuted|debuts|plays|played|playing)\s+as\s+$"
)
AS_ROLE_AROUND = (re.compile(r"(?:^|\s)as\s+$"), re.compile(r"\s+(?:in|on)\s+(?:the\s+)?[A-Z\"\u201c\u2018]"))
#: "stars as the late father Dov Arlen on Those Were Days", "starred as police officer Rita Vane in
#: Blue": a role described between 'as' and the name, with the work after it.
AS_DESCRIBED_ROLE_BEFORE = re.compile(
    r"\b(?:starring|starred|stars|star|cast|appears|appeared|returns|returned|reprising|reprises|reprised|debuted|"
    r"debuts|plays|played|playing)\s+as\s+(?:(?:the|a|an|his|her)\s+)?(?:[a-z][\w-]*\s+){1,3}$"
)
#: "played besties Carrie Bradshaw and Samantha Jones": the second name of a list of roles.
ROLE_LIST_BEFORE = re.compile(r"(?P<first>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})(?:,|\s+and|\s+&|,\s+and)\s+$")
#: Whom a source tells is an outlet: "a source told Naughty Gossip", "an insider tells Glow Weekly".
SOURCE_TOLD_BEFORE = re.compile(
    r"\b(?:sources?|insiders?|tipsters?|eyewitness(?:es)?|onlookers?|spies|spy|informants?)\s+(?:close\s+to\s+"
    r"(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+)?(?:told|tells|tell|revealed\s+to|confirmed\s+to|dished\s+to|explained\s+to)\s+$"
)
#: "Freddie Stroma (UnREAL, Harry Potter)": works listed in brackets after an actor's name.
CREDITS_AROUND = (re.compile(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)+\s+\((?:[^()]{0,60},\s*)?$"),
                  re.compile(r"(?:,[^()]{0,60})?\)"))
#: A report comes from an outlet: "a shocking report from Naughty Gossip".
REPORT_FROM_BEFORE = re.compile(r"\b(?:report|reports|story|article|exclusive)\s+(?:from|by)\s+$")
DETERMINER_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an)\s+$")
#: "the Vane family", "the Vane sisters": a surname after 'the' that stands for a family of people.
FAMILY_AFTER = re.compile(r"(?:['\u2019]s?)?\s+(?:family|families|clan|sisters|brothers|siblings|kids|children|"
                          r"household|dynasty|parents|girls|boys)\b")
POSSESSIVE_AFTER = re.compile(r"['\u2019]")
WHICH_AFTER = re.compile(r",?\s+which\b")
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+$")
QUOTED_OPEN = re.compile(r"(?:^|[\s(\[\u2014\u2013-])[" + _OPEN_QUOTE + r"]$")
QUOTED_CLOSE = re.compile(r"[,.!?]?[" + _CLOSE_QUOTE + r"](?!\w)")
#: 'the female name "Ana Sol"', 'a girl named "Ana"': a name quoted as a name, not a title.
NAME_IN_QUOTES = re.compile(r"\b(?:name|names|named|renamed)\s+[" + _OPEN_QUOTE + r"]$")
#: 'Eduardo "Lalo" Palacios': a nickname in quote marks with the surname right after.
NICKNAME_AROUND = re.compile(r"[" + _CLOSE_QUOTE + r"]\s+[A-Z][\w'\u2019-]+")
AGE_AFTER = re.compile(r",\s*\d{1,3}(?:\s*,|\s|\.|$)|\s*\(\d{1,3}\)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def alternation(items: frozenset[str]) -> str:
        return "|".join(sorted((re.escape(w) for w in items), key=len, reverse=True))

    modifier_after = re.compile(
        r"\s+(?:" + alternation(words("name_modifier_nouns")) + r")(?![\w-])(?!\s+(?:in|as|with|alongside|opposite)\b)",
        re.IGNORECASE)
    work_before = re.compile(
        r"\b(?:" + alternation(words("work_nouns")) + r")s?\s+[" + _OPEN_QUOTE + r"]?"
        r"(?:[A-Z][\w'\u2019-]*\s+(?:and|&)\s+)?$")
    person_nouns = alternation(frozenset(NAMING_KIN) | ROLE_NOUNS)
    # "singer Jo", "son of Jo", and a plural before a list of names: "musicians Jo and Al Reyes".
    person_before = re.compile(
        r"(?<![\w-])(?:" + person_nouns + r")(?:s|es)?(?:,|\s+of(?:\s+the\s+late)?)?\s+$", re.IGNORECASE)
    speech_after = re.compile(
        r",?\s+(?:" + alternation(speech_forms()) + r"|who)\b"
        r"|(?:,\s+[^,]{0,40},)?\s+(?:is|was|became|becomes)\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:" + person_nouns + r")\b"
        # an apposition naming what the person is: "Ivy, her 2-year-old daughter with Al", "Bo, the singer"
        r"|,\s+(?:the|his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:" + person_nouns + r")(?![\w'\u2019-])",
        re.IGNORECASE)
    owns_kin = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+)?(?:" + alternation(frozenset(NAMING_KIN)) + r")\b",
                          re.IGNORECASE)
    return modifier_after, work_before, person_before, speech_after, owns_kin


@lru_cache(maxsize=1)
def _pet_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'her dog Mabel', 'pooch Dusty'; 'Wolf, a mixed breed', 'Mabel, a black Standard Poodle'."""
    pets = "|".join(sorted((re.escape(w) for w in words("pet_nouns")), key=len, reverse=True))
    before = re.compile(r"(?<![\w-])(?:" + pets + r")s?,?\s+$")  # lower case: "Shepherd" may be a surname
    after = re.compile(r",\s+(?:a|an|the|his|her|their|our|my)\s+(?:[\w-]+\s+){0,3}?(?:" + pets + r")(?![\w-])",
                       re.IGNORECASE)
    return before, after


def thing_use(text: str, start: int, end: int) -> str | None:
    """The rule that shows text[start:end] naming a thing or a role here, or None."""
    modifier_after, work_before, _, _, _ = _patterns()
    before, after = text[max(0, start - 60):start], text[end:end + 40]
    if before.endswith("#"):
        return "hashtag"
    if QUOTED_OPEN.search(before) and QUOTED_CLOSE.match(after) and not NAME_IN_QUOTES.search(before) \
            and not NICKNAME_AROUND.match(after):
        return "quoted_title"
    if POSSESSIVE_AFTER.match(after):
        return None  # "play Jo Bell's hit", "at Kris' house": the name owns something, as people do
    if CHARACTER_BEFORE.search(before) or AS_ROLE_BEFORE.search(before) or (
            (AS_ROLE_AROUND[0].search(before) or AS_DESCRIBED_ROLE_BEFORE.search(before))
            and AS_ROLE_AROUND[1].match(after)):
        return "role_played"
    credits = CREDITS_AROUND[0].search(before)
    if credits and CREDITS_AROUND[1].match(after) and "," in before[credits.start():] + after[:after.find(")") + 1]:
        return "credit_list"
    listed = ROLE_LIST_BEFORE.search(before)
    if listed and CHARACTER_BEFORE.search(before[:listed.start("first")]):
        return "role_played"  # "played Carrie Bradshaw and Samantha Jones": both are roles
    if SOURCE_TOLD_BEFORE.search(before) or REPORT_FROM_BEFORE.search(before):
        return "outlet_told"
    pet_before, pet_after = _pet_patterns()
    if pet_before.search(before) or pet_after.match(after):
        return "pet"
    if modifier_after.match(after):
        return "name_as_modifier"
    if work_before.search(before):
        return "work_or_company_name"
    if DETERMINER_BEFORE.search(before) and not FAMILY_AFTER.match(after):
        return "after_determiner"
    if WHICH_AFTER.match(after):
        return "which_after"
    if PLACE_BEFORE.search(before) and not _given_and_surname(text[start:end]):
        return "place_preposition"
    return None


def person_use(text: str, start: int, end: int, *, titled: bool = False) -> bool:
    """Whether the words around text[start:end] treat it as a person (an age, a kin or role noun, speech;
    with titled, a title right before it: "Lady Gaga", for a name spelt like a word)."""
    _, _, person_before, speech_after, owns_kin = _patterns()
    before, after = text[max(0, start - 60):start], text[end:end + 40]
    if CHARACTER_BEFORE.search(before):
        return False  # "plays rival sister Freya": the kin noun belongs to the role
    return bool(AGE_AFTER.match(after) or person_before.search(before) or speech_after.match(after)
                or owns_kin.match(after) or (titled and _title_before().search(before) is not None))


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern[str]:
    """A capitalised title right before a name: "Lady Gaga", "Dr. Vance", "Queen Latifah"."""
    titles = sorted({h.rstrip(".") for h in HONORIFICS if h.replace(".", "").isalpha()}, key=len, reverse=True)
    return re.compile(r"(?<![\w'\u2019])(?:" + "|".join(re.escape(t.capitalize()) for t in titles) + r")\.?\s+$")


def grammar_says_person(parses: "Parses", sentence: tuple[int, int], start: int, end: int) -> bool:
    """Whether the parse makes text[start:end] the subject of a verb only people do, or a kin noun's owner."""
    tokens = parses.tokens_within(sentence, start, end)
    if not tokens:
        return False
    head = next((t for t in tokens if t.head not in tokens or t.head is t), tokens[-1])
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in words("human_verbs") \
            and not _quote_between(head, head.head):
        return True
    return head.dep_ == "poss" and head.head.lemma_.lower() in NAMING_KIN


def word_not_name(form: str, model: str = "") -> bool:
    """A one-word form that is an English verb, adjective or adverb (inflected too: "Sparks", "Carried")
    and no given name.

    The model tags a capitalised word opening a sentence or a title-case line as PERSON ("Remarry,
    no", "Dreamy dream", "Jump to the end"); such a word names nobody unless the text uses it for a
    person, which the caller still checks. Given names that are words too ("Will", "Frank", "Rose")
    come from the given-name lists and stay names.
    """
    if " " in form.strip():
        return False
    word = form.strip().lower().replace("\u2019", "'")
    if word in FEMALE_FIRST_NAMES or word in MALE_FIRST_NAMES or word in _nickname_words():
        return False
    return bool(_stems(word) & english_words(model))




def words_not_name(form: str, model: str = "") -> bool:
    """A form of two or more words, each an English verb, adjective or adverb (inflected too) and
    none a given name: "Catching Fire", "Keeping Up", "Stripped Down", "Worst Dress".

    Nouns do not count: the lexicon lists famous people's names as nouns ("Stern", "Mandela").
    """
    parts = form.strip().lower().replace("\u2019", "'").split()
    if len(parts) < 2:
        return False
    known = english_words(model)
    for part in parts:
        word = part.strip(".,!?:;'\"")
        if not word.isalpha() or word in FEMALE_FIRST_NAMES or word in MALE_FIRST_NAMES or word in _nickname_words():
            return False
        if not _stems(word) & known:
            return False
    return True


def _stems(word: str) -> set[str]:
    """The word and what it may be an inflection of: "sparks" -> "spark", "carried" -> "carry",
    "kidding" -> "kid", "hoping" -> "hope" (the lexicon lists base forms only)."""
    stems = {word}
    for end in ("s", "es", "ed", "d", "ing"):
        if word.endswith(end):
            stem = word[:-len(end)]
            stems.add(stem)
            if end in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # "kidding", "stopped"
            if end == "ing":
                stems.add(stem + "e")  # "hoping"
    if word.endswith(("ied", "ies")):
        stems.add(word[:-3] + "y")  # "carried", "marries"
    return stems


@lru_cache(maxsize=1)
def _nickname_words() -> frozenset[str]:
    """Every pet form and given name data/nicknames.txt lists ("bob", "robert")."""
    return frozenset(w for entry in entries("nicknames") for w in entry.split())


def _quote_between(one: "Token", other: "Token") -> bool:
    """Whether a quote mark stands between two tokens: a word quoted is no subject of the verb
    outside the quote ('"Remarry, never," Jo said' parsed with "Remarry" as the sayer)."""
    low, high = sorted((one.i, other.i))
    return any(t.text in _OPEN_QUOTE + _CLOSE_QUOTE for t in one.doc[low + 1:high])


def _given_and_surname(form: str) -> bool:
    """'Lisa Varga': a known given name and a surname, no place word; after "near" or "at" still a
    person ("living near Lisa Varga"), where "near Orchid Hills" is a place."""
    parts = form.split()
    return len(parts) > 1 and parts[0].lower() in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES and not thing_name(form)


def thing_name(form: str) -> bool:
    """A capitalised run whose first or last word names a place, an event, an award or a business."""
    parts = form.lower().split()
    return len(parts) > 1 and (parts[0] in words("thing_name_words") or parts[-1] in words("thing_name_words"))
