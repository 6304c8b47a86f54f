"""Move a scenario's local actor into scenarios/actors.toml, when more than one scenario needs it.

A local actor is in scope in its own file only (docs/format.md): a second scenario that names it
gets `unknown-id`, and one that defines it too gets `duplicate-id` ("move it to
scenarios/actors.toml"). The move takes the [[actors]] table out of every scenario that defines
the actor and appends it to actors.toml: the table as written when every definition is the same,
else the first (this file's) with the aliases of all of them, so no spelling is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .layout import ACTORS_FILE, RESERVED, scenario_files
from .quote_fixes import Edit
from .toml_cursor import Layout, Span, scan
from .toml_text import basic_string

ACTOR_KEYS = ("id", "name", "aliases", "side", "kind", "description")


@dataclass(frozen=True, slots=True)
class ActorMove:
    actor_id: str
    title: str
    edits: dict[Path, tuple[Edit, ...]]  # each file's edits (actors.toml's appends to its end)
    create: bool  # actors.toml does not exist yet: create it with the edits' text


@dataclass(frozen=True, slots=True)
class _Definer:
    path: Path
    layout: Layout
    table: Span


def move_actor(root: Path, actor_id: str, text_of: Callable[[Path], str | None], first: Path | None = None) -> ActorMove | None:
    """The move of `actor_id` out of the scenarios that define it, if it is local to one or more and
    two scenarios or more define or name it; `first` is the file whose definition is kept."""
    catalog = root / ACTORS_FILE
    catalog_text = text_of(catalog) if catalog.exists() else None
    if catalog_text is not None and any(p.path[2:] == ("id",) and p.path[0] == "actors" and p.string == actor_id for p in scan(catalog_text).pairs):
        return None  # already shared: a local copy is a duplicate to remove, not to move
    definers: list[_Definer] = []
    users: set[Path] = set()
    for path in scenario_files(root / "scenarios", RESERVED):
        text = text_of(path)
        if text is None or actor_id not in text:
            continue
        layout = scan(text)
        for table in layout.tables:
            if len(table.path) == 2 and table.path[0] == "actors" and layout.strings(table.path).get("id") == actor_id:
                definers.append(_Definer(path.resolve(), layout, table))
                break
        if any(len(p.path) == 3 and p.path[0] == "steps" and p.path[2] == "actor" and p.string == actor_id for p in layout.pairs):
            users.add(path.resolve())
    involved = {d.path for d in definers} | users
    if not definers or len(involved) < 2:
        return None
    if first is not None:
        definers.sort(key=lambda d: d.path != first.resolve())
    edits: dict[Path, tuple[Edit, ...]] = {d.path: (_removal(d),) for d in definers}
    moved = _table_text(definers)
    if catalog_text is None:
        edits[catalog.resolve()] = ((0, 0, moved + "\n"),)
    else:
        end = len(catalog_text)
        lead = "\n" if catalog_text.endswith("\n") else "\n\n"
        edits[catalog.resolve()] = ((end, end, lead + moved + "\n"),)
    names = ", ".join(sorted(p.stem for p in involved))
    return ActorMove(actor_id, f"Move actor '{actor_id}' into scenarios/actors.toml (needed by {names})", edits, catalog_text is None)


def _content_end(definer: _Definer) -> int:
    """The end of the table's last line of keys: comments and blank lines after it belong to what follows."""
    layout, table = definer.layout, definer.table
    inside = [p.value_end for p in layout.pairs if p.path[: len(table.path)] == table.path]
    last = max(inside, default=table.header_end)
    line_end = layout.text.find("\n", last)
    return len(layout.text) if line_end < 0 else line_end + 1


def _removal(definer: _Definer) -> Edit:
    text = definer.layout.text
    end = _content_end(definer)
    while text.startswith("\n", end) or text.startswith("\r\n", end):
        end += 1 if text[end] == "\n" else 2
    return (definer.table.start, end, "")


def _values(definer: _Definer) -> dict[str, object]:
    layout, path = definer.layout, definer.table.path
    values: dict[str, object] = dict(layout.strings(path))
    values["aliases"] = layout.elements(path + ("aliases",))
    return values


def _table_text(definers: list[_Definer]) -> str:
    keep = definers[0]
    values = [_values(d) for d in definers]
    if all(v == values[0] for v in values[1:]):
        return keep.layout.text[keep.table.start : _content_end(keep)].rstrip("\r\n")
    aliases: list[str] = []
    for value in values:
        for alias in value.get("aliases", []):  # type: ignore[union-attr]
            if alias not in aliases and alias != values[0].get("name"):
                aliases.append(alias)
    lines = ["[[actors]]"]
    first = values[0]
    for key in ACTOR_KEYS:
        if key == "aliases":
            lines.append("aliases = [" + ", ".join(basic_string(a) for a in aliases) + "]")
        elif isinstance(first.get(key), str):
            lines.append(f"{key} = {basic_string(first[key])}")  # type: ignore[arg-type]
    return "\n".join(lines)
