"""Snapshots of the Figures screen at 120x40 and 80x24, on the fixture corpus, in a fixed theme.

Update after a deliberate change with `pytest tests/test_snapshots_figures.py --snapshot-update`,
then look at the report before committing the new SVGs.
"""

from __future__ import annotations


import pytest
from explorer_support import SIZES, make_app, snapshot_start, then_press




async def _on_home(pilot) -> None:  # type: ignore[no-untyped-def]
    await snapshot_start(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_figures_range_selected(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # The 2011 commanders' request, 14,000–18,000: a range, drawn and listed as one.
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(_on_home, "f", "end", "up", "up", "up", "up", "up"))


@pytest.mark.parametrize("size", SIZES)
def test_figures_first_point(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(_on_home, "f"))
