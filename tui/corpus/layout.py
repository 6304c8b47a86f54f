"""Where a corpus keeps its files, relative to its root.

No pydantic here: the command line finds its corpus before deciding whether it needs the models.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

SOURCES_FILE = Path("seeds") / "sources.toml"
ACTORS_FILE = Path("scenarios") / "actors.toml"
SERIES_FILE = Path("scenarios") / "series.toml"
RESERVED = (ACTORS_FILE.name, SERIES_FILE.name)  # in scenarios/, but not scenarios
CATALOGS = (SOURCES_FILE, ACTORS_FILE, SERIES_FILE)


def is_catalog(path: Path) -> bool:
    """Whether `path` is one of a corpus's three catalogs (by its name and its folder's)."""
    return any(path.name == name.name and path.parent.name == name.parent.name for name in CATALOGS)


def scenario_files(directory: Path, reserved: Iterable[str]) -> list[Path]:
    """The scenario files of a scenarios/ folder, by name: every .toml but the catalogs.

    Not only regular files: a pipe or a device named .toml is listed, so that reading it
    reports what it is rather than the corpus leaving it out without a word.
    """
    return [directory / name for name in scenario_names(directory, reserved)]


def scenario_names(directory: Path, reserved: Iterable[str]) -> list[str]:
    """The names of `scenario_files`, without a Path for each: the first screen needs only a
    dozen of 3,000 files, and making a Path costs more than reading the folder's entry."""
    skip = set(reserved)
    try:
        with os.scandir(directory) as scan:
            return sorted(e.name for e in scan if e.name.endswith(".toml") and e.name not in skip and not e.is_dir())
    except OSError:
        return []


def find_root(path: Path) -> Path | None:
    """The corpus directory a file or directory belongs to, if any."""
    path = path.resolve()
    for candidate in [path, *path.parents][:3]:
        if (candidate / SOURCES_FILE).is_file() or (candidate / "scenarios").is_dir() and (candidate / "seeds").is_dir():
            return candidate
    return None
