"""Small multi-scenario corpora for the analysis views, written on top of tests/corpus_builder.py.

`write_corpus` gives the base (the document "doc", the actor "minister", the series "troops" and
one scenario); the helpers here add documents, actors, series and scenarios written from short
Python descriptions, and load the result, refusing a corpus with errors so a test never runs on
a silently broken fixture.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus_builder import write_corpus

from tui.corpus.load import Corpus, load_corpus


def value(item: Any) -> str:
    """A Python value as TOML (strings through JSON, whose escapes TOML reads the same)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, list)) and not isinstance(item, str):
        return json.dumps(item)
    if isinstance(item, dict):
        return "{ " + ", ".join(f"{k} = {value(v)}" for k, v in item.items()) + " }"
    return json.dumps(item, ensure_ascii=False)


def table(header: str, fields: dict[str, Any]) -> str:
    lines = [f"[[{header}]]"]
    for key, item in fields.items():
        if item is None:
            continue
        if key in ("date", "as_of"):
            lines.append(f"{key} = {item}")  # a bare TOML date
        elif key == "quotes":
            lines.append("quotes = [" + ", ".join(value(q) for q in item) + "]")
        else:
            lines.append(f"{key} = {value(item)}")
    return "\n".join(lines) + "\n"


def step(kind: str, summary: str, **fields: Any) -> dict[str, Any]:
    if "date" in fields and "date_basis" not in fields:
        fields["date_basis"] = "stated"
    return {"kind": kind, **fields, "summary": summary}


def pressure(actor: str, stance: str, summary: str, **fields: Any) -> dict[str, Any]:
    return step("pressure", summary, actor=actor, stance=stance, **fields)


def quote(text: str, source: str = "doc") -> dict[str, str]:
    return {"source": source, "text": text}


def scenario(
    scenario_id: str,
    date: str,
    *,
    options: list[str | dict[str, Any]] = (),  # type: ignore[assignment]
    steps: list[dict[str, Any]] = (),  # type: ignore[assignment]
    figures: list[dict[str, Any]] = (),  # type: ignore[assignment]
    sources: tuple[str, ...] = ("doc",),
    date_basis: str = "stated",
    extra: str = "",
) -> str:
    head = f"""format = 1

[scenario]
id = "{scenario_id}"
title = "Title of {scenario_id}"
date = {date}
date_basis = "{date_basis}"
question = "What happens?"
summary = "A test scenario."
sources = {value(list(sources))}

"""
    parts = [head, extra]
    for option in options:
        fields = {"id": option, "label": f"Option {option}"} if isinstance(option, str) else option
        parts.append(table("options", fields))
    for fields in steps:
        parts.append(table("steps", fields))
    for fields in figures:
        parts.append(table("figures", fields))
    return "\n".join(parts)


def build(
    root: Path,
    scenarios: dict[str, str],
    *,
    documents: dict[str, str] | None = None,
    actors: str = "",
    series: str = "",
) -> Corpus:
    """Write a corpus of `scenarios` (id -> TOML) and load it; extra documents are id -> text."""
    first, *rest = scenarios.items()
    write_corpus(root, scenario=first[1], name=f"{first[0]}.toml")
    for scenario_id, text in rest:
        (root / "scenarios" / f"{scenario_id}.toml").write_text(text, encoding="utf-8")
    with open(root / "scenarios" / "actors.toml", "a", encoding="utf-8") as out:
        out.write("\n" + actors)
    with open(root / "scenarios" / "series.toml", "a", encoding="utf-8") as out:
        out.write("\n" + series)
    with open(root / "seeds" / "sources.toml", "a", encoding="utf-8") as out:
        for source_id, text in (documents or {}).items():
            (root / "seeds" / f"{source_id}.txt").write_text(text, encoding="utf-8")
            out.write(f'\n[[sources]]\nid = "{source_id}"\nfile = "{source_id}.txt"\ntitle = "Document {source_id}"\nkind = "news"\n')
    corpus = load_corpus(root)
    errors = [d.format() for d in corpus.diagnostics if d.is_error]
    assert not errors, errors
    return corpus


def actor(actor_id: str, name: str, *aliases: str, side: str = "test-side") -> str:
    return table(
        "actors", {"id": actor_id, "name": name, "aliases": list(aliases), "side": side, "kind": "person", "description": "An actor."}
    )
