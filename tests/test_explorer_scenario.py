"""The scenario screen, driven like a reader would: keys, digits, clicks, panes, copy."""

from __future__ import annotations

from pathlib import Path

from explorer_support import FIXTURE, flat, make_app, screen_text

from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.step_list import StepList
from tui.widgets.step_view import StepView

PATH_2020 = FIXTURE / "scenarios" / "2020-expulsion-vote.toml"
PATH_2021 = FIXTURE / "scenarios" / "2021-combat-mission-end.toml"


async def open_scenario(app: DrawdownApp, pilot, path: Path = PATH_2020, step: int = 0) -> ScenarioScreen:  # type: ignore[no-untyped-def]
    app.post_message(OpenScenario(path.resolve(), step))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ScenarioScreen)
    return screen


def centre(screen: ScenarioScreen) -> str:
    return screen.query_one(StepView).text


async def test_steps_forward_and_back_with_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot)
        assert screen.index == 0
        for key, expected in [("down", 1), ("j", 2), ("n", 3), ("up", 2), ("k", 1), ("p", 0), ("p", 0)]:
            await pilot.press(key)
            assert screen.index == expected, key
            assert screen.query_one(StepList).highlighted == expected
        assert "Step 1 of 29" in centre(screen)


async def test_digits_jump_and_say_when_the_step_does_not_exist(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot)
        await pilot.press("7")
        assert screen.index == 6
        assert "Step 7 of 29" in centre(screen)
        await pilot.press("1")
        assert screen.index == 0
        await pilot.press("9")
        assert screen.index == 8


async def test_centre_shows_actor_stance_option_and_inferred_date() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot, step=8)  # Mahdi, reported, toward the extended drawdown
        text = flat(centre(screen))
        assert "Adel Abdul Mahdi" in text
        assert "REPORTED" in text
        assert "Stretch the drawdown over months or years" in text
        assert "2020-01-05 (inferred)" in text
        await pilot.press("2")  # an event with no stance
        assert "Stance" not in centre(screen)


async def test_a_private_step_and_its_quote() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot, step=10)  # Trump, private
        assert "PRIVATE" in centre(screen)
        quotes = screen.query_one(QuoteList)
        assert len(quotes.quotes) == 1
        prompt = quotes.prompt(0)
        words = "even as Trump administration officials try to stave off the expulsion behind the scenes"
        assert words in prompt.plain
        # The quoted words, and only they, carry the highlight, at the offsets the loader resolved.
        quoted = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == quotes.get_visual_style("quote-list--quoted")]
        assert quoted == [words]
        assert "— TIME, “Despite U.S.-Iraq Feud" in prompt.plain
        assert "2020-01-07 (date inferred)" in prompt.plain


async def test_an_outcome_shows_its_status_and_the_option_it_enacts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot, PATH_2021, step=9)
        text = flat(centre(screen))
        assert "OUTCOME" in text
        assert "Status REPORTED" in text
        assert "Enacts" in text
        assert "Stance" not in text


async def test_clicking_a_step_selects_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot)
        # Row 0 of the list is its border; row 5 is step 5.
        await pilot.click(StepList, offset=(10, 5))
        await pilot.pause()
        assert screen.index == 4
        assert "Step 5 of 29" in centre(screen)


async def test_tab_moves_between_panes_and_escape_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot)
        assert app.focused is screen.query_one(StepList)
        await pilot.press("tab")
        assert app.focused is screen.query_one(StepView)
        await pilot.press("tab")
        assert app.focused is screen.query_one(QuoteList)
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one(StepView)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_in_the_quotes_pane_arrows_choose_the_quote_and_n_still_steps() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot, step=2)  # three quotes
        quotes = screen.query_one(QuoteList)
        quotes.focus()
        await pilot.press("down")
        assert quotes.current is quotes.quotes[1]
        await pilot.press("n")
        assert screen.index == 3


async def test_c_copies_the_current_quote_with_its_citation() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_scenario(app, pilot, step=10)
        await pilot.press("c")
        assert app.clipboard == (
            "“even as Trump administration officials try to stave off the expulsion behind the scenes”\n"
            "— TIME, “Despite U.S.-Iraq Feud, Iraqi Prime Minister Privately Mulls Delay of U.S. Troop Departure”, "
            "2020-01-07 (date inferred)"
        )
        assert any("Copied" in str(n.message) for n in app._notifications)


async def test_the_narrow_layout_puts_quotes_below_the_step() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenario(app, pilot, step=10)
        assert screen.has_class("-narrow")
        view, quotes = screen.query_one(StepView).region, screen.query_one(QuoteList).region
        assert quotes.y >= view.bottom and quotes.x == view.x
        assert quotes.height >= 6
        text = screen_text(app)
        assert "Donald Trump" in text and "Quotes (1)" in text
        assert screen.query_one(StepList).region.right <= view.x


async def test_position_survives_a_reload_of_an_unchanged_corpus() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenario(app, pilot, step=12)
        app.live.reload()  # type: ignore[union-attr]
        app.corpus_changed.publish(app.live)  # type: ignore[arg-type]
        await pilot.pause()
        assert screen.view.entry is app.live.view(screen.path).entry  # type: ignore[union-attr]
        assert screen.index == 12
        assert "Step 13 of 29" in centre(screen)


async def test_a_scenario_without_steps_says_so_and_every_key_is_safe(tmp_path: Path) -> None:
    from explorer_support import write_markup_corpus

    root = write_markup_corpus(tmp_path)
    path = root / "scenarios" / "markup.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[steps]]")], encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenario(app, pilot, path)
        await pilot.press("j", "k", "5", "o", "c", "tab", "down", "enter", "question_mark", "escape")
        assert app.is_running and app.screen is screen
        assert "This scenario has no steps yet" in screen.query_one(StepView).text
        assert any("no quote" in str(n.message) for n in app._notifications)
