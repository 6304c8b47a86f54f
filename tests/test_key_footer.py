"""The footer is composed again only when the keys it shows change (Textual 8.2.8 did it at every refresh of the bindings)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from explorer_support import make_app
from key_bursts import assert_idle

from textual.app import App, ComposeResult
from textual.binding import Binding

from tui.screens.scenario import ScenarioScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.step_view import StepView


def _footer_text(app: Any) -> str:
    return " ".join(str(key.render()) for key in app.screen.query_one(KeyFooter).children)


@pytest.mark.parametrize("view", ["g", "m", "f", "a", "slash"])
async def test_a_view_composes_its_footer_once_its_keys_are_known(view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[KeyFooter] = []
    compose = KeyFooter.compose

    def counted(footer: KeyFooter) -> Iterator[Any]:
        composed.append(footer)
        return compose(footer)

    monkeypatch.setattr(KeyFooter, "compose", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await assert_idle(app, pilot)
        composed.clear()
        await pilot.press(view)
        await assert_idle(app, pilot)
        # Once as it mounts, before the screen's keys are known, and once with them (it was six or seven times).
        assert len(composed) <= 2
        assert "Back" in _footer_text(app)
        composed.clear()
        await pilot.press("down")
        await assert_idle(app, pilot)
        assert composed == []  # the keys shown stay the same


async def test_the_footer_follows_a_change_of_the_keys_shown() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await assert_idle(app, pilot)
        assert "Sides" in _footer_text(app)
        await pilot.press("enter")  # to the public side's steps, whose enter opens one
        await assert_idle(app, pilot)
        assert "Open step" in _footer_text(app) and "Sides" not in _footer_text(app)
        await pilot.resize_terminal(50, 20)
        await assert_idle(app, pilot)
        assert "Jump" in _footer_text(app)  # the palette key's short name below 60 columns


async def test_a_key_that_now_does_something_else_is_not_the_one_shown() -> None:
    # With the Step pane focused ↓ scrolls it: the footer names j for the next step, which still steps.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await assert_idle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        assert "↓ Next" in _footer_text(app) and "↑ Prev" in _footer_text(app)
        assert "1-9 Step" in _footer_text(app)
        await pilot.press("tab")
        await assert_idle(app, pilot)
        assert isinstance(app.focused, StepView)
        assert "j Next" in _footer_text(app) and "k Prev" in _footer_text(app) and "↓" not in _footer_text(app)
        assert "1-9 Step" in _footer_text(app)
        await pilot.press("j")
        assert screen.index == 1
        await pilot.press("shift+tab")
        await assert_idle(app, pilot)
        assert "↓ Next" in _footer_text(app)


class _WideKeyApp(App[None]):
    """A wide key between two small ones, on a footer with room for the small ones only."""

    BINDINGS = [
        Binding("a", "noop('a')", "Aa", id="test.a"),
        Binding("b", "noop('b')", "A description far too wide to fit in forty cells", id="test.b"),
        Binding("c", "noop('c')", "Cc", id="test.c"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def action_noop(self, key: str) -> None:
        pass


async def test_a_key_too_wide_leaves_room_for_the_smaller_keys_after_it() -> None:
    app = _WideKeyApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = _footer_text(app)
        assert "a Aa" in shown and "far too wide" not in shown
        assert "c Cc" in shown  # it was hidden: the footer stopped at the wide key
        assert shown.index("a Aa") < shown.index("c Cc")
