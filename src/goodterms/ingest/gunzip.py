"""A gzip stream that says where it broke: concatenated members, corruption and truncation located.

Python's gzip module reads concatenated members too, but it cannot say at which compressed offset
a member began, which a WARC reader needs (a record's offset is the offset of its gzip member),
and warcio's own decompressor writes its errors to standard error and carries on. This stream
raises `GzipDamage` with the offset of the member that is corrupt or cut short, after yielding
every byte decompressed before it.
"""
from __future__ import annotations

import zlib
from collections import deque
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


class GzipDamage(Exception):
    """The gzip data is corrupt or cut short; `offset` is where its damaged member starts."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def is_gzip(handle: BinaryIO) -> bool:
    """Whether a seekable binary file starts with the gzip magic bytes (its position is kept)."""
    at = handle.tell()
    head = handle.read(2)
    handle.seek(at)
    return head == GZIP_MAGIC


class Gunzip:
    """Decompressed bytes of concatenated gzip members, read lazily, as a file with read/readline.

    Damage is raised only once every byte decompressed before it has been read, so a reader that
    reads ahead (warcio does) still sees every record before the damage.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""  # compressed bytes read but not yet given to the decompressor
        self._pending_at = 0  # compressed offset of _pending[0]
        self._in_member = False
        self._member_start = 0
        self._buffer = bytearray()  # decompressed, not yet read
        self._produced = 0  # decompressed bytes produced so far
        self._ended = False
        self.damage: GzipDamage | None = None  # found, raised when the bytes before it are read
        # (decompressed start, compressed start) of every member not yet looked up
        self._members: deque[tuple[int, int]] = deque()

    def read(self, size: int = -1) -> bytes:
        """Up to size bytes (all when size < 0); b'' at the clean end; GzipDamage at the damage."""
        want = size if size >= 0 else 1 << 62
        while len(self._buffer) < want and self._fill():
            pass
        return self._take(min(want, len(self._buffer)))

    def readline(self, limit: int = -1) -> bytes:
        """One line with its newline, at most limit bytes (all when limit < 0)."""
        want = limit if limit >= 0 else 1 << 62
        searched = 0
        while True:
            newline = self._buffer.find(b"\n", searched)
            if newline >= 0 and newline < want:
                return self._take(newline + 1)
            if len(self._buffer) >= want:
                return self._take(want)
            searched = len(self._buffer)
            if not self._fill():
                return self._take(min(want, len(self._buffer)))

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> "Gunzip":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _take(self, count: int) -> bytes:
        if count == 0 and self.damage is not None:
            raise self.damage
        out = bytes(self._buffer[:count])
        del self._buffer[:count]
        return out

    def compressed_offset(self, decompressed: int) -> int:
        """The compressed offset of the member holding this decompressed offset.

        Lookups must come in increasing order: members before the one found are forgotten, so a
        file of a million records does not keep a million offsets.
        """
        while len(self._members) > 1 and self._members[1][0] <= decompressed:
            self._members.popleft()
        return self._members[0][1] if self._members else 0

    def _fill(self) -> bool:
        """Decompress some more into the buffer; False at the end or at damage (kept for later)."""
        if self._ended or self.damage is not None:
            return False
        try:
            return self._decompress_some()
        except GzipDamage as exc:
            self.damage = exc
            return False

    def _decompress_some(self) -> bool:
        while True:
            if not self._pending:
                self._pending = self._raw.read(_CHUNK)
                if not self._pending:
                    if self._in_member:
                        raise GzipDamage("the gzip data is cut short (truncated)", self._member_start)
                    self._ended = True
                    return False
            if not self._in_member and not self._start_member():
                continue
            try:
                out = self._decompressor.decompress(self._pending, _CHUNK)
            except zlib.error as exc:
                raise GzipDamage(f"corrupt gzip data near byte {self._pending_at:,} ({exc})",
                                 self._member_start) from None
            if self._decompressor.eof:
                rest = self._decompressor.unused_data
                self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._in_member = False
            else:
                rest = self._decompressor.unconsumed_tail
            self._pending_at += len(self._pending) - len(rest)
            self._pending = rest
            if out:
                self._buffer += out
                self._produced += len(out)
                return True

    def _start_member(self) -> bool:
        """Begin the member at the pending bytes; False when more bytes are needed to tell."""
        if len(self._pending) < 2:
            more = self._raw.read(_CHUNK)
            if more:
                self._pending += more
                return False
        if not self._pending.startswith(GZIP_MAGIC):
            where = "is not gzip data" if self._pending_at == 0 else "follows the last gzip member and is not gzip data"
            raise GzipDamage(f"what is at byte {self._pending_at:,} {where}", self._pending_at)
        self._in_member = True
        self._member_start = self._pending_at
        self._members.append((self._produced, self._pending_at))
        return True
