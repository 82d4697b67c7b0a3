"""Raw bytes or a file -> Document, refusing what cannot be an article."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES
from ..errors import BinaryInput, EmptyInput, TooLarge, Unreadable
from ..model import Document
from .text import document_from_text

HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE,
)
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


_STRAY_BYTES = "goodterms-stray-cp1252"
codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)

#: Above this share of NUL or other control bytes a file is binary; a stray NUL is not.
BINARY_SHARE = 0.05


def decode_bytes(raw: bytes, *, source: str, charset: str = "") -> tuple[str, list[str]]:
    """Text from bytes, and a warning whenever an encoding other than UTF-8 was assumed.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark (NUL bytes on
    one side of every pair); strict UTF-8; the charset the server declared (`charset`, from an
    HTTP Content-Type); the charset an HTML page declares; then detection (charset-normalizer).
    Replacement characters only where nothing fits.
    """
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), ([] if codec == "utf-8-sig" else [f"{source}: read as {codec.upper()} (byte-order mark)"])
    sample = raw[:8192]
    unmarked = _utf16_without_bom(sample)
    if unmarked:
        return raw.decode(unmarked, errors="replace"), [f"{source}: read as {unmarked.upper()} (no byte-order mark; detected)"]
    if _control_share(sample) > BINARY_SHARE:
        raise BinaryInput("looks like a binary file, not text or HTML", source=source)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    served = _known_codec(charset)
    if served and served != "utf-8":
        try:
            return raw.decode(served), [f"{source}: not UTF-8; read as {served} (declared by the server)"]
        except UnicodeDecodeError:
            pass
    if len(UTF8_SEQUENCE.findall(raw)) > 0:
        # Mostly UTF-8 with stray legacy bytes (text pasted from two sources): keep the UTF-8,
        # read each stray byte as Windows-1252.
        text = raw.decode("utf-8", errors=_STRAY_BYTES)
        return text, [f"{source}: invalid UTF-8 at byte {first_bad}; stray bytes read as cp1252"]
    declared = _declared_charset(raw[:4096])
    if declared:
        try:
            return raw.decode(declared), [f"{source}: not UTF-8; read as {declared} (declared by the page)"]
        except (UnicodeDecodeError, LookupError):
            pass
    detected = _detected_charset(raw)
    if detected:
        return raw.decode(detected, errors="replace"), [f"{source}: not UTF-8; read as {detected} (detected)"]
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, [f"{source}: invalid UTF-8 at byte {first_bad}; decoded with {bad} replacement character(s)"]


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 (or UTF-32) without a byte-order mark: NUL bytes in fixed places, as in mostly-ASCII text."""
    if len(sample) < 16:
        return None
    quarters = [sample[i::4] for i in range(4)]
    nul = [q.count(0) / max(1, len(q)) for q in quarters]
    if nul[1] > 0.9 and nul[2] > 0.9 and nul[3] > 0.9 and nul[0] < 0.05:
        return "utf-32-le"
    if nul[0] > 0.9 and nul[1] > 0.9 and nul[2] > 0.6 and nul[3] < 0.05:
        return "utf-32-be"
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _known_codec(name: str) -> str | None:
    """Python's name for a charset label, latin-1 read as windows-1252 as browsers do; None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _declared_charset(head: bytes) -> str | None:
    """The codec a <meta charset> or http-equiv Content-Type names, if Python knows it."""
    match = META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # Browsers read a page declared latin-1 as windows-1252 (the WHATWG encoding standard).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _detected_charset(raw: bytes) -> str | None:
    """The legacy encoding the bytes are most likely in.

    Windows-1252 first when it reads as Western text (English news is most of what arrives in a
    legacy encoding, and detectors guess a Baltic or Central European code page for short
    Western texts); otherwise charset-normalizer's best guess.
    """
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:65536]).best()
    if best is None:
        return None
    name = str(best.encoding)
    try:
        raw.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None
    return name


#: Typographic marks that sit inside words in Western text ("don’t", "ten–twelve").
_IN_WORD_MARKS = frozenset("\u2019\u2018\u2013\u2014\u00b7")


def _reads_as_western(text: str) -> bool:
    """Few accented letters among the letters, and no symbol wedged inside a word."""
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ch.isalpha() and ord(ch) > 127)
    if letters == 0 or accented / letters > 0.2:
        return False
    for i in range(1, len(text) - 1):
        ch = text[i]
        if ord(ch) > 127 and not ch.isalpha() and ch not in _IN_WORD_MARKS \
                and text[i - 1].isalpha() and text[i + 1].isalpha():
            return False
    return True


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample)


def document_from_bytes(
    raw: bytes, *, source: str, kind: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES, charset: str = "",
) -> Document:
    """Check, decode and structure one input; kind is auto, text or html; charset as a server declared it."""
    if len(raw) > max_bytes:
        raise TooLarge(f"{len(raw):,} bytes is over the limit of {max_bytes:,} bytes", source=source)
    if not raw.strip():
        raise EmptyInput("empty input: nothing to analyse", source=source)
    text, warnings = decode_bytes(raw, source=source, charset=charset)
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


#: How long reading a stream (a FIFO, a device) may wait for its next bytes.
STREAM_WAIT_SECONDS = 10.0


def read_limited(path: Path, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes of any file: regular, FIFO or device; never blocks forever.

    A FIFO is opened without blocking (no writer means no input) and waited on for at most
    STREAM_WAIT_SECONDS between chunks; /dev/zero and the like stop at the limit.
    """
    import os
    import select
    import stat as stat_module

    source = display_path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise Unreadable(_os_reason(exc), source=source) from None
    if stat_module.S_ISDIR(info.st_mode):
        raise Unreadable("is a folder, not an article file", source=source)
    if stat_module.S_ISREG(info.st_mode):
        if info.st_size > max_bytes:
            raise TooLarge(f"{info.st_size:,} bytes is over the limit of {max_bytes:,} bytes", source=source)
        try:
            with path.open("rb") as handle:
                return handle.read(max_bytes + 1)
        except OSError as exc:
            raise Unreadable(_os_reason(exc), source=source) from None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Unreadable(_os_reason(exc), source=source) from None
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes:
            ready, _, _ = select.select([fd], [], [], STREAM_WAIT_SECONDS)
            if not ready:
                raise Unreadable(f"no data for {STREAM_WAIT_SECONDS:.0f} s from a {_kind(info.st_mode)}",
                                 source=source)
            try:
                chunk = os.read(fd, min(65536, max_bytes + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Unreadable(_os_reason(exc), source=source) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    import stat as stat_module

    if stat_module.S_ISFIFO(mode):
        return "pipe (FIFO)"
    if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode):
        return "device"
    if stat_module.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "no such file"
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def display_path(path: Path | str) -> str:
    """A path as text that always prints: bytes that are not UTF-8 shown as \\xNN escapes."""
    import os

    return os.fsencode(str(path)).decode("utf-8", errors="backslashreplace")


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one .txt or .html file (or any stream, up to max_bytes) into a Document."""
    source = display_path(path)
    raw = read_limited(path, max_bytes)
    suffix = path.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    if kind == "text" and HTML_SNIFF.match(raw[:2048]):
        kind = "html"
    return document_from_bytes(raw, source=source, kind=kind, max_bytes=max_bytes)
