"""A large corpus's checking, kept on disk: opened again as it was, it is not checked again.

Checking 1,000 scenario files (tomli, the shapes, every quote located in its document) takes the
explorer's two worker processes most of two seconds on a 2-core machine; what they send back is kept
here, as they sent it, and read back when nothing the checking read has changed: the counts then
come in half the time (docs/performance.md).

The key is everything the checking reads: the bytes of each scenario file and catalog (read as the
loader reads them, so a FIFO or an oversized file is keyed by its refusal, as it is reported), the
text of each document the catalog names, and the code that checks (the files of this package, tomli's
and pydantic's, and Python's version). It is taken before the workers read the files and again after:
a file saved while they read it leaves nothing behind. Only a load that forked workers (a corpus of
head_start.PARALLEL_FROM files or more) uses it, and only when given a folder (the explorer's command
gives the reader's cache folder: cache_folder.py); tests and scripts check every file as always.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

from ..cache_folder import KeptFile, mark_in_use, open_kept
from .kept_checking import path_for
from .layout import CATALOGS
from .load import CATALOG_LIMIT, SCENARIO_LIMIT
from .regular_file import ReadRefused, read_regular

if TYPE_CHECKING:
    from .load import Context

VERSION = 3  # of what a file holds (3: each chunk's models in a message of their own, after the chunks)
KEPT = 2  # corpora kept, the most recently opened (each file about 0.9 times its scenario files)
_LENGTH = 8  # bytes of the length, and of the check sum, before each chunk


def corpus_key(context: Context, files: list[Path]) -> str:
    """A name for what checking `files` against the catalogs of `context` reads."""
    digest = hashlib.sha256(repr((VERSION, sys.version, _code(), str(context.root), [str(path) for path in files])).encode("utf-8"))
    for path in [context.root / catalog for catalog in CATALOGS] + files:
        digest.update(_file_digest(path))
    for source_id, doc in sorted(context.sources.items()):
        digest.update(repr((source_id, str(doc.path), doc.problem)).encode("utf-8"))
        digest.update(hashlib.sha256((doc.text or "").encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    try:
        # As the loader reads it: a larger file is refused there, and keyed by its refusal here.
        data = b"read\0" + read_regular(path, max(SCENARIO_LIMIT, CATALOG_LIMIT))
    except ReadRefused as refused:
        data = b"refused\0" + str(refused).encode("utf-8")
    except OSError as error:
        data = b"error\0" + type(error).__name__.encode("utf-8") + str(error.errno).encode("utf-8")
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape") + b"\0" + data).digest()


def _code() -> list[tuple[str, int, int]]:
    """The checking code, by its files' size and time (reading package metadata for versions costs more)."""
    found = []
    origins = [str(path) for path in sorted(Path(__file__).parent.glob("*.py"))]
    for module in ("tomli", "pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(module)
        origins.append(spec.origin if spec is not None and spec.origin else module)
    for origin in origins:
        try:
            stat = os.stat(origin)
        except OSError:
            found.append((origin, -1, -1))
        else:
            found.append((origin, stat.st_size, stat.st_mtime_ns))
    return found


def read(directory: Path, root: Path, key: str, expected: list[int]) -> Iterator[tuple[int, bytes | None]] | None:
    """What the workers sent, message by message (`expected`: each one's number), when the corpus at
    `root` was last checked, if `key` is what they read: (number, what was sent), read one by one (at
    3,000 files the file is nearly 60 MB), in the order they came; one missing or damaged comes last, as None."""
    path = path_for(directory, root)
    # Marked in use only if it serves: its time then says that nothing changed since (kept_checking.py).
    handle = open_kept(path, mark=False)
    if handle is None:
        return None
    try:
        matches = pickle.load(handle) == (VERSION, key, len(expected))
    except Exception:  # cut short, or another version's
        matches = False
    if matches is not True:
        handle.close()
        return None
    mark_in_use(path)
    return _messages(handle, expected)


def _messages(handle: IO[bytes], expected: list[int]) -> Iterator[tuple[int, bytes | None]]:
    unread = set(expected)
    with handle:
        while unread:
            head = handle.read(3 * _LENGTH)
            if len(head) < 3 * _LENGTH:
                break
            index, size, check = (int.from_bytes(head[at : at + _LENGTH], "little") for at in range(0, 3 * _LENGTH, _LENGTH))
            data = handle.read(size)
            # A disk's damage is caught by the check sum, not left to show as a changed quote.
            if index not in unread or len(data) != size or zlib.crc32(data) != check:
                break
            unread.discard(index)
            yield index, data
    for index in sorted(unread):
        yield index, None


class Keeper:
    """What the workers send, written to the cache folder as it comes (not held: 57 MB at 3,000
    files), and put in place once the load is done, if nothing changed while the files were read."""

    def __init__(self, directory: Path, root: Path, key: str, expected: list[int]) -> None:
        self._file = KeptFile(path_for(directory, root), kept=KEPT)
        self._key = key
        pickle.dump((VERSION, key, len(expected)), self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, index: int, data: bytes | memoryview) -> None:
        self._file.write(b"".join(number.to_bytes(_LENGTH, "little") for number in (index, len(data), zlib.crc32(data))))
        self._file.write(data)

    def finish(self, key: str | None) -> None:
        """Keep what was written if `key` (taken again now) is the one it was written for; else drop it."""
        if key == self._key:
            self._file.commit()
        else:
            self._file.abandon()


def forget(directory: Path, root: Path) -> None:
    """Remove what is kept for the corpus at `root` (found damaged: made again at the next open)."""
    try:
        path_for(directory, root).unlink(missing_ok=True)
    except OSError:
        pass
