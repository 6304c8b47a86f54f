"""The Figures screen and the home screen's chart, driven like a reader would: keys, palette, clicks, reload."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import tomli
from explorer_support import FIXTURE, copy_corpus, flat, make_app, reload, screen_text, write_markup_corpus
from test_explorer_palette import type_text
from textual.color import Color
from textual.command import CommandPalette
from textual.widget import Widget

from tui.app import DrawdownApp
from tui.corpus.figures import figure_series
from tui.corpus.load import load_corpus
from tui.screens.figures import FiguresScreen
from tui.screens.home import HomeScreen
from tui.screens.scenario import ScenarioScreen
from tui.screens.source import SourceScreen
from tui.series_colours import chart_colours
from tui.widgets.figure_list import FigureList
from tui.widgets.figures_chart import POINT_MARK, RANGE_MARK, SELECTED_MARK, FiguresChart
from tui.widgets.quote_list import QuoteList

REPO = Path(__file__).resolve().parent.parent


async def open_figures(app: DrawdownApp, pilot) -> FiguresScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, FiguresScreen)
    return screen


async def highlight(pilot, screen: FiguresScreen, label_start: str) -> None:  # type: ignore[no-untyped-def]
    """Move down the list, as a reader would, until the figure whose label starts so is highlighted."""
    figures = screen.query_one(FigureList)
    for _ in range(len(figures.options)):
        if figures.current is not None and figures.current.label.startswith(label_start):
            return
        await pilot.press("down")
    raise AssertionError(f"no figure labelled {label_start!r}")


def detail_text(screen: FiguresScreen) -> str:
    return str(screen.query_one("#figure-point").render())


def pane_text(app: DrawdownApp, widget: Widget) -> str:
    """What the screen shows inside one pane, its wrapped lines joined."""
    region = widget.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x : region.right].replace("▌", "") for line in lines))


def chart_cells(app: DrawdownApp, screen: FiguresScreen) -> list[list[tuple[str, Color | None]]]:
    """The chart pane as drawn: each cell's character and foreground colour."""
    region = screen.query_one(FiguresChart).content_region
    rows: list[list[tuple[str, Color | None]]] = []
    for strip in app.screen._compositor.render_strips()[region.y : region.bottom]:
        cells: list[tuple[str, Color | None]] = []
        for segment in strip.crop(region.x, region.right):
            colour = segment.style.color if segment.style else None
            rgb = Color.from_rich_color(colour) if colour else None
            cells.extend((char, rgb) for char in segment.text)
        rows.append(cells)
    return rows


def highlighted_marks(app: DrawdownApp, screen: FiguresScreen) -> list[tuple[int, int]]:
    """(row, column) of every point mark drawn in the selection's colour."""
    highlight_colour = chart_colours(app.theme_variables)[2]
    return [
        (y, x)
        for y, row in enumerate(chart_cells(app, screen))
        for x, (char, colour) in enumerate(row)
        if colour == highlight_colour and char in (POINT_MARK, RANGE_MARK, SELECTED_MARK)
    ]


def toml_figures(root: Path) -> list[tuple[str, str, tuple[int, int], str]]:
    """Every figure of the valid scenario files, read straight from the TOML: (series, date, (low, high), label)."""
    found = []
    for path in sorted((root / "scenarios").glob("*.toml")):
        if path.stem in ("actors", "series", "2022-unfinished-draft"):  # the draft has errors: views leave it out
            continue
        data = tomli.loads(path.read_text(encoding="utf-8"))
        for figure in data.get("figures", []):
            value = figure["value"]
            low, high = (value[0], value[1]) if isinstance(value, list) else (value, value)
            date = figure.get("as_of", data["scenario"]["date"])
            found.append((figure["series"], date.isoformat(), (low, high), figure["label"]))
    return found


# -- opening it ----------------------------------------------------------------


async def test_f_opens_the_figures_screen_and_escape_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        text = screen_text(app)
        assert "Figures  ›  13 figures in 4 series" in text
        assert "Troops, 2011–2024 · log scale" in text
        assert screen.query_one(FigureList).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_opens_it_by_name() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Figures")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FiguresScreen)


# -- what it lists ---------------------------------------------------------------


