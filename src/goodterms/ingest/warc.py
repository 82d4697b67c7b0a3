"""WARC files -> Documents: HTTP responses with HTML or text bodies, through warcio and the HTML reader.

A record's Document is named `FILE@OFFSET` (the record's byte offset; in a `.warc.gz`, that of
its gzip member, as `warcio extract` and CDX indexes give it). Which records are read, passed
over or rejected is said in `read_warc`.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from ..config import DEFAULT_MAX_BYTES
from ..errors import BadWarc, CorruptGzip, GoodtermsError, NoArticles, TooLarge, Unreadable, WarcRecord
from ..model import Document, Rejected
from .feed import iso_day
from .gunzip import GzipDamage, Gunzip
from .opening import Watcher, first_line, internal, open_stream, refused
from .read import _os_reason, display_path, document_from_bytes


WARC_SUFFIXES = (".warc", ".warc.gz")
#: Records that are a crawl's bookkeeping, not content: passed over without a word.
WARC_BOOKKEEPING = frozenset({"warcinfo", "request", "metadata", "revisit"})
#: Media types read as articles; other responses (images, scripts, styles) are page requisites.
ARTICLE_MEDIA = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "auto", "": "auto"}


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, listed: bool = False,
              watcher: Watcher | None = None) -> Iterator[Document | Rejected]:
    """Articles from a WARC file (plain or gzip): its HTTP responses with HTML or text bodies.

    Passed over in silence: bookkeeping records (warcinfo, request, metadata, revisit) and
    responses that are no article (a status other than 2xx, or a body that is not HTML, XHTML or
    plain text: images, scripts, styles). Rejected, with the record's offset: a conversion,
    continuation or unknown record, a response or resource whose body is binary, empty, too large,
    undecodable or holds no article text, and the point where the file is corrupt or cut short
    (the records before it are kept). A file with no article at all is one rejection saying what
    it held.
    """
    file = display_path(path)
    try:
        stream, gunzip = open_stream(path, listed, watcher)
    except GoodtermsError as exc:
        yield Rejected(file, exc.code, str(exc))
        return
    with stream:
        yield from warc_stream(stream, gunzip, file=file, max_bytes=max_bytes)


def warc_stream(stream: BinaryIO, gunzip: Gunzip | None, *, file: str,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    """Articles from an open WARC stream (uncompressed bytes; `gunzip` when they come from gzip)."""
    records = _QuietArchiveIterator(stream)
    held: Counter[str] = Counter()
    answered = 0
    for outcome in _warc_outcomes(records, gunzip, file, max_bytes, held):
        answered += 1
        yield outcome
    if not answered:
        what = ", ".join(f"{count} {kind}" for kind, count in sorted(held.items())) or "no record"
        yield refused(NoArticles(f"no article in this WARC file ({what}); goodterms reads HTTP responses "
                                 "with an HTML or text body", source=file), file, "")


def _warc_outcomes(records: Any, gunzip: Gunzip | None, file: str, max_bytes: int,
                   held: Counter[str]) -> Iterator[Document | Rejected]:
    """Each record's Document or Rejected, then one Rejected where the file breaks, if it does.

    A record is yielded only once it has been read to its end: a record the damage cuts is not.
    Damage found while reading past a whole record (warcio reads ahead to the next one) is
    reported after that record.
    """
    number = whole = 0

    def broken(exc: Exception) -> Rejected:
        if isinstance(exc, GzipDamage):
            return refused(CorruptGzip(f"{exc.message}, after {whole} whole record(s)", source=file,
                                       offset=exc.offset), file, f"offset {exc.offset}")
        if isinstance(exc, OSError):
            return refused(Unreadable(_os_reason(exc), source=file), file, f"record {whole + 1}")
        at = gunzip.compressed_offset(records.offset) if gunzip else records.offset
        why = first_line(exc) if isinstance(exc, ArchiveLoadFailed) else f"its header is damaged ({type(exc).__name__})"
        return refused(BadWarc(f"record {whole + 1} is not a readable WARC record: {why}",
                               source=file, offset=at), file, f"record {whole + 1} at offset {at}")

    while True:
        try:
            record = next(records, None)
        except Exception as exc:  # warcio fails in many ways on a damaged header: all end the file here
            yield broken(exc)
            return
        if record is None:
            return
        number += 1
        offset = gunzip.compressed_offset(records.offset) if gunzip else records.offset
        damage: Exception | None = None
        result: Document | Rejected | None = None
        try:
            result = _warc_result(record, file, number, offset, max_bytes, held)
            records.read_to_end()
        except Exception as exc:  # as above: the record may be whole, the file breaks after it
            damage = exc
        if _cut_short(record):
            cut = BadWarc(f"record {number} is cut short: the file ends inside it", source=file, offset=offset)
            yield broken(damage) if damage else refused(cut, file, f"record {number} at offset {offset}")
            return
        whole += 1
        if result is not None:
            yield result
        if damage is not None:
            yield broken(damage)
            return


def _cut_short(record: Any) -> bool:
    """Whether the stream ended before the record's declared length (a truncated file)."""
    limit = getattr(record.raw_stream, "limit", 0)
    return bool(limit and limit > 0)


