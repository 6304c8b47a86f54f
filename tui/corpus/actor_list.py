"""Every actor of a corpus and where it is defined, for `drawdown actors`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from .layout import ACTORS_FILE
from .load import CATALOG_LIMIT, load_corpus
from .model import Actor
from .positions import Positions
from .reading import display_path
from .regular_file import ReadRefused, read_regular


@dataclass(frozen=True, slots=True)
class ActorRow:
    id: str
    name: str
    aliases: tuple[str, ...]
    path: str  # as the user would type it
    line: int  # of the actor's [[actors]] table

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "aliases": list(self.aliases), "path": self.path, "line": self.line}


def actor_rows(root: Path) -> tuple[list[ActorRow], list[str]]:
    """Shared actors in file order, then each valid scenario's own, by file name (a clash shows up twice);
    and the scenario files whose errors kept their actors from being read."""
    corpus = load_corpus(root)
    shared_ids = [actor_id for actor_id, home in corpus.actor_home.items() if home is None]
    order = _file_order(root / ACTORS_FILE)
    shared = sorted(((order.get(i, len(order)), corpus.actors[i]) for i in shared_ids), key=lambda pair: pair[0])
    rows = _rows(root / ACTORS_FILE, [(index, actor) for index, actor in shared])
    for entry in sorted((e for e in corpus.scenarios if e.scenario), key=lambda e: e.path.name):
        assert entry.scenario is not None
        rows += _rows(entry.path, list(enumerate(entry.scenario.actors)))
    return rows, [display_path(e.path) for e in corpus.scenarios if e.scenario is None]


def _file_order(path: Path) -> dict[str, int]:
    """Actor id -> the index of the first [[actors]] table with that id (the one the loader kept)."""
    try:
        # A pipe in place of the catalog must not stall the listing: the loader has reported it already.
        items = tomli.loads(read_regular(path, CATALOG_LIMIT).decode("utf-8")).get("actors", [])
    except (ReadRefused, UnicodeDecodeError, tomli.TOMLDecodeError):
        return {}
    order: dict[str, int] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            order.setdefault(item["id"], index)
    return order


def _rows(path: Path, actors: list[tuple[int, Actor]]) -> list[ActorRow]:
    if not actors:
        return []
    positions = Positions(path.read_text(encoding="utf-8", errors="replace"))
    shown = display_path(path)
    return [ActorRow(a.id, a.name, tuple(a.aliases), shown, positions.find(("actors", i))[0]) for i, a in actors]
