"""The in-memory check (tui/corpus/editor_check.py) says what `drawdown validate FILE` says of the
same content: the editor's unsaved texts are checked as if saved, the other files read from disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from lsp_support import SCENARIO_2020, copy_corpus
from tui.corpus.diagnostics import Diagnostic
from tui.corpus.editor_check import CorpusCheck, check_file

SCENARIO = f"scenarios/{SCENARIO_2020}.toml"
ACTORS = "scenarios/actors.toml"
SOURCES = "seeds/sources.toml"
Edit = Callable[[str], str]


def _once(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return edit


# (the file checked, {file: how the editor changed it}), each giving validate something to say.
CASES = {
    "bad quote": (SCENARIO, {SCENARIO: _once('text = "', 'text = "Words the document never printed: ')}),
    "unknown id": (SCENARIO, {SCENARIO: _once('actor = "iraqi-parliament"', 'actor = "iraqi-parliment"')}),
    "syntax error": (SCENARIO, {SCENARIO: _once('actor = "iraqi-parliament"', 'actor = "iraqi-parliament')}),
    "catalog error, in the catalog": (ACTORS, {ACTORS: _once('kind = "person"', 'kind = "persn"')}),
    "catalog edit, seen by the scenario": (SCENARIO, {ACTORS: _once('id = "iraqi-parliament"', 'id = "iraq-parliament"')}),
    "broken catalog": (ACTORS, {ACTORS: _once('[[actors]]', '[[actors]')}),
    "sources catalog": (SOURCES, {SOURCES: _once('kind = "news"', 'kind = "newz"')}),
    "two files open": (SCENARIO, {SCENARIO: _once('actor = "iraqi-parliament"', 'actor = "al-sadr-x"'), SOURCES: _once('id = "time-2020"', 'id = "time"')}),
}


def _validate(root: Path, name: str) -> list[tuple[int, int, str, str, str]]:
    """`drawdown validate NAME --format json`, run in the corpus: the diagnostics of NAME itself."""
    result = subprocess.run([sys.executable, "-m", "tui", "validate", name, "--format", "json"], capture_output=True, text=True, cwd=root, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return [(d["line"], d["col"], d["severity"], d["code"], d["message"]) for d in json.loads(result.stdout) if d["path"] == name]


def _facts(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str, str, str]]:
    return [(d.line, d.col, d.severity, d.code, d.message) for d in diagnostics]


@pytest.mark.parametrize("case", list(CASES))
def test_the_check_of_unsaved_texts_is_what_validate_says_of_them_saved(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_corpus(tmp_path).resolve()
    monkeypatch.chdir(root)  # paths in messages are shown relative to here, as validate shows them
    checked, edits = CASES[case]
    texts = {root / name: edit((root / name).read_text(encoding="utf-8")) for name, edit in edits.items()}
    cache = CorpusCheck(root)
    # Filled from the disk first: the editor's texts must replace what it holds.
    as_on_disk = _facts(cache.check(root / checked))
    in_memory = _facts(check_file(root / checked, texts))
    cached = _facts(cache.check(root / checked, texts))
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    saved = _validate(root, checked)
    assert saved != as_on_disk, "each case changes what validate says"
    assert in_memory == saved
    assert cached == saved


def test_the_cache_follows_a_file_changed_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_corpus(tmp_path).resolve()
    monkeypatch.chdir(root)
    cache = CorpusCheck(root)
    assert [d for d in cache.check(root / SCENARIO) if d.is_error] == []
    actors = root / ACTORS
    actors.write_text(actors.read_text(encoding="utf-8").replace('id = "iraqi-parliament"', 'id = "iraq-parliament"'), encoding="utf-8")
    assert _facts(cache.check(root / SCENARIO)) == _validate(root, SCENARIO)
    assert any(d.code == "unknown-id" for d in cache.check(root / SCENARIO))


def test_an_unsaved_text_over_the_size_limit_is_refused_as_the_file_would_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_corpus(tmp_path).resolve()
    monkeypatch.chdir(root)
    path = root / SCENARIO
    text = path.read_text(encoding="utf-8") + "# " + "é" * (600 * 1024) + "\n"  # 1.2 MB in UTF-8, 600 K characters
    in_memory = _facts(check_file(path, {path: text}))
    path.write_text(text, encoding="utf-8")
    assert in_memory == _validate(root, SCENARIO)
    assert [code for _, _, _, code, _ in in_memory] == ["file-too-large"]
