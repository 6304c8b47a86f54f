"""`--format annotations`: one W3C Web Annotation per quote, each loadable as it stands.

The checks are the Web Annotation Data Model's MUSTs for what the export uses (sections 3.1,
3.2, 4.1, 4.2.4, 4.2.5, 5.1, 5.2), and each selector must find the quoted words again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from corpus_builder import SOURCES, write_corpus

from tui.corpus.bundled import bundled_root
from tui.corpus.listing import quote_count
from tui.corpus.export import RENDERERS, find_scenario
from tui.corpus.export.resolve import Resolved
from tui.corpus.load import load_corpus

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")  # RFC 3987's shape: a scheme, then no space or delimiter


@pytest.fixture(scope="module")
def bundled() -> list[Resolved]:
    corpus = load_corpus(bundled_root())
    return [Resolved(entry.scenario, corpus) for entry in corpus.scenarios if entry.scenario]


def exported(resolved: Resolved) -> dict[str, Any]:
    return json.loads(RENDERERS["annotations"](resolved))


def assert_annotation(item: dict[str, Any]) -> None:
    assert item["@context"] == CONTEXT  # 3.1: the context, so each one can be posted alone
    assert isinstance(item["id"], str) and IRI.match(item["id"]), item["id"]
    assert item["type"] == "Annotation"
    for body in item["body"]:
        assert body["type"] == "TextualBody" and isinstance(body["value"], str) and body["value"]
    target = item["target"]
    assert target["type"] == "SpecificResource" and IRI.match(target["source"]), target
    quote_selector, position_selector = target["selector"]
    assert quote_selector["type"] == "TextQuoteSelector" and quote_selector["exact"]
    assert position_selector["type"] == "TextPositionSelector"
    assert 0 <= position_selector["start"] < position_selector["end"]


def test_every_quote_is_one_annotation_with_the_models_required_keys(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        document = exported(resolved)
        assert document["@context"] == CONTEXT and document["type"] == "AnnotationCollection"
        assert IRI.match(document["id"])
        page = document["first"]
        assert page["type"] == "AnnotationPage" and page["startIndex"] == 0 and IRI.match(page["id"])
        items = page["items"]
        assert document["total"] == len(items) == quote_count(resolved.scenario)
        assert len({item["id"] for item in items}) == len(items), "ids are unique"
        for item in items:
            assert_annotation(item)


def test_each_selector_finds_the_quoted_words_in_the_document(bundled: list[Resolved]) -> None:
    for resolved in bundled:
        texts = {f"urn:drawdown:source:{doc.meta.id}": doc.text for doc in resolved.sources}
        for item in exported(resolved)["first"]["items"]:
            text = texts[item["target"]["source"]]
            assert text is not None
            by_quote, by_position = item["target"]["selector"]
            start, end = by_position["start"], by_position["end"]
            assert text[start:end] == by_quote["exact"]
            assert text[:start].endswith(by_quote["prefix"]) and text[end:].startswith(by_quote["suffix"])
            # The quote selector alone singles the passage out, as a client that ignores positions needs.
            assert text.count(by_quote["prefix"] + by_quote["exact"] + by_quote["suffix"]) == 1


def test_the_body_says_what_the_quote_is_evidence_for(bundled: list[Resolved]) -> None:
    resolved = next(r for r in bundled if r.scenario.scenario.id == "2020-expulsion-vote")
    items = exported(resolved)["first"]["items"]
    step = resolved.scenario.steps[0]
    first = items[0]
    assert first["body"][0] == {"type": "TextualBody", "value": step.summary, "format": "text/plain", "purpose": "describing"}
    tags = {body["value"] for body in first["body"][1:]}
    assert {"2020-expulsion-vote", step.kind} <= tags


def test_a_source_with_a_web_address_is_targeted_there(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    (tmp_path / "seeds" / "sources.toml").write_text(SOURCES.replace('kind = "news"', 'kind = "news"\nurl = "https://example.com/a_b?c=1&d=2"'), encoding="utf-8")
    items = exported(find_scenario("s1", tmp_path))["first"]["items"]
    assert items and {item["target"]["source"] for item in items} == {"https://example.com/a_b?c=1&d=2"}
