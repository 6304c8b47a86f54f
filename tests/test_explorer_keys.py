"""Keys: every binding has an id and a description; help reads them; keymaps, footer, themes, links."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from explorer_support import FIXTURE, ExplorerApp, make_app, screen_text, settle, write_markup_corpus
from textual.binding import Binding

import tui.screens
import tui.widgets
from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.screens.help import HelpScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.quote_list import QuoteList

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


def declared_bindings() -> list[tuple[str, Binding]]:
    classes: list[type] = [DrawdownApp]
    for package in (tui.screens, tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes.extend(c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__)
    found = []
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            found.append((cls.__name__, binding))
    return found


def test_every_binding_has_an_id_and_a_description() -> None:
    found = declared_bindings()
    assert len(found) > 40
    for owner, binding in found:
        assert isinstance(binding, Binding), owner
        assert binding.id, (owner, binding.key)
        assert binding.description, (owner, binding.key)
    ids = [(owner, b.id) for owner, b in found]
    assert len(ids) == len(set(ids))


async def test_help_lists_the_keys_of_the_current_screen_from_its_bindings() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "↓ j n" in text and "Next step" in text
        assert "1-9" in text and "Jump to step 1 to 9" in text
        assert "Steps pane" in text and "Quotes pane" in text
        assert "Read the current quote in its source document" in text
        assert "Open link" not in text  # no source here has a web address
        await pilot.press("escape")
        assert isinstance(app.screen, ScenarioScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_a_keymap_rebinds_by_id_and_help_shows_the_new_key() -> None:
    app = make_app()
    app.set_keymap({"scenario.copy-quote": "y"})
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020, 10))
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard.startswith("“even as Trump administration officials")
        await pilot.press("question_mark")
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "Copy the current quote" in line]
        assert lines and "  y " in lines[0]


async def test_the_footer_shows_the_keys_of_the_current_screen() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Open" in screen_text(app).splitlines()[-1]
        app.post_message(OpenScenario(PATH_2020))
        await settle(pilot)  # the footer fills in a refresh after the screen is up
        footer = screen_text(app).splitlines()[-1]
        for label in ("Back", "Next", "Prev", "1-9", "Source", "Copy", "Help"):
            assert label in footer
        await pilot.press("o")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "] Next quote" in footer and "[ Prev quote" in footer


async def test_a_theme_switch_restyles_the_highlighted_words() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        app.post_message(OpenScenario(PATH_2020, 10))
        await pilot.pause()
        quotes = app.screen.query_one(QuoteList)
        dark = quotes.get_visual_style("quote-list--quoted")
        app.theme = "textual-light"
        await pilot.pause()
        light = quotes.get_visual_style("quote-list--quoted")
        assert light.background != dark.background
        prompt = quotes.prompt(0)
        assert any(span.style == light for span in prompt.spans)


async def test_u_opens_a_source_link_through_the_app(tmp_path: Path) -> None:
    app = make_app(write_markup_corpus(tmp_path))
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "u")
        await pilot.pause()
        assert opened == ["https://example.com/[bold]story"]
        await pilot.press("o")
        await pilot.pause()
        await pilot.click("#source-url")
        await pilot.pause()
        assert opened == ["https://example.com/[bold]story"] * 2


async def test_u_where_there_is_no_link_says_so_and_the_footer_does_not_offer_it() -> None:
    # No source of the fixture corpus has a web address.
    app = make_app()
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        await pilot.pause()
        assert "Open link" not in screen_text(app).splitlines()[-1]
        await pilot.press("u")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["This quote's source has no url to open."]
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert "Open link" not in screen_text(app).splitlines()[-1]
        await pilot.press("u")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "This source has no url to open."
        assert [n.severity for n in app._notifications] == ["information"] * 2
    assert opened == []


async def test_a_link_key_rebound_says_why_nothing_opened_and_u_no_longer_does(tmp_path: Path) -> None:
    from tui.settings import load_settings

    path = tmp_path / "settings.toml"
    path.write_text('[keymap]\n"scenario.open-url" = "w"\n', encoding="utf-8")
    app = ExplorerApp(FIXTURE, poll=False, settings=load_settings(path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert not app._notifications
        await pilot.press("w")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["This quote's source has no url to open."]


@pytest.mark.parametrize("browser", ["none", "refuses"])
async def test_u_without_a_browser_says_so_and_copies_the_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: str) -> None:
    import webbrowser

    class Refusing:
        def open(self, url: str, new: int = 0) -> bool:
            return False

    def get(using: str | None = None) -> Refusing:
        if browser == "none":
            raise webbrowser.Error("could not locate runnable browser")
        return Refusing()

    monkeypatch.setattr(webbrowser, "get", get)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: False)
    app = make_app(write_markup_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "u")
        await pilot.pause()
        assert app.clipboard == "https://example.com/[bold]story"
        messages = [n.message for n in app._notifications]
        assert any("No web browser could be opened" in m and "https://example.com/[bold]story" in m for m in messages), messages
