"""What may be written at a cursor: ids in scope, a key's choices, the keys a table still lacks.

Keys, choices and their descriptions come from the models (model.py), and the keys a step's
kind refuses from schema.STEP_KINDS, so the editor offers what the validator accepts and nothing
else. Works on text that is not valid TOML: the cursor is found lexically (toml_cursor).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .id_refs import definitions, id_kind, schema_path
from .layout import ACTORS_FILE, SERIES_FILE, SOURCES_FILE
from .model import ActorsFile, Quote, ScenarioFile, SeriesFile, SourcesFile
from .schema import STEP_KINDS
from .toml_cursor import Layout, Spot, spot_at
from .toml_text import basic_string

if TYPE_CHECKING:
    from .load import Context

FileKind = Literal["scenario", "sources", "actors", "series"]
FILE_MODELS: dict[str, type[BaseModel]] = {"scenario": ScenarioFile, "sources": SourcesFile, "actors": ActorsFile, "series": SeriesFile}
CandidateKind = Literal["actor", "option", "source", "series", "choice", "key", "header"]

def file_kind(path: Path) -> FileKind:
    for kind, where in (("sources", SOURCES_FILE), ("actors", ACTORS_FILE), ("series", SERIES_FILE)):
        if path.name == where.name and path.parent.name == where.parent.name:
            return kind  # type: ignore[return-value]
    return "scenario"

@dataclass(frozen=True, slots=True)
class Candidate:
    label: str
    kind: CandidateKind
    detail: str
    documentation: str
    insert: str  # the text that replaces [start, end)
    start: int
    end: int

def _leaves(annotation: Any) -> list[Any]:
    """The types inside Optional, Union, Annotated and list: what a value may be."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaves(arg)]
    return [annotation]

def _model_of(annotation: Any) -> type[BaseModel] | None:
    return next((leaf for leaf in _leaves(annotation) if isinstance(leaf, type) and issubclass(leaf, BaseModel)), None)

def model_at(root: type[BaseModel], keys: tuple[str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for key in keys:
        info = model.model_fields.get(key) if model is not None else None
        model = _model_of(info.annotation) if info is not None else None
    return model

def field_at(root: type[BaseModel], keys: tuple[str, ...]) -> FieldInfo | None:
    model = model_at(root, keys[:-1]) if keys else None
    return model.model_fields.get(keys[-1]) if model is not None else None

def choices(info: FieldInfo) -> list[str]:
    """A key's allowed values, when it is a choice (`kind`, `stance`, `date_basis`, …)."""
    out: list[str] = []
    for leaf in _leaves(info.annotation):
        if typing.get_origin(leaf) is typing.Literal:
            out += [str(arg) for arg in typing.get_args(leaf) if isinstance(arg, str)]
    return out

def complete(kind: FileKind, layout: Layout, offset: int, context: Context | None) -> list[Candidate]:
    spot = spot_at(layout, offset)
    if spot is None:
        return []
    root = FILE_MODELS[kind]
    if spot.kind == "header":
        return _headers(root, layout, spot)
    if spot.kind == "key":
        return _keys(root, layout, spot)
    return _values(kind, root, layout, spot, context)

def _values(kind: FileKind, root: type[BaseModel], layout: Layout, spot: Spot, context: Context | None) -> list[Candidate]:
    def quoted(value: str) -> str:
        return value if spot.quoted else f'"{value}"'

    refers = id_kind(spot.path) if kind == "scenario" else None
    if refers is not None:
        listed: set[str] = set()
        if isinstance(spot.path[-1], int):  # an array of ids ([scenario] sources): each once
            listed = {p.string for p in layout.pairs if p.path[:-1] == spot.path[:-1] and p.path != spot.path and p.string}
        return [
            Candidate(d.id, refers, d.title, _facts_text(d.facts), quoted(d.id), spot.start, spot.end)
            for d in definitions(refers, layout, context).values()
            if d.id not in listed
        ]
    keys = schema_path(spot.path)
    if kind == "sources" and keys == ("sources", "file") and context is not None and context.root is not None:
        return _documents(context, spot, quoted)
    info = field_at(root, keys)
    if info is None:
        return []
    if isinstance(spot.path[-1], int) and not spot.quoted and model_at(root, keys) is Quote:
        return _quote_skeletons(layout, spot, context)
    return [Candidate(value, "choice", keys[-1], info.description or "", quoted(value), spot.start, spot.end) for value in choices(info)]


def _documents(context: Context, spot: Spot, quoted: Callable[[str], str]) -> list[Candidate]:
    """The files in seeds/ no [[sources]] entry names yet (the catalog is not a document)."""
    seeds = (context.root or Path()) / "seeds"
    named = {doc.meta.file for doc in context.sources.values()}
    try:
        files = sorted(p.name for p in seeds.iterdir() if p.is_file() and p.suffix != ".toml" and p.name not in named)
    except OSError:
        return []
    return [Candidate(name, "choice", "a document in seeds/", "", quoted(name), spot.start, spot.end) for name in files]


def _quote_skeletons(layout: Layout, spot: Spot, context: Context | None) -> list[Candidate]:
    """A quote entry to fill in, per source the scenario lists (else per source of the corpus)."""
    sources = layout.elements(("scenario", "sources")) or sorted(context.sources if context else ())
    text = Quote.model_fields["text"].description or ""
    return [Candidate(f"{{ source = {basic_string(s)}, text = … }}", "key", "a quote", text, f"{{ source = {basic_string(s)}, text = \"\" }}", spot.start, spot.end) for s in sources]


def _keys(root: type[BaseModel], layout: Layout, spot: Spot) -> list[Candidate]:
    keys = schema_path(spot.path)
    model = model_at(root, keys)
    if model is None:
        return []
    present = set(layout.children(spot.path)) - {spot.prefix}
    needed: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    if model.__name__ == "Step":
        step_kind = layout.strings(spot.path).get("kind")
        needed, refused = STEP_KINDS.get(step_kind or "", ((), ()))
    out = []
    for name, info in model.model_fields.items():
        if name in present or name in refused:
            continue
        if not keys and _model_of(info.annotation) is not None:
            continue  # a table of the file: written as a [header], offered there
        required = "required" if info.is_required() or name in needed else "optional"
        out.append(Candidate(name, "key", f"{required} key of {_table_name(keys) or 'the file'}", info.description or "", f"{name} = ", spot.start, spot.end))
    return out


def _headers(root: type[BaseModel], layout: Layout, spot: Spot) -> list[Candidate]:
    present = {table.path for table in layout.tables}
    out = []
    for name, info in root.model_fields.items():
        if _model_of(info.annotation) is None:
            continue
        many = typing.get_origin(info.annotation) is list or any(typing.get_origin(a) is list for a in typing.get_args(info.annotation))
        if not many and (name,) in present:
            continue  # one [scenario] per file
        header = f"[[{name}]]" if many else f"[{name}]"
        out.append(Candidate(header, "header", "array of tables" if many else "table", info.description or "", header, spot.start, spot.end))
    return out

def _table_name(keys: tuple[str, ...]) -> str:
    if not keys:
        return ""
    if keys[-1] in ("quotes", "quote"):
        return "a quote"
    return f"[[{'.'.join(keys)}]]" if keys[0] != "scenario" else f"[{'.'.join(keys)}]"

def _facts_text(facts: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(f"{what}: {value}" for what, value in facts)
