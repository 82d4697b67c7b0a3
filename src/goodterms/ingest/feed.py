"""JSON Lines feeds -> Documents: one article per line, streamed, every bad line located.

A line is a JSON object with `text` or `html` and optionally `url`, `title`, `published` or
`date`, and `id`; other fields are kept in `Document.metadata`. A line's Document is named
`FILE:LINE`; a line that is no article is a Rejected with `location` "line N".
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..config import DEFAULT_MAX_BYTES
from ..errors import BadJson, BadRecord, BinaryInput, CorruptGzip, EmptyInput, GoodtermsError, TooLarge, Unreadable
from ..model import Document, Rejected
from .gunzip import GzipDamage
from .opening import Watcher, internal, open_stream, refused
from .read import BINARY_SHARE, _control_share, _os_reason, decode_bytes, display_path
from .text import document_from_text, find_dateline

FEED_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: A feed record's fields that goodterms reads; every other field is kept in Document.metadata.
FEED_FIELDS = ("text", "html", "url", "title", "published", "date", "id")


def read_feed(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, listed: bool = False,
              watcher: Watcher | None = None) -> Iterator[Document | Rejected]:
    """Articles from a JSON Lines file (plain or gzip), one per line, streamed line by line.

    A line is a JSON object with `text` (plain text) or `html` (`text` wins when both hold
    something), and optionally `url`, `title`, `published` or `date`, and `id`; any other field
    is kept in `Document.metadata` (so is `id`: the document id is always the hash of the text).
    Blank lines are passed over.
    """
    file = display_path(path)
    try:
        stream, _ = open_stream(path, listed, watcher)
    except GoodtermsError as exc:
        yield Rejected(file, exc.code, str(exc))
        return
    with stream:
        yield from feed_stream(stream, file=file, max_bytes=max_bytes)


def feed_stream(stream: BinaryIO, *, file: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Rejected]:
    """Articles from an open JSON Lines stream (a file, or standard input named `file`), line by line."""
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 2)
            if not line.endswith(b"\n") and getattr(stream, "damage", None) is not None:
                raise stream.damage  # type: ignore[attr-defined, misc]  # a line cut by the damage
            number += 1
            if number == 1 and (bom := _wide_bom(line)):
                raise BadRecord(f"is {bom} (a byte-order mark); JSON Lines are UTF-8", source=file)
            if len(line.rstrip(b"\r\n")) > max_bytes:
                size = len(line.rstrip(b"\r\n")) if line.endswith(b"\n") else len(line) + _skip_line(stream)
                yield refused(TooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes",
                                       source=f"{file}:{number}"), file, f"line {number}")
                continue
        except GzipDamage as exc:
            yield refused(CorruptGzip(f"line {number + 1}: {exc.message}; the lines before it were read",
                                      source=file), file, f"line {number + 1}")
            return
        except OSError as exc:
            yield refused(Unreadable(f"line {number + 1}: {_os_reason(exc)}", source=file), file,
                          f"line {number + 1}")
            return
        except GoodtermsError as exc:
            yield refused(exc, file, "line 1")
            return
        if not line:
            return
        if line.strip():
            yield feed_record(line, file=file, number=number, max_bytes=max_bytes)


def starts_a_feed(first_line: bytes) -> bool:
    """Whether a stream's first line is a JSON object, as a JSON Lines feed's is."""
    try:
        return isinstance(json.loads(first_line.lstrip(b"\xef\xbb\xbf")), dict)
    except (ValueError, RecursionError):
        return False


def _wide_bom(line: bytes) -> str:
    """UTF-16 or UTF-32 named by a byte-order mark at the start of a feed, else ''."""
    for mark, name in ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
                       (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16")):
        if line.startswith(mark):
            return name
    return ""


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of an oversized line without holding it; its length without the newline."""
    skipped = 0
    while True:
        chunk = stream.readline(1 << 16)
        if not chunk or chunk.endswith(b"\n"):
            return skipped + len(chunk.rstrip(b"\r\n"))
        skipped += len(chunk)


