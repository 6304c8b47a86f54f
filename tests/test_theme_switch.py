"""A theme switched while the app runs draws every screen as an app started in that theme does.

Widgets that bake resolved colours into their lines (badges, side colours, muted text,
quoted words) must redraw with the new theme's styles, not with what Textual's style
cache held when the switch began.
"""

from __future__ import annotations

import pytest
from explorer_support import FIXTURE, make_app, settle

from textual.strip import Strip

from tui.app import DrawdownApp
from tui.navigation import OpenScenario

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


async def go(app: DrawdownApp, pilot, route: str) -> None:  # type: ignore[no-untyped-def]
    """Bring up one screen: the home list, a scenario step and its quotes, or an analysis view."""
    if route != "home":
        app.post_message(OpenScenario(PATH_2020, 10))  # Trump, private: a badge, a side colour, quoted words
        await settle(pilot)
    if route in ("gaps", "actors", "matrix", "figures"):
        await pilot.press(route[0])
    if route == "source":
        await pilot.press("o")
    if route == "path":
        await pilot.press("A")
    if route == "search":
        await pilot.press("slash", *"Mahdi")
    await settle(pilot)


async def drawn(route: str, theme: str, switch_from: str | None) -> list[Strip]:
    """Every line on the terminal, styles and all, for `route` in `theme`, started in `switch_from` if given."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = switch_from or theme
        await settle(pilot)
        await go(app, pilot, route)
        if switch_from is not None:
            app.theme = theme
            await settle(pilot)
        return list(app.screen._compositor.render_strips())


@pytest.mark.parametrize("route", ["home", "scenario", "source", "gaps", "actors", "matrix", "figures", "path", "search"])
async def test_switching_to_light_draws_what_starting_in_light_draws(route: str) -> None:
    switched = await drawn(route, "textual-light", switch_from="textual-dark")
    started = await drawn(route, "textual-light", switch_from=None)
    assert switched == started
    assert switched != await drawn(route, "textual-dark", switch_from=None)  # the theme does show
