"""Command-line inputs -> Documents: files, folders, standard input, JSON Lines feeds and WARC files.

`read_sources` is the one way from what a user names to documents, for `analyze`, `ingest`, the
HTTP API and the Dask path alike. It yields a `Document` per article and a `Rejected` per input
or record that cannot be one, with where it is, and goes on: one bad record never stops a batch.

- A file is read by its suffix: `.txt`/`.text`/`.md` and `.html`/`.htm`/`.xhtml` as one
  article (`read_path`), `.jsonl`/`.ndjson` (also `.gz`) as a feed, `.json` as a feed when
  its first line is a JSON object, `.warc` (also `.warc.gz`) as a web archive; `-` is one
  article from standard input.
- A folder gives its article, feed and WARC files (not `.md`, a folder's README is no article),
  sorted by path; with `recursive=True` its subfolders too (symbolic links followed once).
- A record of a multi-record file is named `FILE:LINE` (a feed line) or `FILE@OFFSET` (a WARC
  record at that byte offset, the offset of its gzip member in a `.warc.gz`), in
  `Document.source`, so that every report, output file and rejection names one record.
"""
from __future__ import annotations

import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from ..config import DEFAULT_MAX_BYTES
from ..errors import (
    BadJson, BadRecord, BadWarc, BinaryInput, CorruptGzip, EmptyInput, GoodtermsError, MissingInput,
    NoArticles, NoInputs, TooLarge, Unreadable, WarcRecord,
)
from ..model import Document, Rejected
from .gunzip import GzipDamage, Gunzip, is_gzip
from .read import BINARY_SHARE, _control_share, _os_reason, decode_bytes, display_path, document_from_bytes, read_path
from .text import document_from_text, find_dateline

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")  # what a folder gives as articles
FEED_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSON_SUFFIXES = (".json", ".json.gz")  # read only when named: JSON Lines under another name

#: A feed record's fields that goodterms reads; every other field is kept in Document.metadata.
FEED_FIELDS = ("text", "html", "url", "title", "published", "date", "id")


@dataclass(frozen=True)
class Input:
    """One thing to read: a file of some kind, or standard input (path None)."""

    path: Path | None
    kind: str  # "article", "feed", "warc", "stdin", or "unlistable" (a folder that could not be listed)
    listed: bool = False  # found by listing a folder, not named by the user
    problem: str = ""  # for "unlistable": why


def kind_of(path: Path) -> str:
    """How a file is read, by its name: "feed", "warc", "json" (a feed if its lines say so) or "article"."""
    name = path.name.lower()
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith(JSON_SUFFIXES):
        return "json"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return "article"


def _wanted(path: Path) -> bool:
    """Whether a folder listing gives this entry (by name: it may be a pipe or a broken link)."""
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES)


def plan_sources(specs: Iterable[str | Path], *, recursive: bool = False) -> list[Input]:
    """The inputs behind the paths, in reading order; raises for a path that does not exist.

    Raises `MissingInput` for a path that is not there and `NoInputs` when the paths hold nothing
    to read: both are the user's mistake (exit 2), unlike a file that cannot be read (rejected).
    """
    specs = [str(s) for s in specs]
    inputs: list[Input] = []
    for raw in specs:
        if raw == "-":
            inputs.append(Input(None, "stdin"))
            continue
        path = Path(raw)
        if path.is_dir():
            inputs.extend(_folder(path, recursive))
        elif path.exists() or path.is_symlink():
            inputs.append(Input(path, kind_of(path)))  # a broken or looping link: the reader says which
        else:
            raise MissingInput("no such file or folder", source=display_path(raw))
    if not inputs:
        hint = "" if recursive or not any(_has_subfolder(Path(s)) for s in specs) else " (it has subfolders: --recursive reads them)"
        raise NoInputs(f"no articles (.txt, .html), feeds (.jsonl) or WARC files in "
                       f"{' '.join(display_path(s) for s in specs)}{hint}")
    return inputs


def _has_subfolder(path: Path) -> bool:
    try:
        return path.is_dir() and any(p.is_dir() for p in path.iterdir())
    except OSError:
        return False


