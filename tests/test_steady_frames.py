"""The test app draws the same frame however long a loaded machine takes to reach it.

Snapshot and pilot tests compare frames; nothing on a frame may depend on wall-clock time.
"""

from __future__ import annotations

import asyncio

import pytest
import textual.pilot
from explorer_support import FIXTURE, make_app, screen_text, settle
from textual.widgets import Input

from tui.navigation import OpenScenario

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


async def test_a_focused_filter_holds_its_cursor_still() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        field = app.screen.query_one(Input)
        assert field.has_focus
        assert not field.cursor_blink
        drawn = list(app.screen._compositor.render_strips())
        await asyncio.sleep(0.6)  # a busy machine's delay: past the half second a blinking cursor goes off in
        await settle(pilot)
        assert list(app.screen._compositor.render_strips()) == drawn


async def _starved(min_sleep: float = 0, max_sleep: float = 1) -> None:
    """Textual's wait_for_idle on a machine whose other processes take the CPU: it sees this one idle at once."""
    await asyncio.sleep(0)


async def test_settle_waits_for_the_footer_however_busy_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.pilot, "wait_for_idle", _starved)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Back" in footer and "Help" in footer
