"""The search index keeps its texts packed in columns, not one `_Text` object each (21 MB at 3,000
scenarios); a `_Text` is made again for the texts a query returns, the same as the one added."""

from __future__ import annotations

import gc

import pytest

from tui.corpus import search
from tui.corpus.bundled import bundled_root
from tui.corpus.load import load_corpus


def test_no_text_object_is_kept_per_searchable_text() -> None:
    corpus = load_corpus(bundled_root())
    index = search.SearchIndex(corpus)
    gc.collect()
    assert len(index._texts) > 100
    assert sum(isinstance(o, search._Text) for o in gc.get_objects()) == 0


def test_each_text_comes_back_as_it_was_added() -> None:
    store = search._TextStore()
    added = [
        search._Text("summary", 0, "a", "step", 2, None, None, None, "Summary."),
        search._Text("quote", 1, "b", "figure", 0, 0, None, "doc", "Quoted words."),
        search._Text("quote", 1, "b", "option", 3, 1, None, "doc", "Other words."),
        search._Text("source", 7, None, None, None, None, None, "doc", "The document."),
    ]
    for text in added:
        store.append(text)
    assert [store[i] for i in range(len(store))] == added
    assert [store.group(i) for i in range(len(store))] == [0, 1, 1, 7]


def test_a_text_already_folded_is_kept_once_not_twice() -> None:
    index = search.SearchIndex(load_corpus(bundled_root()))
    originals = {id(text) for text in index._texts._original}
    already = [folded for folded, original in zip(index._folded, index._texts._original) if folded == original]
    assert already  # quotes cut mid-sentence ("made the situation worse.") are lower case already
    assert all(id(folded) in originals for folded in already)


def test_a_spelling_already_folded_is_kept_once_not_twice() -> None:
    from tui.corpus.spellings import SpellingIndex

    spellings = [s for entry in SpellingIndex(load_corpus(bundled_root()).actors.values())._entries for s in entry[0]]
    already = [s for s in spellings if s.folded == s.text]
    assert already  # "a senior administration official"
    assert all(s.folded is s.text for s in already)


def test_only_quotes_and_texts_are_kept_as_a_reference_per_text() -> None:
    # A scenario id is the group's, and a source id a small code into the few distinct ones:
    # a list of references per text costs 8 bytes a text (1.8 MB each at 3,000 scenarios).
    store = search.SearchIndex(load_corpus(bundled_root()))._texts
    per_text = sorted(name for name, value in vars(store).items() if isinstance(value, list) and len(value) == len(store))
    assert per_text == ["_original", "_quote"]
    assert {store[i].source_id for i in range(len(store))} > {None}
    assert len({store[i].scenario_id for i in range(len(store))}) > 2


def test_a_group_holds_one_scenario() -> None:
    store = search._TextStore()
    store.append(search._Text("summary", 0, "a", "step", 0, None, None, None, "Summary."))
    with pytest.raises(ValueError):
        store.append(search._Text("summary", 0, "b", "step", 1, None, None, None, "Other."))
