"""Snapshots of the search screen at 120x40 and 80x24, on the fixture corpus, in a fixed theme.

Update after a deliberate change with `pytest tests/test_snapshots_search.py --snapshot-update`,
then look at the report before committing the new SVGs.
"""

from __future__ import annotations


import pytest
from explorer_support import Before, SIZES, make_app, settle, snapshot_start
from textual.widgets import Input




def searching(query: str, *keys: str) -> Before:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await snapshot_start(pilot)
        await pilot.press("slash")
        await settle(pilot)
        pilot.app.screen.query_one(Input).cursor_blink = False  # a blinking cursor would make the shot flaky
        await pilot.press(*["space" if c == " " else c for c in query])
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, run_before=searching("Sadr"))


@pytest.mark.parametrize("size", SIZES)
def test_results_through_another_spelling(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    # Down to the 2021 group, which prints "Moqtada": each of its results says it matched through that spelling.
    assert snap_compare(make_app(), terminal_size=size, run_before=searching("Moktada", *["down"] * 9))


def test_no_result(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=searching("zqxj"))


def test_empty_query_hint(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=searching(""))


def test_document_passage_in_the_reader(snap_compare) -> None:  # type: ignore[no-untyped-def]
    # A passage no quote covers: the reader opens on it and marks it.
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=searching("archive of", "down", "enter"))
