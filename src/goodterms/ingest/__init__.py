"""Turning raw inputs (text, HTML, JSONL, WARC) into Documents."""
from .read import decode_bytes, document_from_bytes, read_path
from .sources import read_sources
from .text import document_from_text

__all__ = ["decode_bytes", "document_from_bytes", "document_from_text", "read_path", "read_sources"]
