"""The long lists of a large corpus build only the rows that are drawn, and still show every row.

The stance gaps and figures lists hold thousands of options at 3,000 scenarios; each option's
prompt is built when it is drawn (tui/widgets/lazy_prompt.py). These check that filling a list
builds no more than a screenful, that the last row is reached and shown after a burst of keys,
and that the chart draws the same with its points batched.
"""

from __future__ import annotations

import sys

import pytest
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from explorer_support import FIXTURE, flat, make_app, screen_text
from key_bursts import assert_idle, burst
from textual.geometry import Size
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app import DrawdownApp
from tui.corpus.figures import FigurePoint, corpus_figures
from tui.corpus.load import load_corpus
from tui.corpus.view_data import wait_prepared

from tui.screens.figures import FiguresScreen
from tui.screens.stance_gaps import StanceGapsScreen
from tui.step_labels import one_line
from tui.widgets.figure_list import FigureList
from tui.widgets.figures_chart import FiguresChart, chart_title
from tui.widgets.gap_list import GapList
from tui.widgets.lazy_prompt import LazyPrompt
from tui.widgets.long_option_list import LongOptionList
from tui.widgets.scenario_list import ScenarioList, _Card

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from corpus_copies import make_copies  # noqa: E402


@asynccontextmanager
async def large_view(tmp_path: Path, copies: int, key: str) -> AsyncIterator[tuple[DrawdownApp, Pilot[Any], Screen[Any]]]:
    """The app on `copies` copies of the bundled corpus, with the view that `key` opens."""
    root = tmp_path / "large"
    make_copies(root, copies)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await pilot.press(key)
        await pilot.pause()
        yield app, pilot, app.screen


def built_prompts(option_list: OptionList) -> int:
    """How many of the list's prompts have been built (a prompt that is not lazy is built)."""
    return sum(1 for option in option_list.options if not isinstance(option.prompt, LazyPrompt) or option.prompt.is_built)


@pytest.mark.parametrize("key, widget", [("g", GapList), ("f", FigureList)])
async def test_opening_a_long_list_makes_the_options_of_a_screenful_not_of_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, widget: type[LongOptionList]
) -> None:
    # Making and measuring an option per gap or figure (7,000 at 3,000 scenarios) was most of
    # these views' open: only the options drawn or read are made.
    made: list[Option] = []  # options with a lazy prompt: the gaps' and figures' (not the home screen's)
    make = Option.__init__

    def counted(self: Option, prompt: object, *args: Any, **kwargs: Any) -> None:
        if isinstance(prompt, LazyPrompt):
            made.append(self)
        make(self, prompt, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Option, "__init__", counted)
    async with large_view(tmp_path, 60, key) as (app, pilot, screen):
        option_list = screen.query_one(widget)
        assert option_list.option_count > 100
        assert len(made) <= option_list.scrollable_content_region.height + 2
        await burst(pilot, "end")
        await assert_idle(app, pilot)
        assert option_list.highlighted == option_list.option_count - 1
        assert len(made) <= 2 * option_list.scrollable_content_region.height + 4  # the first screenful and the last


async def test_the_home_list_makes_the_cards_it_draws_and_reaches_the_last_card(tmp_path: Path) -> None:
    # Making a Rich table for each of 1,000 cards was a tenth of the explorer's work before a first
    # open's counts: a card is measured from its plain text and made only when drawn.
    root = tmp_path / "large"
    make_copies(root, 200)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await assert_idle(app, pilot)
        scenario_list = app.screen.query_one(ScenarioList)
        cards = [option.prompt for option in scenario_list.options]
        assert len(cards) >= 200 and all(isinstance(card, _Card) for card in cards)
        shown = scenario_list.scrollable_content_region.height
        assert sum(card.is_built for card in cards) <= shown  # cards are at least two lines high
        await burst(pilot, "end")
        await assert_idle(app, pilot)
        assert scenario_list.highlighted == len(cards) - 1
        last = scenario_list.highlighted_row
        assert last is not None and last.view is not None
        assert one_line(last.view.entry.listing.title) in flat(screen_text(app))
        assert sum(card.is_built for card in cards) <= 2 * shown  # the first screenful and the last


async def test_the_gap_list_builds_a_screenful_and_reaches_the_last_gap(tmp_path: Path) -> None:
    async with large_view(tmp_path, 60, "g") as (app, pilot, screen):
        assert isinstance(screen, StanceGapsScreen)
        gap_list = screen.query_one(GapList)
        assert gap_list.option_count > 100
        assert built_prompts(gap_list) < 40  # what fits in the list's pane, not every option
        await burst(pilot, "end")
        await assert_idle(app, pilot)
        assert gap_list.current is screen.gaps[-1]
        last = screen.gaps[-1]
        assert app.live.corpus.actors[last.actor_id].name in screen_text(app)
        await burst(pilot, *("up",) * 5)
        await assert_idle(app, pilot)
        assert gap_list.current is not None and gap_list.current is not last