def _folder(folder: Path, recursive: bool) -> list[Input]:
    """The entries of a folder to read, sorted by path; subfolders too when recursive."""
    if not recursive:
        try:
            entries = [p for p in folder.iterdir() if _wanted(p) and not p.is_dir()]
        except OSError as exc:
            return [Input(folder, "unlistable", problem=_os_reason(exc))]
        return [Input(p, kind_of(p), listed=True) for p in sorted(entries)]
    found: list[Path] = []
    problems: list[Input] = []
    seen: set[tuple[int, int]] = set()

    def complain(exc: OSError) -> None:
        problems.append(Input(Path(exc.filename or folder), "unlistable", problem=_os_reason(exc)))

    for top, subfolders, files in os.walk(folder, onerror=complain, followlinks=True):
        try:
            info = os.stat(top)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:  # a link back up the tree: walked once already
            subfolders[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders.sort()
        found.extend(Path(top, name) for name in files if _wanted(Path(name)))
    return problems + [Input(p, kind_of(p), listed=True) for p in sorted(found)]


def known_total(inputs: list[Input]) -> int | None:
    """How many articles the inputs hold, when that is known before reading (no feed, no WARC)."""
    if any(i.kind in ("feed", "warc", "json") for i in inputs):
        return None
    return len(inputs)


def read_sources(
    specs: Iterable[str | Path], *, recursive: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Rejected]:
    """Every article behind the paths as a Document, every input or record that is none as Rejected.

    Raises `MissingInput` or `NoInputs` at once (not when iteration starts) for paths that name
    nothing; `max_bytes` applies to every article file and to every record of a feed or WARC.
    """
    return read_inputs(plan_sources(specs, recursive=recursive), max_bytes=max_bytes)


def read_inputs(inputs: Iterable[Input], *, max_bytes: int = DEFAULT_MAX_BYTES,
                meter: ReadMeter | None = None) -> Iterator[Document | Rejected]:
    """Documents from planned inputs (see `plan_sources`), or Rejected with the reason and place.

    A `meter` follows how many bytes of the inputs have been read, for a progress display.
    """
    meter = meter or ReadMeter([])
    for item in inputs:
        if item.kind == "feed":
            yield from read_feed(item.path, max_bytes=max_bytes, listed=item.listed, meter=meter)  # type: ignore[arg-type]
        elif item.kind == "warc":
            yield from read_warc(item.path, max_bytes=max_bytes, listed=item.listed, meter=meter)  # type: ignore[arg-type]
        elif item.kind == "json":
            yield from _read_json(item.path, max_bytes=max_bytes, meter=meter)  # type: ignore[arg-type]
        else:
            yield _read_one(item, max_bytes)
        meter.finished(item)


class ReadMeter:
    """How far the reading of some inputs has got, as a share of their bytes.

    The total is the size of the regular files among the inputs, taken when the meter is made;
    the position adds the files finished and the offset reached in the open feed or WARC file
    (its compressed offset, for gzip). A progress display uses it for the time left when the
    number of articles is not known before reading (feeds and WARC files).
    """

    def __init__(self, inputs: Iterable[Input]) -> None:
        items = list(inputs)
        self.sizes = {i: _size(i.path) for i in items}
        self.total = sum(self.sizes[i] for i in items)
        self.done = 0
        self._open: BinaryIO | None = None

    def watch(self, handle: BinaryIO) -> None:
        """Follow the offset of the file being read now."""
        self._open = handle

    def finished(self, item: Input) -> None:
        """Count a whole input as read."""
        self.done += self.sizes.get(item, 0)
        self._open = None

    def fraction(self) -> float | None:
        """The share of the bytes read, from 0 to 1; None when no size is known."""
        if not self.total:
            return None
        position = self.done
        if self._open is not None:
            try:
                position += self._open.tell()
            except (OSError, ValueError):
                pass
        return min(1.0, position / self.total)


def _size(path: Path | None) -> int:
    """A regular file's size; 0 for standard input, pipes, devices and what cannot be looked at."""
    if path is None:
        return 0
    try:
        info = path.stat()
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def _read_one(item: Input, max_bytes: int) -> Document | Rejected:
    """One article from a file or standard input."""
    import sys

    source = "<stdin>" if item.path is None else display_path(item.path)
    try:
        if item.kind == "unlistable":
            raise Unreadable(f"cannot list the folder: {item.problem}", source=source)
        if item.path is None:
            raw = sys.stdin.buffer.read(max_bytes + 1)
            return document_from_bytes(raw, source=source, max_bytes=max_bytes)
        _refuse_special(item)
        return read_path(item.path, max_bytes=max_bytes)
    except GoodtermsError as exc:
        return Rejected(exc.source or source, exc.code, str(exc))
    except Exception as exc:  # a reader bug on one file never stops the rest
        return _internal(exc, source, source, "")


def _refuse_special(item: Input) -> None:
    """A FIFO, device or socket found in a folder is refused: reading it could wait on a writer."""
    if not item.listed or item.path is None:
        return
    try:
        mode = item.path.stat().st_mode
    except OSError:
        return  # a broken link or a loop: the reader says which
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise Unreadable("not a regular file (a pipe, device or socket found in a folder); "
                         "name it on its own to read from it", source=display_path(item.path))


def _open_stream(path: Path, listed: bool, meter: ReadMeter | None) -> tuple[BinaryIO, Gunzip | None]:
    """The file's bytes, decompressed when it starts as gzip (whatever its name says)."""
    _refuse_special(Input(path, "file", listed=listed))
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Unreadable(_os_reason(exc), source=display_path(path)) from None
    if meter is not None:
        meter.watch(handle)
    try:
        gzipped = handle.seekable() and is_gzip(handle)
    except OSError:
        gzipped = False
    if not gzipped:
        return handle, None
    gunzip = Gunzip(handle)
    return gunzip, gunzip  # type: ignore[return-value]


# -- JSON Lines ----------------------------------------------------------------------------------
def read_feed(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, listed: bool = False,
              meter: ReadMeter | None = None) -> Iterator[Document | Rejected]:
    """Articles from a JSON Lines file (plain or gzip), one per line, streamed line by line.

    A line is a JSON object with `text` (plain text) or `html` (`text` wins when both hold
    something), and optionally `url`, `title`, `published` or `date`, and `id`; any other field
    is kept in `Document.metadata` (so is `id`: the document id is always the hash of the text).
    Blank lines are passed over.
    """
    file = display_path(path)
    try:
        stream, _ = _open_stream(path, listed, meter)
    except GoodtermsError as exc:
        yield Rejected(file, exc.code, str(exc))
        return
    with stream:
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
                    yield _refused(TooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes",
                                            source=f"{file}:{number}"), file, f"line {number}")
                    continue
            except GzipDamage as exc:
                yield _refused(CorruptGzip(f"line {number + 1}: {exc.message}; the lines before it were read",
                                           source=file), file, f"line {number + 1}")
                return
            except OSError as exc:
                yield _refused(Unreadable(f"line {number}: {_os_reason(exc)}", source=file), file, f"line {number}")
                return
            except GoodtermsError as exc:
                yield Rejected(file, exc.code, str(exc))
                return
            if not line:
                return
            if line.strip():
                yield feed_record(line, file=file, number=number, max_bytes=max_bytes)


