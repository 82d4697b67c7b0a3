"""Speakers the named-entity model missed: the grammatical subject of a speech verb is a speaker.

`Burton said, "I love cats!"`: the model tags "Burton" as an organisation, or nothing, and the
quote would have no speaker. Here the sentences that hold a quote mark and a speech verb are
parsed (one batch); a proper-noun subject of a speech verb (its lemma in data/speech_verbs.txt)
becomes a PERSON entity, so the people stage takes it like any other name. A subject that is an
outlet, an organisation word or an acronym stays what it was.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import NOT_PEOPLE
from .names_gender import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from .outlets import SHAPED, is_known_outlet
from .parse import Parses, doc_offset
from .quotemarks import find_marked
from .speechverbs import speech_alternation, speech_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Document
    from .people import Entity

QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
#: Words that make a capitalised subject a body, not a person: "Glow Records said".
BODY_WORDS = re.compile(
    r"\b(?:Records|Inc|Corp|Ltd|LLC|Group|Company|Studios?|Pictures|Entertainment|Media|Network|University|College|"
    r"Police|Department|Office|Ministry|Council|Committee|Agency|Foundation|Association|Institute|Party|Campaign|"
    r"Team|Club|Band|Festival|Awards?|Academy|House|Court|Bank|Times|Post|News|Magazine|Journal|Sentinel|Herald|"
    r"Tribune|Gazette|Telegraph|Review|Press|Daily|Weekly|Online|Report)\b")
SUBJECT_DEPS = ("nsubj",)
GIVEN_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
NAME_DEPS = ("compound", "flat", "flat:name")


def speech_sentences(doc: "Document", sentences: list[tuple[int, int]],
                     persons: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences that can hold a quote's cue: a quote mark and a speech verb; with persons
    given, only those where a capitalised word right before or after the verb is no tagged person
    (the only sentences where a speaker can be missing, so the only ones worth a parse)."""
    verb = r"(?:" + speech_alternation() + r")"
    name = r"[A-Z][a-z][\w'\u2019.-]*(?:\s+[A-Z][a-z][\w'\u2019.-]*){0,2}"
    near = re.compile(r"\b(?P<a>" + name + r")\s+(?:[a-z]+ly\s+)?" + verb + r"\b|\b" + verb + r"\s+(?P<b>" + name + r")")
    out = []
    for s, e in sentences:
        if not QUOTE_MARK.search(doc.text, s, e):
            continue
        for m in near.finditer(doc.text, s, e):
            group = "a" if m.group("a") else "b"
            n_start, n_end = m.start(group), m.end(group)
            if persons is None or not any(ps < n_end and n_start < pe for ps, pe in persons):
                out.append((s, e))
                break
    return out


def _name_tokens(head: "Token") -> list["Token"]:
    """The proper-noun tokens of a subject's name: the head and its compound parts, contiguous."""
    parts = [t for t in head.children if t.dep_ in NAME_DEPS and t.pos_ == "PROPN"] + [head]
    parts.sort(key=lambda t: t.i)
    if parts[-1].i - parts[0].i + 1 != len(parts):
        return [head]
    return parts


def speaker_entities(doc: "Document", entities: list["Entity"], sentences: list[tuple[int, int]],
                     parses: Parses) -> list["Entity"]:
    """The entities with every untagged proper-noun subject of a speech verb added as a PERSON
    (and any other entity on the same words dropped)."""
    from .people import Entity  # people imports nothing from here; imported late to keep stages apart

    persons = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    cue_sentences = speech_sentences(doc, sentences, persons)
    if not cue_sentences:
        return entities
    parses.prefetch(cue_sentences)
    lemmas = speech_lemmas()
    quoted = _quoted(doc, cue_sentences)
    headline_end = next((b.end for b in doc.blocks if b.kind == "headline"), 0)
    added: list[Entity] = []
    for start, end in cue_sentences:
        parsed = parses.sentence(start, end)
        if parsed is None:
            continue
        for verb in parsed:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in lemmas:
                continue
            for subject in verb.children:
                if subject.dep_ not in SUBJECT_DEPS or subject.pos_ != "PROPN":
                    continue
                if any(t.dep_ in ("det", "poss", "appos") for t in subject.children) or subject.tag_ == "NNPS":
                    continue  # "the Lantern Sentinel said", "Trainer, Jo Bell, said", "the Lanterns said"
                tokens = _name_tokens(subject)
                n_start = doc_offset(tokens[0])
                n_end = doc_offset(tokens[-1]) + len(tokens[-1].text)
                name = doc.text[n_start:n_end]
                if not _person_like(name) or any(s <= n_start < e for s, e in quoted) \
                        or any(s < n_end and n_start < e for s, e in persons) or n_start < headline_end:
                    continue
                tagged = [e for e in entities if e.start < n_end and n_start < e.end]
                if len(tokens) > 1 and tagged and name.split()[0].lower() not in GIVEN_NAMES:
                    continue  # "Lantern Yard said": a body the model tagged, its name no given name and surname
                added.append(Entity(n_start, n_end, "PERSON"))
                persons.append((n_start, n_end))
    if not added:
        return entities
    kept = [e for e in entities if not any(a.start < e.end and e.start < a.end for a in added)]
    return sorted(kept + added, key=lambda e: e.start)


def _person_like(name: str) -> bool:
    """'Burton', 'Quimby Lorne': capitalised words, no acronym, outlet or body."""
    words = name.split()
    if not 1 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Z][a-z][\w'\u2019.-]*", w) for w in words):
        return False
    if name.lower() in NOT_PEOPLE or is_known_outlet(name, common=True) or SHAPED.search(name) \
            or BODY_WORDS.search(name):
        return False
    return True


def _quoted(doc: "Document", sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quoted stretches of the blocks holding these sentences (a name inside a quote is no cue's subject)."""
    out: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, _ in sentences:
        block = next((b for b in doc.blocks if b.start <= start < b.end), None)
        if block is None or block.start in seen:
            continue
        seen.add(block.start)
        out.extend((m.start, m.end) for m in find_marked(doc.text, block.start, block.end))
    return out
