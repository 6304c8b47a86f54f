"""`drawdown new`: a scenario skeleton that validates, ready to fill in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .load import load_context
from .model import SLUG_PATTERN
from .schema import SCHEMA_FILE, schema_text
from .toml_text import basic_string

# Where a scenario file's `#:schema` line points: the same relative path in every corpus,
# the bundled one included, so a scenario file can move between corpora unchanged.
SCHEMA_LINE = f"#:schema ../{SCHEMA_FILE.as_posix()}"


class SkeletonError(Exception):
    """Why no skeleton was written."""


@dataclass(frozen=True, slots=True)
class Written:
    path: Path  # the new scenario file
    schema_note: str  # what became of the schema file its `#:schema` line points at


def write_skeleton(corpus: Path, scenario_id: str, source_id: str, *, today: dt.date | None = None) -> Written:
    if not re.fullmatch(SLUG_PATTERN, scenario_id):
        raise SkeletonError(f"'{scenario_id}' is not a valid id: use lower-case letters, digits and single hyphens")
    if not (corpus / "seeds" / "sources.toml").is_file():
        raise SkeletonError(f"{corpus}: not a corpus (no seeds/sources.toml)")
    context = load_context(corpus)
    source = context.sources.get(source_id)
    if source is None:
        known = ", ".join(sorted(context.sources)) or "none"
        raise SkeletonError(f"unknown source '{source_id}' (known: {known})")
    path = corpus / "scenarios" / f"{scenario_id}.toml"
    if path.exists():
        raise SkeletonError(f"{path} already exists; not overwriting it")
    meta = source.meta
    if meta.published is not None and meta.published_basis is not None:
        date, basis = meta.published, meta.published_basis
    else:
        date, basis = today or dt.date.today(), "inferred"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Exclusive creation: a file that appears between the check and the write is not overwritten.
    with path.open("x", encoding="utf-8") as out:
        out.write(_render(scenario_id, source_id, meta.title, date, basis))
    return Written(path, write_schema(corpus))


def write_schema(corpus: Path) -> str:
    """Write the schema file the skeleton's `#:schema` line names, unless one is there; say what was done."""
    path = corpus / SCHEMA_FILE
    text = schema_text()
    shown = SCHEMA_FILE.as_posix()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return f"{shown} is current; editors check the new file against it"
        return (
            f"left {shown} as it is: it differs from this version's schema "
            f"(update it with: drawdown schema > {shown})"
        )
    except OSError as exc:
        return f"could not write {shown} ({exc.strerror or exc}); editors will not find the schema"
    return f"wrote {shown}, the schema editors check the new file against"


def _render(scenario_id: str, source_id: str, title: str, date: dt.date, basis: str) -> str:
    return f"""{SCHEMA_LINE}
# Source: {source_id}: {basic_string(title)}
# Fill in each TODO, then run: drawdown validate scenarios/{scenario_id}.toml
# Quote the document without retyping it: drawdown quote {source_id} "words to find"
format = 1

[scenario]
id = "{scenario_id}"
title = "TODO: a short title"
date = {date.isoformat()}
date_basis = "{basis}"  # "stated" only if the document prints this date
question = "TODO: the question this scenario explores"
summary = "TODO: a neutral summary of what the document reports"
sources = ["{source_id}"]
tags = []

# [[options]]
# id = "stay"
# label = "Keep troops in the country"
# troops = 2500          # or [low, high]
#
# [[steps]]
# kind = "pressure"      # "event" | "pressure" | "outcome"
# actor = "actor-id"     # from scenarios/actors.toml, or an [[actors]] table in this file
# stance = "public"      # "public" | "private" | "reported"
# toward = "stay"
# summary = "What the actor pushes for, in neutral words"
# quotes = [
#   {{ source = "{source_id}", text = "words copied exactly from the document" }},
# ]
"""
