"""A document is searched once for each distinct quote of it, however many files quote it.

Checking a quote (normalising it, finding it) was about a third of what `drawdown validate` spends
on a file beyond parsing it, and scenarios quote the same sentences again and again
(`SourceDoc.located`). The diagnostics are the same as when nothing is remembered.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.corpus import checks, load
from tui.corpus.validate import validate_paths

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("located") / "copies"
    make_copies(root, 15)  # each bundled scenario three times
    # One quote that is not in its document, in two files: reported in both, as before.
    for path in sorted((root / "scenarios").glob("*-copy-000[05].toml")):
        text = path.read_text(encoding="utf-8")
        at = text.index('text = "') + len('text = "')
        path.write_text(text[:at] + "NOT IN THE DOCUMENT " + text[at:], encoding="utf-8")
    return root


def test_each_distinct_quote_is_located_once(copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None, str | None]] = []
    real = load.locate

    def counted(source, text, prefix=None, suffix=None):  # type: ignore[no-untyped-def]
        calls.append((text, prefix, suffix))
        return real(source, text, prefix, suffix)

    monkeypatch.setattr(load, "locate", counted)
    monkeypatch.setattr(checks, "locate", counted, raising=False)  # where the checks called it before
    corpus = load.load_corpus(copies)
    quotes = [q for e in corpus.scenarios if e.scenario for s in e.scenario.steps for q in s.quotes]
    assert calls and len(quotes) > len(set(calls))
    assert len(calls) == len(set(calls))
    assert all(q.span is not None for q in quotes)


def test_the_diagnostics_are_those_of_a_check_that_remembers_nothing(copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remembered = [d.format() for d in validate_paths([copies])[0]]
    assert sum("quote-not-found" in line for line in remembered) == 2
    monkeypatch.setattr(load, "LOCATED_KEPT", 0)  # forgets everything before each quote
    assert [d.format() for d in validate_paths([copies])[0]] == remembered


def test_what_a_document_remembers_is_bounded(copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "LOCATED_KEPT", 3)
    corpus = load.load_corpus(copies)
    assert all(len(doc._located) <= 3 for doc in corpus.sources.values())
    assert any(doc._located for doc in corpus.sources.values())
