"""Read a corpus file only if it is a regular file, and never more of it than a limit.

A named pipe (FIFO) in place of a file blocks a plain read until something writes to
it; a device such as /dev/zero never ends. So the kind of file is checked before it is
opened (a symlink is followed: what it points to must be a regular file too), it is
opened without blocking, checked again on the open descriptor (it may have been
swapped in between), and at most `limit + 1` bytes are read, whatever its size says.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class ReadRefused(Exception):
    """Why a file was not read: a diagnostic code and a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse_kind(mode: int, name: str) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise ReadRefused("not-a-regular-file", f"{name} is {kind}, not a regular file; only regular files are read")


def read_regular(path: Path, limit: int, name: str = "file") -> bytes:
    """The bytes of `path`, or ReadRefused if it is not a regular file, cannot be read or holds more than `limit` bytes.

    `name` is what the messages call the file.
    """
    try:
        _refuse_kind(os.stat(path).st_mode, name)
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadRefused("unreadable", f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        return _read_at_most(fd, limit, name)
    except OSError as exc:
        raise ReadRefused("unreadable", f"cannot read {name}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int, name: str) -> bytes:
    info = os.fstat(fd)
    _refuse_kind(info.st_mode, name)
    if info.st_size > limit:
        raise _too_large(name, info.st_size, limit)
    first = os.read(fd, info.st_size + 1)  # one read for a file that stays the size it said
    if len(first) <= info.st_size:
        return first  # a regular file reads short only at its end
    chunks, total = [first], len(first)
    while chunks[-1] and total <= limit:
        chunks.append(os.read(fd, limit + 1 - total))
        total += len(chunks[-1])
    if total > limit:
        raise _too_large(name, total, limit, grew=True)
    return b"".join(chunks)


def refuse_larger(size: int, limit: int, name: str = "file") -> None:
    """ReadRefused, as a read of the file would say it, if `size` bytes are more than `limit` (an editor's unsaved text)."""
    if size > limit:
        raise _too_large(name, size, limit)


def _too_large(name: str, size: int, limit: int, *, grew: bool = False) -> ReadRefused:
    said = f"more than {limit:,} bytes" if grew else f"{size:,} bytes"
    return ReadRefused("file-too-large", f"{name} is {said}; the limit is {limit:,} bytes (not read)")
