"""The JSON export: the whole scenario with every id resolved (docs/export.md is the reference).

Each quote carries its offsets and a W3C Web Annotation selector pair, so a tool can
find the quoted words in the document without re-running Drawdown's matching.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..control_chars import BAD
from ..crossref import citation_text
from ..load import SourceDoc
from ..model import Actor, Figure, Option, Quote, Series, Step, troops_text
from .resolve import Anchor, Resolved

FORMAT = "drawdown-export/1"

Json = dict[str, Any]


def render(resolved: Resolved) -> str:
    return dumps(document(resolved))


def dumps(data: Json) -> str:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # JSON escapes C0 controls but not C1 or bidi overrides, which a terminal may obey.
    return BAD.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def document(resolved: Resolved) -> Json:
    meta = resolved.scenario.scenario
    return {
        "format": FORMAT,
        "scenario": {
            "id": meta.id,
            "title": meta.title,
            "date": dated(meta.date, meta.date_basis),
            "question": meta.question,
            "summary": meta.summary,
            "sources": list(meta.sources),
            "tags": list(meta.tags),
        },
        "sources": [source(doc) for doc in resolved.sources],
        "actors": [actor(a, resolved) for a in resolved.actors],
        "options": [option(o, resolved) for o in resolved.scenario.options],
        "steps": [step(number, s, resolved) for number, s in enumerate(resolved.scenario.steps, 1)],
        "figures": [figure(f, resolved) for f in resolved.scenario.figures],
    }


def dated(date: dt.date | None, basis: str | None) -> Json | None:
    return None if date is None else {"date": date.isoformat(), "basis": basis}


def source(doc: SourceDoc) -> Json:
    meta = doc.meta
    return {
        "id": meta.id,
        "file": meta.file,
        "title": meta.title,
        "title_basis": meta.title_basis,
        "outlet": meta.outlet,
        "author": meta.author,
        "published": dated(meta.published, meta.published_basis),
        "kind": meta.kind,
        "opinion": meta.kind == "opinion",
        "note": meta.note,
        "url": meta.url,
        "sha256": meta.sha256,
        "citation": citation_text(meta),
        "text": doc.text,
    }


def actor(item: Actor, resolved: Resolved) -> Json:
    return {**item.model_dump(), "defined_in": resolved.corpus.actor_home.get(item.id)}


def option(item: Option, resolved: Resolved) -> Json:
    return {
        "id": item.id,
        "label": item.label,
        "troops": item.troops,
        "troops_text": troops_text(item.troops) if item.troops is not None else None,
        "summary": item.summary,
        "quotes": [quote(q, resolved) for q in item.quotes],
    }


def step(number: int, item: Step, resolved: Resolved) -> Json:
    def option_of(option_id: str | None) -> Json | None:
        found = resolved.option(option_id)
        return option(found, resolved) if found else None

    found_actor = resolved.actor(item.actor)
    return {
        "number": number,
        "kind": item.kind,
        "actor": actor(found_actor, resolved) if found_actor else None,
        "date": dated(item.date, item.date_basis),
        "stance": item.stance,
        "toward": option_of(item.toward),
        "status": item.status,
        "enacts": option_of(item.enacts),
        "summary": item.summary,
        "quotes": [quote(q, resolved) for q in item.quotes],
    }


def series(item: Series | None, series_id: str) -> Json:
    return item.model_dump() if item else {"id": series_id}


def figure(item: Figure, resolved: Resolved) -> Json:
    return {
        "series": series(resolved.series(item.series), item.series),
        "value": item.value,
        "value_text": troops_text(item.value),
        "as_of": dated(item.as_of, item.as_of_basis),
        "label": item.label,
        "quote": quote(item.quote, resolved),
    }


def quote(item: Quote, resolved: Resolved) -> Json:
    pinned = resolved.anchor(item)
    begin, finish = pinned.passage
    return {
        "source": item.source,
        "text": item.text,
        "prefix": item.prefix,
        "suffix": item.suffix,
        "start": pinned.start,
        "end": pinned.end,
        "passage": {"start": begin, "end": finish},
        "selector": selectors(pinned),
    }


def selectors(pinned: Anchor) -> list[Json]:
    """The W3C Web Annotation selector pair that finds the quoted words in the document."""
    return [
        {"type": "TextQuoteSelector", "exact": pinned.exact, "prefix": pinned.prefix, "suffix": pinned.suffix},
        {"type": "TextPositionSelector", "start": pinned.start, "end": pinned.end},
    ]