async def test_the_list_is_every_figure_of_the_corpus_by_series_and_date() -> None:
    series = figure_series(load_corpus(FIXTURE))
    expected = [(line.series.label, p.x.isoformat(), p.basis, p.value_text) for line in series for p in line.points]
    # The data layer agrees with the files themselves: same figures, none lost or made up.
    from_files = sorted(toml_figures(FIXTURE))
    from_layer = sorted((line.series.id, p.x.isoformat(), (p.low, p.high), p.label) for line in series for p in line.points)
    assert from_layer == from_files and len(from_files) == 13
    app = make_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await open_figures(app, pilot)
        shown: list[tuple[str, str, str, str]] = []
        heading = ""
        for line in screen_text(app).splitlines():
            cells = line.split("│")
            row = next((cell for cell in cells if cell.startswith(("●", "┃", "▌"))), None)
            if row is None:
                continue
            if row.startswith("▌"):
                heading = row[1:].split("  ")[0]
            else:
                _, date, basis, value, *_ = row.split()
                shown.append((heading, date, basis, value))
        assert shown == expected
        # A series names how many figures it holds; a range is listed with its mark and both ends.
        text = screen_text(app)
        assert "Proposed US troops after 2011  4 figures" in text
        assert "┃ 2011-09-07 inferred  14,000–18,000  Troops requested by US commanders in Iraq" in text


async def test_selecting_a_figure_shows_its_label_quote_and_scenario_and_marks_it_on_the_chart() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        await highlight(pilot, screen, "US troops that still remain")
        point = screen.current
        assert point is not None and (point.scenario_id, point.value_text) == ("2021-combat-mission-end", "2,500")
        detail = flat(detail_text(screen))
        assert "2,500 troops" in detail
        assert "US troops that still remain in Iraq (per the writer)" in detail
        assert "Series US troops in Iraq" in detail
        assert "Date 2021-10-21 (inferred)" in detail
        assert 'Scenario 2021 · The 2021 "end" of the US combat mission in Iraq' in detail
        quotes = screen.query_one(QuoteList)
        assert quotes.current == point.quote
        text = pane_text(app, quotes)
        assert "of their 2,500 troops which still remain, they have always" in text  # the quoted words, inside their passage
        assert "Robert Inlakesh" in text  # and the citation
        # The chart marks it: one selected mark, and nothing else is drawn in the highlight colour.
        assert screen.query_one(FiguresChart).selected == point
        marked = highlighted_marks(app, screen)
        assert len(marked) == 1
        y, x = marked[0]
        assert chart_cells(app, screen)[y][x][0] == SELECTED_MARK


async def test_a_range_is_listed_described_and_drawn_as_a_range() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        await highlight(pilot, screen, "Troops requested by US commanders")
        point = screen.current
        assert point is not None and (point.low, point.high) == (14000, 18000)
        assert "14,000–18,000 troops  a range" in detail_text(screen)
        # On the chart: a vertical bar over several rows in the highlight colour, no single mark.
        marked = highlighted_marks(app, screen)
        assert {chart_cells(app, screen)[y][x][0] for y, x in marked} == {RANGE_MARK}
        assert len({x for _, x in marked}) == 1 and len(marked) >= 2
        drawn = "".join(char for row in chart_cells(app, screen) for char, _ in row)
        assert drawn.count(SELECTED_MARK) == 1 and "◆ the selected point" in drawn  # only in the legend


async def test_a_chart_too_low_for_the_legend_under_it_names_each_series_beside_the_plot() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_figures(app, pilot)
        await pilot.pause()
        chart = screen.query_one(FiguresChart)
        cells = chart_cells(app, screen)
        rows = ["".join(char for char, _ in row) for row in cells]
        assert len(chart.series) == 4
        for line, colour in zip(chart.series, chart.colours):
            name = f"{POINT_MARK} {line.series.label[:17]}"  # a long name is cut to the column
            y = next(y for y, row in enumerate(rows) if name in row)
            x = rows[y].index(name)
            assert cells[y][x][1] == colour, line.series.label  # its mark in the colour of its line
        # The plot keeps most of the width: its frame, left of the names.
        frame = rows[0].rstrip()
        assert frame.lstrip().startswith("┌") and frame.endswith("┐") and len(frame.strip()) >= 26, rows


async def test_a_click_on_a_row_selects_that_figure_and_a_double_click_opens_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        figures = screen.query_one(FigureList)
        region = figures.content_region
        row = next(
            y
            for y in range(region.y, region.bottom)
            if "5,200" in screen_text(app).splitlines()[y][region.x : region.right]
        )
        await pilot.click(FigureList, offset=(10, row - figures.region.y))
        await pilot.pause()
        point = screen.current
        assert point is not None and point.scenario_id == "2020-expulsion-vote"
        assert "US troops the parliament approved removing" in flat(detail_text(screen))
        assert isinstance(app.screen, FiguresScreen)  # a single click selects; it does not leave
        await pilot.click(FigureList, offset=(10, row - figures.region.y), times=2)
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and app.screen.scenario.scenario.id == "2020-expulsion-vote"


# -- where it leads --------------------------------------------------------------


async def test_enter_opens_the_scenario_at_the_step_that_quotes_the_same_words() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        await highlight(pilot, screen, "US troops the parliament approved removing")
        point = screen.current
        assert point is not None and point.quote.span is not None
        await pilot.press("enter")
        await pilot.pause()
        scenario = app.screen
        assert isinstance(scenario, ScenarioScreen)
        assert scenario.scenario.scenario.id == "2020-expulsion-vote"
        start, end = point.quote.span
        step = scenario.scenario.steps[scenario.index]
        assert any(q.source == point.quote.source and q.span and q.span[0] <= start and end <= q.span[1] for q in step.quotes)
        assert scenario.index > 0


