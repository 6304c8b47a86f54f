"""Every theme Textual ships draws every screen: opened under it, and switched to on it."""

from __future__ import annotations

import pytest
from explorer_support import make_app, screen_text
from key_bursts import ROUTES, open_route

from textual.app import App

from tui.series_colours import chart_colours, series_colours

THEMES = sorted(App().available_themes)


def test_the_themes_are_the_ones_textual_ships() -> None:
    assert "textual-dark" in THEMES and "ansi-dark" in THEMES and len(THEMES) >= 20


@pytest.mark.parametrize("route", list(ROUTES))
async def test_the_screen_draws_in_every_theme(route: str) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_route(app, pilot, route)
        for theme in THEMES:
            app.theme = theme  # switched to on the screen
            await pilot.pause()
            assert screen_text(app).strip(), theme
            assert app._exception is None, theme
        for theme in ("ansi-light", "ansi-dark"):  # and the screen opened under an ANSI theme
            app.theme = theme
            await open_route(app, pilot, route)
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
