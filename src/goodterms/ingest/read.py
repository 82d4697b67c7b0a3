"""Raw bytes or a file -> Document, refusing what cannot be an article."""
from __future__ import annotations

import re
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES
from ..errors import BinaryInput, EmptyInput, TooLarge, Unreadable
from ..model import Document
from .text import document_from_text

HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def decode_bytes(raw: bytes, *, source: str) -> tuple[str, list[str]]:
    """UTF-8 text (BOM-aware, UTF-16 if marked) and any warnings about the decoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), []
    if b"\x00" in raw[:8192] or _control_share(raw[:8192]) > 0.1:
        raise BinaryInput("looks like a binary file, not text or HTML", source=source)
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [f"{source}: invalid UTF-8 at byte {exc.start}; decoded with {bad} replacement character(s)"]


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control / len(sample)


def document_from_bytes(
    raw: bytes, *, source: str, kind: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Check, decode and structure one input; kind is auto, text or html."""
    if len(raw) > max_bytes:
        raise TooLarge(f"{len(raw):,} bytes is over the limit of {max_bytes:,} bytes", source=source)
    if not raw.strip():
        raise EmptyInput("empty input: nothing to analyse", source=source)
    text, warnings = decode_bytes(raw, source=source)
    if kind == "auto":
        kind = "html" if HTML_SNIFF.match(raw[:2048]) else "text"
    if kind == "html":
        from .html import document_from_html  # trafilatura is imported only for HTML

        doc = document_from_html(text, source=source, warnings=warnings)
    else:
        doc = document_from_text(text, source=source, warnings=warnings)
    if not doc.text.strip() or not any(b.kind != "headline" for b in doc.blocks) and len(doc.text) < 3:
        raise EmptyInput("no article text found", source=source)
    return doc


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one .txt or .html file into a Document."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes", source=source)
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc), source=source) from None
    suffix = path.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    if kind == "text" and HTML_SNIFF.match(raw[:2048]):
        kind = "html"
    return document_from_bytes(raw, source=source, kind=kind, max_bytes=max_bytes)
