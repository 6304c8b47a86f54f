"""How the pressure matrix is drawn: a table of its own on the Line API, one screenful at a time.

PressureTable draws as Textual's DataTable drew it (the matrix snapshots hold it to the same
picture), but a scenario switch makes only the rows it shows, lays no cell out through Rich's
console, and works out its styles once a frame; the header and the names stay put as it scrolls.
"""

from __future__ import annotations

import pytest
from explorer_support import FIXTURE, make_app, screen_text
from textual.coordinate import Coordinate

from test_matrix_screen import open_matrix
from tui.widgets.pressure_table import PressureTable

PATH_2011 = (FIXTURE / "scenarios" / "2011-troop-levels.toml").resolve()


def table_lines(app, table: PressureTable) -> list[str]:  # type: ignore[no-untyped-def]
    """The table's lines on screen, inside its border."""
    region = table.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines]


async def test_a_switch_builds_only_the_rows_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        built: list[tuple[str, int]] = []
        original = PressureTable._build_row

        def counted(self, row):  # type: ignore[no-untyped-def]
            built.append((self.matrix.scenario_id, row))
            return original(self, row)

        monkeypatch.setattr(PressureTable, "_build_row", counted)
        screen = await open_matrix(app, pilot)
        table = screen.query_one(PressureTable)
        await pilot.press("left_square_bracket")  # 2011: twelve actors, more than the pane shows
        await pilot.pause()
        assert screen.scenario_path == PATH_2011
        shown = table.scrollable_content_region.height - table.header_height
        on_screen = {table._lines_of[line][0] for line in range(round(table.scroll_y), round(table.scroll_y) + shown)}
        assert table.row_count > len(on_screen)
        # Made as the switch drew them, or ahead of it (the scenarios next to the one shown are laid
        # out once a frame is drawn): either way once, and only those on screen, since the matrix opened.
        rows = [row for scenario, row in built if scenario == screen.matrix.scenario_id]
        assert sorted(set(rows)) == sorted(on_screen) and len(rows) == len(on_screen), (built, on_screen)


async def test_the_header_and_the_names_stay_while_the_table_scrolls() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_matrix(app, pilot, PATH_2011)
        table = screen.query_one(PressureTable)
        assert table.virtual_size.width > table.scrollable_content_region.width  # seven columns: it scrolls sideways
        first_header = table_lines(app, table)[0]
        await pilot.press("end", "ctrl+end")  # the last option, for the last actor
        await pilot.pause()
        assert table.cursor_coordinate == Coordinate(table.row_count - 1, len(table.option_ids) - 1)
        assert table.scroll_x > 0 and table.scroll_y > 0
        lines = table_lines(app, table)
        last = table.name_text(table.matrix.actors[-1]).plain.split("\n")[0]  # type: ignore[union-attr]
        assert any(line.startswith(f" {last}") for line in lines[table.header_height :]), lines
        assert lines[0] != first_header and lines[0].strip()  # the header, of the options now in view
        label = table.header_text(table.option_ids[-1]).plain.split("\n")[0]
        assert label in lines[0], (label, lines[0])
        await pilot.press("home", "ctrl+home")
        await pilot.pause()
        assert table.cursor_coordinate == Coordinate(0, 0) and table.scroll_x == 0 and table.scroll_y == 0
        assert table_lines(app, table)[0] == first_header


async def test_the_mouse_highlights_the_cell_under_it_until_a_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        table = screen.query_one(PressureTable)
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "William Seely" in line)
        x = lines[y].index("PRIV  12")
        await pilot.hover(offset=(x, y))
        await pilot.pause()
        row = table.matrix.actors.index("seely")  # type: ignore[union-attr]
        assert table._hover == Coordinate(row, table.option_ids.index("full-withdrawal"))
        hovered = table.render_line(y - table.region.y - table.styles.gutter.top)
        assert table.get_component_rich_style("pressure-table--hover").bgcolor in {s.style.bgcolor for s in hovered if s.style}
        await pilot.press("down")
        await pilot.pause()
        assert table._hover is None
        # A click on an option's heading chooses nothing.
        cursor = table.cursor_coordinate
        await pilot.click(offset=(x, table.content_region.y))
        await pilot.pause()
        assert table.cursor_coordinate == cursor and app.screen is screen


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


async def test_sideways_the_table_scrolls_by_whole_options() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_matrix(app, pilot, PATH_2011)
        table = screen.query_one(PressureTable)
        offsets = []
        for _ in range(len(table.option_ids) - 1):
            await pilot.press("right")
            await pilot.pause()
            offsets.append(round(table.scroll_x))
        assert offsets[-1] > 0  # the last option took the table sideways
        assert all(x % table._column_width == 0 for x in offsets), (offsets, table._column_width)
        label = table.header_text(table.option_ids[-1]).plain.split("\n")[0]
        assert label in table_lines(app, table)[0]
        for _ in range(len(table.option_ids) - 1):
            await pilot.press("left")
            await pilot.pause()
            assert round(table.scroll_x) % table._column_width == 0


async def test_down_the_table_scrolls_by_whole_actors() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_matrix(app, pilot, PATH_2011)
        table = screen.query_one(PressureTable)
        await pilot.press("ctrl+home")
        for _ in range(table.row_count - 1):
            await pilot.press("down")
            await pilot.pause()
            top = round(table.scroll_y)
            if top < table.max_scroll_y:  # (at its end, the table scrolls no further)
                assert table._lines_of[top][1] == 0, (table.cursor_coordinate, top)  # the row at the top starts there
            row = table.cursor_coordinate.row
            view = table.scrollable_content_region.height - table.header_height
            assert top <= table._tops[row] < top + view  # and the cursor's row is in view


