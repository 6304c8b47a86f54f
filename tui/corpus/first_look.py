"""A first look at a corpus: each scenario file's date, title and question, read with tomli alone.

The explorer's home screen lists these while the full load runs (pydantic's import,
validation, every quote located in its document), so the list is readable at once and
its counts and error badges follow when the check is done. Nothing here validates: a
file that parses is shown as it describes itself until the check says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from .layout import RESERVED, scenario_names
from .regular_file import ReadRefused, read_regular

# A first look reads what it can and skips the rest: the full check reports why.
_LIMIT = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Glimpse:
    """What a scenario file says about itself, before it is checked."""

    path: Path
    date: dt.date | None
    title: str | None  # None when the file cannot be read or parsed, or names no title
    question: str | None
    summary: str | None


def first_look(root: Path, limit: int | None = None) -> tuple[list[Glimpse], int]:
    """The scenario files of the corpus at `root` (the first `limit` by name), those with a date in
    date order, then the rest by name; and how many scenario files there are in all."""
    folder = root / "scenarios"
    files = scenario_names(folder, RESERVED)
    glimpses = [_glimpse((folder / name).resolve()) for name in files[:limit]]
    dated = sorted((g for g in glimpses if g.date is not None), key=lambda g: (g.date, g.path.name))
    return dated + [g for g in glimpses if g.date is None], len(files)


def _read(path: Path) -> dict[str, Any] | None:
    # Not reading.read_toml: its diagnostics (and their imports) are for the full check.
    try:
        text = read_regular(path, _LIMIT).decode("utf-8")
    except (ReadRefused, UnicodeDecodeError):
        return None
    # The lines before the first array of tables ([[actors]], [[steps]]) hold [scenario] in every file
    # `drawdown new` writes: a twentieth of the file, and parsing whole files was most of the time the
    # first screen spent on them. A file laid out otherwise (that part does not parse, or has no
    # [scenario]) is parsed whole. Nothing after that part can change [scenario]'s own keys.
    head = text.find("\n[[")
    if head >= 0:
        try:
            data = tomli.loads(text[:head])
        except (tomli.TOMLDecodeError, RecursionError):
            data = None
        if data is not None and isinstance(data.get("scenario"), dict):
            return data
    try:
        return tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        return None


def _glimpse(path: Path) -> Glimpse:
    data = _read(path)
    meta = data.get("scenario") if data is not None else None
    if not isinstance(meta, dict):
        return Glimpse(path, None, None, None, None)
    date = meta.get("date")
    # A TOML date-time is a date too, in Python; the format allows only a plain date.
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        date = None
    return Glimpse(path, date, _text(meta, "title"), _text(meta, "question"), _text(meta, "summary"))


def _text(table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    return value if isinstance(value, str) else None
