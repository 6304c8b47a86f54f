"""Which keys hold which ids, and what each id in scope stands for (docs/format.md).

A scenario file sees the shared catalogs (seeds/sources.toml, scenarios/actors.toml,
scenarios/series.toml) and its own [[actors]], [[series]] and [[options]]; another scenario's
local actors are not in scope (a reference to one is `unknown-id`, checks.py), so they are not
offered. The file's own tables are read lexically (toml_cursor), so a file being typed, not valid
TOML, still has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .layout import ACTORS_FILE, SERIES_FILE, SOURCES_FILE
from .model import Actor, Series, Source, troops_text
from .toml_cursor import KeyPath, Layout, Pair

if TYPE_CHECKING:
    from .load import Context

IdKind = Literal["actor", "option", "source", "series"]

# Catalog file and the array of tables in it, per kind; options live only in scenario files.
CATALOGS: dict[str, tuple[Path, str]] = {"actor": (ACTORS_FILE, "actors"), "series": (SERIES_FILE, "series"), "source": (SOURCES_FILE, "sources")}
_LOCAL_ARRAY: dict[str, str] = {"actor": "actors", "option": "options", "series": "series"}


def schema_path(path: KeyPath) -> tuple[str, ...]:
    """("steps", 2, "quotes", 0, "source") -> ("steps", "quotes", "source")."""
    return tuple(part for part in path if isinstance(part, str))


def id_kind(path: KeyPath) -> IdKind | None:
    """The kind of id the value at `path` of a scenario file names, if it names one."""
    keys = schema_path(path)
    if keys in (("steps", "actor"),):
        return "actor"
    if keys in (("steps", "toward"), ("steps", "enacts")):
        return "option"
    if keys == ("figures", "series"):
        return "series"
    if keys == ("scenario", "sources") or keys[-2:] in (("quotes", "source"), ("quote", "source")):
        return "source"
    return None


def defining_kind(path: KeyPath) -> IdKind | None:
    """The kind of id an `id` key at `path` defines ([[actors]] id, [[options]] id, ...)."""
    keys = schema_path(path)
    if len(keys) == 2 and keys[1] == "id":
        return {"actors": "actor", "options": "option", "series": "series", "sources": "source"}.get(keys[0])  # type: ignore[return-value]
    return None


@dataclass(frozen=True, slots=True)
class Definition:
    kind: IdKind
    id: str
    title: str  # the actor's name, the option's or series' label, the source's title
    facts: tuple[tuple[str, str], ...]  # (what, value) shown under the title
    local: bool  # defined in this file (else in its catalog)
    table: KeyPath  # the table that defines it, in this file or in the catalog


def definitions(kind: IdKind, layout: Layout | None, context: Context | None) -> dict[str, Definition]:
    """Every id of `kind` in scope in a scenario file: its own tables first, then the catalog's."""
    out: dict[str, Definition] = {}
    array = _LOCAL_ARRAY.get(kind)
    if layout is not None and array is not None:
        for table in layout.tables:
            if len(table.path) == 2 and table.path[0] == array:
                local = _local(kind, layout, table.path)
                if local is not None:
                    out.setdefault(local.id, local)
    if context is not None:
        catalog = {"actor": context.actors, "series": context.series, "source": {k: d.meta for k, d in context.sources.items()}}.get(kind, {})
        index = context.catalog_index.get(CATALOGS[kind][1], {}) if kind in CATALOGS else {}
        for item_id, item in catalog.items():
            out.setdefault(item_id, _shared(kind, item, (CATALOGS[kind][1], index.get(item_id, 0))))
    return out


def _local(kind: IdKind, layout: Layout, table: KeyPath) -> Definition | None:
    values = layout.strings(table)
    item_id = values.get("id")
    if not item_id:
        return None
    children = layout.children(table)
    if kind == "actor":
        title = values.get("name", "")
        facts = _actor_facts(layout.elements(table + ("aliases",)), values.get("side"), values.get("kind"), values.get("description"))
    elif kind == "option":
        title = values.get("label", "")
        troops = children.get("troops")
        facts = tuple(f for f in (("troops", _troops_raw(layout, troops)), ("summary", values.get("summary"))) if f[1])  # type: ignore[misc]
    else:
        title = values.get("label", "")
        facts = _series_facts(values.get("unit"), values.get("description"))
    return Definition(kind, item_id, title, facts, True, table)


def _troops_raw(layout: Layout, pair: Pair | None) -> str | None:
    if pair is None:
        return None
    raw = layout.text[pair.value_start : pair.value_end].replace("_", "")
    try:
        numbers = [int(part) for part in raw.strip("[] ").split(",")]
    except ValueError:
        return raw
    return troops_text(numbers if raw.lstrip().startswith("[") else numbers[0])


def _shared(kind: IdKind, item: Actor | Series | Source, table: KeyPath) -> Definition:
    if isinstance(item, Actor):
        return Definition(kind, item.id, item.name, _actor_facts(item.aliases, item.side, item.kind, item.description), False, table)
    if isinstance(item, Series):
        return Definition(kind, item.id, item.label, _series_facts(item.unit, item.description), False, table)
    return Definition(kind, item.id, item.title, citation_facts(item), False, table)


def _actor_facts(aliases: list[str], side: str | None, kind: str | None, description: str | None) -> tuple[tuple[str, str], ...]:
    facts = [("aliases", ", ".join(aliases)), ("side", side or ""), ("kind", kind or ""), ("description", description or "")]
    return tuple(f for f in facts if f[1])


def _series_facts(unit: str | None, description: str | None) -> tuple[tuple[str, str], ...]:
    return tuple(f for f in (("unit", unit or "troops"), ("description", description or "")) if f[1])


def citation_facts(source: Source) -> tuple[tuple[str, str], ...]:
    """A source as the catalog has it: who published it, when (and whether the date is printed), where."""
    facts: list[tuple[str, str]] = []
    if source.title_basis == "inferred":
        facts.append(("title", "descriptive (the document prints none)"))
    if source.outlet:
        facts.append(("outlet", source.outlet))
    if source.author:
        facts.append(("author", source.author))
    if source.published is not None:
        basis = " (inferred: the document does not print it)" if source.published_basis == "inferred" else ""
        facts.append(("published", source.published.isoformat() + basis))
    facts.append(("kind", source.kind))
    if source.url:
        facts.append(("url", source.url))
    facts.append(("file", f"seeds/{source.file}"))
    return tuple(facts)


def find_definition(layout: Layout, array: str, item_id: str) -> Pair | None:
    """The `id` value of the table of `array` ([[actors]], ...) that defines `item_id`."""
    for pair in layout.pairs:
        if len(pair.path) == 3 and pair.path[0] == array and pair.path[2] == "id" and pair.string == item_id:
            return pair
    return None


def id_at(layout: Layout, offset: int, *, scenario: bool = True) -> tuple[IdKind, Pair] | None:
    """The id the offset is on: a reference (in a scenario file) or the `id` of the table defining it."""
    pair = layout.pair_at(offset)
    if pair is None or not pair.string:
        return None
    kind = (id_kind(pair.path) if scenario else None) or defining_kind(pair.path)
    return (kind, pair) if kind is not None else None
