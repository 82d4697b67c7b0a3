"""Opening a feed or archive file for reading, and the Rejected records the readers share.

Shared by the readers of multi-record files (`feed.py`, `warc.py`) and the dispatcher
(`sources.py`): gzip recognised by its first bytes, a pipe or device found in a folder refused,
and one-line rejections that say which file and where in it.
"""
from __future__ import annotations

import stat
from pathlib import Path
from typing import BinaryIO, Protocol

from ..errors import GoodtermsError, Unreadable
from ..model import Rejected
from .gunzip import Gunzip, is_gzip
from .read import _os_reason, display_path


class Watcher(Protocol):
    """Follows the offset of the file being read (`sources.ReadMeter`), for a progress display."""

    def watch(self, handle: BinaryIO) -> None: ...


def refuse_special(path: Path, listed: bool) -> None:
    """A FIFO, device or socket found in a folder is refused: reading it could wait on a writer."""
    if not listed:
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # a broken link or a loop: the reader says which
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise Unreadable("not a regular file (a pipe, device or socket found in a folder); "
                         "name it on its own to read from it", source=display_path(path))


def open_stream(path: Path, listed: bool, watcher: Watcher | None) -> tuple[BinaryIO, Gunzip | None]:
    """The file's bytes, decompressed when it starts as gzip (whatever its name says)."""
    refuse_special(path, listed)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Unreadable(_os_reason(exc), source=display_path(path)) from None
    if watcher is not None:
        watcher.watch(handle)
    try:
        gzipped = handle.seekable() and is_gzip(handle)
    except OSError:
        gzipped = False
    if not gzipped:
        return handle, None
    gunzip = Gunzip(handle)
    return gunzip, gunzip  # type: ignore[return-value]


class Prefixed:
    """A stream whose first bytes were read already (to see what it holds): those, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO | Gunzip) -> None:
        self._head, self._rest = head, rest

    @property
    def damage(self) -> Exception | None:
        """The damage a gzip stream underneath has found, if any (see `Gunzip.damage`)."""
        return getattr(self._rest, "damage", None)

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            out, self._head = self._head + self._rest.read(), b""
            return out
        out, self._head = self._head[:size], self._head[size:]
        return out

    def readline(self, limit: int = -1) -> bytes:
        if not self._head:
            return self._rest.readline(limit)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if 0 <= limit < end:
            end = limit
        out, self._head = self._head[:end], self._head[end:]
        if out.endswith(b"\n") or self._head or (0 <= limit <= len(out)):
            return out
        return out + self._rest.readline(-1 if limit < 0 else limit - len(out))

    def close(self) -> None:
        self._rest.close()


def refused(exc: GoodtermsError, file: str, location: str) -> Rejected:
    """A Rejected from one of our exceptions, with the file and the place in it."""
    return Rejected(file, exc.code, str(exc), location)


def internal(exc: Exception, source: str, file: str, location: str) -> Rejected:
    """A Rejected for an error goodterms did not foresee, still one line and still located."""
    return Rejected(file, "internal", f"{source}: reading failed: {type(exc).__name__}: {first_line(exc)}", location)


def first_line(exc: BaseException) -> str:
    """The error's text on one short line, anything unprintable escaped (it may quote raw bytes)."""
    text = " ".join(str(exc).split())
    text = "".join(ch if ch.isprintable() and ord(ch) < 127 else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else f"\\u{ord(ch):04x}" for ch in text)
    return text[:100] + ("..." if len(text) > 100 else "")
