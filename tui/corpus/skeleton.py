"""`drawdown new`: a scenario skeleton that validates, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .load import load_context
from .model import SLUG_PATTERN


class SkeletonError(Exception):
    """Why no skeleton was written."""


def write_skeleton(corpus: Path, scenario_id: str, source_id: str, *, today: dt.date | None = None) -> Path:
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
    return path


def _string(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these characters)."""
    return json.dumps(text, ensure_ascii=False)


def _render(scenario_id: str, source_id: str, title: str, date: dt.date, basis: str) -> str:
    return f"""#:schema ../docs/scenario.schema.json
# Source: {source_id}: {_string(title)}
# Fill in each TODO, then run: drawdown validate scenarios/{scenario_id}.toml
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
