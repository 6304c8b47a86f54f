"""A loaded corpus keeps one object for each repeated value: ids, words, dates, quote spans.

At 3,000 scenarios the copies of the same ids and quoted words were about half of what the loaded
corpus held (docs/performance.md, "What holds memory"). What is checked here: equal values are
one object across files (and across the batches of the two processes), and the corpus is
the same, value for value, as a load that shares nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.commands import PaletteTargets, Target
from tui.corpus import batch_load, head_start
from tui.corpus.load import load_corpus
from tui.corpus.search import SearchIndex

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402

# Copies of the bundled scenarios: enough files for the two processes (PARALLEL_FROM), and copy i
# and copy i + 5 are the same scenario under two ids (their prose numbered apart), so that their
# quotes, dates, sources and kinds are equal.
FILES = head_start.PARALLEL_FROM + 12


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shared") / "copies"
    make_copies(root, FILES)
    return root


def _quotes(corpus: object) -> list:
    return [q for e in corpus.scenarios if e.scenario for s in e.scenario.steps for q in s.quotes]  # type: ignore[attr-defined]


@pytest.mark.parametrize("parallel", [True, False], ids=["two processes", "one"])
def test_equal_values_of_different_files_are_one_object(copies: Path, parallel: bool) -> None:
    corpus = batch_load.load_in_batches(copies, parallel=parallel).corpus
    by_id = {e.id: e.scenario for e in corpus.scenarios if e.scenario}
    first, last = sorted(by_id)[0], sorted(by_id)[-1]
    stem = first.split("-copy-")[0]
    later = [i for i in sorted(by_id) if i.startswith(stem + "-copy-") and i != first][-1]
    a, b = by_id[first], by_id[later]
    assert a.scenario.date == b.scenario.date and a.scenario.date is b.scenario.date
    assert a.scenario.sources == b.scenario.sources and all(x is y for x, y in zip(a.scenario.sources, b.scenario.sources))
    for qa, qb in zip(
        [q for s in a.steps for q in s.quotes], [q for s in b.steps for q in s.quotes], strict=True
    ):
        assert qa.source is qb.source and qa.text is qb.text
        assert qa.span == qb.span and qa.span is qb.span
        assert qa.__pydantic_fields_set__ is qb.__pydantic_fields_set__
    for sa, sb in zip(a.steps, b.steps, strict=True):
        assert sa.kind is sb.kind and (sa.stance is sb.stance)
    sources = {q.source for q in _quotes(corpus)}
    assert len({id(q.source) for q in _quotes(corpus)}) == len(sources)
    assert last  # the corpus has more than one scenario


def test_a_shared_load_is_the_same_corpus_value_for_value(copies: Path) -> None:
    shared = batch_load.load_in_batches(copies).corpus
    plain = load_corpus(copies)  # shares nothing
    assert [e.id for e in shared.scenarios] == [e.id for e in plain.scenarios]
    for a, b in zip(shared.scenarios, plain.scenarios, strict=True):
        assert a.scenario == b.scenario
        assert [q.span for s in a.scenario.steps for q in s.quotes] == [q.span for s in b.scenario.steps for q in s.quotes]
        assert a.diagnostics == b.diagnostics
    assert shared.actors == plain.actors


def test_the_search_index_folds_each_distinct_text_once(copies: Path) -> None:
    corpus = load_corpus(copies)
    index = SearchIndex(corpus)
    texts = index._texts
    by_original: dict[str, list[int]] = {}
    for text_id, text in enumerate(texts):
        if text.kind != "source":
            by_original.setdefault(text.original, []).append(text_id)
    repeated = [ids for ids in by_original.values() if len(ids) > 1]
    assert repeated
    for ids in repeated:
        assert len({id(index._folded[i]) for i in ids}) == 1
    assert index.search("withdraw").total > 0


def test_the_palette_keeps_each_distinct_text_once() -> None:
    texts = ["Step 1 EVENT: Talks", "Step 1 EVENT: Talks", "Actor: Talks"]
    targets = [Target("".join(list(t)), "".join(list("one · two")), "actor", t, 0, False) for t in texts]
    assert targets[0].text is not targets[1].text  # built apart, as the corpus's targets are
    palette = PaletteTargets(targets)
    assert palette.target(0).text is palette.target(1).text
    assert palette.target(0).detail is palette.target(2).detail
    assert list(palette.every()) == targets
    assert [t.text for _, _, t in palette.best("talks")] == ["Step 1 EVENT: Talks", "Step 1 EVENT: Talks", "Actor: Talks"]


def test_the_models_lists_are_of_their_exact_length(copies: Path) -> None:
    corpus = batch_load.load_in_batches(copies).corpus
    lists = [
        held
        for e in corpus.scenarios
        if e.scenario
        for held in (e.scenario.steps, e.scenario.scenario.sources, *(s.quotes for s in e.scenario.steps), *(a.aliases for a in e.scenario.actors))
        if held
    ]
    assert lists
    assert all(sys.getsizeof(held) == sys.getsizeof(list(held)) for held in lists)


@pytest.mark.parametrize("parallel", [True, False], ids=["two processes", "one"])
def test_equal_quotes_are_one_model(copies: Path, parallel: bool) -> None:
    corpus = batch_load.load_in_batches(copies, parallel=parallel).corpus
    by_id = {e.id: e.scenario for e in corpus.scenarios if e.scenario}
    first = sorted(by_id)[0]
    later = [i for i in sorted(by_id) if i.startswith(first.split("-copy-")[0] + "-copy-") and i != first][-1]
    a, b = by_id[first], by_id[later]
    pairs = list(zip([q for s in a.steps for q in s.quotes], [q for s in b.steps for q in s.quotes], strict=True))
    pairs += [(fa.quote, fb.quote) for fa, fb in zip(a.figures, b.figures, strict=True)]
    pairs += [(qa, qb) for oa, ob in zip(a.options, b.options, strict=True) for qa, qb in zip(oa.quotes, ob.quotes, strict=True)]
    assert pairs
    for qa, qb in pairs:
        assert qa == qb and qa is qb
    # A quote differing in anything, its span or given fields included, stays a model of its own.
    quotes = [q for e in corpus.scenarios if e.scenario for s in e.scenario.steps for q in s.quotes]
    distinct = {id(q): q for q in quotes}.values()
    keys = [(q.__pydantic_fields_set__, tuple(q.__dict__.items())) for q in distinct]
    assert len(set(keys)) == len(keys)
    assert len(distinct) < len(quotes)
