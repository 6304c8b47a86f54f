"""Keys in bursts, as a terminal sends a held key or a quick double tap: the right result, then idle."""

from __future__ import annotations

import pytest
from explorer_support import FIXTURE, make_app, screen_text
from key_bursts import assert_idle, burst
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input

from tui.navigation import OpenScenario
from tui.screens.actor_path import ActorPathScreen
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.widgets.path_step_list import PathStepList
from tui.widgets.scenario_list import ScenarioList
from tui.widgets.search_result_list import SearchResultList
from tui.widgets.step_list import StepList
from tui.widgets.step_view import StepView

PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


@pytest.mark.parametrize(
    ("keys", "index"),
    [
        pytest.param(("j", "j"), 2, id="double-tap"),
        pytest.param(("down", "down"), 2, id="down-down"),
        pytest.param(("j",) * 20, 20, id="held-key"),
        pytest.param(("3", "5"), 4, id="digits"),
        pytest.param(("j",) * 5 + ("k",) * 2, 3, id="there-and-back"),
        pytest.param(("end", "home", "pagedown"), None, id="list-keys"),
    ],
)
async def test_a_burst_of_stepping_keys_ends_on_the_right_step_and_stops(keys: tuple[str, ...], index: int | None) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        await burst(pilot, *keys)
        await assert_idle(app, pilot)
        steps = screen.query_one(StepList)
        if index is not None:
            assert screen.index == index
        assert steps.highlighted == screen.index
        assert f"Step {screen.index + 1} of 29" in screen.query_one(StepView).text


# -- the command palette (Textual 8.2.8 faults the app guards: see tui/command_palette.py) ---------

@pytest.mark.parametrize("key", ["pageup", "pagedown"])
async def test_paging_the_palette_before_its_list_is_drawn(key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "ctrl+p", key, key)
        await burst(pilot, "s", "o", key, key, "u", key)  # and while the results are replaced
        await assert_idle(app, pilot)
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("deeper", [False, True], ids=["on-home", "on-a-scenario"])
async def test_enter_enter_in_the_palette_runs_one_command_and_pops_nothing(deeper: bool) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        if deeper:
            app.post_message(OpenScenario(PATH_2020))
            await pilot.pause()
        below = [type(screen) for screen in app.screen_stack]
        await burst(pilot, "ctrl+p")
        for _ in range(100):  # the palette lists its first hits, in a worker
            if app.screen.query_one(CommandList).option_count:
                break
            await pilot.pause(0.05)
        await burst(pilot, "enter", "enter")
        await assert_idle(app, pilot)
        stack = [type(screen) for screen in app.screen_stack]
        assert stack[:-1] == below  # the command's screen, once, on top of what was there
        assert len(stack) == len(below) + 1 and not issubclass(stack[-1], CommandPalette)


async def test_typing_after_escape_leaves_the_closed_palette_alone() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, "ctrl+p")
        await burst(pilot, "s", "escape", "o", "u", "r")
        await assert_idle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen]



@pytest.mark.parametrize("keys", [("ctrl+p", "escape", "ctrl+p"), ("ctrl+p", "escape", "ctrl+p", "escape", "ctrl+p")], ids=["once", "twice"])
async def test_a_palette_reopened_in_the_same_burst_stays_open(keys: tuple[str, ...]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, *keys)
        await assert_idle(app, pilot)
        assert [type(screen) for screen in app.screen_stack[:-1]] == [HomeScreen]
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).has_focus
        await burst(pilot, "escape")
        await assert_idle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen]


# -- `?` where a text field has the focus ---------------------------------------------------

