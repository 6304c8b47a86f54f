"""The keys typed in one read with a key that opens something, on every list that opens something.

Each case types its keys twice: pressed one at a time, waiting for the app after each (as pilot does),
then in one burst (as a terminal sends "enter j j" typed fast). Both must end in the same place.
Textual 8.2.8 runs a key's binding when the key comes back to the app, after the keys that followed
it have been sent to the same list: what the binding posted came round after them, so they moved the
list and the screen opened on the wrong row, or at its first step (tui/widgets/handled_at_once.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import pytest
from explorer_support import make_app
from key_bursts import assert_idle, burst
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList

from tui.app import DrawdownApp
from tui.navigation import OpenScenario
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.widgets.pressure_table import PressureTable
from tui.widgets.quote_list import QuoteList

from test_key_bursts import PATH_2020

Setup = Callable[[DrawdownApp, Pilot[Any]], Awaitable[None]]


async def _keys(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await assert_idle(pilot.app, pilot)


def _focus(app: DrawdownApp, kind: type[Widget]) -> None:
    app.screen.set_focus(app.screen.query(kind).first())


async def on_actor_path(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await _keys(pilot, "a", *"sadr", "enter", "down")


async def on_figures(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await _keys(pilot, "f", "down", "down")


async def on_gaps(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await _keys(pilot, "g", "down")


async def on_matrix_cell_with_a_step(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await _keys(pilot, "m")
    table = app.screen.query_one(PressureTable)
    for _ in range(40):  # right along the first actor's row to a cell that names a step
        if table.current is not None and table.current.steps:
            return
        await _keys(pilot, "right")
    raise AssertionError("no cell with a step on the first actor's row")


async def on_scenario_steps(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    app.post_message(OpenScenario(PATH_2020, 3))
    await assert_idle(app, pilot)


async def on_scenario_quotes(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await on_scenario_steps(app, pilot)
    _focus(app, QuoteList)
    await assert_idle(app, pilot)


async def on_source_citations(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await on_scenario_steps(app, pilot)
    await _keys(pilot, "o")
    assert isinstance(app.screen, SourceScreen)
    from tui.widgets.citing_list import CitingList

    _focus(app, CitingList)
    await assert_idle(app, pilot)


def where(app: DrawdownApp) -> tuple[object, ...]:
    """Where the reader is: the screens, what has the focus, and where each list on top stands."""
    screen = app.screen
    places: list[object] = [type(s).__name__ for s in app.screen_stack]
    focused = screen.focused
    places.append(type(focused).__name__ if focused else None)
    if isinstance(screen, ScenarioScreen):
        places.append(("step", screen.index, screen.query_one(QuoteList).current_index))
    if isinstance(screen, SourceScreen):
        places.append(("passage", screen.query_one("SourceText").current))
    for widget in screen.query(OptionList):
        places.append((type(widget).__name__, widget.highlighted))
    for quotes in screen.query(QuoteList):
        places.append((type(quotes).__name__, quotes.current_index))
    return tuple(places)


@dataclass(frozen=True)
class Case:
    setup: Setup
    keys: tuple[str, ...]


CASES = {
    "actor-path-step": Case(on_actor_path, ("enter", "j", "j")),
    "figure": Case(on_figures, ("enter", "j", "j")),
    "gap-sides": Case(on_gaps, ("enter", "down")),
    "matrix-cell": Case(on_matrix_cell_with_a_step, ("enter", "j", "j")),
    "scenario-step-quotes": Case(on_scenario_steps, ("enter", "down")),
    "quote-to-source": Case(on_scenario_quotes, ("enter", "right_square_bracket")),
    "citing-step": Case(on_source_citations, ("enter", "j", "j")),
}


async def both_ways(setup: Setup, keys: tuple[str, ...]) -> dict[str, tuple[object, ...]]:
    """Where `keys` end, pressed one at a time and sent in one burst, each from `setup` on a fresh app."""
    ends: dict[str, tuple[object, ...]] = {}
    for send in ("press", "burst"):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await setup(app, pilot)
            before = where(app)
            if send == "press":
                await _keys(pilot, *keys)
            else:
                await burst(pilot, *keys)
                await assert_idle(app, pilot)
            ends[send] = where(app)
            assert ends[send] != before, f"{keys} did nothing"
    return ends


@pytest.mark.parametrize("name", CASES)
async def test_keys_typed_with_an_opening_key_land_where_they_land_one_at_a_time(name: str) -> None:
    ends = await both_ways(CASES[name].setup, CASES[name].keys)
    assert ends["burst"] == ends["press"]


async def on_home(app: DrawdownApp, pilot: Pilot[Any]) -> None:
    await assert_idle(app, pilot)


CLOSING = {
    "open-close-move": ("enter", "escape", "j", "j"),
    "open-close-open-move": ("enter", "escape", "j", "enter", "j"),
    "open-source-close-all": ("enter", "o", "escape", "escape", "j"),
    "search-open-close": ("slash", *"sadr", "enter", "escape", "escape", "j"),
    "palette-close-move": ("ctrl+p", "escape", "j", "j"),
    "palette-typed-close-move": ("ctrl+p", *"sad", "escape", "j", "j"),
    "palette-close-open": ("ctrl+p", "escape", "enter", "j"),
    "palette-twice-close-move": ("ctrl+p", "escape", "ctrl+p", "escape", "j", "j"),
}


@pytest.mark.parametrize("name", CLOSING)
async def test_keys_that_open_and_close_screens_in_one_read_end_where_they_do_one_at_a_time(name: str) -> None:
    ends = await both_ways(on_home, CLOSING[name])
    assert ends["burst"] == ends["press"]
