"""goodterms: who is who, who said what to whom, and are they on good terms.

The analysis API (``analyze_text``, ``analyze_one``, ``analyze_many``) loads spaCy; it is
imported on first use, so the store, the API server and store-only commands start without it.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Settings
    from .ingest import document_from_bytes, document_from_text, read_path, read_sources
    from .model import Analysis, Document
    from .pipeline import analyze_many, analyze_one

__version__ = "0.1.0"

# Public name -> the module that defines it (imported when the name is first read).
_EXPORTS = {
    "Settings": ".config",
    "document_from_bytes": ".ingest", "document_from_text": ".ingest", "read_path": ".ingest",
    "read_sources": ".ingest",
    "Analysis": ".model", "Document": ".model",
    "analyze_many": ".pipeline", "analyze_one": ".pipeline",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def analyze_text(text: str, *, source: str = "", settings: Settings | None = None) -> Analysis:
    """Analyse an article given as plain text (first line: the headline)."""
    from .ingest import document_from_text
    from .pipeline import analyze_one
    return analyze_one(document_from_text(text, source=source), settings=settings)


__all__ = [
    "Analysis", "Document", "Settings", "analyze_many", "analyze_one", "analyze_text",
    "document_from_bytes", "document_from_text", "read_path", "read_sources",
]