@pytest.mark.parametrize("key", ["a", "slash"], ids=["actors", "search"])
async def test_question_mark_opens_help_over_a_filter_and_is_not_typed(key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, key)
        screen = app.screen
        field = screen.query_one(Input)
        assert field.has_focus
        await burst(pilot, "M", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "F1 also opens help" in screen_text(app)
        assert field.value == "M"
        await burst(pilot, "escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await assert_idle(app, pilot)


# -- corrections typed fast: bound keys take their turn with the typed ones ---------------------

# "x backspace y" in one read: Textual 8.2.8 ran the backspace after the "y" (tui/widgets/in_order_keys.py).
EDITS = ("m", "a", "h", "d", "backspace", "d", "i", "left", "left", "x", "end", "y", "home", "delete")


@pytest.mark.parametrize("key", ["a", "slash", "ctrl+p"], ids=["actors", "search", "palette"])
async def test_a_correction_in_a_burst_edits_where_it_was_typed(key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, key)
        await assert_idle(app, pilot)
        field = app.screen.query_one(Input)
        assert field.has_focus
        await burst(pilot, *EDITS)
        await assert_idle(app, pilot)
        assert field.value == "ahxdiy"
        assert field.cursor_position == 0


# -- a double tap of enter opens one screen ------------------------------------------------------

async def test_enter_enter_on_home_opens_the_scenario_once() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        depth = len(app.screen_stack)
        await burst(pilot, "enter", "enter")
        await assert_idle(app, pilot)
        assert isinstance(app.screen, ScenarioScreen)
        assert len(app.screen_stack) == depth + 1
        await burst(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_moves_typed_with_the_enter_that_opens_a_scenario_step_in_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await assert_idle(app, pilot)
        # "enter j j" typed fast opened the scenario two cards below, at its first step.
        home = app.screen
        chosen = home.query_one(ScenarioList).highlighted_path
        assert chosen is not None
        await burst(pilot, "enter", "j", "j")
        await assert_idle(app, pilot)
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.opened_on == chosen.resolve()
        assert app.screen.index == 2
        assert home.query_one(ScenarioList).highlighted_path == chosen


async def test_a_second_open_of_the_scenario_on_top_moves_to_its_step() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(OpenScenario(PATH_2020))
        app.post_message(OpenScenario(PATH_2020, 4))
        await pilot.pause()
        await assert_idle(app, pilot)
        assert [type(s) for s in app.screen_stack].count(ScenarioScreen) == 1
        assert isinstance(app.screen, ScenarioScreen) and app.screen.index == 4


# -- typed in the same read as the key that opens the field -------------------------------------

@pytest.mark.parametrize("key", ["a", "slash", "ctrl+p"], ids=["actors", "search", "palette"])
async def test_what_is_typed_with_the_key_that_opens_a_field_is_typed_into_it(key: str) -> None:
    # "/withdraw" typed fast comes in one read: the search opened and "withdraw" was lost.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, key, *"withdr", "backspace", "r", "a", "w")
        await assert_idle(app, pilot)
        field = app.screen.query_one(Input)
        assert field.has_focus
        assert field.value == "withdraw"


# -- typed in the same read as the key that closes the screen -------------------------------------

@pytest.mark.parametrize("key", ["a", "slash"], ids=["actors", "search"])
async def test_what_is_typed_after_the_key_that_closes_a_field_goes_to_the_screen_below(key: str) -> None:
    # "esc /iraq" typed fast on search: the search closed, and "/iraq" had been typed into its field.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, key, *"us")
        await assert_idle(app, pilot)
        first = app.screen
        await burst(pilot, "escape", key, *"iraq", "backspace", "q")
        await assert_idle(app, pilot)
        assert app.screen is not first
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen, type(first)]
        field = app.screen.query_one(Input)
        assert field.has_focus
        assert field.value == "iraq"



async def test_moves_typed_with_the_enter_that_opens_a_search_hit_step_in_the_scenario() -> None:
    # "enter j j" typed fast on search opened the hit's scenario, and "jj" was typed into the search.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await burst(pilot, "slash", *"withdraw")
        await assert_idle(app, pilot)
        search = app.screen
        hit = search.query_one(SearchResultList).current
        assert hit is not None and hit.holder == "step" and hit.index is not None
        await burst(pilot, "enter", "j", "j")
        await assert_idle(app, pilot)
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.index == hit.index + 2
        assert search.query_one(Input).value == "withdraw"


async def test_a_move_typed_with_the_enter_that_opens_an_actor_moves_on_the_actor_path() -> None:
    # "enter down down" typed fast on actors opened the actor's path, and the moves went to the actors list.
    highlighted = []
    for send in ("press", "burst"):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await app.corpus_ready()
            await burst(pilot, "a", *"sadr")
            await assert_idle(app, pilot)
            actors = app.screen
            if send == "press":
                await pilot.press("enter")
                await assert_idle(app, pilot)
                await pilot.press("down", "down")
            else:
                await burst(pilot, "enter", "down", "down")
            await assert_idle(app, pilot)
            assert isinstance(app.screen, ActorPathScreen)
            assert actors.query_one(Input).value == "sadr"
            highlighted.append(app.screen.query_one(PathStepList).highlighted)
    assert highlighted[0] is not None and highlighted[0] > 1
    assert highlighted[1] == highlighted[0]