def _read_json(path: Path, *, max_bytes: int, meter: ReadMeter) -> Iterator[Document | Rejected]:
    """A .json file named on the command line: a feed when its first line is a JSON object.

    Many tools write JSON Lines under a .json name. A JSON array or a document over several
    lines is refused in one line, with the way to turn it into JSON Lines.
    """
    file = display_path(path)
    try:
        stream, _ = _open_stream(path, False, None)
        with stream:
            first = stream.readline(max_bytes + 2).lstrip(b"\xef\xbb\xbf")
    except (GoodtermsError, GzipDamage, OSError):
        first = b""  # read_feed says what is wrong with the file
    else:
        try:
            is_feed = isinstance(json.loads(first), dict)
        except (ValueError, RecursionError):
            is_feed = False
        if not is_feed:
            yield _refused(BadRecord("not JSON Lines (one JSON object per line, with \"text\" or \"html\"); "
                                     "for a JSON array, `jq -c '.[]' FILE > FILE.jsonl` makes one", source=file),
                           file, "line 1")
            return
    yield from read_feed(path, max_bytes=max_bytes, meter=meter)


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


def _refused(exc: GoodtermsError, file: str, location: str) -> Rejected:
    return Rejected(file, exc.code, str(exc), location)


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
        return _refused(exc, file, location)
    except Exception as exc:  # a reader bug on one record never stops the rest
        return _internal(exc, source, file, location)


def _decode_line(line: bytes, source: str) -> tuple[str, list[str]]:
    """A feed line as text: UTF-8 as JSON Lines are, else decoded as a file would be, with a warning."""
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        return decode_bytes(line, source=source)


def _internal(exc: Exception, source: str, file: str, location: str) -> Rejected:
    """A Rejected for an error goodterms did not foresee, still one line and still located."""
    return Rejected(file, "internal", f"{source}: reading failed: {type(exc).__name__}: {_first_line(exc)}", location)


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


