"""Snapshots of the pressure matrix at 120x40 and 80x24, on the fixture corpus, in a fixed theme.

Update after a deliberate change with `pytest tests/test_snapshots_matrix.py --snapshot-update`,
then look at every new SVG before committing it.
"""

from __future__ import annotations


import pytest
from explorer_support import FIXTURE, SIZES, make_app, settle, snapshot_start

from tui.navigation import OpenScenario
from tui.widgets.pressure_table import PressureTable


def matrix_at(scenario: str, actor: str, option: str | None):  # type: ignore[no-untyped-def]
    """Open the scenario, then its matrix with `m`, with the cursor on one cell."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        pilot.app.post_message(OpenScenario((FIXTURE / "scenarios" / f"{scenario}.toml").resolve()))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert pilot.app.screen.query_one(PressureTable).move_to(actor, option)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_matrix_cell_with_private_and_reported_steps(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Mahdi pushes in public toward full withdrawal, and toward a slow drawdown in private and as reported.
    assert snap_compare(make_app(), terminal_size=size, run_before=matrix_at("2020-expulsion-vote", "mahdi", "extended-drawdown"))


@pytest.mark.parametrize("size", SIZES)
def test_matrix_with_troop_figures(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Seven columns, most with a troop figure: the widest table of the fixture corpus.
    assert snap_compare(make_app(), terminal_size=size, run_before=matrix_at("2011-troop-levels", "white-house", "token-force"))
