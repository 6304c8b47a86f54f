"""Text from files is data: markup in a quote, a title or a name is shown as typed and never runs."""

from __future__ import annotations

from pathlib import Path

from explorer_support import flat, make_app, screen_text, write_markup_corpus

from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.source_text import SourceText
from tui.widgets.step_list import StepList
from tui.widgets.step_view import StepView


async def test_markup_is_shown_literally_everywhere(tmp_path: Path) -> None:
    app = make_app(write_markup_corpus(tmp_path))
    async with app.run_test(size=(220, 50)) as pilot:
        await pilot.pause()
        home = flat(screen_text(app))
        assert "Title [bold]bold?[/bold] [@click=app.quit]quit?[/]" in home
        assert "Does [red]x[/] stay literal?" in home
        assert "A summary with [@click=app.quit]a click[/] in it." in home

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        text = flat(screen_text(app))
        assert "[@click=app.quit]Quit Actor[/]" in text
        assert "Step summary [@click=app.quit]click me[/] and [red]x[/]" in text
        assert "Stay [bold]put[/bold]" in text
        assert "He said [bold]not bold[/bold] and [@click=app.quit]do not quit[/] today." in text
        assert "The [red]Outlet[/]" in text

        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        text = flat(screen_text(app))
        assert "A colour tag [red]x[/] stays as typed, and so does [link=https://example.com]a link[/link]." in text
        assert "https://example.com/[bold]story" in text
        assert "Source › A title with [bold]markup[/bold] and [@click=app.quit]a click[/]" in text
        assert "OPINION The [red]Outlet[/] · 2020-01-07 (date stated) · opinion" in text


async def test_clicking_markup_does_nothing(tmp_path: Path) -> None:
    app = make_app(write_markup_corpus(tmp_path))
    async with app.run_test(size=(220, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        # Click on each place a [@click=app.quit] is printed: the actor in the list and the centre, the quote.
        await pilot.click(StepList, offset=(20, 1))
        view = screen.query_one(StepView)
        await pilot.click(view, offset=(4, 2))
        quotes = screen.query_one(QuoteList)
        for x in range(2, 40, 4):
            await pilot.click(quotes, offset=(x, 2))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is screen or isinstance(app.screen, SourceScreen)
        await pilot.press("o")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceScreen)
        for x in range(2, 60, 3):
            await pilot.click(SourceText, offset=(x, 3))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_control_characters_in_a_source_are_made_visible(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    document = root / "seeds" / "markup.txt"
    # A terminal escape in a document must reach the screen as a visible picture, not as an escape.
    document.write_text(document.read_text(encoding="utf-8") + "Escape \x1b[2J here.\n", encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(220, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "o")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert "Escape ␛[2J here." in screen_text(app)
