"""Steps drawn ahead of time: the next step is ready before the key, and what it shows is what a fresh screen shows.

The scenario screen draws the step a reader is likely to go to next once a frame is on
screen (so a key only swaps lines). These tests check that the lines so kept are never
stale: after stepping, after a theme change and after a reload, the panes hold exactly
what a screen opened afresh on that step holds.
"""

from __future__ import annotations

from pathlib import Path

from explorer_support import FIXTURE, copy_corpus, make_app, reload
from test_reload import touch

from textual.strip import Strip

from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.screens.scenario import ScenarioScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.step_view import StepView

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


async def open_at(app: DrawdownApp, pilot, path: Path, step: int) -> ScenarioScreen:  # type: ignore[no-untyped-def]
    app.post_message(OpenScenario(path, step))
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScenarioScreen) and screen.index == step
    return screen


def panes(screen: ScenarioScreen) -> tuple[str, list[Strip], list[Strip]]:
    """The step pane's text and the lines both panes draw (styles included), as shown now."""
    view, quotes = screen.query_one(StepView), screen.query_one(QuoteList)
    return view.text, list(view._strips), list(quotes._strips)


async def fresh(app: DrawdownApp, pilot, path: Path, step: int) -> tuple[str, list[Strip], list[Strip]]:  # type: ignore[no-untyped-def]
    """What a scenario screen opened straight on `step` shows (it has drawn nothing ahead)."""
    screen = await open_at(app, pilot, path, step)
    shown = panes(screen)
    await pilot.press("escape")
    await pilot.pause()
    return shown


async def test_the_next_step_is_drawn_once_the_frame_is_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at(app, pilot, PATH_2020, 4)
        view, quotes = screen.query_one(StepView), screen.query_one(QuoteList)
        assert 5 in view._drawn
        assert id(screen.scenario.steps[5].quotes) in quotes._drawn
        await pilot.press("k")  # the reader turns back: the step before is drawn next
        await pilot.pause()
        assert screen.index == 3 and 2 in view._drawn


async def test_stepping_forward_and_back_shows_what_a_fresh_screen_shows() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        expected = [await fresh(app, pilot, PATH_2020, step) for step in range(8)]
        screen = await open_at(app, pilot, PATH_2020, 0)
        for step in [*range(1, 8), *range(6, -1, -1)]:
            await pilot.press("j" if step > screen.index else "k")
            await pilot.pause()
            assert screen.index == step
            assert panes(screen) == expected[step], f"step {step + 1}"


async def test_a_theme_change_redraws_what_was_drawn_ahead() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        dark = await fresh(app, pilot, PATH_2020, 10)
        screen = await open_at(app, pilot, PATH_2020, 9)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("j")  # step 11, drawn ahead in the dark theme
        await pilot.pause()
        shown = panes(screen)
        await pilot.press("escape")
        await pilot.pause()
        light = await fresh(app, pilot, PATH_2020, 10)
        assert shown == light
        assert shown[1] != dark[1]  # the side colour and the badge follow the theme


async def test_a_reload_replaces_the_step_drawn_ahead(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    path = (root / "scenarios" / "2020-expulsion-vote.toml").resolve()
    summary = "Behind the scenes, according to the document, Trump administration officials are trying to stave off the expulsion."
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at(app, pilot, path, 9)  # step 11 (index 10) is now drawn ahead
        touch(path, path.read_text(encoding="utf-8").replace(summary, "A summary edited after the step was drawn."))
        assert await reload(app, pilot) is True
        await pilot.press("j")
        await pilot.pause()
        assert screen.index == 10
        assert "A summary edited after the step was drawn." in " ".join(screen.query_one(StepView).text.split())


async def test_a_resize_redraws_at_the_new_width() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at(app, pilot, PATH_2020, 2)  # step 4 drawn ahead at 120 columns
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        shown = panes(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert shown == await fresh(app, pilot, PATH_2020, 3)
