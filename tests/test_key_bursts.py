"""Keys in bursts, as a terminal sends a held key or a quick double tap: the right result, then idle."""

from __future__ import annotations

import pytest
from explorer_support import FIXTURE, make_app
from key_bursts import assert_idle, burst

from tui.navigation import OpenScenario
from tui.screens.scenario import ScenarioScreen
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
