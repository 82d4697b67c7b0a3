"""Command-line inputs -> Documents: files, folders, standard input, JSON Lines feeds and WARC files.

`read_sources` is the one way from what a user names to documents, for `analyze`, `ingest`, the
HTTP API and the Dask path alike. It yields a `Document` per article and a `Rejected` per input
or record that cannot be one, with where it is, and goes on: one bad record never stops a batch.

- A file is read by its suffix: `.txt`/`.text`/`.md` and `.html`/`.htm`/`.xhtml` as one
  article (`read_path`), `.jsonl`/`.ndjson` (also `.gz`) as a feed, `.json` as a feed when
  its first line is a JSON object, `.warc` (also `.warc.gz`) as a web archive; `-` is standard
  input, read by what it holds (a WARC file, a feed, else one article).
- A folder gives its article, feed and WARC files (not `.md`, a folder's README is no article),
  sorted by path; with `recursive=True` its subfolders too (symbolic links followed once).
- A record of a multi-record file is named `FILE:LINE` (a feed line) or `FILE@OFFSET` (a WARC
  record at that byte offset, the offset of its gzip member in a `.warc.gz`), in
  `Document.source`, so that every report, output file and rejection names one record.

This module plans and dispatches; `feed.py` reads JSON Lines, `warc.py` WARC files, `read.py`
single files, and `opening.py` holds what they share.
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..config import DEFAULT_MAX_BYTES
from ..errors import CorruptGzip, GoodtermsError, MissingInput, NoInputs, Unreadable
from ..model import Document, Rejected
from .feed import FEED_SUFFIXES, feed_record, feed_stream, iso_day, read_feed, read_json_file, starts_a_feed
from .gunzip import GZIP_MAGIC, GzipDamage, Gunzip
from .opening import Prefixed, internal, refuse_special, refused
from .read import _os_reason, display_path, document_from_bytes, read_path
from .warc import WARC_SUFFIXES, read_warc, warc_stream

__all__ = [
    "ARTICLE_SUFFIXES", "FEED_SUFFIXES", "Input", "ReadMeter", "WARC_SUFFIXES", "feed_record", "iso_day",
    "known_total", "output_stem", "plan_sources", "read_feed", "read_inputs", "read_sources", "read_stdin", "read_warc",
    "split_source",
]

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")  # what a folder gives as articles
JSON_SUFFIXES = (".json", ".json.gz")  # read only when named: JSON Lines under another name


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
    """How many articles the inputs hold, when that is known before reading (no feed, no WARC, no stdin)."""
    if any(i.kind in ("feed", "warc", "json", "stdin") for i in inputs):
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
            yield from read_feed(item.path, max_bytes=max_bytes, listed=item.listed, watcher=meter)  # type: ignore[arg-type]
        elif item.kind == "warc":
            yield from read_warc(item.path, max_bytes=max_bytes, listed=item.listed, watcher=meter)  # type: ignore[arg-type]
        elif item.kind == "json":
            yield from read_json_file(item.path, max_bytes=max_bytes, watcher=meter)  # type: ignore[arg-type]
        elif item.kind == "stdin":
            yield from read_stdin(max_bytes=max_bytes)
        else:
            yield _read_one(item, max_bytes)
        meter.finished(item)


STDIN = "<stdin>"


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None) -> Iterator[Document | Rejected]:
    """Standard input by what it holds: a WARC file, a JSON Lines feed (either gzip or not) or one article.

    A WARC file begins `WARC/`, a feed with a line that is a JSON object, gzip with its magic
    bytes; anything else is one article, as before (an article does not begin like these). Its
    records are named `<stdin>:LINE` and `<stdin>@OFFSET`.
    """
    import sys

    raw = stream if stream is not None else sys.stdin.buffer
    try:
        first = raw.readline(max_bytes + 2)
        gunzip = None
        if first.startswith(GZIP_MAGIC):
            gunzip = Gunzip(Prefixed(first, raw))  # type: ignore[arg-type]
            raw, first = gunzip, gunzip.readline(max_bytes + 2)  # type: ignore[assignment]
        if first.startswith(b"WARC/"):
            yield from warc_stream(Prefixed(first, raw), gunzip, file=STDIN, max_bytes=max_bytes)  # type: ignore[arg-type]
        elif starts_a_feed(first):
            yield from feed_stream(Prefixed(first, raw), file=STDIN, max_bytes=max_bytes)  # type: ignore[arg-type]
        else:
            whole = first + raw.read(max(0, max_bytes + 1 - len(first)))
            yield document_from_bytes(whole, source=STDIN, max_bytes=max_bytes)
    except GzipDamage as exc:
        yield refused(CorruptGzip(exc.message, source=STDIN), STDIN, "")
    except GoodtermsError as exc:
        yield Rejected(exc.source or STDIN, exc.code, str(exc))
    except OSError as exc:
        yield Rejected(STDIN, "unreadable", f"{STDIN}: {_os_reason(exc)}")


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
    """One article from a file."""
    source = "<stdin>" if item.path is None else display_path(item.path)
    try:
        if item.kind == "unlistable":
            raise Unreadable(f"cannot list the folder: {item.problem}", source=source)
        if item.path is None:
            raise Unreadable("standard input is read by read_stdin", source=source)
        refuse_special(item.path, item.listed)
        return read_path(item.path, max_bytes=max_bytes)
    except GoodtermsError as exc:
        return Rejected(exc.source or source, exc.code, str(exc))
    except Exception as exc:  # a reader bug on one file never stops the rest
        return internal(exc, source, source, "")


# -- naming --------------------------------------------------------------------------------------
_RECORD_SOURCE = re.compile(r"^(?P<file>.+?)(?P<sep>[:@])(?P<place>\d+)$")


def _multi_record(file: str) -> bool:
    """Whether records of this file are named FILE:LINE or FILE@OFFSET (feeds, WARC, .json, stdin)."""
    return file == STDIN or Path(file).name.lower().endswith(FEED_SUFFIXES + WARC_SUFFIXES + JSON_SUFFIXES)


def split_source(source: str) -> tuple[str, str]:
    """(file, location) of a Document.source: ("feed.jsonl", "line 12") for "feed.jsonl:12",
    ("crawl.warc.gz", "offset 4096") for "crawl.warc.gz@4096", (source, "") for a whole file.

    For a Rejected made from a Document after reading (an analysis that failed), so that it
    names the file and the place as a reader's Rejected does.
    """
    match = _RECORD_SOURCE.match(source)
    if match and _multi_record(match.group("file")):
        place = "line" if match.group("sep") == ":" else "offset"
        return match.group("file"), f"{place} {match.group('place')}"
    return source, ""


def output_stem(source: str) -> str:
    """A file-name stem for a document's output: `feed-12` for `feed.jsonl:12`, `crawl-4096` for
    `crawl.warc.gz@4096`, `stdin-3` for `<stdin>:3`, the file's stem for an article file ('' for
    one article from standard input)."""
    if not source or source == "<stdin>":
        return ""
    match = _RECORD_SOURCE.match(source)
    if match and _multi_record(match.group("file")):
        name = "stdin" if match.group("file") == STDIN else Path(match.group("file")).name
        for suffix in sorted(FEED_SUFFIXES + WARC_SUFFIXES + JSON_SUFFIXES, key=len, reverse=True):
            if name.lower().endswith(suffix):
                name = name[: -len(suffix)]
                break
        return f"{name}-{match.group('place')}"
    return Path(source).stem
