"""The explorer with files that are not what they seem: a pipe for a document, a document missing or
linked out of seeds/, a broken shared file. Nothing hangs, every unchecked quote says so, and a
broken catalog is named first on the home screen, path:line:col.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from explorer_support import REPO, flat, make_app, screen_text

from corpus_builder import write_corpus
from tui.navigation import OpenScenario
from tui.screens.file_errors import FileErrorsScreen
from tui.screens.home import HomeScreen
from tui.screens.pressure_matrix import PressureMatrixScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.search import SearchScreen
from tui.screens.source import SourceScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.scenario_list import ScenarioList
from tui.widgets.search_result_list import SearchResultList


def corpus_without_document(tmp_path: Path, how: str) -> Path:
    path = write_corpus(tmp_path)
    document = tmp_path / "seeds" / "doc.txt"
    document.unlink()
    if how == "fifo":
        os.mkfifo(document)
    elif how == "device":
        document.symlink_to("/dev/zero")  # endless: read without a limit, it fills the memory
    elif how == "outside":
        (tmp_path / "elsewhere.txt").write_text("anything", encoding="utf-8")
        document.symlink_to(tmp_path / "elsewhere.txt")
    return path


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


async def open_scenario(app, pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    app.post_message(OpenScenario(path))
    await pilot.pause()
    assert isinstance(app.screen, ScenarioScreen)


@pytest.mark.parametrize("how", ["fifo", "device", "missing", "outside"])
async def test_a_scenario_whose_document_cannot_be_read_has_a_badge_and_says_its_quotes_are_unchecked(tmp_path: Path, how: str) -> None:
    path = corpus_without_document(tmp_path, how)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:  # returns once loaded: a pipe no longer stalls "checking…"
        text = flat(screen_text(app))
        assert "Test scenario" in text
        assert "✖ 2 errors: 2 quotes not checked (a document cannot be read)" in text
        assert "checking…" not in text
        await open_scenario(app, pilot, path)
        prompt = app.screen.query_one(QuoteList).prompt(0).plain
        assert prompt.startswith("“will stay until the job is done” ✖ not checked: ")
        assert "(not located" not in prompt
        await press(pilot, "c")  # words never checked are not copied with a citation that vouches for them
        assert app.clipboard == ""
        await press(pilot, "o")
        assert isinstance(app.screen, SourceScreen)
        text = flat(screen_text(app))
        assert "doc.txt · not read" in text
        assert "None of the quotes from it could be checked." in text


async def test_the_pressure_matrix_shows_an_unchecked_quote_as_unchecked(tmp_path: Path) -> None:
    path = corpus_without_document(tmp_path, "missing")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_scenario(app, pilot, path)
        await press(pilot, "m")
        assert isinstance(app.screen, PressureMatrixScreen)
        assert "✖ not checked: cannot read seeds/doc.txt" in flat(screen_text(app))


async def test_a_search_hit_in_an_unchecked_quote_says_so(tmp_path: Path) -> None:
    corpus_without_document(tmp_path, "missing")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, *"job")
        results = app.screen.query_one(SearchResultList)
        [hit] = [h for h in results.hits if h.kind == "quote"]
        index = next(i for i in range(results.option_count) if results.prompt(i).plain.startswith("Quote"))
        assert "✖ not checked · " in results.prompt(index).plain


@pytest.mark.parametrize(
    ("name", "breakage", "where"),
    [
        ("scenarios/actors.toml", "x = [\n", "scenarios/actors.toml:9:5: error: invalid TOML: an array is never closed"),
        ("scenarios/series.toml", "[[series]]\nid = 3\nlabel = \"x\"\n", "scenarios/series.toml:6:6: error: series 2 id must be a string"),
        ("seeds/sources.toml", None, "seeds/sources.toml:1:1: error: the corpus has no seeds/sources.toml"),
    ],
)
async def test_a_broken_shared_file_is_named_first_on_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, breakage: str | None, where: str
) -> None:
    monkeypatch.chdir(tmp_path)  # paths shown relative to it, as a reader in the corpus sees them
    write_corpus(tmp_path)
    catalog = tmp_path / name
    if breakage is None:
        catalog.unlink()
    else:
        catalog.write_text(catalog.read_text(encoding="utf-8") + breakage, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        scenario_list = app.screen.query_one(ScenarioList)
        assert scenario_list.paths[0] == (tmp_path / name).resolve()
        # The list's own cells: a long message wraps, and the chart beside it is no part of it.
        box = scenario_list.region
        text = flat("\n".join(line[box.x : box.right] for line in screen_text(app).splitlines()[box.y : box.bottom]))
        assert where in text
        assert text.index(where) < text.index("s1.toml" if "s1.toml" in text else "Test scenario")
        await press(pilot, "home", "enter")
        assert isinstance(app.screen, FileErrorsScreen)
        text = flat(screen_text(app))
        assert f"{name} has 1 error. It is shared by every scenario" in text
        assert where in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


STUCK = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import tui.corpus.live as live
    from tui.app import DrawdownApp

    root = Path(sys.argv[1])
    os.mkfifo(root / "pipe")

    class Stuck:
        def __init__(self, root):
            open(root / "pipe", "rb").read()  # nobody ever writes: a read that never returns

    live.LiveCorpus = Stuck

    class Quits(DrawdownApp):
        def on_mount(self):
            super().on_mount()
            self.set_timer(1.0, self.exit)

    Quits(root, poll=False).run(headless=True)
    print("left the app")
    """
)


def test_the_app_exits_while_its_loader_is_stuck(tmp_path: Path) -> None:
    """However a read of the corpus hangs, quitting the app ends the process."""
    write_corpus(tmp_path)
    result = subprocess.run([sys.executable, "-c", STUCK, str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "left the app" in result.stdout
