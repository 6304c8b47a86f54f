"""Random keys in bursts on every screen: no exception, and the app idle at the end.

The keys are drawn from a seeded generator; the seed is printed with any failure and
DRAWDOWN_FUZZ_SEED=<seed> replays it. Each screen gets its own run, and after every
burst the screens it opened on top are closed (a long run would otherwise pile up
screens and spend its time drawing them), so each run stays on the screen it tests.
"""

from __future__ import annotations

import os
import random
import webbrowser

import pytest
from explorer_support import make_app
from key_bursts import ROUTES, assert_idle, burst, open_route


SEED = int(os.environ.get("DRAWDOWN_FUZZ_SEED", "20240101"))
BURSTS = 12  # per screen; a burst is 1 to 20 keys
# Every key some screen binds, the keys a reader types into a filter, and the keys that move
# between screens; ctrl+q is left out (it ends the run), and so is nothing else.
KEYS = [
    *"abcdefghijklmnopqrstuvwxyz", "A", *"0123456789", "?", "/", "[", "]", "space", "backspace",
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end",
    "pageup", "pagedown", "ctrl+p", "f1", "ctrl+c", "ctrl+end", "ctrl+home",
]
# The keys that open another screen, drawn a third as often: each costs a screen's first
# frame, and the run is about what a screen does with the keys it gets.
LEAVING = {"a", "g", "f", "m", "o", "A", "/", "?", "f1", "enter", "ctrl+p", "escape"}
WEIGHTS = [1 if key in LEAVING else 3 for key in KEYS]
# A roomy terminal and the smallest one, where panes take turns: each screen gets both, and
# with 12 bursts a size the run sends 2,963 keys in all (with the default seed).
SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((40, 12), id="40x12")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("route", list(ROUTES))
async def test_random_bursts_on_the_screen(route: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_browser(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("no browser in the tests")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    seed = SEED + list(ROUTES).index(route) + 1000 * (size != (100, 30))
    rng = random.Random(seed)
    sent: list[list[str]] = []
    app = make_app()
    try:
        async with app.run_test(size=size) as pilot:
            screen = await open_route(app, pilot, route)
            for _ in range(BURSTS):
                keys = rng.choices(KEYS, WEIGHTS, k=rng.randint(1, 20))
                sent.append(keys)
                await burst(pilot, *keys)
                if screen not in app.screen_stack:
                    screen = await open_route(app, pilot, route)
                while app.screen is not screen:
                    app.pop_screen()
                await pilot.pause()
            await assert_idle(app, pilot)
    except BaseException:
        print(f"DRAWDOWN_FUZZ_SEED={SEED} replays this ({route} at {size[0]}x{size[1]}, seed {seed}); the bursts sent: {sent}")
        raise
    assert sum(map(len, sent)) > BURSTS