async def test_o_opens_the_source_at_the_figures_quote() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        await highlight(pilot, screen, "Troops requested by US commanders")
        point = screen.current
        assert point is not None
        await pilot.press("o")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceScreen)
        assert reader.source_id == point.quote.source
        passage = reader.current_passage
        assert passage is not None and (passage.start, passage.end) == point.quote.span
        assert any(c.kind == "figure" and c.label == point.label for c in passage.citations)


async def test_l_switches_the_troop_axis_between_log_and_linear() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        chart = screen.query_one(FiguresChart)
        assert "1,000┤" in screen_text(app) and " 0┤" not in screen_text(app)  # log: no zero
        await pilot.press("l")
        await pilot.pause()
        assert not chart.log_scale
        text = screen_text(app)
        assert "Troops, 2011–2024 ·" not in text and "Troops, 2011–2024" in text
        assert " 0┤" in text  # linear: the axis starts at zero
        await pilot.press("l")
        await pilot.pause()
        assert chart.log_scale and "log scale" in screen_text(app)


# -- live reload and literal text -------------------------------------------------


async def test_a_changed_figure_updates_the_list_and_keeps_the_selection(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_figures(app, pilot)
        await highlight(pilot, screen, "US troops the parliament approved removing")
        path = root / "scenarios" / "2020-expulsion-vote.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("value = 5200\n", "value = [5000, 5200]\n"), encoding="utf-8")
        assert await reload(app, pilot)
        point = screen.current
        assert point is not None and point.scenario_id == "2020-expulsion-vote" and (point.low, point.high) == (5000, 5200)
        assert "5,000–5,200" in screen_text(app)
        assert "5,000–5,200 troops  a range" in detail_text(screen)
        assert screen.query_one(FiguresChart).selected == point


async def test_markup_in_a_series_name_and_a_figure_label_is_shown_as_typed(tmp_path: Path) -> None:
    root = write_markup_corpus(tmp_path)
    (root / "scenarios" / "series.toml").write_text(
        '[[series]]\nid = "marked"\nlabel = "Series [bold]bold?[/bold] [@click=app.quit]quit?[/]"\nunit = "[red]troops[/]"\n',
        encoding="utf-8",
    )
    scenario = root / "scenarios" / "markup.toml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8")
        + textwrap.dedent(
            """
            [[figures]]
            series = "marked"
            value = [3000, 4000]
            label = "Figure [@click=app.quit]label[/] and [b]not bold[/b]"
            quote = { source = "markup-doc", text = "[bold]not bold[/bold]" }
            """
        ),
        encoding="utf-8",
    )
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_figures(app, pilot)
        text = flat(screen_text(app))
        assert "Series [bold]bold?[/bold] [@click=app.quit]quit?[/]" in text  # the list heading and the legend
        assert text.count("[@click=app.quit]quit?[/]") >= 2
        assert "Figure [@click=app.quit]label[/] and [b]not bold[/b]" in text
        assert "3,000–4,000 [red]troops[/]" in text
        assert "[red]troops[/], 2020 · log scale" in text  # the chart's title names the unit as typed
        assert "[bold]not bold[/bold]" in text  # the quote
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen) and app.is_running


# -- the home screen's chart -------------------------------------------------------


async def test_home_shows_the_chart_once_loaded_and_marks_the_highlighted_scenario() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one("#home-figures", FiguresChart)
        assert chart.display and chart.compact and chart.region.width >= 44
        text = screen_text(app)
        assert "Troops, 2011–2024 · log scale" in text
        assert "NATO force increase pledged for Iraq" in text  # the legend
        assert [line.series.id for line in chart.series] == [line.series.id for line in figure_series(app.live.corpus)]  # type: ignore[union-attr]
        assert chart.guide == dt.date(2011, 9, 7)  # the first scenario is highlighted
        await pilot.press("down")
        await pilot.pause()
        assert chart.guide == dt.date(2020, 1, 7)
        await pilot.click("#home-figures")
        await pilot.pause()
        assert isinstance(app.screen, FiguresScreen)


async def test_home_leaves_the_chart_out_when_too_narrow() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#home-figures").display
        assert "Troops, 2011–2024" not in screen_text(app)
        assert "2011  How many troops stay after 2011?" in screen_text(app)


def test_start_up_imports_no_plotting_library() -> None:
    code = (
        "import sys\n"
        "import tui.app, tui.screens.home\n"
        "print(sorted(m for m in ('plotext', 'textual_plotext', 'tui.widgets.figures_chart') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
