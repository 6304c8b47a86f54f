"""Where a corpus's kept checking is (checked_cache.py), and whether it looks current, from the files' times.

Standard library only: the explorer asks at its first line, before it imports Textual, whether to fork
the load's workers there (head_start.py). For a corpus opened again unchanged the kept checking stands
in for them, and two forked processes cost that first frame 20-70 ms for nothing (docs/performance.md).
The answer is a guess, never trusted for what is shown: the loader still compares the whole content
(checked_cache.corpus_key) and, when the guess was wrong, forks its own workers after the first frame.
"""

from __future__ import annotations

import os
from pathlib import Path

from .layout import CATALOGS

SUFFIX = ".checked"


def path_for(directory: Path, root: Path) -> Path:
    """The kept checking of the corpus at `root` (resolved), in the cache folder `directory`."""
    import hashlib  # 3-5 ms to import (OpenSSL): only once a kept checking may be there

    return directory / (hashlib.sha256(str(root).encode("utf-8", "surrogateescape")).hexdigest() + SUFFIX)


def looks_current(directory: Path, root: Path, names: list[str]) -> bool:
    """Whether the kept checking of the corpus at `root` was written or last read back after every file
    of the corpus last changed: the folders (a file added, removed or renamed), the catalogs, the
    scenario files `names` and the documents in seeds/. A time equal to the kept checking's counts as
    a change (a save in the same tick of the clock)."""
    try:
        if not any(entry.name.endswith(SUFFIX) for entry in os.scandir(directory)):
            return False  # nothing kept yet (a first open): not worth hashing the root's name
        kept = os.stat(path_for(directory, root)).st_mtime_ns
    except OSError:
        return False
    scenarios, seeds = root / "scenarios", root / "seeds"
    try:
        documents = [entry.path for entry in os.scandir(seeds)]
    except OSError:
        documents = []
    for path in (root, scenarios, seeds, *(root / catalog for catalog in CATALOGS), *documents, *(os.path.join(scenarios, name) for name in names)):
        try:
            changed = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            continue  # a catalog a corpus can do without; a file gone since it was listed changed its folder
        except OSError:
            return False
        if changed >= kept:
            return False
    return True
