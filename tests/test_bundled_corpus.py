"""The bundled corpus: clean, deep enough, and every quote found where the loader says."""

from __future__ import annotations

import hashlib

import pytest

from tui.corpus.bundled import bundled_root
from tui.corpus.load import Corpus, load_corpus
from tui.corpus.quotes import normalise

EXPECTED = [
    "2011-troop-levels",
    "2020-expulsion-vote",
    "2021-combat-mission-end",
    "2024-sudani-committee",
    "2024-two-stage-withdrawal",
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(bundled_root())


def all_quotes(corpus: Corpus):
    for entry in corpus.scenarios:
        scenario = entry.scenario
        assert scenario is not None
        for option in scenario.options:
            yield from option.quotes
        for step in scenario.steps:
            yield from step.quotes
        for figure in scenario.figures:
            yield figure.quote


def test_validates_clean(corpus: Corpus) -> None:
    assert [d.format() for d in corpus.diagnostics] == []
    assert [e.id for e in corpus.scenarios] == EXPECTED


def test_every_quote_is_found_at_its_offsets(corpus: Corpus) -> None:
    quotes = list(all_quotes(corpus))
    assert len(quotes) >= 80
    for quote in quotes:
        assert quote.span is not None
        text = corpus.sources[quote.source].text
        assert text is not None
        start, end = quote.span
        assert normalise(text[start:end]) == normalise(quote.text)


def test_depth(corpus: Corpus) -> None:
    steps = {e.id: len(e.scenario.steps) for e in corpus.scenarios if e.scenario}
    assert all(n >= 8 for n in steps.values()), steps
    assert steps["2020-expulsion-vote"] >= 18


def test_every_step_quotes_its_evidence(corpus: Corpus) -> None:
    for entry in corpus.scenarios:
        for index, step in enumerate(entry.scenario.steps):
            assert step.quotes, f"{entry.id} step {index + 1}"


def test_each_scenario_draws_on_its_own_document(corpus: Corpus) -> None:
    files = {e.id: e.scenario.scenario.sources for e in corpus.scenarios}
    assert len({tuple(v) for v in files.values()}) == len(files)


def test_seeds_are_unchanged_since_import(corpus: Corpus) -> None:
    for source in corpus.sources.values():
        assert source.meta.sha256 is not None
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() == source.meta.sha256


def test_aliases_are_spellings_the_documents_print(corpus: Corpus) -> None:
    everywhere = "\n".join(normalise(s.text or "") for s in corpus.sources.values())
    for actor_id, home in corpus.actor_home.items():
        if home is None:
            texts = everywhere
        else:
            entry = corpus.entry(home)
            texts = "\n".join(normalise(corpus.sources[s].text or "") for s in entry.scenario.scenario.sources)
        for alias in corpus.actors[actor_id].aliases:
            assert normalise(alias) in texts, f"{actor_id}: alias {alias!r} is printed in no document it comes from"
