"""Search a page first: `SearchIndex.begin` finds the hits to list at once and leaves the count to
steps behind; searched to its end, it finds exactly what a whole search of a fresh index finds,
however the steps are cut and whatever earlier queries it narrowed from."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from corpus_builder import DOCUMENT, SCENARIO, write_corpus

import tui.corpus.search as search
from tui.corpus.bundled import bundled_root
from tui.corpus.folding import fold
from tui.corpus.load import Corpus, load_corpus
from tui.corpus.search import SearchIndex, SearchResults

NFD_CAFE = unicodedata.normalize("NFD", "Café")


def listed(results: SearchResults) -> list[tuple[object, ...]]:
    return [
        (group.scenario_id, group.title, hit.kind, hit.holder, hit.index, hit.quote_index, hit.source_id, hit.offset,
         hit.snippet, hit.snippet_start, hit.marks, hit.via)
        for group in results.groups
        for hit in group.hits
    ]  # fmt: skip


def queries(corpus: Corpus, rng: random.Random, count: int) -> list[str]:
    """Pieces of the corpus's own texts, in other cases, without or with other accents, decomposed,
    and every prefix of each (as typed), and names of actors."""
    texts = [step.summary for e in corpus.scenarios if e.scenario for step in e.scenario.steps]
    texts += [doc.text for doc in corpus.sources.values() if doc.text]
    found: list[str] = []
    for _ in range(count):
        text = rng.choice(texts)
        start = rng.randrange(max(len(text) - 3, 1))
        piece = text[start : start + rng.randint(2, 9)]
        piece = rng.choice([piece, piece.upper(), piece.swapcase(), fold(piece), unicodedata.normalize("NFD", piece)])
        found += [piece[:n] for n in range(1, len(piece) + 1)]
    found += [a.name for a in list(corpus.actors.values())[:6]] + ["cafe", NFD_CAFE, "CAFÉ", "zq", "the", "e"]
    return found


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return load_corpus(bundled_root())


def test_the_first_page_is_listed_before_every_text_is_searched(bundled: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = SearchIndex(bundled).search("the", 5)
    monkeypatch.setattr(search, "_CHUNK", 8)
    pending = SearchIndex(bundled).begin("the", 5, at_once=0)
    assert not pending.done and not pending.page.counted  # the rest is left to the steps
    assert listed(pending.page) == listed(whole) and pending.page.shown == 5
    steps = sum(1 for _ in pending.steps())
    assert steps > 10  # many small steps, none of which searches the whole corpus
    assert pending.results is not None and pending.results.counted
    assert pending.results.total == whole.total > 5 and listed(pending.results) == listed(whole)


def test_a_query_searched_before_is_counted_from_its_first_page(bundled: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "_CHUNK", 8)
    index = SearchIndex(bundled)
    total = index.search("the", 5).total
    again = index.begin("the", 5, at_once=0)
    assert again.done and again.page.counted and again.page.total == total


def test_a_small_corpus_is_counted_at_once(bundled: Corpus) -> None:
    pending = SearchIndex(bundled).begin("the")
    assert pending.done and pending.page.counted and pending.page == SearchIndex(bundled).search("the")


def check_same_as_a_fresh_index(corpus: Corpus, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    warm = SearchIndex(corpus)
    for query in queries(corpus, rng, 25):
        limit = rng.choice([1, 3, 17, 200])
        with monkeypatch.context() as patched:
            patched.setattr(search, "_CHUNK", rng.choice([1, 5, 64]))
            pending = warm.begin(query, limit, at_once=rng.choice([0, 3, 50]))
            page = pending.page
            results = pending.finish()
        fresh = SearchIndex(corpus).search(query, limit)  # no earlier query to narrow from, in one step
        assert listed(page) == listed(results) == listed(fresh), query
        assert (results.total, results.named, results.counted) == (fresh.total, fresh.named, True), query
        assert page.counted or page.shown == limit, query
        in_order(corpus, results)
    # And listed whole, the count is the number of hits listed (a count made apart from the listing).
    for query in ["the", "wi", "troops", "al-", "ca"]:
        everything = warm.begin(query, 10**6, at_once=0).finish()
        assert everything.total == everything.shown == SearchIndex(corpus).search(query, 10**6).shown, query


def in_order(corpus: Corpus, results: SearchResults) -> None:
    """Groups in corpus order; in each, its summaries and quotes before the passages of its documents,
    which come one document after another, each in passage order."""
    order = [e.scenario.scenario.id for e in corpus.scenarios if e.scenario]
    listed_ids = [g.scenario_id for g in results.groups if g.scenario_id is not None]
    assert listed_ids == sorted(listed_ids, key=order.index)
    for group in results.groups:
        kinds = [hit.kind == "source" for hit in group.hits]
        assert kinds == sorted(kinds), group.scenario_id
        passages = [(hit.source_id, hit.offset) for hit in group.hits if hit.kind == "source"]
        documents = [source for source, _ in passages]
        assert documents == sorted(documents, key=documents.index)  # each document's passages together
        assert passages == sorted(passages, key=lambda p: (documents.index(p[0]), p[1]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_searched_step_by_step_it_finds_what_a_fresh_index_finds(bundled: Corpus, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    check_same_as_a_fresh_index(bundled, seed, monkeypatch)


def test_decomposed_and_accented_text_is_found_alike_step_by_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = SCENARIO.replace("The minister wants the troops to stay.", f"The minister wants the troops to stay at the {NFD_CAFE.upper()}.")
    write_corpus(tmp_path, scenario=scenario)
    (tmp_path / "seeds" / "doc.txt").write_text(DOCUMENT + f"The {NFD_CAFE} stayed open. Le café aussi.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    check_same_as_a_fresh_index(corpus, 4, monkeypatch)
    assert SearchIndex(corpus).search("cafe").total >= 2


def test_the_summaries_and_quotes_found_are_those_holding_the_query(bundled: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Against a plain scan: every summary that holds the folded query, and no other."""
    monkeypatch.setattr(search, "_CHUNK", 3)
    index = SearchIndex(bundled)
    for query in ["the", "troops", "withdraw", "wi", "al-"]:
        pending = index.begin(query, 100_000, at_once=0)
        results = pending.finish()
        found = {(h.scenario_id, h.index) for g in results.groups for h in g.hits if h.kind == "summary"}
        want = {
            (e.scenario.scenario.id, n)
            for e in bundled.scenarios
            if e.scenario
            for n, step in enumerate(e.scenario.steps)
            if fold(query) in fold(step.summary)
        }
        assert found == want, query
