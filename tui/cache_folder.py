"""The reader's cache folder: files Drawdown can always make again, kept to start faster.

Anything amiss with one (missing, cut short, written by another version, a folder that cannot be
written) costs only the work it would have saved. Nothing here imports Textual: the data layer keeps
its own files here too (corpus/checked_cache.py).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import IO, Any


def cache_dir() -> Path:
    override = os.environ.get("DRAWDOWN_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("drawdown", appauthor=False)


def open_kept(path: Path, *, mark: bool = True) -> IO[bytes] | None:
    """`path` opened to read, or None; with `mark`, a file opened is marked in use (mark_in_use)."""
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    if mark:
        mark_in_use(path)
    return handle


def mark_in_use(path: Path) -> None:
    """Give `path` the time of now: among the newest, which pruning keeps."""
    try:
        os.utime(path)
    except OSError:
        pass  # a cache folder that can be read and not written still serves


def read_pickled(path: Path) -> Any | None:
    handle = open_kept(path)
    if handle is None:
        return None
    with handle:
        try:
            return pickle.load(handle)
        except Exception:  # cut short, or written by another version of a class
            return None


_WRITING = ".tmp"
LEFT_BEHIND_SECONDS = 3600  # a file being written this long ago was left by an explorer that quit or died


def _remove_left_behind(directory: Path) -> None:
    # A reader who quits during a first load of a large corpus leaves the file it was writing (up to
    # 60 MB); another explorer may be writing one now, so only old ones go.
    import time

    for left in directory.glob("*" + _WRITING):
        try:
            if time.time() - left.stat().st_mtime > LEFT_BEHIND_SECONDS:
                left.unlink()
        except OSError:
            pass


class KeptFile:
    """A file of the cache folder written piece by piece (nothing held in memory for it), put in
    place only when committed: a second explorer starting meanwhile reads the old file or the new
    one, never half of one. Anything amiss (a read-only home, a full disk) leaves no file."""

    def __init__(self, path: Path, *, kept: int) -> None:
        self._path = path
        self._kept = kept  # of its kind (its suffix) beside it, the newest
        self._temporary: str | None = None
        self._out: IO[bytes] | None = None
        try:
            import tempfile

            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_left_behind(path.parent)
            handle, self._temporary = tempfile.mkstemp(dir=path.parent, suffix=_WRITING)
            self._out = os.fdopen(handle, "wb")
        except Exception:
            self.abandon()

    def write(self, data: bytes | memoryview) -> None:
        if self._out is not None:
            try:
                self._out.write(data)
            except Exception:
                self.abandon()

    def commit(self) -> None:
        if self._out is None or self._temporary is None:
            return
        try:
            self._out.close()
            self._out = None
            os.replace(self._temporary, self._path)
            self._temporary = None
            files = sorted(self._path.parent.glob("*" + self._path.suffix), key=lambda file: file.stat().st_mtime_ns, reverse=True)
            for old in files[self._kept :]:
                old.unlink(missing_ok=True)
        except Exception:
            self.abandon()

    def abandon(self) -> None:
        try:
            if self._out is not None:
                self._out.close()
            if self._temporary is not None:
                os.unlink(self._temporary)
        except OSError:
            pass
        self._out = self._temporary = None


def write_pickled(path: Path, value: Any, *, kept: int) -> None:
    file = KeptFile(path, kept=kept)
    pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
    file.commit()
