"""Where a corpus keeps its files, relative to its root."""

from __future__ import annotations

from pathlib import Path

SOURCES_FILE = Path("seeds") / "sources.toml"
ACTORS_FILE = Path("scenarios") / "actors.toml"
SERIES_FILE = Path("scenarios") / "series.toml"
RESERVED = (ACTORS_FILE.name, SERIES_FILE.name)  # in scenarios/, but not scenarios
