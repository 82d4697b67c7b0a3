"""goodterms: who is who, who said what to whom, and are they on good terms."""
from __future__ import annotations

from .config import Settings
from .ingest import document_from_bytes, document_from_text, read_path, read_sources
from .model import Analysis, Document
from .pipeline import analyze_many, analyze_one

__version__ = "0.1.0"


def analyze_text(text: str, *, source: str = "", settings: Settings | None = None) -> Analysis:
    """Analyse an article given as plain text (first line: the headline)."""
    return analyze_one(document_from_text(text, source=source), settings=settings)


__all__ = [
    "Analysis", "Document", "Settings", "analyze_many", "analyze_one", "analyze_text",
    "document_from_bytes", "document_from_text", "read_path", "read_sources",
]
