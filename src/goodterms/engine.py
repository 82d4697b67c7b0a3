"""Which engine made an analysis: the package version and a hash of what changes its output.

A store records the engine of every article, so `goodterms ingest --reanalyze` can re-run the
articles an older or differently set-up engine analysed, and leave the others alone.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
from functools import lru_cache
from importlib import resources

from .config import Settings
from .nlp import MODEL_PACKAGES

#: The settings that change what an analysis contains. The others (max_bytes, batch_size,
#: article_seconds) decide only whether an article is analysed at all, or how fast.
OUTPUT_SETTINGS = ("model", "quote_units")


def _version() -> str:
    from . import __version__

    return __version__


@lru_cache(maxsize=1)
def rule_data_digest() -> str:
    """A hash of every packaged rule data file (src/goodterms/data/*.txt), names and contents."""
    digest = hashlib.sha256()
    folder = resources.files("goodterms") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            digest.update(entry.name.encode("utf-8") + b"\0")
            digest.update(entry.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _model_version(model: str) -> str:
    """The installed version of the spaCy pipeline an analysis would load (without loading it)."""
    for package in (model,) if model else MODEL_PACKAGES:
        for name in {package, package.replace("_", "-")}:
            try:
                return f"{package}=={importlib.metadata.version(name)}"
            except importlib.metadata.PackageNotFoundError:
                continue
    return model or "none"


def engine_id(settings: Settings | None = None) -> str:
    """The engine that analyses with these settings: 'VERSION+HASH' (e.g. '0.1.0+3f9c2a1b').

    The hash covers the settings that change output, the spaCy pipeline package and version
    those settings load, and the packaged rule data, so editing a word list gives a new id.
    """
    settings = settings or Settings()
    digest = hashlib.sha256()
    for name in OUTPUT_SETTINGS:
        digest.update(f"{name}={getattr(settings, name)!r}\n".encode("utf-8"))
    digest.update(f"pipeline={_model_version(settings.model)}\n".encode("utf-8"))
    digest.update(rule_data_digest().encode("ascii"))
    return f"{_version()}+{digest.hexdigest()[:8]}"
