"""Snapshots of the Actors list and of an actor's path at 120x40 and 80x24, on the fixture corpus.

Update after a deliberate change with `pytest tests/test_snapshots_actors.py --snapshot-update`,
then look at every new SVG before committing it.
"""

from __future__ import annotations


import pytest
from explorer_support import Before, SIZES, make_app, settle, snapshot_start, then_press

from tui.navigation import OpenActor




def ready(actor: str = "") -> Before:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        if actor:
            pilot.app.post_message(OpenActor(actor))
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_actors_list(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(ready(), "a", "down", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_actors_list_filtered_by_an_alias(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(ready(), "a", *"moktada"))


@pytest.mark.parametrize("size", SIZES)
def test_actor_path(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Moqtada al-Sadr: three spellings across three documents; the second step is current.
    assert snap_compare(make_app(), terminal_size=size, run_before=then_press(ready("al-sadr"), "down"))
