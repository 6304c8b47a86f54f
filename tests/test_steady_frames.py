"""The test app draws the same frame however long a loaded machine takes to reach it.

Snapshot and pilot tests compare frames; nothing on a frame may depend on wall-clock time.
"""

from __future__ import annotations

import asyncio

from explorer_support import make_app
from textual.widgets import Input


async def test_a_focused_filter_holds_its_cursor_still() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.has_focus
        assert not field.cursor_blink
        drawn = list(app.screen._compositor.render_strips())
        await asyncio.sleep(0.6)  # a busy machine's delay: past the half second a blinking cursor goes off in
        await pilot.pause()
        assert list(app.screen._compositor.render_strips()) == drawn
