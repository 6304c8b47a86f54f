"""A closed screen is freed, with all it showed, once its thread workers are done (see
tui/worker_threads.py: Textual 8.2.8 left each worker on its executor thread's context)."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import weakref

from pathlib import Path

import pytest
from explorer_support import copy_corpus, make_app, reload
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui import idle_collector
from tui.corpus.view_data import wait_prepared
from tui.screens.actors import ActorsScreen
from tui.screens.home import HomeScreen
from tui.worker_threads import FreshContextExecutor


def _holders(screen: object) -> list[str]:
    """What still refers to a screen that should be gone: for the failure's message."""
    return [type(referrer).__name__ for referrer in gc.get_referrers(screen)]


class _Working(Screen[None]):
    """A screen that does some work on a thread, as the figures chart and the search screen do."""

    def compose(self) -> ComposeResult:
        yield Static("working")

    def on_mount(self) -> None:
        self.run_worker(lambda: sum(range(1000)), thread=True, group="test-work")


async def test_a_closed_screen_is_freed_after_its_thread_worker_ran() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        live = await app.corpus_ready()
        while not wait_prepared(live.corpus, 0):  # what is frozen then is not what is asked here
            await asyncio.sleep(0.05)
        await app.push_screen(_Working())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Working)
        for _ in range(100):
            if not [w for w in app.workers if w.group == "test-work"]:
                break
            await asyncio.sleep(0.02)
        freed = weakref.ref(screen)
        del screen
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Its worker's thread lets it go once it is back in the executor: up to 10 s on a busy machine
        # (seen once in a full run at 1 s), as long as nothing keeps it for good.
        for _ in range(200):
            gc.collect()
            if freed() is None:
                break
            await pilot.pause(0.05)
        assert freed() is None, _holders(freed())


async def test_a_view_open_while_the_corpus_reloads_is_freed_once_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A reload's views' data used to be frozen (gc.freeze) as soon as it was built, with whatever was
    # open then: the actors view, closed later, was never collected.
    monkeypatch.setattr(idle_collector, "IDLE_SECONDS", 0.0)  # the pause the collector waits for, at once
    root = copy_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActorsScreen)
        freed = weakref.ref(app.screen)
        # What Textual keeps of each widget for drawing: its memo of colours (lru_cache) held them.
        drawn = [weakref.ref(widget._styles_cache) for widget in app.screen.query("*")]
        edited = root / "scenarios" / "2020-expulsion-vote.toml"
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
        assert await reload(app, pilot)
        assert app.live is not None
        assert await asyncio.to_thread(wait_prepared, app.live.corpus, 20)
        for _ in range(10):  # the collector's pauses while the view is open: none may freeze it
            app._collector.collect_if_idle()
            await pilot.pause(0.02)
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # The view's own work on the reloaded corpus may still hold it for a moment on a busy
        # machine (seen once in a full run): up to 10 s, as long as nothing keeps it for good.
        for _ in range(200):
            app._collector.collect_if_idle()
            gc.collect()
            if freed() is None and all(ref() is None for ref in drawn):
                break
            await pilot.pause(0.05)
        assert freed() is None
        assert sum(ref() is not None for ref in drawn) == 0


def test_a_job_sets_its_context_variables_in_a_context_of_its_own() -> None:
    variable: contextvars.ContextVar[str] = contextvars.ContextVar("variable")

    def job(value: str) -> str | None:
        before = variable.get(None)
        variable.set(value)
        return before

    with FreshContextExecutor(max_workers=1) as executor:
        assert executor.submit(job, "first").result() is None
        assert executor.submit(job, "second").result() is None  # not the first job's, on the same thread