# -- WARC ----------------------------------------------------------------------------------------
#: Records that are a crawl's bookkeeping, not content: passed over without a word.
WARC_BOOKKEEPING = frozenset({"warcinfo", "request", "metadata", "revisit"})
#: Media types read as articles; other responses (images, scripts, styles) are page requisites.
ARTICLE_MEDIA = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "auto", "": "auto"}


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, listed: bool = False,
              meter: ReadMeter | None = None) -> Iterator[Document | Rejected]:
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
        stream, gunzip = _open_stream(path, listed, meter)
    except GoodtermsError as exc:
        yield Rejected(file, exc.code, str(exc))
        return
    records = _QuietArchiveIterator(stream)
    held: Counter[str] = Counter()
    answered = 0
    with stream:
        for outcome in _warc_outcomes(records, gunzip, file, max_bytes, held):
            answered += 1
            yield outcome
    if not answered:
        what = ", ".join(f"{count} {kind}" for kind, count in sorted(held.items())) or "no record"
        yield _refused(NoArticles(f"no article in this WARC file ({what}); goodterms reads HTTP responses "
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
            return _refused(CorruptGzip(f"{exc.message}, after {whole} whole record(s)", source=file,
                                        offset=exc.offset), file, f"offset {exc.offset}")
        if isinstance(exc, OSError):
            return _refused(Unreadable(_os_reason(exc), source=file), file, f"record {whole + 1}")
        at = gunzip.compressed_offset(records.offset) if gunzip else records.offset
        return _refused(BadWarc(f"record {whole + 1} is not a readable WARC record: {_first_line(exc)}",
                                source=file, offset=at), file, f"record {whole + 1} at offset {at}")

    while True:
        try:
            record = next(records, None)
        except (GzipDamage, ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
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
        except (GzipDamage, ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
            damage = exc
        if _cut_short(record):
            yield broken(damage) if damage else _refused(BadWarc(f"record {number} is cut short: the file ends inside it",
                                             source=file, offset=offset), file, f"record {number} at offset {offset}")
            return
        whole += 1
        if result is not None:
            yield result
        if damage is not None:
            yield broken(damage)
            return


def _first_line(exc: BaseException) -> str:
    """The error's text on one short line, anything unprintable escaped (it may quote raw bytes)."""
    text = " ".join(str(exc).split())
    text = "".join(ch if ch.isprintable() and ord(ch) < 127 else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else f"\\u{ord(ch):04x}" for ch in text)
    return text[:100] + ("..." if len(text) > 100 else "")


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
        return _refused(exc, file, location)
    except (GzipDamage, ArchiveLoadFailed, OSError):
        raise  # the file itself is damaged or unreadable: the caller stops there
    except Exception as exc:  # a reader bug on one record never stops the rest
        return _internal(exc, source, file, location)
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


# -- naming --------------------------------------------------------------------------------------
_RECORD_SOURCE = re.compile(r"^(?P<file>.+?)(?P<sep>[:@])(?P<place>\d+)$")


def split_source(source: str) -> tuple[str, str]:
    """(file, location) of a Document.source: ("feed.jsonl", "line 12") for "feed.jsonl:12",
    ("crawl.warc.gz", "offset 4096") for "crawl.warc.gz@4096", (source, "") for a whole file.

    For a Rejected made from a Document after reading (an analysis that failed), so that it
    names the file and the place as a reader's Rejected does.
    """
    match = _RECORD_SOURCE.match(source)
    if match and Path(match.group("file")).name.lower().endswith(FEED_SUFFIXES + WARC_SUFFIXES):
        place = "line" if match.group("sep") == ":" else "offset"
        return match.group("file"), f"{place} {match.group('place')}"
    return source, ""


def output_stem(source: str) -> str:
    """A file-name stem for a document's output: `feed-12` for `feed.jsonl:12`, `crawl-4096` for
    `crawl.warc.gz@4096`, the file's stem for an article file ('' for standard input)."""
    if not source or source == "<stdin>":
        return ""
    match = _RECORD_SOURCE.match(source)
    if match and Path(match.group("file")).name.lower().endswith(FEED_SUFFIXES + WARC_SUFFIXES):
        name = Path(match.group("file")).name
        for suffix in sorted(FEED_SUFFIXES + WARC_SUFFIXES, key=len, reverse=True):
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
                break
        return f"{name}-{match.group('place')}"
    return Path(source).stem