async def test_a_short_terminal_gives_the_labels_one_line() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_matrix(app, pilot, PATH_2011)
        table = screen.query_one(PressureTable)
        assert table.header_height == 2  # a label's line, its troop figure's line
        assert all(len(table.header_text(option).plain.split("\n")) <= 2 for option in table.option_ids)
        shown = table.scrollable_content_region.height - table.header_height
        assert shown >= 3, shown


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str, record=None) -> list[object]:  # type: ignore[no-untyped-def]
    """Record each call of owner.name from now on (what `record` makes of the instance, or the instance)."""
    calls: list[object] = []
    original = getattr(owner, name)

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(record(self) if record else self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


async def test_a_switch_lays_nothing_out_when_no_size_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80x24 the tables of 2020, 2021 and 2024-sudani-committee are all taller than the pane, their
    questions take two lines and their first cells' headings one: `]` changes what is drawn, not where."""
    from textual.screen import Screen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.pause()
        layouts = count_calls(monkeypatch, Screen, "_refresh_layout")
        for _ in range(2):
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert screen.matrix.scenario_id == "2024-sudani-committee"
        assert "Sudani" in screen_text(app)
        assert layouts == []


def screen_picture(app) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    """Every cell's text and style on the terminal."""
    return [[(segment.text, segment.style) for segment in strip] for strip in app.screen._compositor.render_strips()]


SWITCHES = ("right_square_bracket",) * 3 + ("left_square_bracket",) * 4


async def test_a_switch_shows_the_layout_made_ahead_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scenario that `]` or `[` goes to was laid out and drawn once the frame before was, with the
    steps of the cell the cursor starts on: the switch lays no table out and wraps no step, and shows
    what doing so then would have shown (its headings found by a click as well)."""
    from tui.widgets.quote_list import QuoteList
    from tui.widgets.step_quotes import StepQuotes

    seen = []
    for ahead in (False, True):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_matrix(app, pilot)
            await pilot.pause()
            table, steps = screen.query_one(PressureTable), screen.query_one(StepQuotes)
            laid_out = count_calls(monkeypatch, PressureTable, "_lay_out", lambda self: self.matrix)
            wrapped = count_calls(monkeypatch, QuoteList, "_lines", lambda self: [ref.step for ref in self.refs])
            if not ahead:
                monkeypatch.setattr(PressureTable, "prepare", lambda self, matrix, actors: None)
                monkeypatch.setattr(StepQuotes, "prepare_steps", lambda self, *args, **kwargs: None)
            shown = []
            for key in SWITCHES:
                laid_out.clear()
                wrapped.clear()
                await pilot.press(key)
                await pilot.pause()
                shown.append((screen_picture(app), steps._headings, steps._owner, steps.text))
                assert table.matrix is screen.matrix
                if ahead:  # laid out and wrapped since: only the next ones, ahead of time
                    assert not any(matrix is screen.matrix for matrix in laid_out), key
                    assert steps.refs and [ref.step for ref in steps.refs] not in wrapped, key
            seen.append(shown)
        monkeypatch.undo()
    assert seen[0] == seen[1]


async def test_the_next_scenarios_are_laid_out_even_if_the_table_had_no_width_at_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """The frame after the screen mounts can come before the table has its width (as it did in
    bench_views.py at 3,000 scenarios): the scenarios next to the first one are laid out once it has."""
    waits = [True, True]  # the table not laid out yet the first two times it is asked
    real = PressureTable.laid_out
    monkeypatch.setattr(PressureTable, "laid_out", property(lambda self: not (waits and waits.pop()) and real.fget(self)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.pause()
        await pilot.pause()
        assert not waits
        laid_out = count_calls(monkeypatch, PressureTable, "_lay_out", lambda self: self.matrix)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.matrix.scenario_id == "2021-combat-mission-end"
        assert not any(matrix is screen.matrix for matrix in laid_out)


async def test_a_switch_repaints_no_title_or_legend_that_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """2020's and 2021's first cells both hold one step: the steps pane's title stays, and is not set again
    (Textual repaints the whole pane, under its steps, when it is); nor is the table's legend. At 80x24
    the switch lays nothing out (above), which would repaint the pane anyway."""
    from textual.containers import Vertical

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.pause()
        detail = screen.query_one("#matrix-detail", Vertical)
        titled = count_calls(monkeypatch, Vertical, "refresh")
        legends = count_calls(monkeypatch, PressureTable, "_show_legend")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.matrix.scenario_id == "2021-combat-mission-end"
        assert detail.border_title == "1 step in this cell"
        assert detail not in titled and legends == []


@pytest.mark.parametrize(
    "size, title, legend",
    [
        ((40, 12), "Scenario 1 of 5 · [ ] another", "PUB PRIV REP numbers: steps"),
        ((60, 20), "Actors × options · scenario 1 of 5 · [ ] another", "PUB public PRIV private REP reported"),
        ((80, 24), "Actors × options · scenario 1 of 5 · [ ] another", "PUB public PRIV private REP reported · numbers are steps"),
    ],
)
async def test_the_title_and_the_legend_say_as_much_as_the_border_has_room_for(size: tuple[int, int], title: str, legend: str) -> None:
    """A narrow table says less, whole, rather than all of it cut off ("scenario 1 of …", "RE…")."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_matrix(app, pilot, PATH_2011)
        await pilot.pause()
        table = app.screen.query_one(PressureTable)
        lines = screen_text(app).splitlines()
        top, bottom = lines[table.region.y], lines[table.region.bottom - 1]
        assert f"─ {title} ─" in top, top
        assert " ".join(bottom.strip("╰╯─ ").split()) == legend, bottom