async def reaches_the_last_option(app: DrawdownApp, pilot: Pilot[Any], option_list: OptionList) -> None:
    """After a measure by hand, the list still lays out and reaches its last option."""
    await pilot.press("end")
    await assert_idle(app, pilot)
    assert option_list.highlighted == option_list.option_count - 1


@pytest.mark.parametrize("key, widget", [("g", GapList), ("f", FigureList)])
async def test_a_long_list_reads_its_wrapping_rules_once_per_measure_not_per_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, widget: type[OptionList]
) -> None:
    # Textual 8.2.8 resolves a style at each read: three reads per option made most of the
    # stance gaps' and figures' open at 3,000 scenarios.
    async with large_view(tmp_path, 60, key) as (app, pilot, screen):
        option_list = screen.query_one(widget)
        assert option_list.option_count > 100
        styles = option_list.styles
        reads: list[str] = []
        read = type(styles).get

        def counted(self: Any, name: str, default: object = None) -> object:
            if self is styles:
                reads.append(name)
            return read(self, name, default)

        monkeypatch.setattr(type(styles), "get", counted)
        width = option_list.scrollable_content_region.width
        height = option_list.get_content_height(Size(width, 38), Size(120, 40), width)
        option_list._clear_caches()
        option_list._update_lines()
        assert len(reads) <= 6  # three rules, once for the height and once for the lines
        assert height == len(option_list._lines)
        monkeypatch.undo()
        await reaches_the_last_option(app, pilot, option_list)


@pytest.mark.parametrize("key, widget", [("g", GapList), ("f", FigureList)])
async def test_a_long_list_counts_its_height_once_per_width_until_its_options_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, widget: type[LongOptionList]
) -> None:
    async with large_view(tmp_path, 60, key) as (app, pilot, screen):
        option_list = screen.query_one(widget)
        width = option_list.scrollable_content_region.width
        measures: list[int] = []
        measure = LazyPrompt.get_height
        monkeypatch.setattr(LazyPrompt, "get_height", lambda self, rules, width: (measures.append(width), measure(self, rules, width))[1])
        rows = option_list.get_content_height(Size(width, 38), Size(120, 40), width)
        assert not measures  # rows of known heights: nothing to measure
        options = list(option_list.options)
        assert rows == sum(measure(option.prompt, option_list.styles, width) for option in options)  # type: ignore[arg-type]
        # The same options given as objects are measured, once per width.
        option_list.set_options(options)
        measures.clear()  # the line table, counted as the options were set
        heights = [option_list.get_content_height(Size(width, 38), Size(120, 40), width) for _ in range(3)]
        assert heights == [rows] * 3 and len(measures) == option_list.option_count  # measured once, asked three times
        narrow = option_list.get_content_height(Size(30, 38), Size(120, 40), 30)
        assert narrow >= heights[0] and len(measures) == 2 * option_list.option_count  # another width: measured again
        option_list.set_options(options[:3])
        assert option_list.get_content_height(Size(width, 38), Size(120, 40), width) == sum(
            measure(option.prompt, option_list.styles, width) for option in options[:3]  # type: ignore[arg-type]
        )
        option_list.set_options(options)
        assert option_list.get_content_height(Size(width, 38), Size(120, 40), width) == heights[0]
        monkeypatch.undo()
        await reaches_the_last_option(app, pilot, option_list)


async def test_the_figure_list_builds_a_screenful_and_reaches_the_last_figure(tmp_path: Path) -> None:
    async with large_view(tmp_path, 60, "f") as (app, pilot, screen):
        assert isinstance(screen, FiguresScreen)
        figure_list = screen.query_one(FigureList)
        assert figure_list.option_count > 100
        assert built_prompts(figure_list) < 40
        await burst(pilot, "end")
        await assert_idle(app, pilot)
        last = screen.series[-1].points[-1]
        assert figure_list.current is last
        assert one_line(last.label)[:30] in screen_text(app)