def feed_record(line: bytes, *, file: str, number: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Rejected:
    """One JSON Lines record (the bytes of line `number` of `file`) as a Document, or why not."""
    source, location = f"{file}:{number}", f"line {number}"
    try:
        text, warnings = _decode_line(line.lstrip(b"\xef\xbb\xbf") if number == 1 else line, source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadJson(f"not valid JSON: {exc.msg.removesuffix(' at')} (column {exc.colno})", source=source) from None
        except RecursionError:
            raise BadJson("not valid JSON: nested too deep", source=source) from None
        if not isinstance(data, dict):
            raise BadRecord(f"a JSON {_json_kind(data)}, not an object with \"text\" or \"html\"", source=source)
        return _feed_document(data, source=source, warnings=warnings, max_bytes=max_bytes)
    except GoodtermsError as exc:
        return refused(exc, file, location)
    except Exception as exc:  # a reader bug on one record never stops the rest
        return internal(exc, source, file, location)


def _decode_line(line: bytes, source: str) -> tuple[str, list[str]]:
    """A feed line as text: UTF-8 as JSON Lines are, else decoded as a file would be, with a warning."""
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        return decode_bytes(line, source=source)


def _json_kind(value: object) -> str:
    return {list: "array", str: "string", bool: "true or false", type(None): "null"}.get(type(value), "number")


def _feed_document(data: dict[str, Any], *, source: str, warnings: list[str], max_bytes: int) -> Document:
    """A feed record's fields -> Document; the field checks raise BadRecord or EmptyInput."""
    metadata = {k: v for k, v in data.items() if k not in FEED_FIELDS or k == "id"}
    body_field = _body_field(data)
    if body_field is None:
        raise BadRecord('no "text" or "html" field', source=source)
    body = data[body_field]
    if not isinstance(body, str):
        raise BadRecord(f'"{body_field}" is a JSON {_json_kind(body)}, not a string', source=source)
    if not body.strip():
        raise EmptyInput(f'"{body_field}" is empty: nothing to analyse', source=source)
    if len(body.encode("utf-8", "surrogatepass")) > max_bytes:
        raise TooLarge(f'"{body_field}" is over the limit of {max_bytes:,} bytes', source=source)
    if _control_share(body[:8192].encode("utf-8", "surrogatepass")) > BINARY_SHARE:
        raise BinaryInput(f'"{body_field}" looks like binary data, not text or HTML', source=source)
    body = body.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from \ud800 escapes
    fields = {k: _string_field(data, k, source, warnings, metadata) for k in ("url", "title", "published", "date")}
    published = _feed_day(fields, source, warnings, metadata)
    title = fields["title"]
    if body_field == "html":
        from .html import document_from_html  # trafilatura is imported only for HTML

        doc = document_from_html(body, source=source, warnings=warnings)
        if title and not doc.title:
            doc = replace(doc, title=" ".join(title.split()))
    else:
        doc = _text_document(body, title, source, warnings)
    if not doc.text.strip():
        raise EmptyInput("no article text found", source=source)
    return replace(doc, url=fields["url"], published=published or doc.published, metadata=metadata)


def _body_field(data: dict[str, Any]) -> str | None:
    """"text" when it holds words, else "html" when given, else "text" when given (for its error)."""
    text, html = data.get("text"), data.get("html")
    if isinstance(text, str) and text.strip():
        return "text"
    if html is not None:
        return "html"
    return "text" if text is not None else None


def _string_field(data: dict[str, Any], key: str, source: str, warnings: list[str],
                  metadata: dict[str, Any]) -> str:
    """A field that must be a string when given; another type is kept in metadata, with a warning."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return (value or "").strip()
    warnings.append(f'{source}: "{key}" is a JSON {_json_kind(value)}, not a string; kept in metadata')
    metadata[key] = value
    return ""


def _text_document(body: str, title: str, source: str, warnings: list[str]) -> Document:
    """A `text` record: its title, when given, is the headline, the first line of the text.

    Offsets count from that headline, as they do for an HTML page whose title heads its text.
    When the text already opens with the title, it is not repeated. With no title, the text has
    no headline: every line is read as body (a feed's text is its body, as is an HTML page's).
    """
    title = " ".join(title.split())
    first = next((line for line in body.splitlines() if line.strip()), "")
    if title and " ".join(first.split()).casefold() == title.casefold():
        return document_from_text(body, source=source, warnings=warnings)
    if title:
        return document_from_text(f"{title}\n\n{body.lstrip()}", source=source, warnings=warnings)
    return document_from_text(body, source=source, title="", warnings=warnings)


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


def iso_day(value: str) -> str | None:
    """YYYY-MM-DD from an ISO date or timestamp, an RFC 2822 date (RSS) or a written date, if real."""
    match = _ISO_DAY.match(value)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return find_dateline(value)


def _feed_day(fields: dict[str, str], source: str, warnings: list[str], metadata: dict[str, Any]) -> str | None:
    """The record's `published` (else `date`) as an ISO day; an unreadable one is kept in metadata."""
    key = "published" if fields["published"] else "date" if fields["date"] else None
    if key is None:
        return None
    other = "date" if key == "published" else "published"
    if fields[other]:
        metadata[other] = fields[other]
    day = iso_day(fields[key])
    if day is None:
        warnings.append(f'{source}: "{key}" {fields[key][:40]!r} is not a date goodterms reads; kept in metadata')
        metadata[key] = fields[key]
    return day


def read_json_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, watcher: Watcher | None = None) -> Iterator[Document | Rejected]:
    """A .json file named on the command line: a feed when its first line is a JSON object.

    Many tools write JSON Lines under a .json name. A JSON array or a document over several
    lines is refused in one line, with the way to turn it into JSON Lines.
    """
    file = display_path(path)
    try:
        stream, _ = open_stream(path, False, None)
        with stream:
            first = stream.readline(max_bytes + 2)
    except (GoodtermsError, GzipDamage, OSError):
        first = b""  # read_feed says what is wrong with the file
    else:
        if not starts_a_feed(first):
            yield refused(BadRecord("not JSON Lines (one JSON object per line, with \"text\" or \"html\"); "
                                    "for a JSON array, `jq -c '.[]' FILE > FILE.jsonl` makes one", source=file),
                          file, "line 1")
            return
    yield from read_feed(path, max_bytes=max_bytes, watcher=watcher)
