"""Snapshots of the stance gaps screen at 120x40 and 80x24, on the fixture corpus, in a fixed theme.

Update after a deliberate change with `pytest tests/test_snapshots_stance_gaps.py --snapshot-update`,
then look at every new SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from explorer_support import SIZES, make_app, settle, snapshot_start, write_markup_corpus

from tui.widgets.gap_list import GapList

def gaps_at(key: tuple[str, str, str] | None = None):  # type: ignore[no-untyped-def]
    """Open the gaps with `g`, with one gap highlighted (the first if none is named)."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        await pilot.press("g")
        await settle(pilot)
        if key is not None:
            assert pilot.app.screen.query_one(GapList).highlight_gap(key)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_gap_public_against_private(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Mahdi: withdrawal in public; a slow drawdown and a partial one in private.
    assert snap_compare(make_app(), terminal_size=size, run_before=gaps_at(("2020-expulsion-vote", "mahdi", "private")))


@pytest.mark.parametrize("size", SIZES)
def test_no_gaps(snap_compare, size: tuple[int, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(write_markup_corpus(tmp_path)), terminal_size=size, run_before=gaps_at())
