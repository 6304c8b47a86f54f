"""A stat of every file a corpus is made of: how the explorer tells that its files changed.

Standard library only: the explorer takes one before anything is read, at its first line (head_start.py).
"""

from __future__ import annotations

import os
from pathlib import Path

Fingerprint = frozenset[tuple[str, int, int]]


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and modification time of every file the corpus is made of."""
    found: set[tuple[str, int, int]] = set()
    for folder in (root / "scenarios", root / "seeds"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file():
                    stat = entry.stat()
                    found.add((entry.path, stat.st_size, stat.st_mtime_ns))
            except OSError:
                continue  # removed between the listing and the stat: the next poll sees it gone
    return frozenset(found)
