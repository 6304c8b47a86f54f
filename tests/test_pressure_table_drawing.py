"""How the pressure matrix's cells are drawn: as Textual's DataTable lays them out, without Rich's layout.

PressureTable lays each cell's lines (cut to fit already) side by side with their padding instead of
rendering it through Rich's console, which was most of a scenario switch: these tests hold it to the
same characters in the same styles as the DataTable it replaces that for, for every cell, label and
header, with and without the cursor, and to never go through Rich's layout for them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from explorer_support import FIXTURE, make_app
from rich.segment import Segment
from textual.widgets import DataTable

from test_matrix_screen import open_matrix
from tui.widgets.pressure_table import PressureTable

SCENARIOS = sorted((FIXTURE / "scenarios").glob("*.toml"))


def cells(lines: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    """Each line as its characters and their styles, however it is cut into segments."""
    return [[(char, segment.style) for segment in line for char in segment.text] for line in lines]


def drawn(table: PressureTable, row: int, column: int, width: int, cursor: bool, hover: bool, through: type) -> list[list[Segment]]:
    table._cell_render_cache.clear()
    lines = through._render_cell(table, row, column, table.rich_style, width, cursor, hover)  # type: ignore[attr-defined]
    table._cell_render_cache.clear()
    return lines


@pytest.mark.parametrize(("path", "size"), [(SCENARIOS[0], (120, 40)), (SCENARIOS[-1], (60, 20))], ids=["wide", "narrow"])
async def test_every_cell_is_drawn_as_a_data_table_draws_it(path: Path, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_matrix(app, pilot, path.resolve())
        table = screen.query_one(PressureTable)
        assert table.row_count and table.columns
        widths = [table.ordered_columns[c].get_render_width(table) for c in range(len(table.columns))]
        label = table._row_label_column_width
        checked = 0
        for row in range(-1, table.row_count):
            for column in range(-1, len(table.columns)):
                width = label if column == -1 else widths[column]
                for cursor, hover in ((False, False), (True, False), (False, True)):
                    ours = drawn(table, row, column, width, cursor, hover, PressureTable)
                    theirs = drawn(table, row, column, width, cursor, hover, DataTable)
                    assert cells(ours) == cells(theirs), (row, column, cursor, hover)
                    checked += 1
        assert checked > 3 * 2 * 3


async def test_switching_scenario_lays_out_no_cell_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_matrix(app, pilot)
        laid_out = 0
        console = app.console
        original = type(console).render_lines

        def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal laid_out
            laid_out += self is console
            return original(self, *args, **kwargs)

        monkeypatch.setattr(type(console), "render_lines", counted)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert laid_out == 0


async def test_a_frame_works_out_the_tables_styles_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.dom import DOMNode

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(PressureTable)
        worked_out = lines = 0
        original_style = DOMNode.rich_style.fget
        original_line = PressureTable.render_line

        def style(node):  # type: ignore[no-untyped-def]
            nonlocal worked_out
            worked_out += node is table
            return original_style(node)

        def line(self, y):  # type: ignore[no-untyped-def]
            nonlocal lines
            lines += 1
            return original_line(self, y)

        monkeypatch.setattr(DOMNode, "rich_style", property(style))
        monkeypatch.setattr(PressureTable, "render_line", line)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert lines >= 10 and worked_out <= 4, (lines, worked_out)