def _warc_result(record: Any, file: str, number: int, offset: int, max_bytes: int,
                 held: Counter[str]) -> Document | Rejected | None:
    """The article one WARC record holds, a Rejected saying why it holds none, or None to pass over."""
    kind = record.rec_type or "untyped"
    source, location = f"{file}@{offset}", f"record {number} at offset {offset}"
    if kind in WARC_BOOKKEEPING:
        held[kind] += 1
        return None
    try:
        if kind not in ("response", "resource"):
            raise WarcRecord(f"a {kind} record (record {number}); only response and resource records are read",
                             source=source)
        media, charset, encoding = _body_type(record)
        if media is None:  # not HTTP 2xx, or not an article type
            held[f"{kind} not read ({charset})"] += 1
            return None
        body = _decoded_body(record, encoding, source, max_bytes)
        doc = document_from_bytes(body, source=source, kind=ARTICLE_MEDIA[media], max_bytes=max_bytes,
                                  charset=charset)
    except GoodtermsError as exc:
        return refused(exc, file, location)
    except (GzipDamage, ArchiveLoadFailed, OSError):
        raise  # the file itself is damaged or unreadable: the caller stops there
    except Exception as exc:  # a reader bug on one record never stops the rest
        return internal(exc, source, file, location)
    headers = record.rec_headers
    captured = headers.get_header("WARC-Date") or ""
    metadata = {k: v for k, v in (("warc_date", captured), ("warc_record_id", headers.get_header("WARC-Record-ID")))
                if v}
    warnings = doc.warnings
    if headers.get_header("WARC-Truncated"):
        warnings += (f"{source}: the crawler cut this page short (WARC-Truncated: "
                     f"{headers.get_header('WARC-Truncated')}); only its first part is read",)
    return replace(doc, url=headers.get_header("WARC-Target-URI") or "",
                   published=doc.published or iso_day(captured), metadata=metadata, warnings=warnings)


def _body_type(record: Any) -> tuple[str | None, str, str]:
    """(article media type or None, charset, content encoding) of a response or resource record.

    When the record is passed over, the second item says why ("HTTP 404", "image/png").
    """
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None, "not HTTP", ""
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None, f"HTTP {status or '?'}", ""
        content_type, encoding = http.get_header("Content-Type") or "", (http.get_header("Content-Encoding") or "")
    else:
        content_type, encoding = record.rec_headers.get_header("Content-Type") or "", ""
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if media not in ARTICLE_MEDIA:
        return None, media, ""
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media, charset.group(1) if charset else "", encoding.strip().lower()


def _decoded_body(record: Any, encoding: str, source: str, max_bytes: int) -> bytes:
    """The record's payload: de-chunked, decompressed (gzip, deflate), at most max_bytes."""
    stream = record.raw_stream
    http = record.http_headers if record.rec_type == "response" else None
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)  # falls back to the bytes as they are when not chunked
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise TooLarge(f"the body is over the limit of {max_bytes:,} bytes", source=source)
    if encoding in ("", "identity"):
        return bytes(raw)
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise Unreadable(f"the body's content encoding {encoding!r} is not one goodterms reads", source=source)
    for wbits in ((16 + zlib.MAX_WBITS,) if encoding != "deflate" else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
        decompressor = zlib.decompressobj(wbits)
        try:
            body = decompressor.decompress(raw, max_bytes + 1)
        except zlib.error:
            continue
        if len(body) > max_bytes:
            raise TooLarge(f"the decompressed body is over the limit of {max_bytes:,} bytes", source=source)
        return body
    raise Unreadable(f"the body is not valid {encoding} data", source=source)


class _QuietArchiveIterator(WARCIterator):  # type: ignore[misc]
    """warcio's ArchiveIterator, minus its warnings on standard error (only the CLI prints)."""

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """As warcio does, but a record not followed by its blank lines is counted, not printed."""
        empty_size, first_line = 0, True
        while True:
            line = self.reader.readline()
            if not line:
                return None, empty_size
            if not line.rstrip() or first_line:
                empty_size += len(line)
                if line.rstrip():
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size
