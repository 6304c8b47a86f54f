"""Start-up: the first frame lists the scenarios without pydantic; an app that quits at once quits cleanly."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events

REPO = Path(__file__).resolve().parent.parent


def test_the_first_screen_imports_no_data_layer() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.screens.home\n"
        "print(sorted(m for m in ('pydantic', 'tomli', 'tui.corpus.load', 'tui.corpus.model') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_first_frame_lists_every_scenario_before_pydantic_is_imported() -> None:
    # The check waits for the first frame (an Event), so the worker cannot race it.
    code = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from tui.app import DrawdownApp\n"
        "from tui.widgets.scenario_list import ScenarioList\n"
        "drawn = threading.Event()\n"
        "class First(DrawdownApp):\n"
        "    def on_mount(self):\n"
        "        self.call_after_refresh(self.check)\n"
        "    def _load_corpus(self):\n"
        "        drawn.wait(30)\n"
        "    def check(self):\n"
        "        listed = self.screen.query_one(ScenarioList).option_count\n"
        "        heavy = sorted(m for m in ('pydantic', 'tui.corpus.model', 'tui.corpus.load') if m in sys.modules)\n"
        "        drawn.set()\n"
        "        self.exit((listed, heavy))\n"
        f"print(First(Path({str(REPO / 'tests' / 'fixtures' / 'corpus')!r}), poll=False).run(headless=True))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(6, [])"


def test_quitting_on_the_first_frame_is_clean() -> None:
    # What a start-up benchmark does: run headless, quit as soon as the first frame is drawn.
    code = (
        "from pathlib import Path\n"
        "from tui.app import DrawdownApp\n"
        "class Once(DrawdownApp):\n"
        "    def on_mount(self):\n"
        "        self.call_after_refresh(self.exit)\n"
        f"Once(Path({str(REPO / 'tests' / 'fixtures' / 'corpus')!r}), poll=False).run(headless=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "Error" not in result.stdout


FIXTURE = REPO / "tests" / "fixtures" / "corpus"


@pytest.mark.parametrize(("size", "classes"), [((120, 40), ["-wide"]), ((60, 20), ["-narrow", "-slim"]), ((40, 12), ["-low", "-narrow", "-slim"])])
def test_the_home_screen_is_styled_for_its_size_before_its_first_resize(size: tuple[int, int], classes: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual sends the first Resize after the first frame: classes it brought then restyled and laid
    # out the whole screen again, a frame more before the first complete one.
    from tui.app import DrawdownApp
    from tui.screens.corpus_screen import CorpusScreen
    from tui.screens.home import HomeScreen

    from tui.widgets.scenario_list import ScenarioList

    sized = {"-wide", "-narrow", "-slim", "-low"}
    seen: list[list[str]] = []
    original = CorpusScreen.on_resize

    def recording(self: CorpusScreen, event: events.Resize) -> None:
        if isinstance(self, HomeScreen) and not seen:  # before Screen._on_resize applies the breakpoints
            seen.append(sorted(name for name in self.classes if name in sized))
        original(self, event)

    monkeypatch.setattr(CorpusScreen, "on_resize", recording)
    # And before the screen's widgets are first styled: classes set after would style them all again.
    styled_under: list[list[str]] = []
    mounted = ScenarioList.on_mount
    monkeypatch.setattr(ScenarioList, "on_mount", lambda self: (styled_under.append(sorted(name for name in self.screen.classes if name in sized)), mounted(self))[1])

    async def run() -> None:
        async with DrawdownApp(FIXTURE, poll=False).run_test(size=size) as pilot:
            await pilot.pause()

    asyncio.run(run())
    assert seen == [classes]
    assert styled_under == [classes]


def test_the_explorer_collects_no_garbage_before_its_first_frame_and_freezes_what_start_up_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before the first frame the collector ran over a hundred times, its last full pass 20 ms.
    import gc

    from textual.app import App

    from tui import idle_collector
    from tui.app import DrawdownApp

    events_seen: list[str] = []

    class Recording:
        def __getattr__(self, name: str) -> object:
            return getattr(gc, name)

        def freeze(self) -> None:
            events_seen.append("freeze")
            gc.freeze()

        def enable(self) -> None:
            events_seen.append("enable")
            gc.enable()

    monkeypatch.setattr(idle_collector, "gc", Recording())
    display = App._display
    monkeypatch.setattr(App, "_display", lambda self, *args: (events_seen.append(f"frame, collector {'on' if gc.isenabled() else 'off'}"), display(self, *args))[1])
    load = DrawdownApp._load_corpus
    monkeypatch.setattr(DrawdownApp, "_load_corpus", lambda self: (events_seen.append("loader"), load(self))[1])

    async def run() -> None:
        idle_collector.pause_for_start_up()  # as `drawdown` does at its first line (cli/explore.py)
        assert not gc.isenabled()
        app = DrawdownApp(FIXTURE, poll=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await asyncio.wait_for(app.corpus_ready(), 30)
            await pilot.pause()
            after.append(gc.isenabled())

    after: list[bool] = []
    try:
        asyncio.run(run())
    finally:
        gc.enable()
        gc.unfreeze()
    assert events_seen[0] == "frame, collector off"
    assert events_seen.index("freeze") < events_seen.index("enable") < events_seen.index("loader")
    assert events_seen.count("enable") == 1 and after == [True]  # on again once loaded (the loader pauses it while it reads)


def test_the_explorers_command_pauses_the_collector_before_it_imports_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    code = (
        "import gc, sys\n"
        "from tui.app import DrawdownApp\n"
        "DrawdownApp.run = lambda self: print(gc.isenabled(), 'textual' in sys.modules)\n"
        "from tui.cli import explore\n"
        "import argparse\n"
        "import tui.corpus.head_start as head_start\n"
        "head_start.start = lambda *args: print(gc.isenabled())\n"
        f"explore.run(argparse.Namespace(path=__import__('pathlib').Path({str(FIXTURE)!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60, env={**__import__("os").environ, "DRAWDOWN_CACHE_DIR": "/nonexistent/drawdown-test"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]  # paused at the head start, and still as the app runs


def test_a_resize_that_keeps_the_title_and_the_pane_hint_lays_neither_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Static

    from tui.app import DrawdownApp
    from tui.widgets.pane_hint import PaneHint
    from tui.widgets.title_bar import TitleBar

    updated: list[str] = []
    original = Static.update

    def update(self: Static, *args: object, **kwargs: object) -> None:
        if isinstance(self, (TitleBar, PaneHint)):
            updated.append(type(self).__name__)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Static, "update", update)

    async def run() -> list[str]:
        app = DrawdownApp(FIXTURE, poll=False)
        async with app.run_test(size=(60, 20)) as pilot:
            await asyncio.wait_for(app.corpus_ready(), 30)
            await pilot.pause()
            updated.clear()
            await pilot.resize_terminal(64, 21)  # still slim, still compact: the same bar, the same hint
            await pilot.pause()
            await pilot.pause()
            kept = list(updated)
            await pilot.resize_terminal(100, 30)  # wide enough for "Drawdown" in the bar
            await pilot.pause()
            await pilot.press("tab")  # the summary's pane: the hint names it
            await pilot.pause()
            return kept

    kept = asyncio.run(run())
    assert kept == []
    assert updated == ["TitleBar", "PaneHint"]  # what changes is drawn again


def test_the_summary_is_written_once_for_each_card_highlighted(monkeypatch: pytest.MonkeyPatch) -> None:
    # The list's first Highlighted message, after the first frame, named the card the summary showed
    # already: writing it again laid the screen out again.
    from tui.app import DrawdownApp
    from tui.widgets.scenario_summary import ScenarioSummary

    written: list[object] = []
    original = ScenarioSummary.update

    def update(self: ScenarioSummary, content: object) -> None:
        written.append(content)
        original(self, content)  # type: ignore[arg-type]

    monkeypatch.setattr(ScenarioSummary, "update", update)

    async def run() -> int:
        app = DrawdownApp(FIXTURE, poll=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.corpus_ready(), 30)
            await pilot.pause()
            written.clear()
            await pilot.press("j")
            await pilot.pause()
            moved = len(written)
            app.screen._show_highlighted()  # type: ignore[attr-defined]  # as each Highlighted message does
            await pilot.pause()
            return moved

    assert asyncio.run(run()) == 1
    assert len(written) == 1