async def test_the_chart_draws_runs_of_points_in_one_call_and_the_same_picture(tmp_path: Path, monkeypatch: Any) -> None:
    async with large_view(tmp_path, 30, "f") as (app, pilot, screen):
        chart = screen.query_one(FiguresChart)
        points = sum(len(line.points) for line in chart.series)
        calls: list[int] = []
        scatter = chart.plt.scatter
        monkeypatch.setattr(chart.plt, "scatter", lambda xs, *a, **k: (calls.append(len(xs)), scatter(xs, *a, **k))[1])
        batched = chart._plot_text(100, 20, chart.colours)
        assert sum(calls) >= points - sum(p.is_range for line in chart.series for p in line.points)
        assert len(calls) <= len(chart.series) * 4  # runs of single points, not one call per point

        # The picture the chart drew point by point, as it did before.
        def one_by_one(xs: list[float], ys: list[float], **k: Any) -> None:
            for x, y in zip(xs, ys):
                scatter([x], [y], **k)

        monkeypatch.setattr(chart.plt, "scatter", one_by_one)
        assert chart._plot_text(100, 20, chart.colours) == batched


def test_a_lazy_prompt_counts_its_height_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.widgets.lazy_prompt as lazy_prompt
    from textual.content import Content

    counted: list[str] = []
    measure = lazy_prompt.cell_len
    monkeypatch.setattr(lazy_prompt, "cell_len", lambda text: (counted.append(text), measure(text))[1])
    prompt = LazyPrompt(lambda: Content("one\ntwo three"), ["one", "two three"])
    rules: dict[str, object] = {}
    assert [prompt.get_height(rules, 20) for _ in range(5)] == [2] * 5  # type: ignore[arg-type]
    assert len(counted) == 2 and not prompt.is_built
    assert prompt.get_height(rules, 5) == 3 and prompt.is_built  # type: ignore[arg-type]  # narrower: wrapped, so built and measured
    assert prompt.get_height(rules, 20) == 2  # type: ignore[arg-type]

    counted.clear()
    cut = LazyPrompt(lambda: Content("one\ntwo three"), ["one", "two three"])
    cut_rules = {"text_wrap": "nowrap", "text_overflow": "ellipsis"}
    assert [cut.get_height(cut_rules, width) for width in (20, 5)] == [2, 2]  # type: ignore[arg-type]
    assert not counted and not cut.is_built  # cut lines are one line each: no width counted (7,800 figures)


async def test_a_large_chart_is_drawn_off_the_event_loop_and_then_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import tui.widgets.figures_chart as figures_chart

    monkeypatch.setattr(figures_chart, "DRAW_INLINE", 1)  # the bundled corpus's chart as a large one
    threads: list[threading.Thread] = []
    draw = FiguresChart._draw
    monkeypatch.setattr(FiguresChart, "_draw", lambda self, *a: (threads.append(threading.current_thread()), draw(self, *a))[1])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.corpus_ready()
        await pilot.press("f")
        await pilot.pause()
        chart = app.screen.query_one(FiguresChart)
        for key in ("down", "down", "up"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert threads and threading.main_thread() not in threads
            # What is shown is the drawing of the chart as it is now (the selection moved).
            width, height = chart.size
            assert str(chart.render()) == str(draw(chart, width, height))
            assert figures_chart.DRAWING not in screen_text(app)


async def test_the_figures_open_and_moves_read_only_the_values_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The widest value (the list lines values up) is kept on each series as it is built, in the
    # background: the open read every one of the 7,800 values of 3,000 scenarios.
    root = tmp_path / "large"
    make_copies(root, 60)
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        live = await app.corpus_ready()
        while not wait_prepared(live.corpus, timeout=0):
            await pilot.pause(0.05)
        reads: list[FigurePoint] = []
        value_text = FigurePoint.value_text
        monkeypatch.setattr(FigurePoint, "value_text", property(lambda self: (reads.append(self), value_text.fget(self))[1]))  # type: ignore[attr-defined]
        await pilot.press("f")
        await pilot.pause()
        await burst(pilot, "down", "down", "down")
        await assert_idle(app, pilot)
        figure_list = app.screen.query_one(FigureList)
        points = sum(len(line.points) for line in figure_list.series)
        assert points > 100
        assert len(reads) <= 2 * figure_list.scrollable_content_region.height  # the rows drawn and the detail pane's


def test_the_chart_title_and_its_log_scale_read_the_series_not_each_point() -> None:
    # Asked on the Figures screen's open and on each move of its selection.
    series = corpus_figures(load_corpus(FIXTURE))
    assert series and all(line.points for line in series)
    title, can_log = chart_title(series), all(point.low > 0 for line in series for point in line.points)
    for line in series:
        object.__setattr__(line, "points", ())  # what is read past this point is the series' own summary
    assert chart_title(series) == title != "No figures"
    chart = FiguresChart()
    chart.series = tuple(series)
    assert chart.can_log is can_log
