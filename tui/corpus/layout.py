"""Where a corpus keeps its files, relative to its root."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

SOURCES_FILE = Path("seeds") / "sources.toml"
ACTORS_FILE = Path("scenarios") / "actors.toml"
SERIES_FILE = Path("scenarios") / "series.toml"
RESERVED = (ACTORS_FILE.name, SERIES_FILE.name)  # in scenarios/, but not scenarios


def scenario_files(directory: Path, reserved: Iterable[str]) -> list[Path]:
    """The scenario files of a scenarios/ folder, by name: every .toml but the catalogs.

    Not only regular files: a pipe or a device named .toml is listed, so that reading it
    reports what it is rather than the corpus leaving it out without a word.
    """
    skip = set(reserved)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return []
    return [Path(e.path) for e in entries if e.name.endswith(".toml") and e.name not in skip and not e.is_dir()]
