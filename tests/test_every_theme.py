"""Every theme Textual ships draws every screen: opened under it, and switched to on it."""

from __future__ import annotations

import pytest
from explorer_support import FIXTURE, make_app, screen_text

from textual.app import App

from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.series_colours import chart_colours, series_colours

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()
BROKEN = (FIXTURE / "scenarios" / "2022-unfinished-draft.toml").resolve()
THEMES = sorted(App().available_themes)
# How to reach each screen from the home screen: a scenario step first, then keys.
ROUTES: dict[str, tuple[str, ...] | None] = {
    "home": None,
    "scenario": (),
    "source": ("o",),
    "matrix": ("m",),
    "gaps": ("g",),
    "actors": ("a",),
    "path": ("A",),
    "figures": ("f",),
    "search": ("slash", *"Mahdi"),
    "help": ("question_mark",),
    "palette": ("ctrl+p",),
    "file errors": None,
}


async def visit(app: DrawdownApp, pilot, route: str) -> None:  # type: ignore[no-untyped-def]
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.pause()
    keys = ROUTES[route]
    if route == "file errors":
        app.post_message(OpenScenario(BROKEN))
    elif keys is not None:
        app.post_message(OpenScenario(PATH_2020, 10))
        await pilot.pause()
        await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause(0.1 if route in ("search", "palette") else None)


def test_the_themes_are_the_ones_textual_ships() -> None:
    assert "textual-dark" in THEMES and "ansi-dark" in THEMES and len(THEMES) >= 20


@pytest.mark.parametrize("route", list(ROUTES))
async def test_the_screen_draws_in_every_theme(route: str) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await visit(app, pilot, route)
        for theme in THEMES:
            app.theme = theme  # switched to on the screen
            await pilot.pause()
            assert screen_text(app).strip(), theme
            assert app._exception is None, theme
        for theme in ("ansi-light", "ansi-dark"):  # and the screen opened under an ANSI theme
            app.theme = theme
            await visit(app, pilot, route)
            assert screen_text(app).strip(), theme


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_the_figure_colours_of_an_ansi_theme_are_colours(theme: str) -> None:
    # The ANSI themes leave the colours to the terminal: "ansi_default", "ansi_default 50%".
    variables = App().get_theme(theme).to_color_system().generate()  # type: ignore[union-attr]
    dark = theme == "ansi-dark"
    colours = series_colours(8, variables, dark)
    assert len({c.rgb for c in colours}) == 8
    muted, guide, selected = chart_colours(variables, dark)
    assert muted.rgb != selected.rgb and guide.rgb != selected.rgb
