"""Snapshots of the main screens at 40x12 and 60x20: one pane at a time, a footer of whole keys.

Update after a deliberate change with `pytest tests/test_snapshots_small.py --snapshot-update`,
then look at every new SVG before committing it.
"""

from __future__ import annotations


import pytest
from explorer_support import Before, FIXTURE, make_app, settle, snapshot_start

from tui.navigation import OpenScenario

SMALL = [pytest.param((40, 12), id="40x12"), pytest.param((60, 20), id="60x20")]
PATH_2020 = (FIXTURE / "scenarios" / "2020-expulsion-vote.toml").resolve()


def opening(*keys: str, scenario: bool = True) -> Before:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        if scenario:
            pilot.app.post_message(OpenScenario(PATH_2020, 10))
            await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SMALL)
def test_home(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening(scenario=False))


@pytest.mark.parametrize("size", SMALL)
@pytest.mark.parametrize("tabs", [0, 1, 2], ids=["steps", "step", "quotes"])
def test_scenario_panes(snap_compare, size: tuple[int, int], tabs: int) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening(*["tab"] * tabs))


@pytest.mark.parametrize("size", SMALL)
def test_source_reader(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("o"))


@pytest.mark.parametrize("size", SMALL)
def test_help(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening("question_mark"))


@pytest.mark.parametrize("size", SMALL)
@pytest.mark.parametrize("key", ["a", "m", "g", "f", "A"], ids=["actors", "matrix", "gaps", "figures", "actor-path"])
def test_analysis_views(snap_compare, size: tuple[int, int], key: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=opening(key))
