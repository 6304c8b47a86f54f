"""The annotations export: one W3C Web Annotation per quote, for annotation servers and clients.

The whole export is an AnnotationCollection whose one page holds every annotation; each
annotation also carries its own `@context`, so it can be posted to a server as it stands.
An annotation's body is what the scenario says the quoted words are evidence for (the
step's, option's or figure's own text), its target the quoted words in the document,
found by the same selector pair as the JSON export.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as percent_encoded

from ..crossref import CiteKind, scenario_quotes
from ..load import SourceDoc
from ..model import Quote
from .export_json import Json, dumps, selectors
from .resolve import Resolved

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_WORD = {"step": "step", "option": "option", "figure": "figure"}


def render(resolved: Resolved) -> str:
    return dumps(collection(resolved))


def collection(resolved: Resolved) -> Json:
    scenario_id = resolved.scenario.scenario.id
    items = [
        annotation(resolved, kind, index, number, quote, label)
        for kind, index, label, quotes in _holders(resolved)
        for number, quote in enumerate(quotes, 1)
    ]
    base = _iri("scenario", scenario_id)
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": resolved.scenario.scenario.title,
        "total": len(items),
        "first": {"id": f"{base}/page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _holders(resolved: Resolved) -> list[tuple[CiteKind, int, str, list[Quote]]]:
    """Steps, options and figures with their quotes, in file order, each once."""
    held: dict[tuple[CiteKind, int], tuple[str, list[Quote]]] = {}
    for kind, index, label, quote in scenario_quotes(resolved.scenario):
        held.setdefault((kind, index), (label, []))[1].append(quote)
    return [(kind, index, label, quotes) for (kind, index), (label, quotes) in held.items()]


def annotation(resolved: Resolved, kind: CiteKind, index: int, number: int, quote: Quote, label: str) -> Json:
    pinned = resolved.anchor(quote)
    scenario_id = resolved.scenario.scenario.id
    body: list[Json] = [{"type": "TextualBody", "value": label, "format": "text/plain", "purpose": "describing"}]
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in _tags(resolved, kind, index)]
    return {
        "@context": CONTEXT,
        "id": _iri("scenario", scenario_id, f"{_WORD[kind]}-{index + 1}", f"quote-{number}"),
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": {"type": "SpecificResource", "source": source_iri(pinned.doc), "selector": selectors(pinned)},
        "generator": {"type": "Software", "name": "Drawdown"},
    }


def _tags(resolved: Resolved, kind: CiteKind, index: int) -> list[str]:
    """What a reader filters by: the step's kind and stance or status, the scenario's id."""
    tags: list[Any] = [resolved.scenario.scenario.id, kind]
    if kind == "step":
        step = resolved.scenario.steps[index]
        tags += [step.kind, step.stance, step.status]
    return [str(tag) for tag in dict.fromkeys(tags) if tag]


def source_iri(doc: SourceDoc) -> str:
    """The document's web address where the corpus knows it; else a name for it that is an IRI."""
    return doc.meta.url or _iri("source", doc.meta.id)


def _iri(*parts: str) -> str:
    # Ids are slugs, but a scenario file names its own: encode so the result is always an IRI.
    return "urn:drawdown:" + ":".join(percent_encoded(part, safe="-") for part in parts[:2]) + "".join(
        "/" + percent_encoded(part, safe="-") for part in parts[2:]
    )
